import type { JsonValue } from '../api/formats/common';
import type { MocksFileInput } from '../api/formats/mocks';
import { formatIssuePath } from '../api/issue-path';
import type { SourceFormat } from '../api/routes/mocks-convert';
import type { FileIssue } from '../formats/format-error';
import type { SourceDocument } from '../formats/source-document';

export type RouteInput = MocksFileInput['routes'][number];
export type ResponseInput = RouteInput['responses'][number];
export type FaultInput = NonNullable<RouteInput['faults']>[number];
export type LatencyInput = NonNullable<RouteInput['latency']>;

export type { SourceFormat } from '../api/routes/mocks-convert';

export const FORMAT_NAMES: Record<SourceFormat, string> = {
  openapi3: 'OpenAPI 3',
  swagger2: 'Swagger 2',
  mockoon: 'Mockoon environment',
  wiremock: 'WireMock mappings',
  har: 'HAR',
};

/** One route and where in which file it came from. */
export interface ConvertedRoute {
  route: RouteInput;
  file: string;
  /** Where in the file, e.g. `paths["/orders/{id}"].get` or `mappings[3]`. */
  path: string;
}

/** What one source file gave. */
export interface SourceConversion {
  file: string;
  format: SourceFormat;
  name?: string;
  routes: ConvertedRoute[];
  /** Initial mock state (WireMock scenarios start in `Started`). */
  state?: Record<string, JsonValue>;
  /** Read as its format but unusable as a whole (nothing of it converts). */
  fatal: boolean;
}

/**
 * The findings of a conversion, each with the file and the path inside it: `problems` were
 * not converted (the rest still is), `notes` were converted with a caveat worth reading.
 */
export class Findings {
  readonly problems: FileIssue[] = [];
  readonly notes: FileIssue[] = [];

  /** A collector bound to one parsed file (issues get its line and column when known). */
  forDocument(doc: SourceDocument): DocumentFindings {
    return {
      problem: (path, message) => this.problems.push(locate(doc, path, message)),
      note: (path, message) => this.notes.push(locate(doc, path, message)),
    };
  }
}

export interface DocumentFindings {
  problem(path: readonly PropertyKey[], message: string): void;
  note(path: readonly PropertyKey[], message: string): void;
}

function locate(doc: SourceDocument, path: readonly PropertyKey[], message: string): FileIssue {
  const text = formatIssuePath(path);
  try {
    return doc.issue(path, text, message);
  } catch {
    // Locating needs the YAML parser; a JSON file it refuses (duplicate keys…) gets no line.
    return { file: doc.file, path: text, message };
  }
}

/** `value` as a plain object, or null. */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A route id from any text: letters, digits, `_` and `-`, starting with a letter or `_`. */
export function routeId(text: string): string {
  const cleaned = text
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[_-]+|[_-]+$/g, '');
  const id = cleaned === '' ? 'route' : /^[A-Za-z_]/.test(cleaned) ? cleaned : `r_${cleaned}`;
  return id.slice(0, 80);
}

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type Method = (typeof HTTP_METHODS)[number];

export function asMethod(value: string): Method | null {
  const upper = value.toUpperCase();
  return (HTTP_METHODS as readonly string[]).includes(upper) ? (upper as Method) : null;
}
