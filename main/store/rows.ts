import type { z } from 'zod';
import { describeIssues, zodIssues } from '../api/validate';
import { StoreError } from './store-error';

/** Parses one row (or any value read from SQLite) with its schema; a mismatch is a damaged database. */
export function parseRow<S extends z.ZodType>(schema: S, row: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(row);
  if (!parsed.success) {
    throw new StoreError('corrupt', `the database holds an unreadable ${what}: ${describeIssues(zodIssues(parsed.error))}`);
  }
  return parsed.data;
}

export function parseRows<S extends z.ZodType>(schema: S, rows: readonly unknown[], what: string): z.output<S>[] {
  return rows.map((row) => parseRow(schema, row, what));
}

/** A JSON text column, parsed and checked. */
export function parseJsonColumn<S extends z.ZodType>(schema: S, text: string, what: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StoreError('corrupt', `the database holds an unreadable ${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseRow(schema, value, what);
}

/** The id SQLite gave an inserted row. */
export function insertedId(result: { lastInsertRowid: number | bigint }): number {
  return Number(result.lastInsertRowid);
}
