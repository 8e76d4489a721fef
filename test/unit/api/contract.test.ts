import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract, eventContract, eventNames, isRouteName, routeNames } from '../../../main/api/contract';
import { formatIssuePath } from '../../../main/api/issue-path';
import { createHost } from '../../../main/host/host';
import { repoRoot } from '../../support/paths';

const apiDir = join(repoRoot, 'main', 'api');

/** Every value exported by the route modules (and events.ts) that is a route or an event definition. */
async function definitions(): Promise<{ routes: Map<unknown, string>; events: Map<unknown, string> }> {
  const routes = new Map<unknown, string>();
  const events = new Map<unknown, string>();
  const files = [...readdirSync(join(apiDir, 'routes')).map((f) => join(apiDir, 'routes', f)), join(apiDir, 'events.ts')];
  for (const file of files) {
    const exported = (await import(file)) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(exported)) {
      if (typeof value !== 'object' || value === null || !('name' in value) || typeof value.name !== 'string') continue;
      const where = `${file.slice(repoRoot.length + 1)}: ${exportName} (${value.name})`;
      if ('input' in value && 'output' in value) routes.set(value, where);
      else if ('payload' in value) events.set(value, where);
    }
  }
  return { routes, events };
}

describe('API contract', () => {
  it('holds every route and event defined in main/api, each under its own name, none shadowed by another of the same name', async () => {
    const { routes, events } = await definitions();
    // A definition left out of the contract, or two with one name (the later key wins), shows here.
    const missingRoutes = [...routes].filter(([route]) => !Object.values(contract).includes(route as never)).map(([, where]) => where);
    const missingEvents = [...events].filter(([event]) => !Object.values(eventContract).includes(event as never)).map(([, where]) => where);
    expect(missingRoutes).toEqual([]);
    expect(missingEvents).toEqual([]);
    expect(routes.size).toBe(routeNames.length);
    expect(events.size).toBe(eventNames.length);
    for (const name of [...routeNames, ...eventNames]) expect(name).toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/);
  });

  it('is served by the host: every route has a handler that checks its input before anything runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowbench-contract-'));
    const host = createHost({ mode: 'cli', appRoot: repoRoot, name: 'flowbench', version: '1.0.0-test', dataDir: dir, dbFile: join(dir, 'db.sqlite') });
    try {
      for (const name of routeNames) {
        // Every input is an object: a string is refused by the contract, with a word for the user.
        const result = await host.dispatch(name, 'not an object');
        expect(result, name).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
        expect(result.ok === false && result.error.message, name).toContain(`invalid input for ${name}`);
      }
      expect(await host.dispatch('no.such', {})).toMatchObject({ ok: false, error: { code: 'unknown_route' } });
    } finally {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('recognises only contract names', () => {
    expect(isRouteName('app.info')).toBe(true);
    expect(isRouteName('toString')).toBe(false);
    expect(isRouteName('__proto__')).toBe(false);
    expect(isRouteName(42)).toBe(false);
  });

  it('formats issue paths the way the spec writes them', () => {
    expect(formatIssuePath(['modules', 3, 'ports', 'next'])).toBe('modules[3].ports.next');
    expect(formatIssuePath([])).toBe('(root)');
    expect(formatIssuePath(['headers', 'x-lang'])).toBe('headers.x-lang');
    expect(formatIssuePath(['map', 'a b'])).toBe('map["a b"]');
  });
});
