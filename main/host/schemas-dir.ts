import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findAppRoot } from './app-root';

/**
 * flowbench's own `schemas/` folder (beside its package.json, from `npm run schemas`): the
 * YAML files flowbench writes point their `# yaml-language-server: $schema=` line at it.
 */
export function installedSchemasDir(): string {
  return join(findAppRoot(dirname(fileURLToPath(import.meta.url))).root, 'schemas');
}
