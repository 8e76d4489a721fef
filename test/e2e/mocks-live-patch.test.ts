import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, openWorkbenchUi, pickScenario } from './workbench-ui';
import type { WorkbenchUi } from './workbench-ui';

describe('mock server controls, journal and live patches in runs', () => {
  let ui: WorkbenchUi;
  let page: Page;
  let mockUrl = '';

  beforeAll(async () => {
    ui = await openWorkbenchUi();
    page = ui.page;
  });
  afterAll(async () => {
    await ui?.close();
  });

  it('starts the example mock set and shows its URL and routes', async () => {
    await goTo(page, 'Mocks');
    await page.getByTestId('mocks-start').click();
    const url = page.getByTestId('mocks-url').locator('input');
    await url.waitFor();
    mockUrl = await url.inputValue();
    expect(mockUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await page.getByTestId('route-order_status').waitFor();
    await page.getByTestId('route-create_refund').waitFor();
  });

  it('streams the request journal in and highlights requests the client gave up on', async () => {
    const created = await fetch(`${mockUrl}/refunds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ order: 'A1' }) });
    expect(created.status).toBe(201);
    const journal = page.getByTestId('mock-journal');
    await expect.poll(() => journal.textContent()).toContain('POST /refunds');

    // order_status at a fixed 6000 ms, applied live from the route's controls.
    const route = page.getByTestId('route-order_status');
    await route.locator('.n-radio-button').filter({ hasText: /^fixed$/ }).click();
    const fixed = page.getByTestId('latency-fixed-order_status').locator('input');
    await fixed.fill('6000');
    await fixed.press('Tab');
    await expect.poll(() => route.textContent()).toContain('Now: latency fixed 6000 ms');
    await expect.poll(() => page.getByTestId('patch-state-order_status').textContent()).toBe('applied live');

    // A client that waits 300 ms for a 6000 ms answer gives up.
    await fetch(`${mockUrl}/orders/42`, { signal: AbortSignal.timeout(300) }).catch(() => undefined);
    await journal.getByTestId('gave-up').waitFor();
    expect(await journal.locator('.gave-up-row').count()).toBe(1);
    expect(await journal.locator('.gave-up-row').textContent()).toContain('GET /orders/42');
    await journal.getByRole('textbox', { name: 'Search the journal' }).fill('refunds');
    await expect.poll(() => journal.locator('tbody tr').count()).toBe(1);
    await journal.getByRole('textbox', { name: 'Search the journal' }).fill('');

    // A fault on another route: 503 for one request in ten.
    await page.getByRole('button', { name: 'Add a fault to create_refund' }).click();
    await expect.poll(() => page.getByTestId('route-create_refund').textContent()).toMatch(/faults: .*503/);
    await expect.poll(() => page.getByTestId('patch-state-create_refund').textContent()).toBe('applied live');
    await ui.screenshots('mocks-live-patch-and-journal');
  });

  it('reruns the slow-API scenario with the live patch: it ends in handover, and says why', async () => {
    await goTo(page, 'Run / Timeline');
    await pickScenario(page, 'slow API — waiting once, then success');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('run-end-state').textContent()).toContain('handover');
    const patches = page.getByTestId('applied-patches');
    expect(await patches.textContent()).toContain('order_status: latency fixed 6000 ms');
    expect(await page.getByTestId('run-status').textContent()).toBe('failed');
    await ui.screenshots('run-with-live-patch-handover');

    // Without the live patches the same scenario runs as written again.
    await page.getByRole('switch', { name: 'Use live mock patches from the Mocks view' }).click();
    await page.keyboard.press('r');
    await expect.poll(() => page.getByTestId('run-end-state').textContent()).toContain('ended: end');
    expect(await page.getByTestId('applied-patches').count()).toBe(0);
  });

  it('runs on the real clock over HTTP, showing the events as they happen', async () => {
    await pickScenario(page, 'fast API — the first Await succeeds');
    await page.getByTestId('clock-picker').click();
    await page.locator('.n-base-select-option').filter({ hasText: 'Real clock, 4× faster' }).click();
    await page.getByTestId('run-button').click();
    const live = page.getByTestId('live-run');
    await live.waitFor();
    expect(await live.textContent()).toMatch(/\d+ events so far/);
    await live.waitFor({ state: 'detached', timeout: 20_000 });
    expect(await page.getByTestId('run-summary').textContent()).toContain('real clock');
    expect(await page.getByTestId('run-end-state').textContent()).toContain('ended: end');
  });

  it('stops the server', async () => {
    await goTo(page, 'Mocks');
    await page.getByTestId('mocks-stop').click();
    await page.getByText('No mock server running').waitFor();
    await expect(fetch(`${mockUrl}/refunds`, { method: 'POST' })).rejects.toThrow();
  });

  it('logs no console errors', () => {
    expect(ui.consoleErrors).toEqual([]);
  });
});
