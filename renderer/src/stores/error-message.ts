import { ApiCallError } from '../../../main/api/errors';

/**
 * A message for the UI, with the issue paths when the host gave them: each problem once
 * (the host's message already lists them for logs; here they are a list of their own).
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiCallError && error.issues.length > 0) {
    const lines = [...new Set(error.issues.map((i) => `${i.path}: ${i.message}`))];
    return `${headline(error, lines)}\n${lines.map((line) => `• ${line}`).join('\n')}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function headline(error: ApiCallError, lines: readonly string[]): string {
  if (error.code === 'invalid_input') return lines.length === 1 ? 'Not accepted:' : `Not accepted (${lines.length} problems):`;
  let head = error.message;
  for (const line of lines) head = head.replace(line, '');
  head = head.replace(/(\s*[;:,]\s*)+$/, '').trim();
  return head === '' ? 'Not accepted:' : `${head}:`;
}
