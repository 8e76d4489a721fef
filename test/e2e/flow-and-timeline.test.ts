import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, openWorkbenchUi, pickScenario, scrubTo } from './workbench-ui';
import type { WorkbenchUi } from './workbench-ui';

const SLOW_API = 'slow API — waiting once, then success';

describe('flow graph and run timeline', () => {
  let ui: WorkbenchUi;
  let page: Page;

  beforeAll(async () => {
    ui = await openWorkbenchUi();
    page = ui.page;
  });
  afterAll(async () => {
    await ui?.close();
  });

  const node = (graph: string, module: string) => page.getByTestId(`flow-graph-${graph}`).locator(`.module-node[data-module="${module}"]`);

  it('draws the example voice flow: modules by type, red and green arrows, lints', async () => {
    await goTo(page, 'Flows');
    await page.getByTestId('flow-name').filter({ hasText: 'Order status (voice, async + await)' }).click();
    await node('flows-graph', 'check').waitFor();
    expect(await page.getByTestId('flow-graph-flows-graph').locator('.module-node').count()).toBe(12);
    // greet → read is the red arrow: dashed, with a pause marker.
    const red = page.locator('[data-edge="greet.next"]');
    await expect.poll(() => red.textContent()).toContain('pause');
    expect(await page.getByTestId('flow-graph-flows-graph').locator('.vue-flow__edge').count()).toBe(15);
    await ui.screenshots('flows-voice-flow');
  });

  it('marks lint warnings on the module they concern and lists them', async () => {
    await page.getByTestId('flow-name').filter({ hasText: 'blocking; the lint warns' }).click();
    await node('flows-graph', 'lookup').getByTestId('lint-badge').waitFor();
    expect(await page.getByTestId('lint-count').textContent()).toContain('1 lint warning');
    expect(await page.getByTestId('lint-list').textContent()).toContain('blocking-in-voice');
    expect(await page.getByTestId('flow-graph-flows-graph').getByTestId('lint-badge').count()).toBe(1);
    await page.getByTestId('lint-list').locator('tbody tr').first().click();
    await page.getByTestId('module-details').waitFor();
    expect(await page.getByTestId('module-details').textContent()).toContain('blocking-in-voice');
    await ui.screenshots('flows-lint-warning');
  });

  it('shows the validation issues of an invalid flow with their paths', async () => {
    const broken = readFileSync(join(ui.workbench.examplesDir, 'flows', 'refund-chat.flow.yaml'), 'utf8').replace(/name: .*/, 'name: Broken refund flow');
    const modules = broken.indexOf('modules:');
    writeFileSync(join(ui.workbench.examplesDir, 'flows', 'broken.flow.yaml'), broken.slice(0, modules) + broken.slice(modules).replace(/(ports: \{ *[a-z_]+: )([a-z_]+)/, '$1nowhere'));
    await page.getByRole('button', { name: 'Reload the flow files' }).click();
    await page.getByTestId('flow-name').filter({ hasText: 'Broken refund flow' }).click();
    const issues = page.getByTestId('flow-issues');
    await issues.waitFor();
    expect(await issues.textContent()).toMatch(/modules\[\d+\]\.ports\.[a-z_]+: .*nowhere/);
    expect(await page.getByTestId('flow-graph-flows-graph').count()).toBe(0);
    await ui.screenshots('flows-invalid-flow');
  });

  it('runs the slow-API scenario and highlights lookup → check → tries → check → tell', async () => {
    await goTo(page, 'Run / Timeline');
    await pickScenario(page, SLOW_API);
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('run-status').textContent()).toBe('passed');
    expect(await page.getByTestId('run-end-state').textContent()).toContain('ended: end');
    await node('run-graph', 'check').waitFor();
    for (const [module, visits] of [['lookup', '1'], ['check', '2'], ['tries', '1'], ['tell', '1']] as const) {
      expect(await node('run-graph', module).getAttribute('data-visits')).toBe(visits);
    }
    for (const module of ['sorry', 'agent', 'unknown']) expect(await node('run-graph', module).getAttribute('data-executed')).toBe('false');
    expect(await page.getByTestId('flow-graph-run-graph').locator('[data-edge="check.waiting"]').getAttribute('data-taken')).toBe('1');
    expect(await page.getByTestId('flow-graph-run-graph').locator('[data-edge="check.success"]').getAttribute('data-taken')).toBe('1');
    // The check module lists its choices in order, with their reasons.
    const choices = await node('run-graph', 'check').getByTestId('node-choices').locator('li').allTextContents();
    expect(choices[0]).toMatch(/1\s*waiting\s+module_timeout after 3000 ms/);
    expect(choices[1]).toMatch(/2\s*success\s+status 200/);
  });

  it('lists the port choices up to the scrubbed time: waiting (module timeout), then success', async () => {
    const ports = page.getByTestId('ports-panel');
    await scrubTo(page, 7700);
    const waiting = ports.locator('tr[data-module="check"]').last();
    expect(await waiting.getAttribute('data-port')).toBe('waiting');
    expect(await waiting.getByTestId('port-choice-reason').textContent()).toBe('module_timeout after 3000 ms');
    expect(await ports.locator('tr[data-module="check"][data-port="success"]').count()).toBe(0);
    await scrubTo(page, 8000);
    const success = ports.locator('tr[data-module="check"][data-port="success"]');
    await success.waitFor();
    expect(await success.getByTestId('port-choice-reason').textContent()).toBe('status 200');
  });

  it('shows order_status pending at 6000 ms and nothing pending at 9000 ms', async () => {
    await scrubTo(page, 6000);
    const pending = page.getByTestId('pending-panel');
    expect(await pending.getByTestId('pending-endpoint').allTextContents()).toEqual(['order_status']);
    expect(await pending.textContent()).toMatch(/age 2800 ms.*deadline in 2200 ms/);
    await ui.screenshots('run-slow-api-at-6000ms');
    await scrubTo(page, 9000);
    expect(await pending.getByTestId('pending-endpoint').count()).toBe(0);
    await pending.getByTestId('pending-none').waitFor();
  });

  it('selects the module of a clicked timeline event in the graph, and walks port choices with the keyboard', async () => {
    // Click the order_status bar (sent 3200 ms by lookup) at about t = 5000 ms.
    const canvas = page.getByTestId('timeline').locator('canvas.interactive');
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no timeline canvas');
    const plotLeft = 128;
    const plotWidth = box.width - plotLeft - 8;
    // The run spans 0…9600 ms (the last speech ends then); the view fits it with 2 % air.
    const x = plotLeft + (5000 / (9600 * 1.02)) * plotWidth;
    const endpointRowY = 26 + 6 + 3 * (22 + 6) + 11;
    await canvas.click({ position: { x, y: endpointRowY } });
    await expect.poll(() => page.getByTestId('event-details').textContent()).toContain('request');
    await expect.poll(() => node('run-graph', 'lookup').getAttribute('class')).toContain('selected');

    // At 0 ms greet's choice is already listed: ] goes to the next one, read's at 3200 ms.
    await page.keyboard.press('Home');
    await page.keyboard.press(']');
    await expect.poll(() => page.getByTestId('scrub-input').locator('input').inputValue()).toBe('3200');
    await expect.poll(() => node('run-graph', 'read').getAttribute('class')).toContain('selected');
    await page.keyboard.press('End');
    await page.keyboard.press('[');
    await expect.poll(() => node('run-graph', 'tell').getAttribute('class')).toContain('selected');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByTestId('scrub-input').locator('input').inputValue()).toBe('7900');
  });

  it('shows the executed path on the Flows view too', async () => {
    await page.getByRole('button', { name: 'Open the selected module in the Flows view' }).click();
    await page.getByRole('heading', { level: 1, name: 'Flows' }).waitFor();
    expect(await page.getByTestId('executed-path').textContent()).toContain('lookup → hold → pause → check → tries → check → tell');
    expect(await node('flows-graph', 'check').getAttribute('data-visits')).toBe('2');
    await page.getByRole('button', { name: 'Fit the graph to the window' }).click();
    await ui.screenshots('flows-with-run-path');
  });

  it('saves the positions of dragged modules into the flow file', async () => {
    const file = join(ui.workbench.examplesDir, 'flows', 'order-status.flow.yaml');
    expect(readFileSync(file, 'utf8')).not.toContain('position');
    // The module details panel (left open by the test before) floats over the graph's right
    // side: close it and fit the graph, so the module to drag is not under it.
    await page.getByRole('button', { name: 'Close the module details' }).click();
    await page.getByTestId('module-details').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Fit the graph to the window' }).click();
    const target = node('flows-graph', 'bye');
    const box = await target.boundingBox();
    if (!box) throw new Error('no bye node on screen');
    await page.mouse.move(box.x + 30, box.y + 10);
    await page.mouse.down();
    await page.mouse.move(box.x + 90, box.y + 70, { steps: 6 });
    await page.mouse.up();
    // One drag writes the whole layout, so the file opens the way it looks now.
    await expect.poll(() => readFileSync(file, 'utf8').match(/position: \{ x: -?\d+, y: -?\d+ \}/g)?.length ?? 0).toBe(12);
    // Reopened, the graph keeps where the modules were put.
    const before = await target.boundingBox();
    await page.getByRole('button', { name: 'Reload the flow files' }).click();
    await expect.poll(async () => Math.round((await target.boundingBox())?.x ?? Number.NaN)).toBe(Math.round(before?.x ?? 0));
  });

  it('logs no console errors', () => {
    expect(ui.consoleErrors).toEqual([]);
  });
});
