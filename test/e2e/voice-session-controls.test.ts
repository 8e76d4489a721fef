import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, openWorkbenchUi } from './workbench-ui';
import type { WorkbenchUi } from './workbench-ui';

/*
 * Issue #14.5 / #13.5 in the live Sessions view: the caller talks over a notice that cannot
 * be interrupted (not heard), talks over the menu (cut, heard), stays silent (the no-input
 * handler reprompts), keys the order number on the keypad and hangs up while the lookup is in
 * flight. The session is saved, its clock and speech stop, every control is disabled, and
 * the recording replays to the same end.
 *
 * Real time, 150 wpm = 400 ms a word: the notice (20 words) plays 0–8000 ms and the menu
 * (15 words) 8000–14,000 ms, windows wide enough to act in on a busy machine. The bot waits
 * for the caller from t 0 (the red arrow after the menu is reached at once).
 */
const words = (n: number, word: string): string => Array.from({ length: n }, () => word).join(' ');
const FLOW = `format: flowbench.flow/1
name: Live caller controls (voice)
channel: voice
start: notice
noInputMs: 3000
interruptions: { no_input: silent }
endpoints:
  - { id: order_lookup, url: "/orders/{{order_id}}", timeoutMs: 30000, map: { order_state: body.state } }
modules:
  - { id: notice, type: say, bargeIn: false, text: "Notice: ${words(19, 'recorded')}", ports: { next: menu } }
  - { id: menu, type: say, text: "Menu: ${words(14, 'please')}", ports: { next: { to: read, arrow: red } } }
  - { id: read, type: capture, save: order_id, pattern: "(\\\\d+)", ports: { next: lookup, nomatch: reprompt } }
  - { id: silent, type: condition, cases: [ { port: give_up, when: "sys_no_input_count >= 99" } ], ports: { give_up: agent, else: reprompt } }
  - { id: reprompt, type: say, text: "Sorry, key your order number please", ports: { next: { to: read, arrow: red } } }
  - { id: lookup, type: api_async, endpoint: order_lookup, ports: { next: hold } }
  - { id: hold, type: say, text: "One moment", ports: { next: pause } }
  - { id: pause, type: wait, ms: 500, ports: { next: check } }
  - { id: check, type: api_await, endpoint: order_lookup, timeoutMs: 25000, ports: { success: tell, waiting: agent, failure: agent } }
  - { id: tell, type: say, text: "Your order is {{order_state}}.", ports: { next: bye } }
  - { id: agent, type: handover }
  - { id: bye, type: end }
`;
const FLOW_FILE = 'flows/live-caller-controls.flow.yaml';

describe('live voice session: stay silent, keypad, talk over the bot, hang up', () => {
  let ui: WorkbenchUi;
  let page: Page;

  beforeAll(async () => {
    ui = await openWorkbenchUi();
    page = ui.page;
    writeFileSync(join(ui.workbench.examplesDir, FLOW_FILE), FLOW);
    // The page listed the example files when it loaded: load it again to list this one.
    await page.reload();
    await page.getByTestId('status-version').waitFor();
    await ui.call('mocks.start', { file: 'mocks/shop.mocks.yaml' });
    // The lookup outlasts the call: the caller hangs up while it is in flight.
    await ui.call('mocks.patchRoute', { routeId: 'order_status', override: { latency: { fixed: 25_000 } } });
  });
  afterAll(async () => {
    await ui?.close();
  });

  const bubble = (module: string): ReturnType<Page['getByTestId']> => page.getByTestId('chat-bot').filter({ hasText: module === 'notice' ? 'Notice:' : module === 'menu' ? 'Menu:' : module });
  const speech = (module: string): Promise<string | null> => bubble(module).first().getByTestId('chat-speech').textContent();
  const talkOver = async (text: string): Promise<void> => {
    await page.getByTestId('chat-input').locator('input').fill(text);
    await page.getByTestId('caller-barge-in').click();
  };

  it('does each caller action live, shows it in the chat and ends the call on hang-up', async () => {
    await goTo(page, 'Sessions');
    await page.getByTestId('session-mocks-running').waitFor();
    await page.getByTestId('session-flow').click();
    await page.locator('.n-base-select-option').filter({ hasText: FLOW_FILE }).click();
    // The chosen flow's whole name is there on hover, however narrow the select.
    expect(await page.getByTestId('session-flow').locator('[title]').first().getAttribute('title')).toBe(`Live caller controls (voice) — ${FLOW_FILE}`);
    await page.getByTestId('session-start').click();
    await page.getByTestId('caller-controls').waitFor();

    // 1. Over the notice (bargeIn: false): the words are not heard; the bot goes on.
    await expect.poll(() => speech('notice'), { timeout: 10_000 }).toMatch(/^speaking/);
    expect(await page.getByTestId('caller-barge-in').getAttribute('aria-label')).toMatch(/cannot be interrupted/);
    await talkOver('stop talking');
    await page.getByTestId('chat-ignored').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('chat-user').first().textContent()).toContain('stop talking');

    // 2. Over the menu: it is cut, the words are heard (no digits: the bot reprompts and waits again).
    await expect.poll(() => speech('menu'), { timeout: 15_000 }).toMatch(/^speaking/);
    await talkOver('no idea');
    await expect.poll(() => speech('menu'), { timeout: 15_000 }).toMatch(/cut at/);
    await expect.poll(() => page.getByTestId('session-state').textContent(), { timeout: 15_000 }).toBe('waiting for you');

    // 3. Silence: the no-input handler runs 3000 ms after the reprompt's audio ends and reprompts again
    //    (and again each time the caller goes on saying nothing; it never gives up in this flow).
    await page.getByTestId('caller-silence').click();
    await expect.poll(() => page.getByTestId('chat-interruption').first().textContent(), { timeout: 20_000 }).toMatch(/no input \(1st time in a row\): the caller said nothing at read → silent/);
    await expect.poll(() => bubble('Sorry, key your order').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.getByTestId('session-state').textContent(), { timeout: 15_000 }).toBe('waiting for you');

    // 4. The keypad: 12345# (600 ms of keys), then the lookup is sent and stays in flight.
    await expect.poll(() => page.getByTestId('caller-keypad').isEnabled(), { timeout: 10_000 }).toBe(true);
    await page.getByTestId('caller-keypad').click();
    for (const key of ['1', '2', '3', '4', '5', '#']) await page.getByTestId(`keypad-key-${key}`).click();
    expect(await page.getByTestId('keypad-display').locator('input').inputValue()).toBe('12345#');
    await ui.screenshots('voice-session-keypad');
    // Switching themes for the screenshots may close the keypad: what was typed stays.
    if (!(await page.getByTestId('keypad').isVisible())) await page.getByTestId('caller-keypad').click();
    expect(await page.getByTestId('keypad-display').locator('input').inputValue()).toBe('12345#');
    await page.getByTestId('keypad-send').click();
    await expect.poll(() => page.getByTestId('chat-dtmf').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('chat-user').last().textContent()).toContain('⌨ 12345#');
    await page.getByTestId('chat-request').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('chat-request').textContent()).toMatch(/order_lookup GET \/orders\/12345 from lookup/);
    // While the bot works only hanging up makes sense.
    await expect.poll(() => page.getByTestId('caller-silence').isDisabled(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('caller-hangup').isEnabled()).toBe(true);
    await ui.screenshots('voice-session-in-flight');

    // 5. Hang up: the lookup is abandoned, the session ends and is saved.
    await page.getByTestId('caller-hangup').click();
    await expect.poll(() => page.getByTestId('session-state').textContent(), { timeout: 15_000 }).toBe('ended: hangup (caller hung up)');
    await page.getByTestId('session-saved').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('chat-answer').last().textContent()).toContain('abandoned: the caller hung up before the answer');
    expect(await page.getByTestId('chat-end').textContent()).toContain('conversation ended: hangup');
    for (const control of ['caller-silence', 'caller-keypad', 'caller-hangup']) expect(await page.getByTestId(control).isDisabled(), control).toBe(true);
    expect(await page.getByTestId('caller-barge-in').isDisabled()).toBe(true);
    // Nothing speaks after the hang-up, and the clock has stopped (it reads the same after the screenshots).
    await expect.poll(() => page.getByTestId('chat-speech').allTextContents(), { timeout: 5000 }).not.toContainEqual(expect.stringMatching(/^(speaking|queued)/));
    const stoppedAt = await page.getByTestId('session-now').textContent();
    await ui.screenshots('voice-session-hung-up');
    expect(await page.getByTestId('session-now').textContent()).toBe(stoppedAt);
    expect(ui.consoleErrors).toEqual([]);
  }, 180_000);

  it('records what the caller did and replays it to the same end', async () => {
    const { sessions } = await ui.call<{ sessions: { id: string; flow: { name: string }; endState: string }[] }>('sessions.list', {});
    const recorded = sessions.find((s) => s.flow.name === 'Live caller controls (voice)');
    expect(recorded?.endState).toBe('hangup');
    const session = await ui.call<{ user: { kind?: string }[]; trace: { type: string; kind?: string }[] }>('sessions.get', { id: recorded?.id });
    // Talk-over twice, then silence at every wait the no-input timer ended (the button, then the
    // caller going on saying nothing), the keys and the hang-up.
    const kinds = session.user.map((u) => u.kind ?? 'say');
    expect(kinds.slice(0, 3)).toEqual(['say', 'say', 'silence']);
    expect(kinds.slice(-2)).toEqual(['dtmf', 'hangup']);
    expect(new Set(kinds.slice(2, -2))).toEqual(new Set(['silence']));
    expect(kinds.filter((k) => k === 'silence')).toHaveLength(session.trace.filter((e) => e.type === 'interruption' && e.kind === 'no_input').length);

    await page.getByTestId('session-goto-replay').click();
    await page.getByTestId('replay-button').click();
    await page.getByTestId('no-divergence').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('replay-end-state').textContent()).toContain('hangup');
    // The list writes when it was recorded in the one date format: locale, seconds and time zone.
    expect(await page.getByTestId('sessions-table').locator('.when').first().textContent()).toMatch(/\d{1,2}:\d{2}:\d{2}.*\b(UTC|GMT[+-]?\d*|[A-Z]{2,5})\b/);
  }, 90_000);

  it('shows no voice controls for a chat flow, only leaving', async () => {
    await goTo(page, 'Sessions');
    await page.locator('.n-tabs-tab').filter({ hasText: 'Live session' }).click();
    // Whatever an earlier test left running ends first.
    if (await page.getByTestId('session-stop').isEnabled().catch(() => false)) await page.getByTestId('session-stop').click();
    await page.getByTestId('session-flow').click();
    await page.locator('.n-base-select-option').filter({ hasText: 'refund-chat.flow.yaml' }).click();
    await page.getByTestId('session-start').click();
    await expect.poll(() => page.getByTestId('session-state').textContent(), { timeout: 15_000 }).toBe('waiting for you');
    expect(await page.getByTestId('caller-hangup').textContent()).toBe('Leave');
    for (const control of ['caller-silence', 'caller-keypad', 'caller-barge-in']) expect(await page.getByTestId(control).count(), control).toBe(0);
    await page.getByTestId('session-stop').click();
    await page.getByTestId('session-saved').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('caller-hangup').isDisabled()).toBe(true);
  }, 60_000);
});
