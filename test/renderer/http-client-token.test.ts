import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpClient } from '../../renderer/src/api/http-client';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('browser-mode client and the access token', () => {
  it('sends it as a Bearer header on every call, and as ?token= on the event stream only', async () => {
    const requests: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      requests.push({ url, init });
      return new Response(JSON.stringify({ ok: true, value: { cleared: 0 } }), { status: 200 });
    });
    const streams: string[] = [];
    vi.stubGlobal(
      'EventSource',
      class {
        constructor(url: string) {
          streams.push(url);
        }
        addEventListener(): void {}
      },
    );
    const client = createHttpClient('tok/en+1');
    expect(await client.call('mocks.clearJournal', {})).toEqual({ cleared: 0 });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe('/api/call/mocks.clearJournal');
    expect(new Headers(requests[0]?.init.headers).get('authorization')).toBe('Bearer tok/en+1');
    client.on('host.notice', () => {});
    expect(streams).toEqual(['/api/events?token=tok%2Fen%2B1']);
  });

  it('without a token sends none, and the host’s 401 comes back as an unauthorized error', async () => {
    const seen: RequestInit[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      seen.push(init);
      return new Response(JSON.stringify({ ok: false, error: { code: 'unauthorized', message: 'request refused: it carries no access token.' } }), { status: 401 });
    });
    const client = createHttpClient(null);
    await expect(client.call('app.info', {})).rejects.toMatchObject({ code: 'unauthorized', message: 'request refused: it carries no access token.' });
    expect(new Headers(seen[0]?.headers).has('authorization')).toBe(false);
  });
});
