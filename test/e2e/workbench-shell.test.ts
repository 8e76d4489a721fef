import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkbench } from '../support/browser-mode';
import type { RunningWorkbench } from '../support/browser-mode';
import { launchChromium } from '../support/chromium';
import { repoRoot, resultsDir } from '../support/paths';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };

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
    expect(listed.sort()).toEqual(
      ['Order status (voice, async + await)', 'Order status (voice, blocking; the lint warns about it)', 'Refund (chat, blocking API with a custom port)'].sort(),
    );
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
});
