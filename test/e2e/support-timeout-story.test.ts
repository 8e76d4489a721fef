import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageElement } from './page-globals';
import { goTo, openWorkbenchUi, pickScenario } from './workbench-ui';
import type { WorkbenchUi } from './workbench-ui';

/**
 * The support engineer's story, end to end: "the bot went silent, then handed me over".
 * order_status answers in 5200 ms, past its 5000 ms endpoint timeout. The figures, from
 * SPEC §3 on the example voice flow (150 wpm):
 *   lookup sends at T; hold speaks T … T+2000; pause → check at T+1500 waits until
 *   min(A = T+5200, T+1500+3000, D = T+5000) = T+4500 → waiting; tries → check again,
 *   until D = T+5000 → failure (endpoint_timeout) → sorry → handover.
 *   Dead air: from the end of "One moment while I check." (T+2000) to the failure (T+5000):
 *   3000 ms (never less on the real clock: the deadline cannot fire early).
 * On the real clock the answer can only come later than 5200 ms after the send (the server
 * starts its latency when the request arrives), so 5200 vs 5000 is no race: the deadline
 * always wins. Timed runs here use the 4× faster real clock (timeScale 0.25).
 */
describe('support: reproduce a timeout bug — patch, talk, replay against a fix, save as a scenario, run it for real', () => {
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

  const chatTexts = (): Promise<string[]> => page.getByTestId('chat-log').getByTestId('chat-text').allTextContents();
  const scrollIntoView = (testId: string) => page.getByTestId(testId).evaluate((el) => (el as unknown as PageElement).scrollIntoView({ block: 'start' }));

  it('1. patches order_status to a fixed 5200 ms in the Mocks view', async () => {
    await goTo(page, 'Mocks');
    await page.getByTestId('mocks-start').click();
    const url = page.getByTestId('mocks-url').locator('input');
    await url.waitFor();
    mockUrl = await url.inputValue();
    const route = page.getByTestId('route-order_status');
    await route.locator('.n-radio-button').filter({ hasText: /^fixed$/ }).click();
    const fixed = page.getByTestId('latency-fixed-order_status').locator('input');
    await fixed.fill('5200');
    await fixed.press('Tab');
    await expect.poll(() => route.textContent()).toContain('Now: latency fixed 5200 ms');
    await expect.poll(() => page.getByTestId('patch-state-order_status').textContent()).toBe('applied live');
    await ui.screenshots('support-1-mocks-patched');
  });

  it('2. after a page reload the Mocks view still says the route is patched', async () => {
    await page.reload();
    await page.getByTestId('status-version').waitFor();
    await goTo(page, 'Mocks');
    const route = page.getByTestId('route-order_status');
    await expect.poll(() => route.textContent()).toContain('Now: latency fixed 5200 ms');
    expect(await page.getByTestId('patch-state-order_status').textContent()).toBe('applied live');
    expect(await page.getByTestId('patch-state-create_refund').textContent()).toBe('as in the mock set');
    expect(await page.getByTestId('latency-fixed-order_status').locator('input').inputValue()).toBe('5200');
    await ui.screenshots('support-2-mocks-after-reload');
  });

  it('3. talks to the voice flow live: the bot goes silent, then hands over — the dead air is on the chat', async () => {
    await goTo(page, 'Sessions');
    await page.getByTestId('session-mocks-running').waitFor();
    // Real time, as the customer heard it: the first await ends 500 ms before the request's
    // deadline (request at 2800, check from 4300 to 7300, deadline 7800), a margin that a busy
    // machine's late timers would eat at 4× (125 ms of wall time) but not at 1×.
    await expect.poll(() => page.getByTestId('session-time-scale').textContent()).toContain('Real time');
    await page.getByTestId('session-start').click();
    await expect.poll(() => page.getByTestId('session-state').textContent()).toBe('waiting for you');
    const input = page.getByTestId('chat-input').locator('input');
    await input.fill("It's 12345");
    await input.press('Enter');
    await page.getByTestId('session-saved').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('session-state').textContent()).toBe('ended: handover');
    expect(await chatTexts()).toEqual(["Hi, what's your order number?", "It's 12345", 'One moment while I check.', 'Our system is slow, let me transfer you.']);
    expect(await page.getByTestId('chat-answer').textContent()).toContain('order_status failed: timeout');
    // The silence the caller heard: from the end of "One moment while I check." until the
    // bot gave up at the deadline and started "Our system is slow…". On the real clock the
    // modules between the send and "hold" take a few ms, so it is read off the recording:
    // the request timed out no earlier than its deadline (sent + 5000), "Our system is
    // slow…" starts then, and the chat shows exactly that stretch as dead air.
    const [recorded] = (await ui.call<{ sessions: { id: string }[] }>('sessions.list', {})).sessions;
    const { trace } = await ui.call<{ trace: { type: string; t: number; module?: string; start?: number; end?: number; reason?: string }[] }>('sessions.get', { id: recorded?.id });
    const sent = trace.find((e) => e.type === 'request');
    const failed = trace.find((e) => e.type === 'request_failed');
    const hold = trace.find((e) => e.type === 'say' && e.module === 'hold');
    const sorry = trace.find((e) => e.type === 'say' && e.module === 'sorry');
    expect(failed?.reason).toBe('timeout');
    expect(failed!.t).toBeGreaterThanOrEqual(sent!.t + 5000);
    expect(sorry!.start).toBeGreaterThanOrEqual(failed!.t);
    const deadAir = await page.getByTestId('chat-dead-air').allTextContents();
    expect(deadAir.some((t) => t.startsWith(`dead air ${sorry!.start! - hold!.end!} ms`))).toBe(true);
    expect(await page.getByTestId('chat-end').textContent()).toContain('conversation ended: handover');
    await ui.screenshots('support-3-live-session-handover');
  });

  it('4. the recording says the request timed out — not a latency it never had', async () => {
    await page.getByTestId('session-goto-replay').click();
    await expect.poll(() => page.getByTestId('session-end-state').allTextContents()).toEqual(['handover']);
    await page.getByTestId('replay-recorded-order_status').waitFor();
    expect(await page.getByTestId('replay-recorded-order_status').textContent()).toBe('recorded: timed out at 5000 ms (no answer)');
  });

  it('5. replays it against the fix (order_status at 300 ms): success instead of handover, and says where it diverges', async () => {
    const latency = page.getByTestId('replay-latency-order_status').locator('input');
    await latency.fill('300');
    await latency.blur();
    await expect.poll(() => page.getByTestId('replay-unanswered-order_status').textContent()).toBe(
      "the recording has no answer to replay: at 300 ms it comes from the session's mock set (mocks/shop.mocks.yaml)",
    );
    await page.getByTestId('replay-button').click();
    await page.getByTestId('divergence-summary').waitFor();
    // Port choices: greet, read, lookup, hold, pause, then check — the 6th step differs.
    expect(await page.getByTestId('divergence-summary').textContent()).toContain('Diverges at step 6, in check');
    expect(await page.getByTestId('divergence-recorded-port').textContent()).toBe('waiting');
    expect(await page.getByTestId('divergence-replayed-port').textContent()).toBe('success');
    expect(await page.getByTestId('replay-end-state').textContent()).toContain('replay ended: end');
    expect(await page.getByTestId('replay-notes').textContent()).toContain('the recording got no answer (timed out at 5000 ms); at 300 ms it is answered from mocks/shop.mocks.yaml');
    expect(await page.getByTestId('aligned-bottom-label').textContent()).toBe('Replay (virtual clock): the recorded flow, answers from the recording, order_status at 300 ms');
    await scrollIntoView('replay-result');
    await ui.screenshots('support-5-replay-diverges');
  });

  it('6. saves it as a scenario: the timeout stays a timeout (5200 ms, past the deadline)', async () => {
    await page.getByTestId('session-to-scenario').click();
    await page.getByTestId('scenario-needs-import').waitFor();
    await page.getByTestId('import-then-draft').click();
    await page.getByTestId('scenario-editor').waitFor();
    await page.getByText('✓ valid scenario').waitFor();
    const yaml = await page.getByTestId('yaml-editor').locator('.cm-content').innerText();
    expect(yaml).toMatch(/order_status:\s+latency:\s+sequence:\s+- 5200/);
    expect(yaml).toContain('order_status #1 timed out at 5000 ms; the server answered after 5200 ms');
    expect(yaml).toMatch(/- ends: handover/);
    await ui.screenshots('support-6-as-scenario');
    await page.getByTestId('editor-save').click();
    await expect.poll(() => page.getByTestId('sessions-notice').textContent()).toMatch(/Saved the scenario “Order status \(voice, async \+ await\) — session .*”/);
  });

  it('7. the saved scenario, as written, passes and ends in handover (virtual clock)', async () => {
    await goTo(page, 'Run / Timeline');
    await pickScenario(page, '— session');
    // As written: without the Mocks view's patches, the scenario alone reproduces the bug.
    await page.getByRole('switch', { name: 'Use live mock patches from the Mocks view' }).click();
    await page.getByTestId('clock-picker').click();
    await page.locator('.n-base-select-option').filter({ hasText: /^Virtual clock$/ }).click();
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('run-end-state').textContent()).toContain('ended: handover');
    expect(await page.getByTestId('run-status').textContent()).toBe('passed');
    expect(await page.getByTestId('applied-patches').count()).toBe(0);
    await ui.screenshots('support-7-scenario-virtual');
  });

  let session = '';
  it('8. runs it on the real clock at 4× through the running mock server: passes, and says which server', async () => {
    await page.getByTestId('clock-picker').click();
    await page.locator('.n-base-select-option').filter({ hasText: 'Real clock, 4× faster' }).click();
    await page.getByTestId('run-button').click();
    await page.getByTestId('live-run').waitFor();
    await page.getByTestId('live-run').waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(() => page.getByTestId('run-server').textContent()).toBe('Mocks view server');
    expect(await page.getByTestId('run-status').textContent()).toBe('passed');
    expect(await page.getByTestId('run-end-state').textContent()).toContain('ended: handover');
    const detail = (await page.getByTestId('run-server-detail').textContent()) ?? '';
    expect(detail).toContain(`requests went through the running mock server ${mockUrl} as session run:`);
    session = /as session (\S+):/.exec(detail)?.[1] ?? '';
    expect(await page.getByTestId('run-timing').textContent()).toMatch(/time scale ×0\.25 · timing checks judged ±400 ms · timers fired up to \d+ ms late/);
    await ui.screenshots('support-8-scenario-real-clock');
  });

  it("9. its requests are in the server's journal, tagged by session and module", async () => {
    const journal = await ui.call<{ entries: { routeId: string; module: string; session: string; latencyMs: number; clientGaveUp: boolean }[] }>('mocks.journal', { session });
    // 5200 ms at time scale 0.25: 1300 ms of wall time; the bot gave up at its deadline.
    expect(journal.entries).toMatchObject([{ routeId: 'order_status', module: 'lookup', session, latencyMs: 1300, clientGaveUp: true }]);
    await goTo(page, 'Mocks');
    const view = page.getByTestId('mock-journal');
    await view.getByRole('textbox', { name: 'Search the journal' }).fill(session);
    await expect.poll(() => view.locator('tbody tr').count()).toBe(1);
    expect(await view.locator('tbody tr').textContent()).toMatch(/GET \/orders\/12345.*order_status.*run:.*lookup/);
    await scrollIntoView('mock-journal');
    await ui.screenshots('support-9-journal');
    await view.getByRole('textbox', { name: 'Search the journal' }).fill('');
  });

  it("10. one step from the flow's page: run this flow against my patched mocks, with the patch banner", async () => {
    await goTo(page, 'Flows');
    await page.getByTestId('flows-table').getByRole('row', { name: /Order status \(voice, async \+ await\)/ }).click();
    await page.getByTestId('run-against-button').waitFor();
    await expect.poll(() => page.getByTestId('run-against-patches').textContent()).toBe('Patched: order_status: latency fixed 5200 ms; no faults');
    await ui.screenshots('support-10-flow-run-against-mocks');
    await page.getByTestId('run-against-button').click();
    await page.getByRole('heading', { level: 1, name: 'Run / Timeline' }).waitFor();
    await expect.poll(() => page.getByTestId('applied-patches').textContent()).toContain('order_status: latency fixed 5200 ms');
    // The first scenario of the flow ("fast API", 300 ms) runs with the patch: 5200 ms → handover.
    expect(await page.getByTestId('run-end-state').textContent()).toContain('handover');
    expect(await page.getByTestId('run-status').textContent()).toBe('failed'); // it expects the fast answer
    await ui.screenshots('support-10-run-with-patch-banner');
  });

  it('logs no console errors', () => {
    expect(ui.consoleErrors).toEqual([]);
  });
});
