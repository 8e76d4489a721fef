import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, openWorkbenchUi, pickScenario, scrubTo } from './workbench-ui';
import type { WorkbenchUi } from './workbench-ui';

/*
 * Geometry of the timeline drawing (renderer/src/timeline/geometry.ts): the lane names take
 * 128 px, the plot ends 8 px before the right edge; the axis is 26 px, each row 22 px with
 * 6 px between lanes, so lane k (all one-row lanes before it) starts at 32 + 28 k; an
 * endpoint lane has two rows (44 px); the dead-air strip is the last 16 px.
 */
const LANE_TOP = (k: number) => 32 + 28 * k;

describe('the Run / Timeline inspector (issues 13.3, 14.5, 15.4)', () => {
  let ui: WorkbenchUi;
  let page: Page;

  beforeAll(async () => {
    ui = await openWorkbenchUi();
    page = ui.page;
    // Speech dropped by a barge-in (SPEC §7.1 rule 11), which no example shows: at 150 wpm "one two three four
    // five" plays 0–2000 and "six seven" is queued 2000–2800; the caller starts at 2800 − 2200 = 600, inside the
    // first (interruptible) speech: it is cut at 600 and the second is dropped. "hello" (1 word) 600–1000.
    writeFileSync(
      join(ui.workbench.examplesDir, 'scenarios', 'dropped-speech.scenario.yaml'),
      `format: flowbench.scenario/1
name: "inspector: speech dropped by a barge-in"
mocks: ../mocks/shop.mocks.yaml
flow:
  format: flowbench.flow/1
  name: Dropped speech
  channel: voice
  start: a
  endpoints: []
  modules:
    - { id: a, type: say, text: "one two three four five", ports: { next: b } }
    - { id: b, type: say, text: "six seven", ports: { next: { to: read, arrow: red } } }
    - { id: read, type: capture, save: said, ports: { next: bye, nomatch: bye } }
    - { id: bye, type: end }
user: [ { say: "hello", afterMs: -2200 } ]
expect: [ { ends: end } ]
`,
    );
    await page.reload();
    await page.getByTestId('status-version').waitFor();
    await goTo(page, 'Run / Timeline');
  });
  afterAll(async () => {
    await ui?.close();
  });

  async function run(name: string): Promise<void> {
    await pickScenario(page, name);
    await page.getByTestId('run-button').click();
    // Rerun is disabled while the run is in progress (running is set as the click is handled).
    await expect.poll(() => page.getByTestId('rerun-button').isEnabled(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByTestId('run-summary').locator('.name').textContent()).toContain(name);
    expect(await page.getByTestId('run-status').textContent()).toBe('passed');
  }

  /** Where time `t` is drawn, from the timeline's current view. */
  async function xOf(t: number): Promise<number> {
    const el = page.getByTestId('timeline').first();
    const from = Number(await el.getAttribute('data-view-from'));
    const to = Number(await el.getAttribute('data-view-to'));
    const box = await el.locator('canvas.interactive').boundingBox();
    if (!box) throw new Error('no timeline canvas');
    return 128 + ((t - from) / (to - from)) * (box.width - 128 - 8);
  }

  const canvas = () => page.getByTestId('timeline').first().locator('canvas.interactive');
  const hover = async (t: number, y: number): Promise<string> => {
    await canvas().hover({ position: { x: await xOf(t), y } });
    const card = page.getByTestId('timeline-hover');
    await card.waitFor();
    return (await card.textContent()) ?? '';
  };
  const ariaLabel = () => page.getByTestId('timeline').first().locator('canvas[role="img"]').getAttribute('aria-label');

  describe('13.3 — vs the Playwright trace viewer and the DevTools waterfall', () => {
    it('shows the contexts as of the scrubbed time, and the Selected event follows the scrubber', async () => {
      await run('slow API — waiting once, then success');
      // order-status, slow API: order_id captured at 3200; check waits 4700–7700 (module timeout) → await_tries = 1
      // at 7700; the answer (sent 3200 + latency 4800) is read at 8000: status 200, order_state, eta.
      await scrubTo(page, 6000);
      const contexts = page.getByTestId('contexts-panel');
      expect(await contexts.locator('[data-testid="context-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-context')))).toEqual(['order_id']);
      // At 6000 the last event is check's await (pending since 4700): its request is inspected.
      const details = page.getByTestId('event-details');
      await expect.poll(() => details.textContent()).toContain('await at 4700 ms');
      expect(await details.getByTestId('inspector-line').textContent()).toBe('GET /orders/12345');
      await scrubTo(page, 8000);
      expect(await contexts.locator('[data-context="order_state"] [data-testid="context-value"]').textContent()).toBe('"shipped"');
      expect(await contexts.locator('[data-context="order_state"] [data-testid="context-source"]').textContent()).toBe('map');
      expect(await contexts.locator('[data-context="await_tries"] [data-testid="context-value"]').textContent()).toBe('1');
      await page.getByTestId('event-details').scrollIntoViewIfNeeded();
      await ui.screenshots('timeline-inspector-contexts-at-8000ms');
      // ◀ walks back one event: the same time, the event before.
      const before = await details.getByTestId('event-position').textContent();
      await details.getByTestId('event-prev').click();
      await expect.poll(() => details.getByTestId('event-position').textContent()).not.toBe(before);
    });

    it('opens a request bar: the rendered request, the response and its timing phases', async () => {
      await run('slow API — waiting once, then success');
      // The order_status lane is the 4th: its request row is 116–138.
      await canvas().click({ position: { x: await xOf(5000), y: LANE_TOP(3) + 11 } });
      const inspector = page.getByTestId('request-inspector');
      await inspector.waitFor();
      expect(await inspector.getByTestId('inspector-status').textContent()).toBe('200');
      const phases = (await inspector.getByTestId('inspector-phases').textContent()) ?? '';
      // sent 3200, latency 4800 → 8000; deadline 3200 + 5000 = 8200: 200 ms to spare; check reads it at 8000.
      expect(phases).toContain('sent3200 ms');
      expect(phases).toContain('latency4800 ms');
      expect(phases).toContain('answered 200 at 8000 ms');
      expect(phases).toContain('deadline8200 ms (200 ms to spare)');
      expect(await inspector.getByTestId('inspector-response').textContent()).toMatch(/content-type\s*application\/json.*"state": "shipped"/s);
      // The scrubber went where the bar was clicked.
      await expect.poll(() => page.getByTestId('scrub-input').locator('input').inputValue()).toBe('5000');
      await page.getByTestId('event-details').scrollIntoViewIfNeeded();
      await ui.screenshots('timeline-inspector-request');
    });

    it('filters lanes, and shows full names and the final port on hover', async () => {
      await run('slow API — waiting once, then success');
      expect(await ariaLabel()).toContain('lanes: user speech, bot speech, modules, endpoints order_status');
      await page.getByTestId('lane-filter').locator('[data-lane="user"]').click();
      await expect.poll(ariaLabel).toContain('lanes: bot speech, modules, endpoints order_status');
      await ui.screenshots('timeline-inspector-lanes-filtered');
      await page.getByTestId('lane-filter').locator('[data-lane="user"]').click();
      await expect.poll(ariaLabel).toContain('lanes: user speech, bot speech');
      // The end marker (modules lane, 8000) says where the run ended; it is labelled on the canvas too.
      const end = await hover(8000, LANE_TOP(2) + 11);
      expect(end).toContain('Run ended: end');
      expect(end).toContain('at 8000 ms, in bye');
      // A lane name in the gutter.
      await canvas().hover({ position: { x: 40, y: LANE_TOP(3) + 11 } });
      await expect.poll(() => page.getByTestId('timeline-hover').textContent()).toContain('order_status');
    });

    it('selects a dead-air band: how long, and what the bot was busy with', async () => {
      await run('slow API — waiting once, then success');
      // Dead air 5200 (hold ends) → 8000 (tell starts). The strip is the last 16 px of the drawing.
      const height = Number(await page.getByTestId('timeline').first().getAttribute('data-height'));
      expect(height).toBe(LANE_TOP(3) + 44 + 6 + 16);
      await canvas().click({ position: { x: await xOf(6000), y: height - 8 } });
      const details = page.getByTestId('dead-air-details');
      await details.waitFor();
      expect(await details.textContent()).toContain('2800 ms of dead air, 5200 ms → 8000 ms');
      const causes = (await page.getByTestId('event-details').textContent()) ?? '';
      expect(causes).toContain('module check 4700 ms → 7700 ms (left by waiting: module_timeout after 3000 ms)');
      expect(causes).toContain('request r1 order_status sent 3200 ms, answered 200 at 8000 ms');
      await expect.poll(() => page.getByTestId('scrub-input').locator('input').inputValue()).toBe('5200');
      await page.getByTestId('event-details').scrollIntoViewIfNeeded();
      await ui.screenshots('timeline-inspector-dead-air');
    });
  });

  describe('14.5 — voice turn events', () => {
    it('draws cut speech: solid up to the barge-in, hatched after', async () => {
      await run('barge-in — the caller talks over the menu and is heard');
      // menu 3600–7200 is cut at 5200, where the caller starts.
      const card = await hover(6500, LANE_TOP(1) + 11);
      expect(card).toContain('cut at 5200 ms: 2000 ms never played (hatched)');
      await ui.screenshots('timeline-inspector-cut-speech');
    });

    it('draws speech dropped after a barge-in', async () => {
      await run('inspector: speech dropped by a barge-in');
      const card = await hover(2000, LANE_TOP(1) + 11);
      expect(card).toContain('“six seven” — dropped');
      expect(await hover(300, LANE_TOP(1) + 11)).toContain('cut at 600 ms');
      await ui.screenshots('timeline-inspector-dropped-speech');
    });

    it('draws DTMF keys, 100 ms each', async () => {
      await run('keypad — the order number keyed in');
      // Keys 7700–8300.
      expect(await hover(8000, LANE_TOP(0) + 11)).toContain('User keyed in (DTMF): 1 2 3 4 5 #');
      await ui.screenshots('timeline-inspector-dtmf');
    });

    it('draws the silences, the no_input markers, and lists no_input among the port choices', async () => {
      await run('no input — three silences in a row give up and hand over');
      // Silences 7200–12200, 17000–22000, 26800–31800 (noInputMs 5000 after each wait starts).
      expect(await hover(9000, LANE_TOP(0) + 11)).toContain('Caller silent 7200 ms → 12.2 s (5000 ms)');
      expect(await hover(22000, LANE_TOP(2) + 11)).toContain('Interruption: no_input #2 at 22 s');
      // Up to 12200: notice, menu, the first no_input, silent (else) and reprompt — 5 of the 11 choices.
      const input = page.getByTestId('scrub-input').locator('input');
      await input.fill('12200');
      await input.press('Enter');
      const panel = page.getByTestId('ports-panel');
      await expect.poll(() => panel.locator('h2').textContent()).toContain('5 of 11');
      const first = panel.locator('tr[data-port="no_input"]').last();
      expect(await first.textContent()).toContain('the caller said nothing (no-input #1 in a row)');
      expect(await first.getByTestId('port-choice-port').textContent()).toBe('⚡ no_input');
      // The keys go to the view once the time field has lost the focus.
      await page.getByRole('heading', { level: 1 }).click();
      await page.keyboard.press('End');
      await expect.poll(() => panel.locator('h2').textContent()).toContain('11 of 11');
      await expect.poll(() => panel.locator('tr[data-port="no_input"]').last().textContent()).toContain('no-input #3 in a row');
      await ui.screenshots('timeline-inspector-no-input');
    });

    it('draws the hang-up line', async () => {
      await run('hang-up — the caller hangs up during the reprompt');
      await expect.poll(ariaLabel).toContain('the caller hung up at 15 s');
      expect(await hover(15000, LANE_TOP(2) + 11)).toContain('Run ended: hangup');
      expect(await hover(16000, LANE_TOP(1) + 11)).toContain('cut at 15 s');
      await ui.screenshots('timeline-inspector-hangup');
    });
  });

  describe('15.4 — lambda and hook runs', () => {
    it("shows a lambda's run and its context changes, and the port it returned", async () => {
      await run('big order — a manager reviews it');
      expect(await ariaLabel()).toContain('code (λ, hooks)');
      // At 150 the post hook ran for r1, then the lambda tier (code lane: the 4th).
      const card = await hover(150, LANE_TOP(3) + 11);
      expect(card).toContain('λ tier at 150 ms');
      expect(card).toContain('context refund_tier = "review"');
      expect(card).toContain("port review: returned 'review'");
      await page.keyboard.press('End');
      const tier = page.getByTestId('ports-panel').locator('tr[data-module="tier"]');
      expect(await tier.getByTestId('port-choice-reason').textContent()).toBe("λ returned 'review'");
      await ui.screenshots('timeline-inspector-lambda');
    });

    it("shows a lambda's error and line, on the timeline and among the port choices", async () => {
      await run('order amount unreadable');
      const card = await hover(150, LANE_TOP(3) + 11);
      expect(card).toContain('error: Error: order amount is not a number: n/a (line 3)');
      await page.keyboard.press('End');
      const tier = page.getByTestId('ports-panel').locator('tr[data-module="tier"]');
      expect(await tier.getAttribute('data-port')).toBe('error');
      expect(await tier.getByTestId('port-choice-reason').textContent()).toBe('λ error Error: order amount is not a number: n/a (line 3)');
      // Click the code markers at 150: the post hook's run comes first (its request is inspected);
      // ▶ walks on through the events to the lambda's run.
      await canvas().click({ position: { x: await xOf(150), y: LANE_TOP(3) + 11 } });
      await page.getByTestId('inspector-hook').waitFor();
      const details = page.getByTestId('code-run-details');
      for (let i = 0; i < 12 && !(await details.isVisible()); i++) await page.getByTestId('event-next').click();
      expect(await details.textContent()).toContain('λ tier failed: Error: order amount is not a number: n/a (line 3)');
      await page.getByTestId('event-details').scrollIntoViewIfNeeded();
      await ui.screenshots('timeline-inspector-lambda-error');
    });

    it('shows what a post hook did to a response in the request inspector', async () => {
      await run('unknown order — the post hook turns the legacy 200 into a 404');
      // The order lane follows the code lane: request row 144–166; the request runs 0–150.
      await canvas().click({ position: { x: await xOf(75), y: LANE_TOP(4) + 11 } });
      const inspector = page.getByTestId('request-inspector');
      await inspector.waitFor();
      expect(await inspector.getByTestId('inspector-status').textContent()).toBe('200');
      expect(await inspector.getByTestId('inspector-hook').textContent()).toContain('post hook ran; status → 404');
      expect(await inspector.getByTestId('inspector-response').textContent()).toContain('"error": "NOT_FOUND"');
      await page.getByTestId('event-details').scrollIntoViewIfNeeded();
      await ui.screenshots('timeline-inspector-post-hook');
    });
  });

  it('logs no console errors', () => {
    expect(ui.consoleErrors).toEqual([]);
  });
});
