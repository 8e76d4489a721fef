import type { CheckResult, ScenarioResult } from '../api/formats/results';
import type { CheckChange, PortChange } from '../api/routes/library-runs';
import { portChoices } from '../api/trace/port-choices';

/** Which checks changed outcome (or message) between two results of one scenario. */
export function compareChecks(before: readonly CheckResult[], after: readonly CheckResult[]): CheckChange[] {
  const keyed = (checks: readonly CheckResult[]): Map<string, CheckResult> => {
    const seen = new Map<string, number>();
    const out = new Map<string, CheckResult>();
    for (const check of checks) {
      const n = (seen.get(check.check) ?? 0) + 1;
      seen.set(check.check, n);
      out.set(`${check.check}\u0000${n}`, check);
    }
    return out;
  };
  const a = keyed(before);
  const b = keyed(after);
  const changes: CheckChange[] = [];
  for (const [key, now] of b) {
    const was = a.get(key);
    const { check, ...after } = now;
    if (was === undefined) {
      changes.push({ check, before: null, after, change: 'added' });
      continue;
    }
    const { check: _check, ...before } = was;
    const change = was.ok === now.ok ? (was.message === now.message ? 'same' : 'message') : now.ok ? 'fixed' : 'broke';
    changes.push({ check, before, after, change });
  }
  for (const [key, was] of a) {
    if (b.has(key)) continue;
    const { check, ...before } = was;
    changes.push({ check, before, after: null, change: 'removed' });
  }
  return changes;
}

/**
 * Port choices (from the traces' `port` events) side by side: the n-th exit of each module
 * in one run against the n-th exit of that module in the other.
 */
export function comparePorts(before: ScenarioResult['trace'], after: ScenarioResult['trace']): PortChange[] {
  const keyed = (trace: ScenarioResult['trace']): Map<string, { module: string; nth: number; port: string; reason: string; t: number }> => {
    const counts = new Map<string, number>();
    const out = new Map<string, { module: string; nth: number; port: string; reason: string; t: number }>();
    for (const e of portChoices(trace)) {
      const nth = (counts.get(e.module) ?? 0) + 1;
      counts.set(e.module, nth);
      out.set(`${e.module}\u0000${nth}`, { module: e.module, nth, port: e.port, reason: e.reason, t: e.t });
    }
    return out;
  };
  const a = keyed(before);
  const b = keyed(after);
  const changes: PortChange[] = [];
  const choice = (c: { port: string; reason: string; t: number }): { port: string; reason: string; t: number } => ({ port: c.port, reason: c.reason, t: c.t });
  for (const [key, now] of b) {
    const was = a.get(key);
    changes.push({
      module: now.module,
      nth: now.nth,
      before: was === undefined ? null : choice(was),
      after: choice(now),
      change: was === undefined ? 'added' : was.port === now.port ? 'same' : 'changed',
    });
  }
  for (const [key, was] of a) {
    if (!b.has(key)) changes.push({ module: was.module, nth: was.nth, before: choice(was), after: null, change: 'removed' });
  }
  return changes;
}
