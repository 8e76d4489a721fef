import type { Fault, Latency } from '../../../main/api/formats/mocks';
import { FAULT_KINDS, RouteOverride } from '../../../main/api/formats/mocks';
import { LIMITS } from '../../../main/api/formats/common';
import type { ApiIssue } from '../../../main/api/errors';
import { zodIssues } from '../../../main/api/validate';
import { parseCountList, parseMillis, parseMillisList } from './millis-field';
import type { FieldResult } from './millis-field';

export const LATENCY_KINDS = ['fixed', 'uniform', 'normal', 'lognormal', 'sequence'] as const;
export type LatencyKind = (typeof LATENCY_KINDS)[number];
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * Every latency model's fields at once, so switching the model keeps what was typed. The
 * fields hold the text as typed: a value that is not a valid time stays visible with its
 * reason (see latencyValue), it is never clamped.
 */
export interface LatencyForm {
  kind: LatencyKind;
  fixed: string;
  min: string;
  max: string;
  mean: string;
  sd: string;
  median: string;
  p99: string;
  /** Comma-separated ms, e.g. `300, 800, 6000`. */
  sequence: string;
}
export type LatencyField = Exclude<keyof LatencyForm, 'kind'>;

export interface FaultForm {
  kind: FaultKind;
  status: number;
  /** slow_body duration, as typed. */
  ms: string;
  trigger: 'rate' | 'nth';
  /** 0..1 */
  rate: number;
  /** Comma-separated request numbers, e.g. `3, 5`. */
  nth: string;
}

/** Reasons by field: `fixed`, `min`, …, and `faults[1].ms`, `faults[0].nth`. */
export type FieldErrors = Record<string, string>;

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export function latencyForm(latency: Latency): LatencyForm {
  const form: LatencyForm = { kind: 'fixed', fixed: '0', min: '0', max: '1000', mean: '800', sd: '200', median: '800', p99: '3000', sequence: '' };
  if ('fixed' in latency) return { ...form, kind: 'fixed', fixed: String(latency.fixed) };
  if ('uniform' in latency) return { ...form, kind: 'uniform', min: String(latency.uniform[0]), max: String(latency.uniform[1]) };
  if ('normal' in latency) return { ...form, kind: 'normal', mean: String(latency.normal.meanMs), sd: String(latency.normal.sdMs) };
  if ('lognormal' in latency) return { ...form, kind: 'lognormal', median: String(latency.lognormal.medianMs), p99: String(latency.lognormal.p99Ms) };
  return { ...form, kind: 'sequence', sequence: latency.sequence.join(', ') };
}

/** The fields the model reads, each checked on its own, then the checks across them. */
export function latencyValue(form: LatencyForm): Checked<Latency> {
  const errors: FieldErrors = {};
  const read = (field: LatencyField, result: FieldResult): number => {
    if (result.ok) return result.value;
    errors[field] = result.reason;
    return NaN;
  };
  let value: Latency;
  switch (form.kind) {
    case 'fixed':
      value = { fixed: read('fixed', parseMillis(form.fixed)) };
      break;
    case 'uniform': {
      const min = read('min', parseMillis(form.min));
      const max = read('max', parseMillis(form.max));
      if (Object.keys(errors).length === 0 && min > max) errors['max'] = `the maximum must be at least the minimum (${min} ms)`;
      value = { uniform: [min, max] };
      break;
    }
    case 'normal':
      value = { normal: { meanMs: read('mean', parseMillis(form.mean)), sdMs: read('sd', parseMillis(form.sd)) } };
      break;
    case 'lognormal': {
      const medianMs = read('median', parseMillis(form.median, { min: 1 }));
      const p99Ms = read('p99', parseMillis(form.p99, { min: 1 }));
      if (Object.keys(errors).length === 0 && p99Ms < medianMs) errors['p99'] = `the 99th percentile must be at least the median (${medianMs} ms)`;
      value = { lognormal: { medianMs, p99Ms } };
      break;
    }
    case 'sequence': {
      const list = parseMillisList(form.sequence);
      if (!list.ok) errors['sequence'] = list.reason;
      else if (list.value.length > LIMITS.sequence) errors['sequence'] = `at most ${LIMITS.sequence.toLocaleString('en-US')} latencies`;
      value = { sequence: list.ok ? list.value : [] };
      break;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

export function faultForm(fault: Fault): FaultForm {
  return {
    kind: fault.kind,
    status: fault.kind === 'status' ? fault.status : 503,
    ms: String(fault.kind === 'slow_body' ? fault.ms : 2000),
    trigger: fault.nth !== undefined ? 'nth' : 'rate',
    rate: fault.rate ?? 0.1,
    nth: (fault.nth ?? []).join(', '),
  };
}

export function newFault(): FaultForm {
  return { kind: 'status', status: 503, ms: '2000', trigger: 'rate', rate: 0.1, nth: '1' };
}

/** One fault as the contract writes it; `at` prefixes its field names (`faults[0].`). */
export function faultValue(form: FaultForm, at = ''): Checked<Fault> {
  const errors: FieldErrors = {};
  let trigger: { rate: number } | { nth: number[] } = { rate: form.rate };
  if (form.trigger === 'nth') {
    const nth = parseCountList(form.nth, LIMITS.count);
    if (nth.ok) trigger = { nth: nth.value };
    else errors[`${at}nth`] = nth.reason;
  }
  let value: Fault;
  if (form.kind === 'status') {
    if (!Number.isInteger(form.status) || form.status < 100 || form.status > 599) errors[`${at}status`] = 'an HTTP status from 100 to 599';
    value = { kind: 'status', status: form.status, ...trigger };
  } else if (form.kind === 'slow_body') {
    const ms = parseMillis(form.ms);
    if (!ms.ok) errors[`${at}ms`] = ms.reason;
    value = { kind: 'slow_body', ms: ms.ok ? ms.value : 0, ...trigger };
  } else {
    value = { kind: form.kind, ...trigger };
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

/**
 * The override the forms describe: each field checked with a reason shown by it, then the
 * whole checked against the contract's schema (issues with their paths).
 */
export function routeOverride(
  latency: LatencyForm,
  faults: readonly FaultForm[],
): { ok: true; value: RouteOverride } | { ok: false; errors: FieldErrors; issues: ApiIssue[] } {
  const lat = latencyValue(latency);
  const checked = faults.map((f, i) => faultValue(f, `faults[${i}].`));
  const errors: FieldErrors = { ...(lat.ok ? {} : lat.errors) };
  for (const c of checked) if (!c.ok) Object.assign(errors, c.errors);
  if (!lat.ok || checked.some((c) => !c.ok)) return { ok: false, errors, issues: [] };
  const parsed = RouteOverride.safeParse({ latency: lat.value, faults: checked.flatMap((c) => (c.ok ? [c.value] : [])) });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: {}, issues: zodIssues(parsed.error) };
}
