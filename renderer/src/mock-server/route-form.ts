import type { Fault, Latency } from '../../../main/api/formats/mocks';
import { FAULT_KINDS, RouteOverride } from '../../../main/api/formats/mocks';
import type { ApiIssue } from '../../../main/api/errors';
import { zodIssues } from '../../../main/api/validate';

export const LATENCY_KINDS = ['fixed', 'uniform', 'normal', 'lognormal', 'sequence'] as const;
export type LatencyKind = (typeof LATENCY_KINDS)[number];
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Every latency model's fields at once, so switching the model keeps what was typed. */
export interface LatencyForm {
  kind: LatencyKind;
  fixed: number;
  min: number;
  max: number;
  mean: number;
  sd: number;
  median: number;
  p99: number;
  /** Comma-separated ms, e.g. `300, 800, 6000`. */
  sequence: string;
}

export interface FaultForm {
  kind: FaultKind;
  status: number;
  ms: number;
  trigger: 'rate' | 'nth';
  /** 0..1 */
  rate: number;
  /** Comma-separated request numbers, e.g. `3, 5`. */
  nth: string;
}

export function latencyForm(latency: Latency): LatencyForm {
  const form: LatencyForm = { kind: 'fixed', fixed: 0, min: 0, max: 1000, mean: 800, sd: 200, median: 800, p99: 3000, sequence: '' };
  if ('fixed' in latency) return { ...form, kind: 'fixed', fixed: latency.fixed };
  if ('uniform' in latency) return { ...form, kind: 'uniform', min: latency.uniform[0], max: latency.uniform[1] };
  if ('normal' in latency) return { ...form, kind: 'normal', mean: latency.normal.meanMs, sd: latency.normal.sdMs };
  if ('lognormal' in latency) return { ...form, kind: 'lognormal', median: latency.lognormal.medianMs, p99: latency.lognormal.p99Ms };
  return { ...form, kind: 'sequence', sequence: latency.sequence.join(', ') };
}

/** The latency as the contract writes it (not validated: see routeOverride). */
export function latencyValue(form: LatencyForm): unknown {
  switch (form.kind) {
    case 'fixed':
      return { fixed: form.fixed };
    case 'uniform':
      return { uniform: [form.min, form.max] };
    case 'normal':
      return { normal: { meanMs: form.mean, sdMs: form.sd } };
    case 'lognormal':
      return { lognormal: { medianMs: form.median, p99Ms: form.p99 } };
    case 'sequence':
      return { sequence: numberList(form.sequence) };
  }
}

export function faultForm(fault: Fault): FaultForm {
  return {
    kind: fault.kind,
    status: fault.kind === 'status' ? fault.status : 503,
    ms: fault.kind === 'slow_body' ? fault.ms : 2000,
    trigger: fault.nth !== undefined ? 'nth' : 'rate',
    rate: fault.rate ?? 0.1,
    nth: (fault.nth ?? []).join(', '),
  };
}

export function newFault(): FaultForm {
  return { kind: 'status', status: 503, ms: 2000, trigger: 'rate', rate: 0.1, nth: '1' };
}

export function faultValue(form: FaultForm): unknown {
  const trigger = form.trigger === 'rate' ? { rate: form.rate } : { nth: numberList(form.nth) };
  if (form.kind === 'status') return { kind: 'status', status: form.status, ...trigger };
  if (form.kind === 'slow_body') return { kind: 'slow_body', ms: form.ms, ...trigger };
  return { kind: form.kind, ...trigger };
}

/** The override the forms describe, checked against the contract's schema. */
export function routeOverride(latency: LatencyForm, faults: readonly FaultForm[]): { ok: true; value: RouteOverride } | { ok: false; issues: ApiIssue[] } {
  const parsed = RouteOverride.safeParse({ latency: latencyValue(latency), faults: faults.map(faultValue) });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: zodIssues(parsed.error) };
}

/** `300, 800 6000` → [300, 800, 6000]; anything that is not a number stays (as NaN) so the schema reports it. */
export function numberList(text: string): number[] {
  return text
    .split(/[\s,;]+/)
    .filter((part) => part !== '')
    .map(Number);
}
