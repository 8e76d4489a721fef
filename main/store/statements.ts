import type Database from 'better-sqlite3';
import { SQL } from './sql';
import type { SqlName } from './sql';

export type Statement = Database.Statement<unknown[]>;

/** The prepared statements of one connection: each SQL text of `sql.ts` is prepared once, on first use. */
export class Statements {
  private readonly prepared = new Map<SqlName, Statement>();

  constructor(private readonly db: Database.Database) {}

  get(name: SqlName): Statement {
    let statement = this.prepared.get(name);
    if (statement === undefined) {
      statement = this.db.prepare<unknown[]>(SQL[name]);
      this.prepared.set(name, statement);
    }
    return statement;
  }
}
