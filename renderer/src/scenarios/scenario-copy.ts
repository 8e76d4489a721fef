import { parse } from 'yaml';
import { isObj } from './scenario-form';
import type { Obj } from './scenario-form';
import { applyYamlEdit } from './yaml-edit';

/**
 * Duplicating a scenario (Postman's "Duplicate"): the copy's name, and what its file gave it.
 * Saved in the same file, the copy inherits the file's settings as the original does; saved
 * anywhere else, it carries them written in, so it runs the same (today's "A new file" with a
 * scenario from a multi-scenario file had no flow).
 */

/** `name (copy)`, or `name (copy 2)`… when that is taken. */
export function copyName(name: string, taken: ReadonlySet<string>): string {
  const base = name.replace(/ \(copy(?: \d+)?\)$/, '');
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base} (copy)` : `${base} (copy ${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The settings a scenario takes from its file: those the file gives and the scenario does not set itself. */
export function inheritedSettings(fileSettings: Obj, scenario: Obj): Obj {
  const out: Obj = {};
  for (const [key, value] of Object.entries(fileSettings)) if (scenario[key] === undefined) out[key] = value;
  return out;
}

/** Writes the carried settings into the scenario's YAML (at its end), those it does not set yet. */
export function withCarried(text: string, carried: Obj): string {
  let out = text;
  const current = parseObject(text);
  if (current === null) return text;
  for (const [key, value] of Object.entries(carried)) {
    if (current[key] !== undefined) continue;
    out = applyYamlEdit(out, { op: 'set', path: [key], value }) ?? out;
  }
  return out;
}

/** Takes the carried settings out again where they are still as carried (the copy goes back into the original's file). */
export function withoutCarried(text: string, carried: Obj): string {
  let out = text;
  const current = parseObject(text);
  if (current === null) return text;
  for (const [key, value] of Object.entries(carried)) {
    if (!sameJson(current[key], value)) continue;
    out = applyYamlEdit(out, { op: 'set', path: [key], value: undefined }) ?? out;
  }
  return out;
}

function parseObject(text: string): Obj | null {
  try {
    const value: unknown = parse(text);
    return isObj(value) ? value : null;
  } catch {
    return null;
  }
}

/** Equal as JSON values (key order aside). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameJson(a[k], b[k]));
  }
  return false;
}
