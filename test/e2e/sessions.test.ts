import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli-harness';
import { resultsDir } from '../support/paths';
import type { PageElement } from './page-globals';
import { goTo, openWorkbenchUi } from './workbench-ui';
import type { WorkbenchUi } from './workbench-ui';

const EDITED_FLOW = 'flows/order-status-edited.flow.yaml';

describe('sessions: chat live, record, replay, divergence, scenario, downloads, HAR import', () => {
  let ui: WorkbenchUi;
  let page: Page;
  /** The HAR file the page downloaded. */
  let harPath = '';

  beforeAll(async () => {
    ui = await openWorkbenchUi();
    page = ui.page;
    // An edited copy of the voice flow: a successful check now hands over instead of telling the state.
    const flow = readFileSync(join(ui.workbench.examplesDir, 'flows', 'order-status.flow.yaml'), 'utf8')
      .replace(/^name: .*$/m, 'name: "Order status (edited: success hands over)"')
      .replace('success: tell,', 'success: sorry,');
    writeFileSync(join(ui.workbench.examplesDir, EDITED_FLOW), flow);
  });
  afterAll(async () => {
    await ui?.close();
  });

  const chatTexts = (): Promise<string[]> => page.getByTestId('chat-log').getByTestId('chat-text').allTextContents();

  it('starts the mock server from the view and talks to the voice flow on the real clock', async () => {
    await goTo(page, 'Sessions');
    await page.getByTestId('session-mocks-off').waitFor();
    await page.getByTestId('session-start-mocks').click();
    await page.getByTestId('session-mocks-running').waitFor();
    // A fixed latency keeps the conversation short and the recording predictable.
    await ui.call('mocks.patchRoute', { routeId: 'order_status', override: { latency: { fixed: 300 } } });

    await page.getByTestId('session-time-scale').click();
    await page.locator('.n-base-select-option').filter({ hasText: '4× faster' }).click();
    await page.getByTestId('session-start').click();
    await expect.poll(chatTexts).toEqual(["Hi, what's your order number?"]);
    await expect.poll(() => page.getByTestId('session-state').textContent()).toBe('waiting for you');
    expect(await page.getByTestId('chat-speech').first().textContent()).toMatch(/(speaks|speaking|spoke) .* → .*\(2000 ms\)/);

    const input = page.getByTestId('chat-input').locator('input');
    await input.fill("It's 12345");
    await input.press('Enter');
    await page.getByTestId('session-saved').waitFor({ timeout: 20_000 });
    expect(await chatTexts()).toEqual(["Hi, what's your order number?", "It's 12345", 'One moment while I check.', 'Your order is shipped.']);
    expect(await page.getByTestId('session-state').textContent()).toBe('ended: end');
    expect(await page.getByTestId('chat-end').textContent()).toContain('conversation ended: end');
    expect(await page.getByTestId('chat-request').textContent()).toMatch(/order_status GET \/orders\/12345 from lookup/);
    expect(await page.getByTestId('chat-answer').textContent()).toMatch(/order_status status 200 after \d+ ms/);
    // The live timeline holds the whole conversation, dead air included.
    const timeline = page.getByTestId('live-timeline').locator('canvas[role="img"]');
    expect(await timeline.getAttribute('aria-label')).toMatch(/endpoints order_status/);
    await ui.screenshots('sessions-live-chat');
  });

  it('lists the recording and replays it in virtual time: no divergence', async () => {
    await page.getByTestId('session-goto-replay').click();
    await expect.poll(() => page.getByTestId('session-flow-name').allTextContents()).toEqual(['Order status (voice, async + await)']);
    // How it went, from the list alone: ended at the end module, on the voice channel, one message and one request.
    expect(await page.getByTestId('session-end-state').allTextContents()).toEqual(['end']);
    expect(await page.getByTestId('session-channel').allTextContents()).toEqual(['voice']);
    expect(await page.getByTestId('session-counts').allTextContents()).toEqual(['1 message · 1 request']);
    expect(await page.getByTestId('session-duration').textContent()).toMatch(/^\d+(\.\d)? (ms|s)$/);
    expect(await page.getByTestId('sessions-table').textContent()).toContain('order-status.flow.yaml');
    await page.getByTestId('replay-button').click();
    await page.getByTestId('no-divergence').waitFor();
    expect(await page.getByTestId('replay-end-state').textContent()).toContain('replay ended: end');
  });

  it('replays with order_status at 6000 ms: diverges in check (waiting instead of success), timelines aligned', async () => {
    const latency = page.getByTestId('replay-latency-order_status').locator('input');
    await latency.fill('6000');
    await latency.blur();
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('divergence-summary').waitFor();
    expect(await page.getByTestId('divergence-summary').textContent()).toContain('Diverges at step 6, in check');
    expect(await page.getByTestId('divergence-recorded-port').textContent()).toBe('success');
    expect(await page.getByTestId('divergence-replayed-port').textContent()).toBe('waiting');
    expect(await page.getByTestId('replay-end-state').textContent()).toContain('handover');
    // The contexts at that moment, side by side: the replay has no answer yet.
    const state = page.getByTestId('divergence-context').filter({ hasText: 'order_state' });
    expect(await state.textContent()).toMatch(/"shipped".*—/);

    const aligned = page.getByTestId('aligned-timelines');
    expect(await page.getByTestId('aligned-bottom-label').textContent()).toBe('Replay (virtual clock): the recorded flow, answers from the recording, order_status at 6000 ms');
    const canvases = aligned.locator('canvas[role="img"]');
    expect(await canvases.count()).toBe(2);
    const [top, bottom] = [await canvases.nth(0).boundingBox(), await canvases.nth(1).boundingBox()];
    // One above the other, the same width and height (same lanes), on one time axis.
    expect(top && bottom && bottom.y > top.y).toBe(true);
    expect([Math.round(top?.width ?? 0), Math.round(top?.height ?? 0)]).toEqual([Math.round(bottom?.width ?? -1), Math.round(bottom?.height ?? -1)]);
    // The page scrolls inside the layout: bring both timelines on screen for the screenshots.
    await page.getByTestId('replay-result').evaluate((el) => (el as unknown as PageElement).scrollIntoView({ block: 'start' }));
    await ui.screenshots('sessions-aligned-timelines');
    await aligned.screenshot({ path: join(resultsDir, 'sessions-aligned-timelines-only.png') });
  });

  it('replays against an edited flow file: the divergence names the changed arrow', async () => {
    await page.getByTestId('replay-latency-order_status').locator('input').fill('');
    await page.getByTestId('replay-latency-order_status').locator('input').blur();
    // The edited file was written after the page loaded the list of flows.
    await page.getByRole('button', { name: 'Reload the flow and mocks files' }).click();
    await page.getByTestId('replay-flow').click();
    await page.locator('.n-base-select-option').filter({ hasText: EDITED_FLOW }).click();
    await page.getByTestId('replay-button').click();
    await expect.poll(() => page.getByTestId('divergence-summary').textContent()).toMatch(/check → success → tell .* check → success → sorry/);
    expect(await page.getByTestId('replay-end-state').textContent()).toContain('handover');
  });

  it('saves the session as a scenario: edited in the YAML editor, saved into the library, and it passes', async () => {
    await page.getByTestId('session-to-scenario').click();
    // The library is empty: it offers to import the examples the scenario refers to.
    await page.getByTestId('scenario-needs-import').waitFor();
    await page.getByTestId('import-then-draft').click();
    await page.getByTestId('scenario-editor').waitFor();
    // The host wrote the library entry: its flow and mocks by library path, no file-level format line.
    const intro = await page.getByTestId('editor-intro').textContent();
    expect(intro).toContain('flow: flows/order-status.flow.yaml (library path), mocks: mocks/shop.mocks.yaml (library path)');
    await page.getByText('✓ valid scenario').waitFor();
    const editorText = await page.getByTestId('yaml-editor').locator('.cm-content').innerText();
    expect(editorText).not.toMatch(/^format:/m);
    await page.getByTestId('editor-save').click();
    await expect.poll(() => page.getByTestId('sessions-notice').textContent()).toMatch(/Saved the scenario “Order status \(voice, async \+ await\) — session .*”/);
    const saved = await ui.call<{ items: { id: number; name: string }[] }>('scenarios.list', { text: '— session' });
    expect(saved.items).toHaveLength(1);
    // Saved as the host drafted it: nothing converted on the page's side.
    const [session] = (await ui.call<{ sessions: { id: string }[] }>('sessions.list', {})).sessions;
    const drafted = await ui.call<{ yaml: string }>('sessions.toScenario', { id: session?.id, name: saved.items[0]?.name, for: 'library' });
    const record = await ui.call<{ scenario: Record<string, unknown> }>('scenarios.get', { id: saved.items[0]?.id });
    expect(record.scenario).toEqual(parse(drafted.yaml));
    expect(record.scenario).toMatchObject({ flow: 'flows/order-status.flow.yaml', mocks: 'mocks/shop.mocks.yaml' });
    const run = await ui.call<{ results: { status: string; endState: string }[] }>('scenarios.run', { ids: [saved.items[0]?.id] });
    expect(run.results[0]).toMatchObject({ status: 'passed', endState: 'end' });
  });

  it('downloads the session file, its HAR and a repro bundle (JSON and zip)', async () => {
    const save = async (label: RegExp): Promise<{ name: string; path: string }> => {
      await page.getByTestId('session-download').click();
      const [file] = await Promise.all([page.waitForEvent('download'), page.locator('.n-dropdown-option').filter({ hasText: label }).click()]);
      const path = join(resultsDir, `download-${file.suggestedFilename()}`);
      await file.saveAs(path);
      if (path.endsWith('.har')) harPath = path;
      return { name: file.suggestedFilename(), path };
    };
    const download = async (label: RegExp): Promise<{ name: string; body: Record<string, unknown> }> => {
      const { name, path } = await save(label);
      return { name, body: JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> };
    };
    const session = await download(/^Session/);
    expect(session.name).toMatch(/^order-status-voice-async-await-[0-9a-f]{8}\.flowbench-session\.json$/);
    expect(session.body['format']).toBe('flowbench.session/1');
    const har = await download(/HAR 1\.2/);
    expect(har.name).toMatch(/\.har$/);
    const log = har.body['log'] as { version: string; entries: { request: { url: string } }[] };
    expect(log.version).toBe('1.2');
    // The session went through the mock server: its URLs carry the server's address and port.
    const { url } = await ui.call<{ url: string | null }>('mocks.status', {});
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    expect(log.entries.map((e) => e.request.url)).toEqual([`${String(url).replace(/\/$/, '')}/orders/12345`]);
    const bundle = await download(/Repro bundle, one JSON file/);
    expect(bundle.name).toMatch(/\.flowbench\.json$/);
    expect(bundle.body['format']).toBe('flowbench.bundle/1');
    // The zip bundle replays with nothing else, as the JSON one does.
    const zip = await save(/Repro bundle, zip/);
    expect(zip.name).toMatch(/^order-status-voice-async-await-[0-9a-f]{8}\.flowbench\.zip$/);
    const replayed = await cli(['replay', zip.path], resultsDir);
    expect(replayed.code, replayed.output).toBe(0);
    expect(replayed.stdout).toContain('no divergence');
  });

  it('imports the HAR as a library mock set', async () => {
    expect(harPath).not.toBe('');
    await page.getByTestId('open-import').click();
    await page.getByTestId('import-file').setInputFiles(harPath);
    await expect.poll(() => page.getByTestId('har-preview').textContent()).toContain('format: flowbench.mocks/1');
    const name = page.getByTestId('import-dialog').getByRole('textbox', { name: 'Name of the mock set' });
    await name.fill('orders from a HAR');
    await name.press('Enter');
    await expect.poll(() => page.getByTestId('har-preview').textContent()).toContain('name: orders from a HAR');
    await page.getByTestId('import-save').click();
    await expect.poll(() => page.getByTestId('sessions-notice').textContent()).toMatch(/Saved the mock set “orders from a HAR” in the library as mocks\/.*\.mocks\.yaml \(1 route\)/);
    const sets = await ui.call<{ items: { name: string }[] }>('mockSets.list', {});
    expect(sets.items.map((s) => s.name)).toContain('orders from a HAR');
  });

  it('lists a session stopped while the bot waited for the user: awaiting user, session stopped', async () => {
    await page.locator('.n-tabs-tab').filter({ hasText: 'Live session' }).click();
    await page.getByTestId('session-start').click();
    await expect.poll(() => page.getByTestId('session-state').textContent()).toBe('waiting for you');
    await page.getByTestId('session-stop').click();
    await page.getByTestId('session-saved').waitFor({ timeout: 20_000 });
    await page.getByTestId('session-goto-replay').click();
    // Newest first: the stopped one, then the finished one.
    await expect.poll(() => page.getByTestId('session-end-state').allTextContents()).toEqual(['awaiting user', 'end']);
    expect(await page.getByTestId('session-end-reason').allTextContents()).toEqual(['session stopped']);
    expect(await page.getByTestId('session-counts').allTextContents()).toEqual(['0 messages · 0 requests', '1 message · 1 request']);
    await page.getByTestId('sessions-table').evaluate((el) => (el as unknown as PageElement).scrollIntoView({ block: 'start' }));
    await ui.screenshots('sessions-recordings-list');
  });

  it('logs no console errors', () => {
    expect(ui.consoleErrors).toEqual([]);
  });
});
