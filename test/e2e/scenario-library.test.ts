import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, openWorkbenchUi, typeInEditor } from './workbench-ui';
import type { WorkbenchUi } from './workbench-ui';
import { exampleCounts } from '../support/example-counts';
import type { ExampleCounts } from '../support/example-counts';

const NAME = 'order lookup written in the editor';

const scenarioYaml = (ends: string, module = 'check'): string => `name: ${NAME}
flow: flows/order-status.flow.yaml
mocks: mocks/shop.mocks.yaml
tags: [editor, smoke]
overrides: { order_status: { latency: { fixed: 300 } } }
user:
  - say: "It's 12345"
    afterMs: 400
expect:
  - ends: ${ends}
  - port: { module: ${module}, is: success }
  - says: "Your order is shipped"
`;

describe('scenario library: import, editor with live validation, run, history', () => {
  let ui: WorkbenchUi;
  let page: Page;
  let examples: ExampleCounts;
  const libraryCount = async (): Promise<number> => (await ui.call<{ total: number }>('scenarios.list', {})).total;

  beforeAll(async () => {
    ui = await openWorkbenchUi();
    page = ui.page;
    examples = await exampleCounts();
  });
  afterAll(async () => {
    await ui?.close();
  });

  it('imports the examples into the empty library', async () => {
    await goTo(page, 'Scenarios');
    await page.getByText('The scenario library is empty').waitFor();
    await page.getByTestId('import-examples').click();
    await page.getByTestId('scenarios-table').waitFor();
    await expect.poll(() => page.getByTestId('scenario-name').count()).toBeGreaterThan(5);
    expect(await libraryCount()).toBe(examples.scenarios);
  });

  it('shows a YAML syntax error and a schema error with their paths, and saves nothing', async () => {
    await page.getByTestId('scenario-new').click();
    await page.getByTestId('scenario-editor').waitFor();
    await page.getByText('✓ valid scenario').waitFor();

    await typeInEditor(page, scenarioYaml('end').replace('tags: [editor, smoke]', 'tags: [editor, smoke'));
    const issues = page.getByTestId('editor-issues');
    await expect.poll(() => issues.getByTestId('issue-path').first().textContent()).toBe('(yaml)');
    expect(await issues.textContent()).toMatch(/line \d+:\d+/);

    await typeInEditor(page, scenarioYaml('finished'));
    await expect.poll(() => issues.getByTestId('issue-path').allTextContents()).toEqual(['expect[0].ends']);
    expect(await issues.textContent()).toContain('line 10');
    expect(await issues.textContent()).toMatch(/expected one of/);
    await ui.screenshots('scenario-editor-error');
    await page.getByTestId('editor-save').click();
    await page.getByTestId('nothing-saved').waitFor();
    expect(await libraryCount()).toBe(examples.scenarios);
  });

  it('shows what the host refuses as you type (a module the flow does not have), with its path, and saves nothing', async () => {
    await typeInEditor(page, scenarioYaml('end', 'nosuch'));
    // The host's dry run (scenarios.validate) answers while the text is being edited.
    const issues = page.getByTestId('editor-issues');
    await expect.poll(() => issues.getByTestId('issue-path').allTextContents()).toEqual(['scenario.expect[1].port.module']);
    expect(await issues.textContent()).toMatch(/unknown module 'nosuch'.*host/);
    await page.getByTestId('editor-save').click();
    await page.getByTestId('nothing-saved').waitFor();
    expect(await libraryCount()).toBe(examples.scenarios);
  });

  it('saves the fixed scenario: it appears in the library and runs', async () => {
    await typeInEditor(page, scenarioYaml('end'));
    await page.getByText('✓ valid scenario').waitFor();
    await page.keyboard.press('Control+s');
    await page.getByTestId('saved-notice').waitFor();
    expect(await libraryCount()).toBe(examples.scenarios + 1);

    await page.getByTestId('scenario-search').locator('input').fill('written in the editor');
    await expect.poll(() => page.getByTestId('scenario-name').allTextContents()).toEqual([NAME]);
    await page.getByTestId('scenario-run').click();
    await expect.poll(() => page.getByTestId('scenario-status').allTextContents()).toEqual(['passed']);
    await ui.screenshots('scenario-library-saved-and-run');
  });

  it('opens the result on the timeline', async () => {
    await page.getByTestId('scenario-open-result').click();
    await page.getByRole('heading', { level: 1, name: 'Run / Timeline' }).waitFor();
    await expect.poll(() => page.getByTestId('run-status').textContent()).toBe('passed');
    expect(await page.getByTestId('run-summary').textContent()).toContain(NAME);
    await page.getByTestId('timeline').waitFor();
  });

  it('runs every scenario with progress and keeps a history per scenario', async () => {
    await goTo(page, 'Scenarios');
    await page.getByTestId('scenario-search').locator('input').fill('');
    const all = examples.scenarios + 1;
    await expect.poll(() => page.getByTestId('scenario-run-all').textContent()).toBe(`Run all (${all})`);
    await page.getByTestId('scenario-run-all').click();
    await page.getByTestId('run-done').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('run-done').textContent()).toContain(`Ran ${all} of ${all} scenarios: ${all} passed`);

    await page.getByTestId('scenario-search').locator('input').fill('written in the editor');
    await expect.poll(() => page.getByTestId('scenario-name').count()).toBe(1);
    await page.getByRole('button', { name: `Run history of ${NAME}` }).click();
    const history = page.getByTestId('history-table');
    await history.waitFor();
    await expect.poll(() => history.locator('tbody tr').count()).toBe(2);
    await ui.screenshots('scenario-history');
  });

  it('stops a library run after the scenario it is running: says so and how many ran, and records those', async () => {
    // Three scenarios on the real clock (4× faster): a couple of seconds each, time to press Stop.
    const slow = (n: number): Record<string, unknown> => ({ ...(parse(scenarioYaml('end')) as Record<string, unknown>), name: `slow real-clock lookup ${n}`, tags: ['slow'], clock: 'real', timeScale: 0.25 });
    for (const n of [1, 2, 3]) await ui.call('scenarios.create', { file: 'scenarios/slow-real-clock.scenario.yaml', scenario: slow(n) });
    const runsBefore = (await ui.call<{ runs: unknown[] }>('library.runs', {})).runs.length;
    // The history drawer of the last test is still open.
    await page.keyboard.press('Escape');
    await page.getByTestId('history-table').waitFor({ state: 'hidden' });

    await page.getByTestId('scenario-search').locator('input').fill('slow real-clock');
    await expect.poll(() => page.getByTestId('scenario-run-all').textContent()).toBe('Run all (3)');
    await page.getByTestId('scenario-run-all').click();
    // The pointer leaves Run all, so its tooltip (slow to fade on a loaded machine) cannot sit over Stop.
    await page.mouse.move(1, 1);
    await page.getByTestId('run-progress').waitFor();
    await page.getByTestId('run-stop').click();
    await expect.poll(() => page.getByTestId('run-progress').textContent()).toContain('stopping after the scenario that is running');
    await ui.screenshots('scenario-run-stopping');

    const done = page.getByTestId('run-done');
    await done.waitFor({ timeout: 30_000 });
    expect(await done.textContent()).toContain('Run stopped');
    expect(await done.textContent()).toContain('Stopped after 1 of 3 scenarios: 1 passed, 0 failed, 0 errors.');
    expect(await done.textContent()).toContain('2 did not run');
    // The one that ran shows its result; the others were never run.
    expect(await page.getByTestId('scenario-status').allTextContents()).toEqual(['passed']);
    // What ran is recorded as one run in the library.
    const runs = (await ui.call<{ runs: { passed: number; failed: number; errors: number }[] }>('library.runs', {})).runs;
    expect(runs).toHaveLength(runsBefore + 1);
    expect(runs[0]).toMatchObject({ passed: 1, failed: 0, errors: 0 });
    await ui.screenshots('scenario-run-stopped');
  });

  it('logs no console errors', () => {
    expect(ui.consoleErrors).toEqual([]);
  });
});
