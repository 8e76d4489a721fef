import { HANGUP_TRIGGERS } from '../../../main/api/formats/scenario';

/**
 * The scenario form's model: a scenario as written (the YAML's value) read into typed items,
 * and written back to exactly the same value. Anything the form has no field for (a step or
 * check of an unknown shape, an override's responses) is kept as it is (`raw`, `rest`), so
 * YAML → form → YAML never loses a thing.
 */

/** A duration as written: whole ms, or a `{{name}}` placeholder filled by an `each:` row. */
export type MsValue = number | string;

export type HangupTrigger = (typeof HANGUP_TRIGGERS)[number];

export type StepForm =
  | { kind: 'say'; say: string; afterMs?: MsValue }
  | { kind: 'silence' }
  | { kind: 'dtmf'; dtmf: string; afterMs?: MsValue }
  | { kind: 'hangup'; trigger: HangupTrigger; ms: MsValue }
  | { kind: 'raw'; value: unknown };
export type StepKind = StepForm['kind'];

export type CheckForm =
  | { kind: 'ends'; ends: string }
  | { kind: 'visits'; visits: string[] }
  | { kind: 'port'; module: string; is: string; nth?: MsValue }
  | { kind: 'context'; values: Record<string, unknown> }
  | { kind: 'says'; says: string }
  | { kind: 'requests'; requests: Record<string, unknown> }
  | { kind: 'maxDeadAirMs'; ms: MsValue }
  | { kind: 'maxCallMs'; ms: MsValue }
  | { kind: 'interruption'; interruption: string; count?: MsValue }
  | { kind: 'raw'; value: unknown };
export type CheckKind = CheckForm['kind'];

export type LatencyForm =
  | { kind: 'fixed'; ms: MsValue }
  | { kind: 'uniform'; min: MsValue; max: MsValue }
  | { kind: 'normal'; meanMs: MsValue; sdMs: MsValue }
  | { kind: 'lognormal'; medianMs: MsValue; p99Ms: MsValue }
  | { kind: 'sequence'; values: MsValue[] }
  | { kind: 'raw'; value: unknown };
export type LatencyKind = LatencyForm['kind'];

export interface OverrideForm {
  route: string;
  latency: LatencyForm | null;
  /** The faults as written (each one a mapping: kind, rate or nth, status, ms…). */
  faults: unknown[] | null;
  /** What the form has no field for (responses, pick): kept as written. */
  rest: Record<string, unknown>;
}

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isMs = (v: unknown): v is MsValue => typeof v === 'number' || typeof v === 'string';
/** True when `o` has exactly these keys (the optional ones may be missing). */
function keysAre(o: Obj, required: readonly string[], optional: readonly string[] = []): boolean {
  const keys = Object.keys(o);
  return required.every((k) => k in o) && keys.every((k) => required.includes(k) || optional.includes(k));
}

export function readStep(raw: unknown): StepForm {
  if (!isObj(raw)) return { kind: 'raw', value: raw };
  const after = raw['afterMs'];
  if (keysAre(raw, ['say'], ['afterMs']) && typeof raw['say'] === 'string' && (after === undefined || isMs(after))) {
    return { kind: 'say', say: raw['say'], ...(after !== undefined ? { afterMs: after } : {}) };
  }
  if (keysAre(raw, ['silence']) && raw['silence'] === true) return { kind: 'silence' };
  if (keysAre(raw, ['dtmf'], ['afterMs']) && typeof raw['dtmf'] === 'string' && (after === undefined || isMs(after))) {
    return { kind: 'dtmf', dtmf: raw['dtmf'], ...(after !== undefined ? { afterMs: after } : {}) };
  }
  const hangup = raw['hangup'];
  if (keysAre(raw, ['hangup']) && isObj(hangup)) {
    const keys = Object.keys(hangup);
    const trigger = HANGUP_TRIGGERS.find((t) => t === keys[0]);
    const ms = trigger === undefined ? undefined : hangup[trigger];
    if (keys.length === 1 && trigger !== undefined && isMs(ms)) return { kind: 'hangup', trigger, ms };
  }
  return { kind: 'raw', value: raw };
}

export function writeStep(step: StepForm): unknown {
  switch (step.kind) {
    case 'say':
      return { say: step.say, ...(step.afterMs !== undefined ? { afterMs: step.afterMs } : {}) };
    case 'silence':
      return { silence: true };
    case 'dtmf':
      return { dtmf: step.dtmf, ...(step.afterMs !== undefined ? { afterMs: step.afterMs } : {}) };
    case 'hangup':
      return { hangup: { [step.trigger]: step.ms } };
    case 'raw':
      return step.value;
  }
}

/** A new step of a kind, keeping what can be kept from the step it replaces (text ↔ keys, the pause). */
export function stepOfKind(kind: Exclude<StepKind, 'raw'>, from?: StepForm): StepForm {
  const afterMs = from && (from.kind === 'say' || from.kind === 'dtmf') && from.afterMs !== undefined ? { afterMs: from.afterMs } : {};
  switch (kind) {
    case 'say':
      return { kind, say: from?.kind === 'say' ? from.say : '', ...afterMs };
    case 'silence':
      return { kind };
    case 'dtmf':
      return { kind, dtmf: from?.kind === 'dtmf' ? from.dtmf : '1', ...(typeof afterMs.afterMs === 'number' && afterMs.afterMs < 0 ? {} : afterMs) };
    case 'hangup':
      return { kind, trigger: 'afterMs', ms: 2000 };
  }
}

const ONE_FIELD_CHECKS = ['ends', 'says'] as const;
const MS_CHECKS = ['maxDeadAirMs', 'maxCallMs'] as const;

export function readCheck(raw: unknown): CheckForm {
  if (!isObj(raw) || Object.keys(raw).length !== 1) return { kind: 'raw', value: raw };
  const [key, value] = Object.entries(raw)[0] as [string, unknown];
  for (const k of ONE_FIELD_CHECKS) {
    if (key === k && typeof value === 'string') return k === 'ends' ? { kind: k, ends: value } : { kind: k, says: value };
  }
  for (const k of MS_CHECKS) if (key === k && isMs(value)) return { kind: k, ms: value };
  if (key === 'visits' && Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) return { kind: 'visits', visits: [...value] };
  if (key === 'port' && isObj(value) && keysAre(value, ['module', 'is'], ['nth']) && typeof value['module'] === 'string' && typeof value['is'] === 'string') {
    const nth = value['nth'];
    if (nth === undefined || isMs(nth)) return { kind: 'port', module: value['module'], is: value['is'], ...(nth !== undefined ? { nth } : {}) };
  }
  if (key === 'context' && isObj(value)) return { kind: 'context', values: { ...value } };
  if (key === 'requests' && isObj(value)) return { kind: 'requests', requests: { ...value } };
  if (key === 'interruption' && isObj(value) && keysAre(value, ['kind'], ['count']) && typeof value['kind'] === 'string') {
    const count = value['count'];
    if (count === undefined || isMs(count)) return { kind: 'interruption', interruption: value['kind'], ...(count !== undefined ? { count } : {}) };
  }
  return { kind: 'raw', value: raw };
}

export function writeCheck(check: CheckForm): unknown {
  switch (check.kind) {
    case 'ends':
      return { ends: check.ends };
    case 'says':
      return { says: check.says };
    case 'visits':
      return { visits: [...check.visits] };
    case 'port':
      return { port: { module: check.module, is: check.is, ...(check.nth !== undefined ? { nth: check.nth } : {}) } };
    case 'context':
      return { context: { ...check.values } };
    case 'requests':
      return { requests: { ...check.requests } };
    case 'maxDeadAirMs':
    case 'maxCallMs':
      return { [check.kind]: check.ms };
    case 'interruption':
      return { interruption: { kind: check.interruption, ...(check.count !== undefined ? { count: check.count } : {}) } };
    case 'raw':
      return check.value;
  }
}

/** A new check of a kind, with values a user would start from. */
export function checkOfKind(kind: Exclude<CheckKind, 'raw'>): CheckForm {
  switch (kind) {
    case 'ends':
      return { kind, ends: 'end' };
    case 'says':
      return { kind, says: '' };
    case 'visits':
      return { kind, visits: [] };
    case 'port':
      return { kind, module: '', is: 'success' };
    case 'context':
      return { kind, values: {} };
    case 'requests':
      return { kind, requests: { endpoint: '' } };
    case 'maxDeadAirMs':
      return { kind, ms: 3000 };
    case 'maxCallMs':
      return { kind, ms: 60000 };
    case 'interruption':
      return { kind, interruption: 'no_input' };
  }
}

const LATENCY_FIELDS = { normal: ['meanMs', 'sdMs'], lognormal: ['medianMs', 'p99Ms'] } as const;

export function readLatency(raw: unknown): LatencyForm {
  if (!isObj(raw) || Object.keys(raw).length !== 1) return { kind: 'raw', value: raw };
  const [key, value] = Object.entries(raw)[0] as [string, unknown];
  if (key === 'fixed' && isMs(value)) return { kind: 'fixed', ms: value };
  if (key === 'uniform' && Array.isArray(value) && value.length === 2 && value.every(isMs)) return { kind: 'uniform', min: value[0] as MsValue, max: value[1] as MsValue };
  if (key === 'sequence' && Array.isArray(value) && value.every(isMs)) return { kind: 'sequence', values: [...value] };
  if ((key === 'normal' || key === 'lognormal') && isObj(value)) {
    const [a, b] = LATENCY_FIELDS[key];
    const va = value[a];
    const vb = value[b];
    if (keysAre(value, [a, b]) && isMs(va) && isMs(vb)) return key === 'normal' ? { kind: key, meanMs: va, sdMs: vb } : { kind: key, medianMs: va, p99Ms: vb };
  }
  return { kind: 'raw', value: raw };
}

export function writeLatency(latency: LatencyForm): unknown {
  switch (latency.kind) {
    case 'fixed':
      return { fixed: latency.ms };
    case 'uniform':
      return { uniform: [latency.min, latency.max] };
    case 'normal':
      return { normal: { meanMs: latency.meanMs, sdMs: latency.sdMs } };
    case 'lognormal':
      return { lognormal: { medianMs: latency.medianMs, p99Ms: latency.p99Ms } };
    case 'sequence':
      return { sequence: [...latency.values] };
    case 'raw':
      return latency.value;
  }
}

/** A latency of another kind, centred on the one it replaces where that makes sense. */
export function latencyOfKind(kind: Exclude<LatencyKind, 'raw'>, from: LatencyForm | null): LatencyForm {
  const base = from?.kind === 'fixed' && typeof from.ms === 'number' ? from.ms : 1000;
  switch (kind) {
    case 'fixed':
      return { kind, ms: base };
    case 'uniform':
      return { kind, min: Math.round(base / 2), max: base * 2 };
    case 'normal':
      return { kind, meanMs: base, sdMs: Math.round(base / 4) };
    case 'lognormal':
      return { kind, medianMs: base, p99Ms: base * 5 };
    case 'sequence':
      return { kind, values: [base] };
  }
}

export function readOverride(route: string, raw: unknown): OverrideForm {
  if (!isObj(raw)) return { route, latency: null, faults: null, rest: { value: raw } };
  const rest: Obj = {};
  for (const [k, v] of Object.entries(raw)) if (k !== 'latency' && k !== 'faults') rest[k] = v;
  const faults = raw['faults'];
  return {
    route,
    latency: raw['latency'] === undefined ? null : readLatency(raw['latency']),
    faults: faults === undefined ? null : Array.isArray(faults) ? [...faults] : null,
    rest: Array.isArray(faults) || faults === undefined ? rest : { ...rest, faults },
  };
}

export function writeOverride(o: OverrideForm): unknown {
  if ('value' in o.rest && o.latency === null && o.faults === null && Object.keys(o.rest).length === 1) return o.rest['value'];
  return { ...(o.latency !== null ? { latency: writeLatency(o.latency) } : {}), ...(o.faults !== null ? { faults: [...o.faults] } : {}), ...o.rest };
}

/** The parts of a scenario the form shows in lists. */
export interface ScenarioForm {
  user: StepForm[] | null;
  overrides: OverrideForm[] | null;
  expect: CheckForm[] | null;
  /** Everything else (name, flow, mocks, tags, clock, seed, each, …), as written. */
  settings: Obj;
}

export function readScenario(value: Obj): ScenarioForm {
  const { user, overrides, expect, ...settings } = value;
  return {
    user: Array.isArray(user) ? user.map(readStep) : null,
    overrides: isObj(overrides) ? Object.entries(overrides).map(([route, o]) => readOverride(route, o)) : null,
    expect: Array.isArray(expect) ? expect.map(readCheck) : null,
    settings: {
      ...settings,
      // A list that is not a list is kept as written (the schema check says what is wrong).
      ...(user !== undefined && !Array.isArray(user) ? { user } : {}),
      ...(overrides !== undefined && !isObj(overrides) ? { overrides } : {}),
      ...(expect !== undefined && !Array.isArray(expect) ? { expect } : {}),
    },
  };
}

export function writeScenario(form: ScenarioForm): Obj {
  return {
    ...form.settings,
    ...(form.user !== null ? { user: form.user.map(writeStep) } : {}),
    ...(form.overrides !== null ? { overrides: Object.fromEntries(form.overrides.map((o) => [o.route, writeOverride(o)])) } : {}),
    ...(form.expect !== null ? { expect: form.expect.map(writeCheck) } : {}),
  };
}
