import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, openWorkbenchUi, typeInEditor } from './workbench-ui';
import type { WorkbenchUi } from './workbench-ui';

/**
 * The Scenarios view as a Postman user would use it (issue 13 items 2 and 5, issue 16 item 2,
 * issue 17 item 4): duplicate, a form beside the YAML that follows it both ways, unsaved edits
 * that are not lost, one problem per syntax error, the closest request of a failing request
 * check, one result per `each:` row, and a picker that lists each scenario once.
 */
describe('scenario editor: form and YAML, duplicate, unsaved edits, results per row, request diffs', () => {
  let ui: WorkbenchUi;
  let page: Page;

  const yamlText = (): Promise<string> => page.getByTestId('yaml-editor').locator('.cm-content').innerText();
  const search = async (text: string): Promise<void> => {
    await page.getByTestId('scenario-search').locator('input').fill(text);
    await expect.poll(() => page.getByTestId('scenario-name').allTextContents(), { timeout: 15_000 }).toEqual(expect.arrayContaining([expect.stringContaining(text)]));
  };
  /** The library holds the examples (imported once by whichever test needs them first). */
  const ensureExamples = async (): Promise<void> => {
    const { total } = await ui.call<{ total: number }>('scenarios.list', {});
    if (total > 0) return;
    const { root } = await ui.call<{ root: string }>('examples.list', {});
    await ui.call('library.import', { paths: [root] });
  };
  /** A fresh page (no drawer left open by another test; the list as the host has it now) on the Scenarios view. */
  const openScenarios = async (): Promise<void> => {
    await page.reload();
    await page.getByTestId('status-version').waitFor();
    await goTo(page, 'Scenarios');
  };
  const closeEditorDiscarding = async (): Promise<void> => {
    await page.getByRole('button', { name: 'Close the editor' }).click();
    const discard = page.getByRole('button', { name: 'Discard changes' });
    if (await discard.isVisible().catch(() => false)) await discard.click();
    await page.getByTestId('scenario-editor').waitFor({ state: 'hidden' });
  };

  beforeAll(async () => {
    ui = await openWorkbenchUi();
    page = ui.page;
  });
  afterAll(async () => {
    await ui?.close();
  });

  it('duplicates a scenario of a multi-scenario file: the inherited flow and mocks show, and it saves into a new file', async () => {
    await ensureExamples();
    await openScenarios();
    const original = 'slow API — waiting once, then success';
    await search(original);
    await page.getByRole('button', { name: `Duplicate ${original}` }).click();
    const editor = page.getByTestId('scenario-editor');
    await editor.waitFor();
    await page.getByText(`Duplicate “${original}”`).waitFor();
    // Saved into its own file by default, it inherits what that file gives: shown in the form.
    expect(await page.getByTestId('inherited-flow').textContent()).toContain('inherited from scenarios/order-status.scenario.yaml');
    expect(await page.getByTestId('inherited-mocks').textContent()).toContain('inherited from scenarios/order-status.scenario.yaml');
    expect(await page.getByTestId('form-flow').textContent()).toContain('flows/order-status.flow.yaml');
    expect(await page.getByTestId('inherited-other').textContent()).toMatch(/seed: 42/);
    expect(await page.getByRole('textbox', { name: 'Scenario name' }).inputValue()).toBe(`${original} (copy)`);
    await page.getByText('✓ valid scenario').waitFor({ timeout: 15_000 });
    await ui.screenshots('scenario-duplicate-inherited');

    // Into a new file: the copy carries the flow, mocks and seed written in, and the host accepts it.
    await page.getByTestId('editor-file').click();
    await page.locator('.n-base-select-option').filter({ hasText: 'A new file' }).click();
    await page.getByTestId('carried-note').waitFor();
    const text = await yamlText();
    expect(text).toContain('flow: flows/order-status.flow.yaml');
    expect(text).toContain('mocks: mocks/shop.mocks.yaml');
    await page.getByText('✓ valid scenario').waitFor({ timeout: 15_000 });
    await ui.screenshots('scenario-duplicate-new-file');
    await page.getByTestId('editor-save').click();
    await page.getByTestId('saved-notice').waitFor();
    expect(await page.getByTestId('saved-notice').textContent()).toContain(`${original} (copy)`);

    const copy = (await ui.call<{ items: { id: number; name: string; file: string }[] }>('scenarios.list', { name: '(copy)' })).items;
    expect(copy).toHaveLength(1);
    expect(copy[0]?.file).not.toBe('scenarios/order-status.scenario.yaml');
    // It runs as the original does: 4800 ms is past the 3000 ms await once, then succeeds.
    await search(`${original} (copy)`);
    await page.getByRole('button', { name: `Run ${original} (copy)` }).click();
    await expect.poll(() => page.getByTestId('scenario-status').first().textContent(), { timeout: 30_000 }).toBe('passed');
  });

  it('edits in the form reach the YAML, and edits in the YAML reach the form (voice steps, checks, overrides)', async () => {
    await ensureExamples();
    await openScenarios();
    await page.getByTestId('scenario-new').click();
    await page.getByTestId('scenario-form').waitFor();
    await typeInEditor(page, 'name: form and yaml\nflow: flows/order-keypad.flow.yaml\nmocks: mocks/shop.mocks.yaml\nuser:\n  - say: "It is 12345" # the caller\nexpect:\n  - ends: end\n');
    await expect.poll(() => page.getByRole('textbox', { name: 'Scenario name' }).inputValue()).toBe('form and yaml');

    // Form → YAML: the three voice steps, a pause, a check and an override.
    await page.getByRole('button', { name: 'Add a step: Stays silent' }).click();
    await page.getByRole('button', { name: 'Add a step: Keys in (DTMF)' }).click();
    await page.getByRole('button', { name: 'Add a step: Hangs up' }).click();
    await page.getByRole('textbox', { name: 'Step 3: keys' }).fill('12345#');
    await page.getByRole('textbox', { name: "Step 1: pause after the bot's audio (ms)" }).fill('-2000');
    await page.getByTestId('add-check').click();
    await page.locator('.n-base-select-option').filter({ hasText: 'Max dead air' }).click();
    await page.getByRole('button', { name: 'Add a mock override' }).click();
    await expect.poll(yamlText).toContain('{ silence: true }');
    const text = await yamlText();
    expect(parse(text)).toEqual({
      name: 'form and yaml',
      flow: 'flows/order-keypad.flow.yaml',
      mocks: 'mocks/shop.mocks.yaml',
      user: [{ say: 'It is 12345', afterMs: -2000 }, { silence: true }, { dtmf: '12345#' }, { hangup: { afterMs: 2000 } }],
      expect: [{ ends: 'end' }, { maxDeadAirMs: 3000 }],
      overrides: { order_status: { latency: { fixed: 1000 } } },
    });
    // The comment on the first step is still there.
    expect(text).toContain('# the caller');

    // YAML → form: change the hang-up to dead air and the check in the text.
    await typeInEditor(page, text.replace('{ hangup: { afterMs: 2000 } }', '{ hangup: { deadAirMs: 4000 } }').replace('ends: end', 'ends: hangup'));
    await expect.poll(() => page.getByRole('textbox', { name: 'Step 4: hang-up time (ms)' }).inputValue()).toBe('4000');
    expect(await page.getByTestId('user-step-3').textContent()).toContain('after dead air of');
    expect(await page.getByTestId('check-0').textContent()).toContain('hangup');
    await page.getByText('✓ valid scenario').waitFor({ timeout: 15_000 });
    await ui.screenshots('scenario-form-beside-yaml');
    await closeEditorDiscarding();
  });

  it('keeps unsaved edits on Esc and ✕: it asks first', async () => {
    await ensureExamples();
    await openScenarios();
    const name = 'fast API — the first Await succeeds, no dead air';
    await search(name);
    await page.getByRole('button', { name: `Edit ${name}` }).click();
    const nameBox = page.getByRole('textbox', { name: 'Scenario name' });
    await expect.poll(() => nameBox.inputValue()).toBe(name);
    await nameBox.fill(`${name} — edited`);
    await page.getByTestId('unsaved').waitFor();

    await page.keyboard.press('Escape');
    await page.getByText('Discard your changes?').waitFor();
    await ui.screenshots('scenario-editor-discard-asked');
    await page.getByRole('button', { name: 'Keep editing' }).click();
    await page.getByText('Discard your changes?').waitFor({ state: 'hidden' });
    expect(await nameBox.inputValue()).toBe(`${name} — edited`);
    expect(await yamlText()).toContain(`${name} — edited`);

    // The drawer's ✕ asks too; discarding closes and saves nothing.
    await page.locator('.n-drawer-header .n-base-close').first().click();
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByTestId('scenario-editor').waitFor({ state: 'hidden' });
    const names = (await ui.call<{ items: { name: string }[] }>('scenarios.list', { name: 'fast API' })).items.map((s) => s.name);
    expect(names).not.toContain(`${name} — edited`);
  });

  it('counts one YAML syntax error as one problem, and the form waits for it to be fixed', async () => {
    await ensureExamples();
    await openScenarios();
    await page.getByTestId('scenario-new').click();
    await page.getByTestId('scenario-form').waitFor();
    // An unclosed bracket early in a long scenario: the parser reports dozens of errors after it.
    const steps = Array.from({ length: 20 }, (_, i) => `  - say: "message ${i}"\n    afterMs: 400`).join('\n');
    await typeInEditor(page, `name: broken\nflow: flows/order-status.flow.yaml\ntags: [a, b\nuser:\n${steps}\nexpect:\n  - ends: end\n`);
    await expect.poll(() => page.getByTestId('editor-status').textContent()).toContain('✗ 1 problem');
    expect(await page.getByTestId('issue-path').allTextContents()).toEqual(['(yaml)']);
    await page.getByTestId('form-waits').waitFor();
    await ui.screenshots('scenario-editor-one-syntax-error');
    await closeEditorDiscarding();
  });

  it('shows a failing request check with the closest request sent, field by field', async () => {
    await ensureExamples();
    const name = 'request check — the bot sent a GET to another order';
    // The user says "It's 12345": read captures 12345 and lookup sends GET /orders/12345, the
    // one request to order_status. The check wants a POST to /orders/99999: 1 sent, 0 match;
    // the closest is #1, with method (POST vs GET) and url differing.
    await ui.call('scenarios.create', {
      file: 'scenarios/editor-e2e-requests.scenario.yaml',
      scenario: {
        name,
        flow: 'flows/order-status.flow.yaml',
        mocks: 'mocks/shop.mocks.yaml',
        overrides: { order_status: { latency: { fixed: 300 } } },
        user: [{ say: "It's 12345", afterMs: 400 }],
        expect: [{ ends: 'end' }, { requests: { endpoint: 'order_status', method: 'POST', url: '/orders/99999' } }],
      },
    });
    await openScenarios();
    await search(name);
    await page.getByRole('button', { name: `Run ${name}` }).click();
    await expect.poll(() => page.getByTestId('scenario-status').first().textContent(), { timeout: 30_000 }).toBe('failed');
    await page.getByRole('button', { name: `Open the last result of ${name} on the timeline` }).click();
    await page.getByRole('heading', { level: 1, name: 'Run / Timeline' }).waitFor();
    const diff = page.getByTestId('request-diff');
    await diff.waitFor();
    expect(await diff.textContent()).toContain('1 request sent to order_status, 0 matching');
    expect(await diff.textContent()).toContain('order_status #1');
    const bad = diff.getByTestId('diff-bad');
    await expect.poll(() => bad.count()).toBe(2);
    expect(await bad.nth(0).innerText()).toMatch(/method\s+POST\s+GET/);
    expect(await bad.nth(1).innerText()).toMatch(/url\s+\/orders\/99999\s+\S*\/orders\/12345/);
    await ui.screenshots('request-check-diff');
  });

  it('runs each: rows as separate results, named for their row, in the run results and the history', async () => {
    await ensureExamples();
    const name = 'order {{order}} at {{latency}} ms';
    // Row 1: 300 ms → the first await succeeds. Row 2: 4800 ms → waiting once, then success.
    // Both end at `end`: two passed results.
    await ui.call('scenarios.create', {
      file: 'scenarios/editor-e2e-rows.scenario.yaml',
      scenario: {
        name,
        flow: 'flows/order-status.flow.yaml',
        mocks: 'mocks/shop.mocks.yaml',
        each: [
          { order: '12345', latency: 300 },
          { order: '12345', latency: 4800 },
        ],
        overrides: { order_status: { latency: { fixed: '{{latency}}' } } },
        user: [{ say: "It's {{order}}", afterMs: 400 }],
        expect: [{ ends: 'end' }],
      },
    });
    await openScenarios();
    await search('{{order}}');
    await page.getByRole('button', { name: `Run ${name}` }).click();
    const results = page.getByTestId('run-results');
    await results.waitFor({ timeout: 30_000 });
    expect(await results.getByTestId('result-name').allTextContents()).toEqual(['order 12345 at 300 ms', 'order 12345 at 4800 ms']);
    expect(await results.getByTestId('result-status').allTextContents()).toEqual(['passed', 'passed']);
    expect(await results.textContent()).toContain('2 of them rows of data-driven scenarios');
    expect(await results.textContent()).toContain('Wall time');
    expect(await results.textContent()).toContain('Conversation time');
    await ui.screenshots('scenario-rows-run-results');

    await page.getByRole('button', { name: `Run history of ${name}` }).click();
    const history = page.getByTestId('history-table');
    await history.waitFor();
    await expect.poll(() => history.getByTestId('history-name').allTextContents()).toEqual(expect.arrayContaining(['order 12345 at 300 ms', 'order 12345 at 4800 ms']));
    expect(await history.locator('thead').textContent()).toMatch(/Wall time.*Conversation time/);
    await ui.screenshots('scenario-rows-results-history');
    await page.keyboard.press('Escape');
    await history.waitFor({ state: 'hidden' });
  });

  it('lists each scenario once in the Run view picker', async () => {
    await ensureExamples();
    // Every example is in the library (imported) and in the examples folder: before, the picker
    // listed it twice, once per group. Now it is listed once, as the library scenario.
    const { files } = await ui.call<{ files: { path: string; scenarios: string[] }[] }>('examples.list', {});
    const names = files.find((f) => f.path === 'scenarios/order-status.scenario.yaml')?.scenarios ?? [];
    expect(names.length).toBeGreaterThan(3);
    const library = (await ui.call<{ items: { name: string }[] }>('scenarios.list', {})).items.map((s) => s.name);
    await page.reload();
    await page.getByTestId('status-version').waitFor();
    await goTo(page, 'Run / Timeline');
    const picker = page.getByTestId('scenario-picker');
    const options = page.locator('.n-base-select-option');
    for (const name of names) {
      // A copy made by another test reads "… (copy)": count the scenarios whose name starts so.
      const expected = library.filter((n) => n.startsWith(name)).length;
      await picker.click();
      await picker.locator('input').fill(name);
      await expect.poll(() => options.count(), { timeout: 10_000 }).toBe(expected);
      if (name === names[0]) await ui.screenshots('scenario-picker-once');
      await page.keyboard.press('Escape');
    }
  });

  it('logs no console errors', () => {
    expect(ui.consoleErrors).toEqual([]);
  });
});
