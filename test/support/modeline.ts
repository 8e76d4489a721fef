import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { expect } from 'vitest';
import type { FileFormatName } from '../../main/api/formats/json-schemas';
import { MODELINE_PREFIX } from '../../main/formats/schema-modeline';
import { repoRoot } from './paths';

/**
 * Checks that `text` (a YAML file at `file`, or to be saved there) starts with the
 * `# yaml-language-server: $schema=` line, and that the line, read from the file's folder as
 * the YAML language server reads it, names flowbench's schema of `format`, which exists.
 */
export function expectSchemaModeline(text: string, file: string, format: FileFormatName): void {
  const first = text.split('\n')[0] ?? '';
  expect(first.startsWith(MODELINE_PREFIX), `${file}: first line ${JSON.stringify(first)}`).toBe(true);
  const target = resolve(dirname(file), first.slice(MODELINE_PREFIX.length));
  expect(target).toBe(resolve(repoRoot, 'schemas', `${format}.schema.json`));
  expect(existsSync(target)).toBe(true);
}
