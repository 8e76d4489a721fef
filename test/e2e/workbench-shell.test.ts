import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startWorkbench } from '../support/browser-mode';
import type { RunningWorkbench } from '../support/browser-mode';
import { launchChromium } from '../support/chromium';
import { repoRoot, resultsDir } from '../support/paths';
import type { PageGlobals } from './page-globals';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
const flowsDir = join(repoRoot, 'examples', 'flows');
/** The names the example flow files give themselves: the list the Flows section must show. */
const exampleFlowNames = readdirSync(flowsDir)
  .filter((file) => file.endsWith('.flow.yaml'))
  .map((file) => (parse(readFileSync(join(flowsDir, file), 'utf8')) as { name: string }).name);

describe('workbench in browser mode', () => {
  let workbench: RunningWorkbench;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    workbench = await startWorkbench();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    mkdirSync(resultsDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await workbench?.close();
  });

  it('loads, shows the host version in the status bar and lists the example flows', async () => {
    await page.goto(workbench.url);
    await expect.poll(() => page.getByTestId('status-version').textContent()).toBe(`flowbench ${pkg.version}`);
    await expect.poll(() => page.getByTestId('status-mode').textContent()).toBe('browser mode');

    const names = page.getByTestId('flow-name');
    await names.first().waitFor();
    const listed = await names.allTextContents();
    expect(exampleFlowNames.length).toBeGreaterThanOrEqual(3);
    expect(listed.sort()).toEqual([...exampleFlowNames].sort());
    await page.screenshot({ path: join(resultsDir, 'shell-flows.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it('navigates between the workbench sections', async () => {
    for (const [label, heading] of [
      ['Run / Timeline', 'Run / Timeline'],
      ['Mocks', 'Mocks'],
      ['Scenarios', 'Scenarios'],
      ['Sessions', 'Sessions'],
      ['Flows', 'Flows'],
    ] as const) {
      await page.getByRole('menuitem', { name: label }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(heading);
    }
  });

  it('serves the UI with a Content-Security-Policy and refuses foreign origins', async () => {
    const response = await fetch(workbench.url);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const foreign = await fetch(new URL('/api/call/app.info', workbench.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
  });

  it('takes the access token out of the address bar, keeps it for the tab, and shows "No access" without it', async () => {
    expect(workbench.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    await page.goto(workbench.url);
    await page.getByTestId('status-version').waitFor();
    expect(page.url()).not.toContain('token');
    // The router sends the bare address on to the first section once it is ready.
    await expect.poll(() => page.url()).toMatch(/#\/flows$/);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).sessionStorage.getItem('flowbench.accessToken'))).toBe(workbench.token);
    // A reload has no token in the address: the tab's sessionStorage still has it.
    await page.reload();
    await expect.poll(() => page.getByTestId('status-version').textContent()).toBe(`flowbench ${pkg.version}`);
    await page.getByRole('menuitem', { name: 'Mocks' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Mocks');

    // Another tab opened on the bare address gets the UI, but the host refuses its calls.
    const bare = await browser.newPage();
    try {
      await bare.goto(`${workbench.origin}/`);
      await expect.poll(() => bare.getByTestId('status-error').textContent()).toMatch(/^No access: request refused: it carries no access token/);
    } finally {
      await bare.close();
    }
    expect(consoleErrors).toEqual([]);
  });
});
