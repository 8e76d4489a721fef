import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { startWorkbench } from '../support/browser-mode';
import type { RunningWorkbench } from '../support/browser-mode';
import { launchChromium } from '../support/chromium';
import { resultsDir } from '../support/paths';
import type { PageGlobals } from './page-globals';

/** One workbench and one Chromium page for a test file, with the page's console errors. */
export interface WorkbenchUi {
  workbench: RunningWorkbench;
  browser: Browser;
  page: Page;
  consoleErrors: string[];
  /** Screenshots the page in the current theme and in the other one, under test-results/. */
  screenshots(name: string): Promise<void>;
  /** Calls the host API directly (what the UI saved, or did not). */
  call<T>(route: string, input: unknown): Promise<T>;
  close(): Promise<void>;
}

/**
 * Waits until the page is still, instead of a sleep as long as its animations: no finite CSS
 * animation or transition running (drawers, theme fades, tooltips; spinners loop and do not
 * count), and the flow graph's viewport unchanged for 3 frames (its 250 ms pan to a module is
 * driven by script, not CSS). Two frames first, so that what was just set off has started.
 * `css: false` waits for the graph only (a screenshot that runs CSS animations to their end).
 */
export async function untilStill(page: Page, { css = true }: { css?: boolean } = {}): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        const g = globalThis as unknown as PageGlobals;
        g.flowbenchStill = { transform: null, frames: 0 };
        g.requestAnimationFrame(() => g.requestAnimationFrame(() => done()));
      }),
  );
  await page.waitForFunction(
    (waitForCss) => {
      const g = globalThis as unknown as PageGlobals;
      const animating = waitForCss && g.document.getAnimations().some((a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Number.POSITIVE_INFINITY);
      const transform = g.document.querySelector('.vue-flow__transformationpane')?.getAttribute('style') ?? null;
      const still = g.flowbenchStill ?? { transform: null, frames: 0 };
      g.flowbenchStill = { transform, frames: transform === still.transform ? still.frames + 1 : 0 };
      return !animating && g.flowbenchStill.frames >= 3;
    },
    css,
    { polling: 'raf' },
  );
}

/**
 * A screenshot of the page as it settles: CSS animations and transitions (drawers, theme
 * fades) run to their end for the picture, and tooltips left by the last pointer move (they
 * hide after a delay) are not drawn.
 */
const SCREENSHOT = { animations: 'disabled', style: '.n-tooltip { visibility: hidden !important; }' } as const;

export async function openWorkbenchUi(): Promise<WorkbenchUi> {
  const workbench = await startWorkbench();
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // The host answers a refused call (an invalid scenario) with a 4xx status and an
    // { ok: false } envelope the UI shows; Chromium logs every 4xx resource as an error.
    if (/^Failed to load resource: .* 4\d\d /.test(msg.text()) && msg.location().url.includes('/api/call/')) return;
    consoleErrors.push(`${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  mkdirSync(resultsDir, { recursive: true });
  await page.addInitScript(() => {
    const { localStorage } = globalThis as unknown as PageGlobals;
    if (localStorage.getItem('flowbench.theme') === null) localStorage.setItem('flowbench.theme', 'light');
  });
  await page.goto(workbench.url);
  await page.getByTestId('status-version').waitFor();

  const toggleTheme = async (): Promise<void> => {
    // A drawer's mask may cover the sidebar: press the button without aiming the mouse at it.
    await page.getByRole('button', { name: /Switch to (light|dark) theme/ }).dispatchEvent('click');
    await untilStill(page, { css: false });
  };

  return {
    workbench,
    browser,
    page,
    consoleErrors,
    async screenshots(name) {
      const theme = await page.evaluate(() => (globalThis as unknown as PageGlobals).localStorage.getItem('flowbench.theme') ?? 'light');
      const other = theme === 'light' ? 'dark' : 'light';
      await page.mouse.move(1, 1);
      await untilStill(page, { css: false });
      await page.screenshot({ path: join(resultsDir, `${name}-${theme}.png`), ...SCREENSHOT });
      await toggleTheme();
      await page.screenshot({ path: join(resultsDir, `${name}-${other}.png`), ...SCREENSHOT });
      await toggleTheme();
    },
    async call<T>(route: string, input: unknown): Promise<T> {
      const response = await workbench.call(route, input);
      const envelope = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
      if (!envelope.ok) throw new Error(`${route}: ${envelope.error?.message ?? 'failed'}`);
      return envelope.value as T;
    },
    async close() {
      await browser.close();
      await workbench.close();
    },
  };
}

/** Goes to a section by its menu entry and waits for its heading. */
export async function goTo(page: Page, label: string, heading = label): Promise<void> {
  await page.getByRole('menuitem', { name: label }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** Picks a scenario in the Run view's picker by (part of) its name. */
export async function pickScenario(page: Page, name: string): Promise<void> {
  await page.getByTestId('scenario-picker').click();
  await page.locator('.n-base-select-option').filter({ hasText: name }).first().click();
}

/** Sets the scrubber through its time field (what a user types). */
export async function scrubTo(page: Page, ms: number): Promise<void> {
  const input = page.getByTestId('scrub-input').locator('input');
  await input.fill(String(ms));
  await input.press('Enter');
  await page.getByRole('heading', { name: new RegExp(`Pending requests at ${ms} ms`) }).waitFor();
}

/** Replaces the whole text of the CodeMirror editor. */
export async function typeInEditor(page: Page, text: string): Promise<void> {
  const content = page.getByTestId('yaml-editor').locator('.cm-content');
  await content.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

export function texts(locator: Locator): Promise<string[]> {
  return locator.allTextContents();
}
