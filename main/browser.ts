/**
 * Browser-mode entry: the host and the workbench UI served over HTTP on 127.0.0.1.
 * Used where Electron cannot start, by `npm start -- --browser`, and by the e2e tests.
 */
import { parseArgs } from 'node:util';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findAppRoot } from './host/app-root';
import { startBrowserServer } from './host/browser-server';
import { isDefaultDataDir, prepareDataDir, resolveDataDir } from './host/data-dir';
import { createHost } from './host/host';
import { loadCodeSandbox } from './sandbox/load-code-sandbox';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      'examples-dir': { type: 'string' },
      /** A folder whose files the API may use this session, besides the data and examples folders (repeatable). */
      open: { type: 'string', multiple: true },
      browser: { type: 'boolean' },
    },
    strict: false,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`flowbench: --port must be a whole number from 0 to 65535, got '${String(values.port)}'\n`);
    process.exit(2);
  }
  const pkg = findAppRoot(dirname(fileURLToPath(import.meta.url)));
  const dataDirFlag = typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined;
  const dataDir = resolveDataDir(dataDirFlag);
  for (const warning of prepareDataDir(dataDir, { tighten: isDefaultDataDir(dataDirFlag) }).warnings) {
    process.stderr.write(`flowbench: warning: ${warning}
`);
  }
  await loadCodeSandbox();
  const host = createHost({
    mode: 'browser',
    appRoot: pkg.root,
    name: pkg.name,
    version: pkg.version,
    dataDir,
    ...(typeof values['examples-dir'] === 'string' ? { examplesDir: resolve(values['examples-dir']) } : {}),
  });
  for (const folder of Array.isArray(values.open) ? values.open : []) {
    if (typeof folder !== 'string') continue;
    const opened = await host.dispatch('app.openFolder', { path: resolve(folder) });
    if (!opened.ok) process.stderr.write(`flowbench: --open ${folder}: ${opened.error.message}\n`);
  }
  const server = await startBrowserServer({ host, port, rendererDir: join(pkg.root, 'out', 'renderer') });
  process.stdout.write(
    `flowbench workbench (browser mode): ${server.url}\n` +
      'flowbench: open that URL as it is: its token (new at each start) is required by every API call; do not share it.\n',
  );

  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    void server
      .close()
      .then(() => host.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`flowbench: cannot start browser mode: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
