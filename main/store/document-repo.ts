import { z } from 'zod';
import { insertedId, parseRow, parseRows } from './rows';
import type { SqlName } from './sql';
import type { Statements } from './statements';

/** What every document table's statements do (sql.ts names them `<table>.<action>`). */
type DocumentAction = 'insert' | 'update' | 'byId' | 'byPath' | 'list' | 'count' | 'paths' | 'all' | 'delete';

type TableOf<N> = N extends `${infer T}.${DocumentAction}` ? T : never;
/** The statement-name prefixes that have every document action: the tables of whole documents. */
type DocumentTableName = { [T in TableOf<SqlName>]: `${T}.${DocumentAction}` extends SqlName ? T : never }[TableOf<SqlName>];

/**
 * One table of documents kept by path: flows and mock sets. `row` reads a listed row,
 * `withBody` the same row with its `body` (the document as written, JSON); `noun` names a row
 * in errors ("the database holds an unreadable mock set: …").
 */
export interface DocumentTable<Row, RowWithBody extends Row> {
  statements: DocumentTableName;
  noun: string;
  row: z.ZodType<Row>;
  withBody: z.ZodType<RowWithBody>;
}

/**
 * The repository of one document table. `Write` is what an insert or update binds, besides
 * `path`/`id` and `now` (the statements name the columns).
 */
export class DocumentRepo<Row, RowWithBody extends Row, Write extends object> {
  constructor(
    private readonly sql: Statements,
    private readonly table: DocumentTable<Row, RowWithBody>,
  ) {}

  insert(path: string, document: Write, now: string): number {
    return insertedId(this.statement('insert').run({ path, ...document, now }));
  }

  update(id: number, document: Write, now: string): void {
    this.statement('update').run({ id, ...document, now });
  }

  byId(id: number): RowWithBody | undefined {
    const row = this.statement('byId').get(id);
    return row === undefined ? undefined : parseRow(this.table.withBody, row, `${this.table.noun} ${id}`);
  }

  byPath(path: string): RowWithBody | undefined {
    const row = this.statement('byPath').get(path);
    return row === undefined ? undefined : parseRow(this.table.withBody, row, `${this.table.noun} ${path}`);
  }

  /** One page of rows whose search text holds `text` (folded; null: all), by path. */
  list(text: string | null, limit: number, offset: number): { total: number; rows: Row[] } {
    const total = Number(this.statement('count').pluck().get({ text }));
    return { total, rows: parseRows(this.table.row, this.statement('list').all({ text, limit, offset }), this.table.noun) };
  }

  all(): RowWithBody[] {
    return parseRows(this.table.withBody, this.statement('all').all(), this.table.noun);
  }

  paths(): Set<string> {
    return new Set(parseRows(z.string(), this.statement('paths').pluck().all(), `${this.table.noun} path`));
  }

  delete(id: number): void {
    this.statement('delete').run(id);
  }

  private statement(action: DocumentAction): ReturnType<Statements['get']> {
    const name: SqlName = `${this.table.statements}.${action}`;
    return this.sql.get(name);
  }
}
