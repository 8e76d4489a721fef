import { ApiCallError } from '../../../main/api/errors';

/** A message for the UI, with the issue paths when the host gave them. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiCallError && error.issues.length > 0) {
    return `${error.message}\n${error.issues.map((i) => `• ${i.path}: ${i.message}`).join('\n')}`;
  }
  return error instanceof Error ? error.message : String(error);
}
