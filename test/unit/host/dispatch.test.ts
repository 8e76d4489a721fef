import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/host/dispatch';
import type { Handlers } from '../../../main/host/dispatch';
import { HostError } from '../../../main/host/host-error';

const info = { name: 'flowbench', version: '1.2.3', mode: 'cli' as const, dataDir: '/d', platform: 'p', node: '20' };

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'app.info': () => info,
    'examples.list': () => ({ root: '/x', files: [] }),
    ...overrides,
  } as Handlers;
}

describe('dispatch', () => {
  it('runs a valid call', async () => {
    const dispatch = createDispatcher(handlers());
    expect(await dispatch('app.info', {})).toEqual({ ok: true, value: info });
  });

  it('treats a missing input as an empty object', async () => {
    const dispatch = createDispatcher(handlers());
    expect(await dispatch('examples.list', undefined)).toEqual({ ok: true, value: { root: '/x', files: [] } });
  });

  it('refuses an unknown route with the list of known ones', async () => {
    const result = await createDispatcher(handlers())('app.shutdown', {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('unknown_route');
      expect(result.error.message).toContain('app.info');
    }
  });

  it('returns invalid_input with the zod path', async () => {
    const result = await createDispatcher(handlers())('examples.list', { kind: 7 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'kind' }] } });
  });

  it('refuses extra keys (strict inputs)', async () => {
    const result = await createDispatcher(handlers())('app.info', { sneaky: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('passes HostErrors through with their code', async () => {
    const dispatch = createDispatcher(
      handlers({
        'app.info': () => {
          throw new HostError('not_found', 'nothing here', [{ path: 'x', message: 'y' }]);
        },
      }),
    );
    expect(await dispatch('app.info', {})).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'nothing here', issues: [{ path: 'x', message: 'y' }] },
    });
  });

  it('turns a crash into an internal error and reports it', async () => {
    const seen: string[] = [];
    const dispatch = createDispatcher(
      handlers({
        'app.info': () => {
          throw new Error('boom');
        },
      }),
      { onInternalError: (route) => seen.push(route) },
    );
    expect(await dispatch('app.info', {})).toMatchObject({ ok: false, error: { code: 'internal', message: 'app.info failed: boom' } });
    expect(seen).toEqual(['app.info']);
  });

  it('catches a handler output that breaks the contract', async () => {
    const dispatch = createDispatcher(
      handlers({ 'app.info': () => ({ ...info, version: 3 }) as unknown as typeof info }),
      { onInternalError: () => {} },
    );
    expect(await dispatch('app.info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
