import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, openWorkbenchUi } from './workbench-ui';
import type { WorkbenchUi } from './workbench-ui';

/** Picks a mock set in the Mocks view's picker and starts the server with it. */
async function startSet(page: Page, label: string): Promise<string> {
  await page.getByTestId('mock-set-picker').click();
  await page.locator('.n-base-select-option').filter({ hasText: label }).first().click();
  const start = page.getByTestId('mocks-start');
  await start.click();
  // The click handler marks the button busy before it returns; a running server keeps its old
  // URL on screen until the restart is done: wait for the button to be ready again first.
  await expect.poll(() => start.getAttribute('class'), { timeout: 30_000 }).not.toMatch(/n-button--loading/);
  const url = page.getByTestId('mocks-url').locator('input');
  await expect.poll(() => url.inputValue().catch(() => ''), { timeout: 30_000 }).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  await page.getByTestId('mocks-tab-server').click();
  return url.inputValue();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

describe('Mocks view: editor, journal details, latency inputs, state and import', () => {
  let ui: WorkbenchUi;
  let page: Page;

  beforeAll(async () => {
    ui = await openWorkbenchUi();
    page = ui.page;
    await goTo(page, 'Mocks');
  });
  afterAll(async () => {
    await ui?.close();
  });

  it('latency fields refuse -500, 12.7 and 99,999,999 ms with a reason by the field, and apply nothing', async () => {
    await startSet(page, 'mocks/shop.mocks.yaml');
    const route = page.getByTestId('route-create_refund');
    const fixed = page.getByTestId('latency-fixed-create_refund').locator('input');
    const reason = page.getByTestId('latency-fixed-create_refund-reason');
    await fixed.fill('-500');
    await expect.poll(() => reason.textContent(), { timeout: 10_000 }).toBe('a time cannot be negative: enter 0 ms or more');
    await expect.poll(() => page.getByTestId('patch-state-create_refund').textContent()).toBe('not applied: fix the values');
    // The server still has the file's 200 ms (shop.mocks.yaml: create_refund latency { fixed: 200 }).
    expect(await route.textContent()).toContain('Now: latency fixed 200 ms');
    await fixed.fill('12.7');
    await expect.poll(() => reason.textContent()).toBe('use whole milliseconds: 12.7 ms has a fraction (try 13)');
    await fixed.fill('99999999');
    // 24 h = 24 × 3,600,000 ms = 86,400,000 ms, the schema's bound.
    await expect.poll(() => reason.textContent()).toBe('at most 86,400,000 ms (24 h)');
    expect(await route.textContent()).toContain('Now: latency fixed 200 ms');
    await ui.screenshots('mocks-editor-latency-reasons');
    await fixed.fill('350');
    await expect.poll(() => route.textContent()).toContain('Now: latency fixed 350 ms');
    expect(await reason.count()).toBe(0);
  });

  it('a journal row opens to the full request (query string, headers, body) and response', async () => {
    const url = await startSet(page, 'mocks/shop.mocks.yaml');
    const sent = await fetch(`${url}/refunds?lang=de&tag=a&tag=b`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-flowbench-module': 'refund' }, body: JSON.stringify({ order: 'A1' }) });
    expect(sent.status).toBe(201);
    const journal = page.getByTestId('mock-journal');
    // The row keeps the query string as sent.
    await expect.poll(() => journal.textContent(), { timeout: 15_000 }).toContain('POST /refunds?lang=de&tag=a&tag=b');
    // Its time columns say what they measure: the added delay, and arrival to last byte.
    expect(await journal.locator('thead').textContent()).toMatch(/Arrived.*Delay.*Served in/);
    expect(await page.getByTestId('journal-heading-delay').getAttribute('title')).toMatch(/latency the mock server added before answering/);
    expect(await page.getByTestId('journal-heading-served-in').getAttribute('title')).toMatch(/arrival to the last byte of its response/);
    await journal.locator('tbody tr').filter({ hasText: 'POST /refunds?lang=de' }).first().click();
    const detail = page.getByTestId('exchange-detail');
    await detail.waitFor();
    expect(await page.getByTestId('exchange-url').textContent()).toContain('/refunds?lang=de&tag=a&tag=b');
    // The same words as the journal's columns: shop.mocks.yaml's create_refund waits a fixed 200 ms.
    expect(await detail.textContent()).toContain('delay 200 ms');
    expect(await page.getByTestId('exchange-served-in').textContent()).toMatch(/^served in (\d+ ms|[\d.]+ s)$/);
    expect((await page.getByTestId('exchange-query').textContent())?.replace(/\s+/g, '')).toBe('langdetagatagb');
    expect(await page.getByTestId('exchange-request-headers').textContent()).toContain('x-flowbench-module');
    expect(await page.getByTestId('exchange-request-body').textContent()).toBe('{\n  "order": "A1"\n}');
    await ui.screenshots('mocks-editor-journal-request');
    await detail.locator('.n-tabs-tab[data-name="response"]').click();
    await expect.poll(() => page.getByTestId('exchange-status').textContent()).toBe('HTTP 201');
    // shop.mocks.yaml: { refund_id: R-77, order: "{{body.order}}" } with order A1.
    expect(await page.getByTestId('exchange-response-body').textContent()).toBe('{\n  "refund_id": "R-77",\n  "order": "A1"\n}');
    await ui.screenshots('mocks-editor-journal-response');
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });
  });

  it('shows and edits the mock state per session; requests move it along', async () => {
    const port = await freePort();
    await page.getByTestId('mocks-port').locator('input').fill('70000');
    expect(await page.getByTestId('mocks-port-reason').textContent()).toBe('at most 65535');
    await page.getByTestId('mocks-port').locator('input').fill(String(port));
    const url = await startSet(page, 'mocks/status-polling.mocks.yaml');
    expect(url).toBe(`http://127.0.0.1:${port}`);
    await page.getByTestId('mocks-port').locator('input').fill('');
    const panel = page.getByTestId('mock-state');
    const text = page.getByTestId('state-text').locator('textarea');
    // status-polling.mocks.yaml starts every session at { order: placed }.
    await expect.poll(() => page.getByTestId('state-initial').textContent()).toBe('{\n  "order": "placed"\n}');
    await expect.poll(() => text.inputValue()).toBe('{\n  "order": "placed"\n}');
    // One request without a session header: placed → pending_again (its first response's setState).
    expect(await (await fetch(`${url}/orders/1/state`)).json()).toEqual({ id: '1', state: 'pending' });
    await expect.poll(() => text.inputValue(), { timeout: 15_000 }).toBe('{\n  "order": "pending_again"\n}');
    await text.fill('{ "order": ');
    await expect.poll(() => page.getByTestId('state-reason').textContent()).toMatch(/^not valid JSON/);
    expect(await page.getByTestId('state-save').isDisabled()).toBe(true);
    await text.fill('{ "order": "ready" }');
    await page.getByTestId('state-save').click();
    await expect.poll(() => page.getByTestId('state-saved').textContent()).toContain('saved');
    // The next request reads ready: its third response.
    expect(await (await fetch(`${url}/orders/2/state`)).json()).toEqual({ id: '2', state: 'ready' });
    await ui.screenshots('mocks-editor-state');
    await page.getByTestId('state-reset').click();
    await expect.poll(() => text.inputValue()).toBe('{\n  "order": "placed"\n}');
    expect(await panel.getByTestId('state-changed').textContent()).toBe('initial state');
  });

  it('edits the mock set: duplicate, add, delete routes, a response body with JSON checks; saves after a YAML diff', async () => {
    await startSet(page, 'mocks/shop.mocks.yaml');
    await page.getByTestId('mocks-tab-edit').click();
    const editor = page.getByTestId('mock-set-editor');
    await editor.getByTestId('editor-route-order_status').click();
    await editor.getByTestId('editor-duplicate-route').click();
    await editor.getByTestId('editor-route-order_status_copy').waitFor();
    const form = editor.getByTestId('route-form-order_status_copy');
    await form.getByTestId('route-path').locator('input').fill('/orders-copy/:id');
    await form.getByTestId('route-id').locator('input').fill('order_status');
    expect(await form.getByTestId('route-id-reason').textContent()).toBe('another route is called order_status');
    await form.getByTestId('route-id').locator('input').fill('order_copy');
    const body = editor.getByTestId('body-order_copy-1').locator('textarea');
    await body.fill('{ "id": "{{params.id}}", "state": shipped }');
    await expect.poll(() => editor.getByTestId('body-reason-order_copy-1').textContent()).toMatch(/^not valid JSON: .* at line 1, column \d+/);
    expect(await editor.getByTestId('editor-review').isDisabled()).toBe(true);
    await ui.screenshots('mocks-editor-json-reason');
    await body.fill('{ "id": "{{params.id}}", "state": "copied" }');
    await expect.poll(() => editor.getByTestId('editor-review').isDisabled()).toBe(false);
    // A route added, then deleted again.
    await editor.getByTestId('editor-add-route').click();
    await editor.getByTestId('editor-route-new_route').waitFor();
    await editor.getByTestId('editor-delete-route').click();
    await expect.poll(() => editor.getByTestId('editor-route-new_route').count()).toBe(0);

    await editor.getByTestId('editor-review').click();
    const diff = page.getByTestId('save-diff');
    await diff.waitFor();
    const diffText = await diff.textContent();
    expect(diffText).toContain('+  - id: order_copy');
    expect(diffText).toContain('+    path: /orders-copy/:id');
    await ui.screenshots('mocks-editor-yaml-diff');
    await page.getByTestId('save-confirm').click();
    await page.getByTestId('save-review').waitFor({ state: 'hidden' });
    await expect.poll(() => editor.getByTestId('editor-dirty').textContent()).toBe('saved');
    const file = readFileSync(join(ui.workbench.examplesDir, 'mocks/shop.mocks.yaml'), 'utf8');
    expect(file).toContain('  - id: order_copy\n');
    expect(file).toContain('{ id: "{{params.id}}", state: copied }');
    // Comments stay.
    expect(file).toContain('# The legacy order API');
    // The running server restarted with the saved set: the copy answers.
    await page.getByTestId('mocks-tab-server').click();
    await page.getByTestId('route-order_copy').waitFor({ timeout: 30_000 });
    const url = await page.getByTestId('mocks-url').locator('input').inputValue();
    expect(await (await fetch(`${url}/orders-copy/9`)).json()).toEqual({ id: '9', state: 'copied' });
  });

  it('imports a Mockoon environment with a preview of what converts and what does not, into the library', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowbench-import-'));
    const file = join(dir, 'tiny-shop.json');
    const response = (body: string, latency: number, statusCode: number) => ({ uuid: `u${statusCode}`, body, latency, statusCode, label: '', headers: [], bodyType: 'INLINE', filePath: '', databucketID: '', sendFileAsBody: false, rules: [], rulesOperator: 'OR', disableTemplating: false, fallbackTo404: false, default: true, crudKey: 'id', callbacks: [] });
    const route = (uuid: string, method: string, endpoint: string, r: object, enabled = true) => ({ uuid, type: 'http', documentation: '', method, endpoint, responses: [r], responseMode: null, streamingMode: null, streamingInterval: 0, ...(enabled ? {} : { enabled: false }) });
    writeFileSync(
      file,
      JSON.stringify({
        uuid: 'env',
        lastMigration: 32,
        name: 'Tiny shop',
        endpointPrefix: 'api',
        latency: 100,
        port: 3001,
        hostname: '',
        folders: [],
        rootChildren: [],
        proxyMode: false,
        headers: [],
        data: [],
        routes: [
          route('r1', 'get', 'orders/:id', response('{"state": "shipped"}', 700, 200)),
          route('r2', 'post', 'refunds', response('{"who": "{{faker \'person.firstName\'}}"}', 0, 201)),
          route('r3', 'get', 'legacy', response('{}', 0, 200), false),
        ],
      }),
    );
    await page.getByTestId('mocks-import').click();
    await page.getByTestId('import-file-input').setInputFiles(file);
    const dialog = page.getByTestId('mock-import');
    const routes = dialog.getByTestId('import-routes');
    await expect.poll(() => routes.locator('tbody tr').count(), { timeout: 30_000 }).toBe(2);
    // GET /api/orders/:id: environment latency 100 ms + the response's 700 ms = fixed 800 ms.
    const first = await routes.locator('tbody tr').first().textContent();
    expect(first).toContain('GET /api/orders/:id');
    expect(first).toContain('fixed 800 ms');
    // The faker template is listed with its file and path; the disabled route is a note.
    const problems = await dialog.getByTestId('import-problems').textContent();
    expect(problems).toContain('tiny-shop.json › routes[1].responses[0].body');
    expect(problems).toMatch(/faker/);
    await ui.screenshots('mocks-editor-import-preview');
    await dialog.getByTestId('import-add').click();
    await dialog.waitFor({ state: 'hidden' });
    const sets = await ui.call<{ items: { name: string; path: string; routes: number }[] }>('mockSets.list', {});
    expect(sets.items).toContainEqual(expect.objectContaining({ name: 'tiny-shop', path: 'mocks/tiny-shop.mocks.yaml', routes: 2 }));
    await expect.poll(() => page.getByTestId('mock-set-picker').textContent()).toContain('tiny-shop');
    expect(ui.consoleErrors).toEqual([]);
  });
});
