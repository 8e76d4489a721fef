import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { MocksFile } from '../../../main/api/formats/mocks';
import { VirtualClock } from '../../../main/engine/virtual-clock';
import { InMemoryTransport } from '../../../main/engine/in-memory-transport';
import type { TransportOutcome } from '../../../main/engine/transport';
import { harToMocks } from '../../../main/sessions/har-import';
import { compileMocks } from '../../../mocks/core/compile-mocks';
import { startMockServer } from '../../../mocks/server/start-mock-server';

/** A recorded API whose bodies hold what mock templates would read: `{{params.id}}`, stray braces. */
const JSON_TEXT = '{"id":"{{params.id}}","greeting":"Hello {{ name }}!","stray":"}} and {{"}';
const TEXT = 'plain {{body.order}} text }}';

function entry(url: string, mimeType: string, text: string) {
  return {
    startedDateTime: '2026-11-24T10:00:00.000Z',
    time: 20,
    request: { method: 'GET', url, httpVersion: 'HTTP/1.1', cookies: [], headers: [], queryString: [], headersSize: -1, bodySize: 0 },
    response: {
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [{ name: 'content-type', value: mimeType }],
      content: { size: text.length, mimeType, text },
      redirectURL: '',
      headersSize: -1,
      bodySize: text.length,
    },
    cache: {},
    timings: { send: 0, wait: 20, receive: 0 },
  };
}

const har = {
  log: {
    version: '1.2',
    creator: { name: 'a browser', version: '1' },
    entries: [entry('https://api.example.com/orders/12345', 'application/json', JSON_TEXT), entry('https://api.example.com/notes', 'text/plain', TEXT)],
  },
};

describe('HAR import serves recorded bodies as recorded', () => {
  const imported = harToMocks(har, 'recorded API');
  // Through YAML and back, as the workbench saves it.
  const mocks = MocksFile.parse(parse(stringify(imported)));

  it('keeps the braces and marks those responses template: false', () => {
    const [orders, notes] = mocks.routes;
    expect(orders?.responses[0]).toMatchObject({ template: false, body: JSON.parse(JSON_TEXT) });
    expect(notes?.responses[0]).toMatchObject({ template: false, body: TEXT });
  });

  it('the Express mock server answers byte for byte', async () => {
    const served = { ...mocks, routes: mocks.routes.map((r) => ({ ...r, latency: { fixed: 0 } })) };
    const server = await startMockServer({ mocks: served });
    try {
      const json = await fetch(`${server.url}/orders/12345`);
      expect(await json.text()).toBe(JSON_TEXT);
      const text = await fetch(`${server.url}/notes`);
      expect(text.headers.get('content-type')).toBe('text/plain');
      expect(await text.text()).toBe(TEXT);
      expect(server.journal.entries().map((e) => e.warnings)).toEqual([[], []]);
    } finally {
      await server.close();
    }
  });

  it('the virtual clock gets the same body', () => {
    const clock = new VirtualClock();
    const transport = new InMemoryTransport({ clock, mocks: compileMocks(mocks), seed: 0 });
    const answers: TransportOutcome[] = [];
    transport.send(
      { id: 'r1', endpoint: 'order', module: 'm', method: 'GET', url: '/orders/12345', headers: {}, body: undefined, timeoutMs: 5000, sentAt: 0 },
      (outcome) => answers.push(outcome),
    );
    clock.runUntilIdle();
    expect(answers).toEqual([{ kind: 'response', status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.parse(JSON_TEXT) }]);
  });
});
