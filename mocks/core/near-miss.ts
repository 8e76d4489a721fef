import type { CompiledRoute } from './compile-mocks';
import type { MockRequest } from './mock-request';

export interface NearMiss {
  routeId: string;
  method: string;
  path: string;
  /** Why it did not match, e.g. `method is GET, not POST`. */
  reasons: string[];
}

/** The routes closest to an unmatched request, best first, with what did not match. */
export function nearMisses(routes: readonly CompiledRoute[], request: MockRequest, limit = 3): NearMiss[] {
  return routes
    .map((compiled) => {
      const { route } = compiled;
      const reasons: string[] = [];
      const methodOk = route.method === request.method.toUpperCase();
      const pathOk = compiled.matchPath(request.path) !== null;
      if (!methodOk) reasons.push(`method is ${route.method}, not ${request.method.toUpperCase()}`);
      if (!pathOk) reasons.push(`path ${request.path} does not match ${route.path}`);
      const distance = editDistance(stripParams(route.path), request.path) + (methodOk ? 0 : 3) + (pathOk ? 0 : 1);
      return { miss: { routeId: route.id, method: route.method, path: route.path, reasons }, distance };
    })
    .sort((a, b) => a.distance - b.distance)
    .slice(0, limit)
    .map((x) => x.miss);
}

function stripParams(path: string): string {
  return path.replace(/:[A-Za-z_$][\w$]*/g, '');
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}
