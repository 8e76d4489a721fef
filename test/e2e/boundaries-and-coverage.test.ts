import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, openWorkbenchUi, untilStill } from './workbench-ui';
import type { WorkbenchUi } from './workbench-ui';

describe('Flows view: port coverage and the latency boundary explorer', () => {
  let ui: WorkbenchUi;
  let page: Page;
  /** analysis.coverage calls the page made. */
  let coverageCalls = 0;

  beforeAll(async () => {
    ui = await openWorkbenchUi();
    page = ui.page;
    page.on('request', (request) => {
      if (request.url().includes('/api/call/analysis.coverage')) coverageCalls++;
    });
  });
  afterAll(async () => {
    await ui?.close();
  });

  const port = (module: string, name: string) => page.getByTestId('flow-graph-flows-graph').locator(`.module-node[data-module="${module}"] li[data-port="${name}"]`);

  it('colours the ports the example scenarios never take and lists them', async () => {
    await goTo(page, 'Flows');
    await page.getByTestId('flow-name').filter({ hasText: 'Order status (voice, async + await)' }).click();
    // 14 of the flow's 15 ports are taken by its 6 example scenarios: only tries.exceeded is not.
    await expect.poll(() => page.getByTestId('coverage-percent').textContent()).toContain('93.3 % of ports taken');
    expect(await page.getByTestId('coverage-line').textContent()).toContain('14 of 15 ports, by the 6 example scenarios');
    // One call runs every example file: it also says which scenarios ran which flow.
    expect(coverageCalls).toBe(1);
    expect(await port('tries', 'exceeded').getAttribute('data-coverage')).toBe('0');
    expect(await port('tries', 'exceeded').getAttribute('class')).toContain('uncovered');
    expect(await port('check', 'waiting').getAttribute('class')).toContain('covered');
    await page.getByRole('button', { name: /ports never taken/ }).click();
    expect(await page.getByTestId('never-taken-port').allTextContents()).toEqual([expect.stringContaining('tries.exceeded')]);
    // The list brings the module into view.
    await page.getByRole('button', { name: 'Show module tries in the graph' }).click();
    await page.getByTestId('module-details').waitFor();
    await untilStill(page);
    await ui.screenshots('flows-coverage');
    await page.keyboard.press('Escape');
  });

  it('sweeps the slow-API scenario over order_status 0–8000 ms: three bands with exact boundaries', async () => {
    await page.getByText('Latency boundaries', { exact: true }).click();
    await page.getByTestId('sweep-scenario').click();
    // The picker offers the scenarios that ran this flow (from the coverage): the six of its example file.
    const options = await page.locator('.n-base-select-option').allTextContents();
    expect(options).toHaveLength(6);
    expect(options.every((o) => o.endsWith('— scenarios/order-status.scenario.yaml'))).toBe(true);
    await page.locator('.n-base-select-option').filter({ hasText: 'slow API' }).click();
    expect(await page.getByTestId('sweep-endpoint').textContent()).toContain('order_status');
    await page.getByTestId('sweep-to').locator('input').fill('8000');
    await page.getByTestId('sweep-button').click();
    await expect.poll(() => page.getByTestId('band-range').allTextContents()).toEqual(['0 – 4500 ms', '4501 – 5000 ms', '5001 – 8000 ms']);
    expect(await page.getByTestId('band-row').allTextContents()).toEqual([
      expect.stringContaining('check.success → end'),
      expect.stringContaining('check.waiting → check.success → end'),
      expect.stringContaining('check.waiting → check.failure → handover'),
    ]);
    const chart = page.getByTestId('latency-bands');
    expect(await chart.getByTestId('boundary-0').textContent()).toBe('4500 | 4501');
    expect(await chart.getByTestId('boundary-1').textContent()).toBe('5000 | 5001');
    // The bands sit on the latency axis in order, the middle one narrow (500 of 8000 ms).
    const boxes = await Promise.all([0, 1, 2].map((i) => chart.getByTestId(`band-${i}`).locator('rect').boundingBox()));
    expect(boxes.every((b, i) => i === 0 || (b && boxes[i - 1] && b.x > (boxes[i - 1]?.x ?? 0)))).toBe(true);
    expect((boxes[1]?.width ?? 0) / ((boxes[0]?.width ?? 0) + (boxes[1]?.width ?? 0) + (boxes[2]?.width ?? 0))).toBeCloseTo(500 / 8000, 2);
    await ui.screenshots('flows-latency-bands');
  });

  it('opens the middle band as a run: the timeline shows the waiting-then-success path', async () => {
    await page.getByTestId('latency-bands').getByTestId('band-1').click();
    await page.getByRole('heading', { level: 1, name: 'Run / Timeline' }).waitFor();
    await expect.poll(() => page.getByTestId('run-status').textContent()).toBe('passed');
    expect(await page.getByTestId('pinned-latency').textContent()).toContain('order_status pinned at 4750 ms');
    expect(await page.getByTestId('run-end-state').textContent()).toContain('ended: end');
    const check = page.getByTestId('flow-graph-run-graph').locator('.module-node[data-module="check"]');
    await check.waitFor();
    const choices = await check.getByTestId('node-choices').locator('li').allTextContents();
    expect(choices[0]).toMatch(/1\s*waiting\s+module_timeout after 3000 ms/);
    expect(choices[1]).toMatch(/2\s*success\s+status 200/);
    // r1 was sent at 3200 ms by lookup and answered 4750 ms later.
    expect(await page.getByTestId('timeline').locator('canvas[role="img"]').getAttribute('aria-label')).toContain('endpoints order_status');
    await ui.screenshots('run-latency-band');
  });

  it('logs no console errors', () => {
    expect(ui.consoleErrors).toEqual([]);
  });
});
