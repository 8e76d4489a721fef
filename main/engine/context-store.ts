import type { JsonValue } from '../api/formats/common';
import { toCel } from '../expr/cel';
import type { CelVariables } from '../expr/cel';
import type { TraceRecorder } from './trace';

/**
 * What changed a context: `system` for the engine's own contexts (sys_interruption,
 * sys_no_input_count); flow code: `lambda:<module>` or `hook:<endpoint>` (SPEC §7.2).
 */
export type ContextSource = 'initial' | 'set' | 'capture' | 'counter' | 'map' | 'status' | 'delete' | 'system' | `lambda:${string}` | `hook:${string}`;

/** `$context`: the conversation state. Every change is a trace event. */
export class ContextStore {
  private readonly values = new Map<string, JsonValue>();
  private celCache: Record<string, unknown> | null = null;

  constructor(
    private readonly trace: TraceRecorder,
    private readonly now: () => number,
  ) {}

  get(name: string): JsonValue | undefined {
    return this.values.get(name);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  set(name: string, value: JsonValue, source: ContextSource): void {
    this.values.set(name, value);
    this.celCache = null;
    this.trace.push({ type: 'context', t: this.now(), name, value, source });
  }

  delete(name: string, source: ContextSource = 'delete'): void {
    if (!this.values.delete(name)) return;
    this.celCache = null;
    this.trace.push({ type: 'context', t: this.now(), name, deleted: true, source });
  }

  /** A plain record of the current values (for lookups and results). */
  snapshot(): Record<string, JsonValue> {
    return Object.fromEntries(this.values);
  }

  /** The contexts as CEL variables, converted once per change. */
  celVariables(extra?: Readonly<Record<string, JsonValue | undefined>>): CelVariables {
    if (this.celCache === null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of this.values) out[k] = toCel(v);
      this.celCache = out;
    }
    if (!extra) return this.celCache;
    const merged: Record<string, unknown> = { ...this.celCache };
    for (const [k, v] of Object.entries(extra)) if (v !== undefined) merged[k] = toCel(v);
    return merged;
  }
}
