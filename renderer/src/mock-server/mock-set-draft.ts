import { Fault, Latency } from '../../../main/api/formats/mocks';
import type { MockRoute, MocksFileInput } from '../../../main/api/formats/mocks';
import type { ApiIssue } from '../../../main/api/errors';

/** A mock set being edited, as written (defaults not filled in: what is absent stays absent). */
export type DraftMocks = MocksFileInput;
export type DraftRoute = DraftMocks['routes'][number];
export type DraftResponse = DraftRoute['responses'][number];

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const PICKS = ['first', 'sequence', 'random'] as const;

/** A deep copy of a JSON value (also of a Vue reactive proxy, which structuredClone refuses). */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** An id not taken yet: `base`, else `base_2`, `base_3`, … */
export function freeId(base: string, taken: readonly string[]): string {
  const clean = base.replace(/[^\w-]/g, '_').replace(/^([^A-Za-z_])/, '_$1') || 'route';
  if (!taken.includes(clean)) return clean;
  for (let n = 2; ; n++) if (!taken.includes(`${clean}_${n}`)) return `${clean}_${n}`;
}

export function newRoute(routes: readonly DraftRoute[]): DraftRoute {
  const id = freeId('new_route', routes.map((r) => r.id));
  return { id, method: 'GET', path: `/${id.replace(/_/g, '-')}`, responses: [{ status: 200, body: { ok: true } }] };
}

/** A copy of route `index` right after it, under a free id (`<id>_copy`). */
export function duplicateRoute(routes: readonly DraftRoute[], index: number): DraftRoute[] {
  const route = routes[index];
  if (route === undefined) return [...routes];
  const copy: DraftRoute = { ...cloneJson(route), id: freeId(`${route.id}_copy`, routes.map((r) => r.id)) };
  return [...routes.slice(0, index + 1), copy, ...routes.slice(index + 1)];
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

export function moveItem<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return [...list];
  const out = [...list];
  const [item] = out.splice(index, 1);
  if (item !== undefined) out.splice(to, 0, item);
  return out;
}

/**
 * Sets `key` on a copy of `object`; `undefined`, or the schema's default when the key was
 * absent, leaves it absent (so an untouched default never shows up in the saved YAML).
 */
export function withField<T extends object, K extends keyof T>(object: T, key: K, value: T[K] | undefined, defaultValue?: T[K]): T {
  const out = { ...object };
  if (value === undefined || (!(key in object) && defaultValue !== undefined && JSON.stringify(value) === JSON.stringify(defaultValue))) {
    delete out[key];
    return out;
  }
  out[key] = value;
  return out;
}

/** A response's body for its field: JSON text, or the string itself in text mode. */
export function bodyField(body: DraftResponse['body']): { mode: 'json' | 'text' | 'none'; text: string } {
  if (body === undefined) return { mode: 'none', text: '' };
  if (typeof body === 'string') return { mode: 'text', text: body };
  return { mode: 'json', text: JSON.stringify(body, null, 2) };
}

/** Where an issue of the host's checks is, in words: `route order_status › response 2 › when`. */
export function issueWhere(issue: ApiIssue, draft: DraftMocks): string {
  const m = /^routes\[(\d+)\](.*)$/.exec(issue.path);
  if (m === null) return issue.path === '' ? 'the mock set' : issue.path.replace(/ \(line \d+\)$/, '');
  const index = Number(m[1]);
  const route = draft.routes[index];
  let rest = (m[2] ?? '').replace(/^\./, '');
  const parts = [route ? `route ${route.id || `#${index + 1}`}` : `route #${index + 1}`];
  const response = /^responses\[(\d+)\]\.?(.*)$/.exec(rest);
  const fault = /^faults\[(\d+)\]\.?(.*)$/.exec(rest);
  if (response) {
    parts.push(`response ${Number(response[1]) + 1}`);
    rest = response[2] ?? '';
  } else if (fault) {
    parts.push(`fault ${Number(fault[1]) + 1}`);
    rest = fault[2] ?? '';
  }
  if (rest !== '') parts.push(rest);
  return parts.join(' › ');
}

/** Which route (by index) an issue belongs to, for the route list's markers. */
export function issueRoute(issue: ApiIssue): number | null {
  const m = /^routes\[(\d+)\]/.exec(issue.path);
  return m ? Number(m[1]) : null;
}

export type LatencyFaultsRoute = Pick<MockRoute, 'id' | 'method' | 'path' | 'latency' | 'faults' | 'pick'> & { responses: readonly unknown[] };

/** For the latency and fault fields: what they need of a route (values the schema refuses read as the defaults). */
export function latencyFaultsView(route: DraftRoute): LatencyFaultsRoute {
  const latency = Latency.safeParse(route.latency ?? { fixed: 0 });
  const faults = Fault.array().safeParse(route.faults ?? []);
  return {
    id: route.id,
    method: route.method ?? 'GET',
    path: route.path,
    latency: latency.success ? latency.data : { fixed: 0 },
    faults: faults.success ? faults.data : [],
    pick: route.pick ?? 'first',
    responses: route.responses,
  };
}
