import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import { FlowFile } from '../../main/api/formats/flow';
import { workbenchWindowOptions } from '../../main/desktop/window-options';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TuneTable } from '../../main/api/routes/analysis-tune';
import type { FlowView } from '../../main/api/routes/flows';
import { goTo, openWorkbenchUi } from './workbench-ui';
import type { WorkbenchUi } from './workbench-ui';

/** The smallest zoom at which the graph's 10–11 px labels stay readable (FlowGraph's READABLE_ZOOM). */
const READABLE_ZOOM = 0.75;

describe('Flows view: a graph that fits, code editors, timeout tuning', () => {
  let ui: WorkbenchUi;
  let page: Page;

  beforeAll(async () => {
    ui = await openWorkbenchUi();
    page = ui.page;
  });
  afterAll(async () => {
    await ui?.close();
  });

  const graph = () => page.getByTestId('flow-graph-flows-graph');
  const node = (module: string) => graph().locator(`.module-node[data-module="${module}"]`);
  const zoom = async (): Promise<number> => Number(await graph().getAttribute('data-zoom'));

  async function openFlow(name: string): Promise<void> {
    await goTo(page, 'Flows');
    await page.getByTestId('flow-name').filter({ hasText: name }).click();
    await node('bye').waitFor();
  }

  /**
   * Types in the Go to module box and presses Enter once the module is the highlighted option
   * (Enter before the menu has filtered would pick whatever was first).
   */
  async function searchAndPick(search: string, module: string): Promise<void> {
    await page.getByTestId('module-search').click();
    // The box finds modules by id, type and text.
    await page.keyboard.type(search);
    await expect.poll(() => page.locator('.n-base-select-option--pending b').first().textContent()).toBe(module);
    await page.keyboard.press('Enter');
  }

  /** Picks a module in the Go to module box (it is selected and zoomed to). */
  async function goToModule(module: string, search = module): Promise<void> {
    await page.keyboard.press('Escape');
    await searchAndPick(search, module);
    await expect.poll(() => page.getByTestId('module-details').getAttribute('aria-label')).toBe(`Module ${module}`);
  }

  /** Whether the module is wholly inside the graph's pane, as the user sees it. */
  async function inView(module: string): Promise<boolean> {
    const pane = await page.getByTestId('graph-pane').boundingBox();
    const box = await node(module).boundingBox();
    if (!pane || !box) return false;
    return box.x >= pane.x && box.y >= pane.y && box.x + box.width <= pane.x + pane.width && box.y + box.height <= pane.y + pane.height;
  }

  /** Every example flow file (the workbench's own copy of examples/flows/): its name and its modules. */
  function exampleFlows(): { file: string; name: string; modules: string[] }[] {
    const dir = join(ui.workbench.examplesDir, 'flows');
    return readdirSync(dir)
      .filter((f) => /\.flow\.(ya?ml|json)$/.test(f))
      .sort()
      .map((file) => {
        const flow = FlowFile.parse(parse(readFileSync(join(dir, file), 'utf8')));
        return { file, name: flow.name, modules: flow.modules.map((m) => m.id) };
      });
  }

  it('opens every example flow whole and readable in the default window, beside the flow list', async () => {
    // The window the desktop app opens (1440 × 900), the list of flows shown.
    const { width, height } = workbenchWindowOptions('', { devTools: false });
    await page.setViewportSize({ width: width ?? 0, height: height ?? 0 });
    await goTo(page, 'Flows');
    const flows = exampleFlows();
    expect(flows.map((f) => f.file)).toContain('order-keypad.flow.yaml');
    for (const flow of flows) {
      await page.getByTestId('flow-name').filter({ hasText: flow.name }).click();
      await expect.poll(() => page.getByTestId('open-flow-name').textContent()).toBe(flow.name);
      await expect.poll(() => graph().locator('.module-node').count()).toBe(flow.modules.length);
      for (const module of flow.modules) await expect.poll(() => inView(module), { timeout: 10_000, message: `${flow.file}: ${module} in view` }).toBe(true);
      expect(await zoom(), flow.file).toBeGreaterThanOrEqual(READABLE_ZOOM);
      await ui.screenshots(`flows-whole-${flow.file.replace(/\.flow\.\w+$/, '')}`);
    }
    // Hiding the list widens the pane: the rows wrap again for it, still whole and readable.
    const keypad = flows.find((f) => f.file === 'order-keypad.flow.yaml');
    await page.getByTestId('flow-name').filter({ hasText: keypad?.name ?? '' }).click();
    const before = await page.getByTestId('graph-pane').boundingBox();
    await page.getByRole('button', { name: 'Hide the list of flows' }).click();
    await expect.poll(async () => (await page.getByTestId('graph-pane').boundingBox())?.width ?? 0).toBeGreaterThan((before?.width ?? 0) + 200);
    for (const module of keypad?.modules ?? []) await expect.poll(() => inView(module), { timeout: 10_000 }).toBe(true);
    expect(await zoom()).toBeGreaterThanOrEqual(READABLE_ZOOM);
    await page.getByRole('button', { name: 'Show the list of flows' }).click();
    await page.setViewportSize({ width: 1440, height: 1000 });
  });

  it('wraps the long voice chain onto rows, and Fit keeps it whole and readable', async () => {
    await openFlow('Order status (voice, async + await)');
    for (const module of ['greet', 'read', 'lookup', 'hold', 'pause', 'check', 'tries', 'tell', 'unknown', 'sorry', 'agent', 'bye']) {
      await expect.poll(() => inView(module), { timeout: 10_000 }).toBe(true);
    }
    expect(await zoom()).toBeGreaterThanOrEqual(READABLE_ZOOM);
    // Wrapped: pause (the 5th column) starts a row below greet, left of hold.
    const greet = await node('greet').boundingBox();
    const pause = await node('pause').boundingBox();
    const hold = await node('hold').boundingBox();
    expect(pause && greet && pause.y > greet.y + greet.height).toBe(true);
    expect(pause && hold && pause.x < hold.x).toBe(true);
    // Fit keeps it whole and readable.
    await page.getByRole('button', { name: 'Fit the graph to the window' }).click();
    await expect.poll(() => inView('check')).toBe(true);
    expect(await zoom()).toBeGreaterThanOrEqual(READABLE_ZOOM);
    await ui.screenshots('flows-wrapped-graph');
  });

  it('zooms to a module picked in the search box or the lint list', async () => {
    await searchAndPick('tries', 'tries');
    await expect.poll(() => page.getByTestId('module-details').textContent()).toContain('tries');
    await expect.poll(zoom).toBeGreaterThanOrEqual(1);
    await expect.poll(() => inView('tries')).toBe(true);
    // It sits left of the details panel, not under it.
    const panel = await page.getByTestId('module-details').boundingBox();
    const tries = await node('tries').boundingBox();
    expect(panel && tries && tries.x + tries.width <= panel.x).toBe(true);
    await ui.screenshots('flows-zoom-to-module');
    await page.keyboard.press('Escape');

    await openFlow('blocking; the lint warns');
    await page.getByTestId('lint-list').locator('tbody tr').first().click();
    await expect.poll(() => page.getByTestId('module-details').textContent()).toContain('lookup');
    await expect.poll(zoom).toBeGreaterThanOrEqual(1);
    await expect.poll(() => inView('lookup')).toBe(true);
    await page.keyboard.press('Escape');
  });

  it("edits a lambda's code: a syntax error is marked on its line, valid code is saved into the flow file", async () => {
    const file = join(ui.workbench.examplesDir, 'flows', 'refund-chat.flow.yaml');
    await openFlow('Refund (chat');
    await searchAndPick('tier', 'tier');
    const editor = page.getByTestId('code-editor-lambda');
    await editor.waitFor();
    expect(await editor.locator('.cm-content').textContent()).toContain("if (context.order_state !== 'delivered') return 'ineligible';");

    const content = editor.locator('.cm-content');
    await content.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    // Line 2 is missing its closing parenthesis: QuickJS (through the host) names line 2.
    await page.keyboard.insertText("const amount = Number(context.order_amount);\nif (amount > 100 { return 'review'; }\n");
    await expect.poll(() => page.getByTestId('code-problem').textContent(), { timeout: 10_000 }).toMatch(/^Line 2: SyntaxError: /);
    // The line is marked in the editor itself.
    await expect.poll(() => editor.locator('.cm-lintRange-error').count()).toBeGreaterThan(0);
    expect(await editor.locator('.cm-lintRange-error').first().textContent()).toContain('if (amount > 100');
    expect(await page.getByTestId('code-save').isDisabled()).toBe(true);
    await ui.screenshots('flows-lambda-syntax-error');

    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText("const amount = Number(context.order_amount);\nif (amount > 100) return 'review';\ncontext.refund_tier = 'standard';\n");
    await page.getByTestId('code-ok').waitFor({ timeout: 10_000 });
    await page.getByTestId('code-save').click();
    await page.getByTestId('code-saved').waitFor();
    const text = readFileSync(file, 'utf8');
    expect(text).toContain("    code: |\n      const amount = Number(context.order_amount);\n      if (amount > 100) return 'review';\n      context.refund_tier = 'standard';\n");
    // The file's comments stay.
    expect(text).toContain('# Refund tier from the order');
    // The host re-opened the flow: the graph shows the new first line.
    await expect.poll(() => node('tier').textContent()).toContain('const amount = Number(context.order_amount);');
  });

  it("edits an endpoint's hooks from the module that calls it", async () => {
    await openFlow('Refund (chat');
    await goToModule('refund', 'create_refund');
    const panel = page.getByTestId('endpoint-panel');
    await panel.waitFor();
    expect(await panel.textContent()).toContain('POST /refunds');
    // create_refund has no hooks: both tabs say so, the pre hook's editor is empty.
    expect(await panel.textContent()).toMatch(/pre hook \(none\).*post hook \(none\)/);
    expect(await page.getByTestId('code-editor-pre').locator('.cm-content').textContent()).toBe('');
    // Add a pre hook that signs the request, and save it.
    const editor = page.getByTestId('code-editor-pre');
    await editor.locator('.cm-content').click();
    await page.keyboard.insertText("request.headers['x-sig'] = String(context.order_id).split('').reverse().join('');");
    // The host compiled it in QuickJS.
    await expect.poll(() => editor.textContent(), { timeout: 30_000 }).toContain('Compiles. Not saved yet.');
    await ui.screenshots('flows-endpoint-hook');
    await editor.getByTestId('code-save').click();
    // The file now holds the hook, as the host reads it back.
    const hookOf = async (): Promise<string | undefined> =>
      (await ui.call<FlowView>('flows.open', { file: 'flows/refund-chat.flow.yaml' })).flow?.endpoints.find((e) => e.id === 'create_refund')?.pre;
    await expect.poll(hookOf, { timeout: 15_000 }).toBe("request.headers['x-sig'] = String(context.order_id).split('').reverse().join('');\n");
    // The flow was re-opened with the hook: its tab no longer says none.
    await expect.poll(() => panel.textContent()).toMatch(/pre hook(?! \(none\)).*post hook \(none\)/);
    // The lookup module's endpoint keeps its post hook, shown in the post tab.
    await goToModule('lookup');
    await page.getByTestId('endpoint-panel').getByText('post hook', { exact: true }).click();
    await expect.poll(() => page.getByTestId('code-editor-post').locator('.cm-content').textContent()).toContain("if (body.error === 'NOT_FOUND') response.status = 404;");
    await page.keyboard.press('Escape');
  });

  it('tunes the await timeout: candidates on a chart with the recommendation, a sample run opens on the timeline', async () => {
    await openFlow('Order status (voice, async + await)');
    await page.getByText('Tune timeout', { exact: true }).click();
    await page.getByTestId('tune-scenario').click();
    await page.locator('.n-base-select-option').filter({ hasText: 'slow API' }).click();
    expect(await page.getByTestId('tune-endpoint').textContent()).toContain('order_status');
    const model = page.getByTestId('tune-model').locator('input');
    // A bad model is refused with a reason, before anything runs.
    await model.fill('{ lognormal: { medianMs: 800, p99Ms: 100 } }');
    await expect.poll(() => page.getByTestId('tune-problem').textContent()).toContain('p99Ms >= medianMs');
    expect(await page.getByTestId('tune-button').isDisabled()).toBe(true);
    await model.fill('{ lognormal: { medianMs: 1500, p99Ms: 6000 } }');
    await page.getByRole('textbox', { name: 'Monte Carlo samples per candidate' }).fill('300');
    const tuned = page.waitForResponse((r) => r.url().includes('/api/call/analysis.tune'));
    await page.getByTestId('tune-button').click();
    const envelope = (await (await tuned).json()) as { ok: boolean; value: TuneTable };
    expect(envelope.ok).toBe(true);
    const table = envelope.value;
    await page.getByTestId('tune-chart').waitFor();
    // One row and one point per candidate; the recommended one is marked in both.
    expect(await page.getByTestId('tune-row').count()).toBe(table.candidates.length);
    expect(await page.getByTestId('tune-point').count()).toBe(table.candidates.length - (table.recommendation ? 1 : 0));
    if (table.recommendation) {
      const best = table.recommendation.candidate;
      expect(await page.getByTestId('tune-point-recommended').getAttribute('data-candidate')).toBe(String(best));
      expect(await page.getByTestId('tune-row').nth(best).getAttribute('class')).toContain('recommended');
      expect(await page.getByTestId('tune-recommendation').textContent()).toContain(`${table.recommendation.timeoutMs} ms`);
    }
    // The dead-air limit (3000 ms by default) is drawn.
    await page.getByTestId('tune-limit').waitFor();
    await ui.screenshots('flows-tune');

    // Open the most frequent path of the first candidate: its sample runs and shows on the timeline.
    const first = table.candidates[0];
    if (!first || !first.paths[0]) throw new Error('no candidate');
    await page.getByTestId('tune-row').first().getByTestId('tune-open-path').first().click();
    await page.getByRole('heading', { level: 1, name: 'Run / Timeline' }).waitFor();
    await expect.poll(() => page.getByTestId('run-end-state').textContent()).toContain(first.paths[0].endState);
    await ui.screenshots('flows-tune-sample-run');
  });

  it('left no errors in the page console', () => {
    expect(ui.consoleErrors).toEqual([]);
  });
});
