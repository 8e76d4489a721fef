import { describe, expect, it } from 'vitest';
import { MockConfigError, parseMocksConfig, parseRouteOverride } from '../../../mocks/server';

function issuesOf(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof MockConfigError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a MockConfigError');
}

describe('admin config checks', () => {
  it('accepts a valid config and fills the defaults', () => {
    const mocks = parseMocksConfig({ format: 'flowbench.mocks/1', routes: [{ id: 'a', path: '/a', responses: [{ body: 1 }] }] });
    expect(mocks.routes[0]).toMatchObject({ method: 'GET', latency: { fixed: 0 }, pick: 'first' });
  });

  it('gives schema issues with their path', () => {
    const issues = issuesOf(() =>
      parseMocksConfig({ format: 'flowbench.mocks/1', routes: [{ id: 'a', path: '/a', latency: { fixed: -1 }, responses: [{ body: 1 }] }] }),
    );
    expect(issues.map((i) => i.path)).toEqual(['routes[0].latency.fixed']);
  });

  it('runs the loader cross-checks: duplicate ids, bad paths, bad CEL', () => {
    const issues = issuesOf(() =>
      parseMocksConfig({
        format: 'flowbench.mocks/1',
        routes: [
          { id: 'a', path: '/a', responses: [{ body: 1 }] },
          { id: 'a', path: '/b/:', responses: [{ when: 'params.id ==', body: 1 }] },
        ],
      }),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(['routes[1].id', 'routes[1].path', 'routes[1].responses[0].when']);
  });

  it('checks a route patch against the RouteOverride schema', () => {
    expect(parseRouteOverride({ latency: { fixed: 5 } })).toEqual({ latency: { fixed: 5 } });
    expect(issuesOf(() => parseRouteOverride({ faults: [{ kind: 'status', rate: 0.5 }] })).map((i) => i.path)).toEqual(['faults[0].status']);
    expect(issuesOf(() => parseRouteOverride({ path: '/x' })).map((i) => i.path)).toEqual(['path']);
  });
});
