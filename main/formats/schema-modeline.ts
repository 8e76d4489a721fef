import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { schemaFileName } from '../api/formats/json-schemas';
import type { FileFormatName } from '../api/formats/json-schemas';

/** The comment that points the YAML language server (VS Code, …) to a format's JSON Schema. */
export const MODELINE_PREFIX = '# yaml-language-server: $schema=';

/**
 * The modeline for a YAML file written at `file`, pointing to flowbench's schema of `format`
 * under `schemasDir` (relative when the two share a root, so the file can move with it).
 */
export function schemaModeline(format: FileFormatName, file: string, schemasDir: string): string {
  const target = join(schemasDir, schemaFileName(format));
  const rel = relative(dirname(file), target);
  const ref = isAbsolute(rel) ? target : rel;
  return `${MODELINE_PREFIX}${ref.split(sep).join('/')}`;
}

/** `text` with the modeline as its first line (replacing one already there). */
export function withSchemaModeline(text: string, modeline: string): string {
  const body = text.startsWith(MODELINE_PREFIX) ? text.slice(text.indexOf('\n') + 1) : text;
  return `${modeline}\n${body}`;
}
