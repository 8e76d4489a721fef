import { InvalidArgumentError } from 'commander';
import { parse as parseYaml } from 'yaml';
import { MAX_MILLIS } from '../api/formats/common';
import { Latency } from '../api/formats/mocks';
import { describeIssues, zodIssues } from '../api/validate';

/** Command-line values shared by the analysis commands (sweep, tune). */

export function wholeNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`expected a whole number, got '${value}'`);
  return n;
}

export function wholeMs(value: string): number {
  const n = wholeNumber(value);
  if (n < 0 || n > MAX_MILLIS) throw new InvalidArgumentError(`expected 0 to ${MAX_MILLIS} ms (24 h), got '${value}'`);
  return n;
}

export function positiveMs(value: string): number {
  const n = wholeNumber(value);
  if (n < 1 || n > MAX_MILLIS) throw new InvalidArgumentError(`expected 1 to ${MAX_MILLIS} ms (24 h), got '${value}'`);
  return n;
}

/** Samples of a latency model: each is one run of the scenario. */
export const MAX_SAMPLES = 100_000;

export function samplesCount(value: string): number {
  const n = wholeNumber(value);
  if (n < 1 || n > MAX_SAMPLES) throw new InvalidArgumentError(`expected 1 to ${MAX_SAMPLES} samples, got '${value}'`);
  return n;
}

/** A latency model in the mocks' syntax, as YAML or JSON: `{ lognormal: { medianMs: 800, p99Ms: 6000 } }`. */
export function latencyModel(value: string): Latency {
  let raw: unknown;
  try {
    raw = parseYaml(value);
  } catch (error) {
    throw new InvalidArgumentError(`not YAML/JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = Latency.safeParse(raw);
  if (!parsed.success) throw new InvalidArgumentError(describeIssues(zodIssues(parsed.error)));
  return parsed.data;
}

/** At most this many values in a grid option. */
export const MAX_GRID_VALUES = 200;

/**
 * A list of whole numbers (`1000,2000,3000`) or a range with an optional step
 * (`1000-5000/500`; the step defaults to `defaultStep`); values 0 or more.
 */
export function gridValues(defaultStep: number): (value: string) => number[] {
  return (value) => {
    const range = /^\s*(\d+)\s*-\s*(\d+)\s*(?:\/\s*(\d+)\s*)?$/.exec(value);
    let values: number[];
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      const step = range[3] === undefined ? defaultStep : Number(range[3]);
      if (to < from) throw new InvalidArgumentError(`expected from-to with from <= to, got '${value}'`);
      if (step < 1) throw new InvalidArgumentError(`expected a step of 1 or more, got '${value}'`);
      if ((to - from) / step + 1 > MAX_GRID_VALUES) throw new InvalidArgumentError(`'${value}' gives more than ${MAX_GRID_VALUES} values; use a larger step`);
      values = [];
      for (let v = from; v <= to; v += step) values.push(v);
    } else {
      values = value.split(',').map((part) => wholeMs(part.trim()));
      if (values.length > MAX_GRID_VALUES) throw new InvalidArgumentError(`more than ${MAX_GRID_VALUES} values`);
    }
    return values;
  };
}
