import { describe, expect, it } from 'vitest';
import { duplicateRoute, freeId, issueWhere, latencyFaultsView, moveItem, newRoute, withField } from '../../renderer/src/mock-server/mock-set-draft';
import type { DraftMocks } from '../../renderer/src/mock-server/mock-set-draft';
import { headersRecord, parseBodyField, parseStatus } from '../../renderer/src/mock-server/response-form';
import { parseStateText } from '../../renderer/src/mock-server/state-form';
import { bodyForReading, requestLine } from '../../renderer/src/mock-server/exchange-view';
import { importRefusal, libraryPathFor } from '../../renderer/src/mock-server/import-files';
import { parsePort } from '../../renderer/src/mock-server/port-field';
import { hunks } from '../../main/api/line-diff';
import { lineDiff } from '../../main/host/line-diff';

const draft: DraftMocks = {
  format: 'flowbench.mocks/1',
  routes: [
    { id: 'order_status', path: '/orders/:id', responses: [{ status: 200 }] },
    { id: 'order_status_copy', path: '/orders/:id', responses: [{ body: 'x' }] },
  ],
};

describe('mock set editor: routes', () => {
  it('duplicates a route right after it under a free id, leaving the original as it was', () => {
    const routes = duplicateRoute(draft.routes, 0);
    // order_status_copy is taken, so the copy is order_status_copy_2.
    expect(routes.map((r) => r.id)).toEqual(['order_status', 'order_status_copy_2', 'order_status_copy']);
    expect(routes[1]).toEqual({ ...draft.routes[0], id: 'order_status_copy_2' });
    expect(routes[1]?.responses).not.toBe(draft.routes[0]?.responses);
    expect(newRoute(draft.routes)).toEqual({ id: 'new_route', method: 'GET', path: '/new-route', responses: [{ status: 200, body: { ok: true } }] });
    expect(freeId('2fa check', [])).toBe('_2fa_check');
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
  });

  it('writes only what changed: an untouched default stays absent, a set value stays set', () => {
    const route: DraftMocks['routes'][number] = { id: 'r', path: '/r', responses: [] };
    expect(withField(route, 'pick', 'first', 'first')).toEqual(route);
    expect(withField({ ...route, pick: 'random' }, 'pick', 'first', 'first')).toEqual({ ...route, pick: 'first' });
    expect(withField({ ...route, pick: 'random' }, 'pick', undefined)).toEqual(route);
  });

  it('names where a host issue is in words', () => {
    expect(issueWhere({ path: 'routes[1].responses[0].when', message: '' }, draft)).toBe('route order_status_copy › response 1 › when');
    expect(issueWhere({ path: 'routes[0].faults[2].rate', message: '' }, draft)).toBe('route order_status › fault 3 › rate');
    expect(issueWhere({ path: 'routes[5].id', message: '' }, draft)).toBe('route #6 › id');
    expect(issueWhere({ path: 'seed', message: '' }, draft)).toBe('seed');
  });

  it('gives the latency fields what the schema accepts, the defaults otherwise', () => {
    const view = latencyFaultsView({ id: 'r', path: '/r', latency: { fixed: -5 }, faults: [{ kind: 'reset', rate: 0.5 }], responses: [] });
    expect(view).toMatchObject({ latency: { fixed: 0 }, faults: [{ kind: 'reset', rate: 0.5 }], method: 'GET', pick: 'first' });
  });
});

describe('mock set editor: response fields', () => {
  it('checks a JSON body as typed, with line and column, and keeps text bodies as text', () => {
    expect(parseBodyField('json', '{ "id": "{{params.id}}" }')).toEqual({ ok: true, value: { id: '{{params.id}}' } });
    const bad = parseBodyField('json', '{\n  "a": 1,\n}');
    // The closing brace at offset 12 is on line 3, column 1.
    expect(bad).toEqual({ ok: false, reason: expect.stringContaining('at line 3, column 1') });
    // A bare word: `{ "id": "x", "state": shipped }` has the s of shipped at offset 22, column 23.
    expect(parseBodyField('json', '{ "id": "x", "state": shipped }')).toEqual({ ok: false, reason: 'not valid JSON: unexpected "shipped" (text needs "quotes") at line 1, column 23 (to send it as text, choose "text")' });
    expect(parseBodyField('json', '{ "n": 1e5 }')).toEqual({ ok: true, value: { n: 100000 } });
    expect(parseBodyField('text', 'not json')).toEqual({ ok: true, value: 'not json' });
    expect(parseBodyField('none', 'ignored')).toEqual({ ok: true, value: undefined });
    expect(parseBodyField('json', ' ')).toMatchObject({ ok: false });
  });

  it('checks statuses, headers and states', () => {
    expect(parseStatus('503')).toEqual({ ok: true, value: 503 });
    expect(parseStatus('99')).toMatchObject({ ok: false });
    expect(parseStatus('200.5')).toMatchObject({ ok: false });
    expect(headersRecord([{ name: 'X-Lang', value: 'de' }])).toEqual({ ok: true, value: { 'X-Lang': 'de' } });
    expect(headersRecord([{ name: 'a', value: '1' }, { name: 'A', value: '2' }])).toEqual({ ok: false, reason: 'header A is given twice' });
    expect(headersRecord([{ name: 'bad name', value: '' }])).toEqual({ ok: false, reason: 'header 1: "bad name" is not a valid header name' });
    expect(parseStateText('{ "order": "ready" }')).toEqual({ ok: true, value: { order: 'ready' } });
    expect(parseStateText('[1]')).toEqual({ ok: false, reason: 'expected an object of named values, e.g. { "order": "ready" }' });
    expect(parseStateText('{ "": 1 }')).toEqual({ ok: false, reason: 'a state name cannot be empty' });
  });
});

describe('journal, import and port fields', () => {
  it('shows the request line with its query string and bodies for reading', () => {
    expect(requestLine('GET', '/orders/7', 'lang=de&x=%20')).toBe('GET /orders/7?lang=de&x=%20');
    expect(requestLine('GET', '/orders/7', undefined)).toBe('GET /orders/7');
    expect(bodyForReading({ text: '{"a":1}', bytes: 7, truncated: false })).toEqual({ text: '{\n  "a": 1\n}', note: null, json: true });
    expect(bodyForReading({ text: 'abc', bytes: 70_000, truncated: true })).toEqual({ text: 'abc', note: 'showing the first 3 characters of 70,000 bytes', json: false });
    expect(bodyForReading({ text: null, bytes: 0, truncated: false })).toEqual({ text: '', note: 'no body', json: false });
  });

  it('refuses uploads over the bounds before reading them', () => {
    const MB = 1024 * 1024;
    expect(importRefusal([{ name: 'api.yaml', size: 21 * MB }])).toBe('api.yaml is 21 MB: at most 20 MB per file');
    expect(importRefusal(Array.from({ length: 6 }, (_, i) => ({ name: `m${i}.json`, size: 19 * MB })))).toBe('the files hold 114 MB in all: at most 100 MB');
    expect(importRefusal([])).toBe('choose at least one file');
    expect(importRefusal([{ name: 'ok.json', size: 10 }])).toBeNull();
    expect(libraryPathFor('Petstore API.json')).toBe('mocks/petstore-api.mocks.yaml');
  });

  it('reads the port', () => {
    expect(parsePort('')).toEqual({ ok: true, value: null });
    expect(parsePort('4010')).toEqual({ ok: true, value: 4010 });
    expect(parsePort('65536')).toEqual({ ok: false, reason: 'at most 65535' });
    expect(parsePort('-1')).toMatchObject({ ok: false });
  });
});

describe('line diff', () => {
  it('marks removed then added lines with their line numbers, and cuts to hunks', () => {
    // a b c d e → a x c d e: line 2 changes.
    const diff = lineDiff('a\nb\nc\nd\ne\n', 'a\nx\nc\nd\ne\n');
    expect(diff).toEqual([
      { op: ' ', text: 'a', old: 1, new: 1 },
      { op: '-', text: 'b', old: 2 },
      { op: '+', text: 'x', new: 2 },
      { op: ' ', text: 'c', old: 3, new: 3 },
      { op: ' ', text: 'd', old: 4, new: 4 },
      { op: ' ', text: 'e', old: 5, new: 5 },
    ]);
    // One line of context: a, -b, +x, c; the rest is cut.
    expect(hunks(diff, 1).map((l) => l?.text ?? null)).toEqual(['a', 'b', 'x', 'c']);
    expect(hunks(lineDiff('1\n2\n3\n4\n5\n6\n7\n', '0\n2\n3\n4\n5\n6\n8\n'), 1).map((l) => (l ? `${l.op}${l.text}` : '…'))).toEqual(['-1', '+0', ' 2', '…', ' 6', '-7', '+8']);
  });
});
