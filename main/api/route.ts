import type { z } from 'zod';

/** One operation of the host API: a name and the schemas of its input and output. */
export interface Route<N extends string = string, I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly name: N;
  readonly summary: string;
  readonly input: I;
  readonly output: O;
}

export function defineRoute<const N extends string, I extends z.ZodType, O extends z.ZodType>(route: {
  name: N;
  summary: string;
  input: I;
  output: O;
}): Route<N, I, O> {
  return Object.freeze({ ...route });
}

/** One kind of event the host pushes to the UI. */
export interface EventDef<N extends string = string, P extends z.ZodType = z.ZodType> {
  readonly name: N;
  readonly summary: string;
  readonly payload: P;
}

export function defineEvent<const N extends string, P extends z.ZodType>(event: {
  name: N;
  summary: string;
  payload: P;
}): EventDef<N, P> {
  return Object.freeze({ ...event });
}
