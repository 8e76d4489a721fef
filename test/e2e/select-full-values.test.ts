import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageGlobals } from './page-globals';
import { goTo, openWorkbenchUi, pickScenario } from './workbench-ui';
import type { WorkbenchUi } from './workbench-ui';

/** What a look at the selects on screen found. */
interface SelectReport {
  /** Selects showing a value. */
  shown: number;
  /** Of those, the ones whose value is cut (scrollWidth > clientWidth). */
  truncated: string[];
  /** Cut values with no title holding the whole text (the failures). */
  hidden: string[];
}

/**
 * Every visible select showing a value: whether its text is cut, and if so whether hovering
 * it gives the whole text (a title on the value, on an element inside it or around it).
 * Options of an open menu are checked the same way.
 */
function inspectSelects(page: Page): Promise<SelectReport> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals;
    const values = [...document.querySelectorAll('.n-base-selection-input__content, .n-base-selection-overlay__wrapper, .n-base-select-option__content')].filter(
      (el) => el.offsetParent !== null && (el.textContent ?? '').trim() !== '' && el.closest('.n-base-selection-placeholder') === null,
    );
    const report: SelectReport = { shown: values.length, truncated: [], hidden: [] };
    for (const el of values) {
      const text = (el.textContent ?? '').trim();
      if (el.scrollWidth <= el.clientWidth) continue;
      report.truncated.push(text);
      const titled = [el.closest('[title]'), el.querySelector('[title]')].some((t) => t !== null && (t.getAttribute('title') ?? '').trim() === text);
      if (!titled) report.hidden.push(text);
    }
    return report;
  });
}

describe('selects show their whole value on hover when it is cut, in every view and both themes', () => {
  let ui: WorkbenchUi;
  let page: Page;

  beforeAll(async () => {
    ui = await openWorkbenchUi();
    page = ui.page;
    // A narrow window, where selects cut their values.
    await page.setViewportSize({ width: 1100, height: 820 });
  });
  afterAll(async () => {
    await ui?.close();
  });

  /** Checks the selects on screen, then the open menu of each select in `within` (a drawer, when one is open). */
  async function checkView(view: string, within = '.main-column'): Promise<string[]> {
    const truncated: string[] = [];
    const first = await inspectSelects(page);
    expect(first.hidden, `${view}: cut values without their whole text on hover`).toEqual([]);
    truncated.push(...first.truncated);
    const selects = page.locator(within).locator('.n-base-selection:visible:not(.n-base-selection--disabled)');
    const count = await selects.count();
    for (let i = 0; i < count; i++) {
      await selects.nth(i).click();
      const menu = page.locator('.n-base-select-menu:visible');
      if ((await menu.count()) === 0) continue;
      const open = await inspectSelects(page);
      expect(open.hidden, `${view}: cut options of select ${i + 1} without their whole text on hover`).toEqual([]);
      truncated.push(...open.truncated);
      await page.keyboard.press('Escape');
      await menu.first().waitFor({ state: 'hidden' });
    }
    return truncated;
  }

  async function switchTheme(): Promise<void> {
    await page.getByRole('button', { name: /Switch to (light|dark) theme/ }).dispatchEvent('click');
  }

  /** Puts each view in a state with its selects showing values; returns where to look for them. */
  const views: [string, () => Promise<string | undefined>][] = [
    [
      'Flows',
      async () => {
        await goTo(page, 'Flows');
        await page.getByTestId('flow-name').filter({ hasText: 'Refund (chat' }).click();
        await page.getByText('Tune timeout', { exact: true }).click();
        await page.getByTestId('tune-scenario').waitFor();
        return undefined;
      },
    ],
    [
      'Run / Timeline',
      async () => {
        await goTo(page, 'Run / Timeline');
        await pickScenario(page, 'refund');
        return undefined;
      },
    ],
    [
      'Mocks',
      async () => {
        await goTo(page, 'Mocks');
        await page.getByTestId('mock-set-picker').waitFor();
        return undefined;
      },
    ],
    [
      'Scenarios',
      async () => {
        await goTo(page, 'Scenarios');
        await page.getByTestId('scenario-new').click();
        await page.getByTestId('scenario-editor').waitFor();
        return '.n-drawer';
      },
    ],
    [
      'Sessions',
      async () => {
        await goTo(page, 'Sessions');
        await page.getByTestId('session-flow').waitFor();
        return undefined;
      },
    ],
  ];
  /** How many cut values each view showed (at least one somewhere, or the check proves nothing). */
  const cut = new Map<string, number>();

  it.each(views)('%s', async (view, open) => {
    if (view === 'Flows') {
      // The library holds the examples (the Run picker and the scenario editor list them).
      await goTo(page, 'Scenarios');
      await page.getByTestId('import-examples').click();
      await page.getByTestId('scenarios-table').waitFor();
    }
    for (const theme of ['light', 'dark']) {
      const current = await page.evaluate(() => (globalThis as unknown as PageGlobals).localStorage.getItem('flowbench.theme'));
      if (current !== theme) await switchTheme();
      const within = await open();
      cut.set(`${view} ${theme}`, (await checkView(`${view} (${theme})`, within)).length);
      // The second pass's screenshots hold both themes.
      if (theme === 'dark') await ui.screenshots(`select-full-values-${view.replace(/\W+/g, '-').toLowerCase()}`);
      if (within === '.n-drawer') {
        await page.keyboard.press('Escape');
        await page.getByTestId('scenario-editor').waitFor({ state: 'hidden' });
      }
    }
  }, 180_000);

  it('saw cut values to check', () => {
    expect([...cut.values()].reduce((a, b) => a + b, 0), JSON.stringify([...cut])).toBeGreaterThan(0);
  });
});
