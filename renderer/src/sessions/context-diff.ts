import type { JsonValue } from '../../../main/api/formats/common';

export interface ContextRow {
  name: string;
  /** Undefined when the context did not exist on that side. */
  recorded: JsonValue | undefined;
  replayed: JsonValue | undefined;
  differs: boolean;
}

/** The contexts of both sides by name (sorted), with the ones that differ marked. */
export function contextRows(recorded: Record<string, JsonValue>, replayed: Record<string, JsonValue>): ContextRow[] {
  const names = [...new Set([...Object.keys(recorded), ...Object.keys(replayed)])].sort();
  return names.map((name) => {
    const a = Object.hasOwn(recorded, name) ? recorded[name] : undefined;
    const b = Object.hasOwn(replayed, name) ? replayed[name] : undefined;
    return { name, recorded: a, replayed: b, differs: JSON.stringify(a) !== JSON.stringify(b) };
  });
}
