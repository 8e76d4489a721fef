import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env['FLOWBENCH_CHROMIUM'] ?? '/usr/bin/chromium';

export function chromiumMissingMessage(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  return [
    `The end-to-end tests need Chromium at ${CHROMIUM_PATH}, and it is not there.`,
    'Install Debian\'s Chromium:  sudo apt-get update && sudo apt-get install -y chromium',
    '(or point FLOWBENCH_CHROMIUM at another Chromium binary).',
  ].join('\n');
}

/** Headless Debian Chromium, with the flags this machine's closed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
