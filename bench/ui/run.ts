/**
 * bench/ui: the workbench's timeline on a generated run of about 10,000 trace events, in
 * Chromium (browser mode, playwright-core).
 * - result → timeline drawn: from the run result reaching the runs store to the timeline's
 *   first draw of it (performance marks `flowbench:result-received` → `flowbench:timeline-drawn`).
 *   Goal < 500 ms.
 * - a scrub step (→ / Shift+→): from the key to the panels updated and the scrubber drawn
 *   (measure `flowbench:scrub`). Goal < 16 ms. Also shown: the time to the next painted frame.
 * The run itself goes through the real host (runs.start), so the trace is a real engine trace.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startWorkbench } from '../../test/support/browser-mode';
import { chromiumMissingMessage, launchChromium } from '../../test/support/chromium';
import { resultsDir } from '../../test/support/paths';
import type { PageGlobals } from '../../test/e2e/page-globals';
import { BENCH_SCENARIO, writeGeneratedScenario } from './generated-scenario';
import { summarize } from './summarize';

const EVENTS = 10_000;
const RUNS = 6; // the first one warms up and is not counted
const STEPS = 60;

interface RunFigures {
  events: number;
  resultToDrawnMs: number;
  clickToDrawnMs: number;
}

async function measureRun(page: Page, button: 'run-button' | 'rerun-button'): Promise<RunFigures> {
  return page.evaluate(async (testId) => {
    const { document } = globalThis as unknown as PageGlobals;
    performance.clearMeasures('flowbench:result-to-timeline');
    const started = performance.now();
    document.querySelector(`[data-testid="${testId}"]`)?.click();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const measure = performance.getEntriesByName('flowbench:result-to-timeline', 'measure')[0];
      const drawn = performance.getEntriesByName('flowbench:timeline-drawn', 'mark')[0];
      if (measure && drawn) {
        const label = document.querySelector('[data-testid="timeline"] canvas')?.getAttribute('aria-label') ?? '';
        const events = Number(/Timeline of (\d+) events/.exec(label)?.[1] ?? 0);
        return { events, resultToDrawnMs: measure.duration, clickToDrawnMs: drawn.startTime - started };
      }
      if (performance.now() - started > 60_000) throw new Error('the timeline was not drawn within 60 s');
    }
  }, button);
}

interface StepFigures {
  workMs: number;
  frameMs: number;
}

async function measureStep(page: Page, key: 'ArrowRight' | 'ArrowLeft', shift: boolean): Promise<StepFigures> {
  return page.evaluate(
    async ({ key, shift }) => {
      const page = globalThis as unknown as PageGlobals;
      performance.clearMeasures('flowbench:scrub');
      const started = performance.now();
      page.dispatchEvent(new page.KeyboardEvent('keydown', { key, shiftKey: shift, bubbles: true, cancelable: true }));
      // The next frame has been painted when a task queued from its animation callbacks runs.
      await new Promise((resolve) => page.requestAnimationFrame(() => setTimeout(resolve, 0)));
      const frameMs = performance.now() - started;
      const work = performance.getEntriesByName('flowbench:scrub', 'measure')[0];
      if (!work) throw new Error('the scrub step left no measure');
      return { workMs: work.duration, frameMs };
    },
    { key, shift },
  );
}

async function main(): Promise<void> {
  const missing = chromiumMissingMessage();
  if (missing !== null) throw new Error(missing);
  const workbench = await startWorkbench();
  const browser = await launchChromium();
  try {
    writeGeneratedScenario(workbench.examplesDir, EVENTS);
    mkdirSync(resultsDir, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${workbench.url}#/run`);
    await page.getByTestId('scenario-picker').click();
    await page.locator('.n-base-select-option').filter({ hasText: BENCH_SCENARIO }).first().click();

    const runs: RunFigures[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measureRun(page, i === 0 ? 'run-button' : 'rerun-button'));
    const counted = runs.slice(1);

    // Scrub in the middle of the run (100 ms steps), then from the end back (1 s steps).
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('End');
    const input = page.getByTestId('scrub-input').locator('input');
    await input.fill(String(Math.round(Number(await input.inputValue()) / 2)));
    await input.press('Enter');
    await page.getByRole('heading', { level: 1 }).click();
    const steps: StepFigures[] = [];
    for (let i = 0; i < STEPS; i++) steps.push(await measureStep(page, 'ArrowRight', false));
    await page.keyboard.press('End');
    for (let i = 0; i < STEPS; i++) steps.push(await measureStep(page, 'ArrowLeft', true));
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    await page.screenshot({ path: join(resultsDir, 'bench-ui-10k-events.png') });

    const drawn = summarize(counted.map((r) => r.resultToDrawnMs));
    const click = summarize(counted.map((r) => r.clickToDrawnMs));
    const work = summarize(steps.map((s) => s.workMs));
    const frame = summarize(steps.map((s) => s.frameMs));
    console.log(`trace: ${counted[0]?.events.toLocaleString('en')} events (generated voice polling flow, real engine run through runs.start)`);
    console.log(`result received → timeline drawn: median ${drawn.median.toFixed(1)} ms, max ${drawn.max.toFixed(1)} ms over ${counted.length} runs  (goal < 500 ms)  ${drawn.max < 500 ? 'OK' : 'OVER GOAL'}`);
    console.log(`  Run pressed → timeline drawn (host run, HTTP, contract check, draw): median ${click.median.toFixed(0)} ms`);
    console.log(`scrub step → panels and scrubber updated: median ${work.median.toFixed(2)} ms, p95 ${work.p95.toFixed(2)} ms, max ${work.max.toFixed(2)} ms over ${steps.length} steps  (goal < 16 ms)  ${work.p95 < 16 ? 'OK' : 'OVER GOAL'}`);
    console.log(`  scrub step → next frame painted: median ${frame.median.toFixed(1)} ms, p95 ${frame.p95.toFixed(1)} ms (includes waiting for the frame)`);
  } finally {
    await browser.close();
    await workbench.close();
  }
}

await main();
