import type { CompiledMocks } from './compile-mocks';

/**
 * Whether a route takes this method and path: the test `decide` makes before it counts a
 * request (same method comparison, same path matcher). Counts nothing, changes nothing, so a
 * server can ask it first to choose how to serve the request.
 */
export function matchesRoute(mocks: CompiledMocks, method: string, path: string): boolean {
  const upper = method.toUpperCase();
  for (const compiled of mocks.routes) {
    if (compiled.route.method === upper && compiled.matchPath(path) !== null) return true;
  }
  return false;
}
