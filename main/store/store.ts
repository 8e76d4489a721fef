import type Database from 'better-sqlite3';
import { FlowsRepo } from './flows-repo';
import { MockSetsRepo } from './mock-sets-repo';
import { openDatabase } from './open-database';
import type { OpenDatabaseOptions } from './open-database';
import { RunsRepo } from './runs-repo';
import { ScenarioFilesRepo } from './scenario-files-repo';
import { ScenariosRepo } from './scenarios-repo';
import { fold } from './search-text';
import { SessionsRepo } from './sessions-repo';
import { Statements } from './statements';

/** The scenario library on one SQLite file: its tables, one repo each, and transactions. */
export class Store {
  readonly flows: FlowsRepo;
  readonly mockSets: MockSetsRepo;
  readonly scenarioFiles: ScenarioFilesRepo;
  readonly scenarios: ScenariosRepo;
  readonly runs: RunsRepo;
  readonly sessions: SessionsRepo;

  private constructor(
    readonly file: string,
    private readonly db: Database.Database,
  ) {
    db.function('fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? fold(text) : text));
    const sql = new Statements(db);
    this.flows = new FlowsRepo(sql);
    this.mockSets = new MockSetsRepo(sql);
    this.scenarioFiles = new ScenarioFilesRepo(sql);
    this.scenarios = new ScenariosRepo(sql);
    this.runs = new RunsRepo(sql);
    this.sessions = new SessionsRepo(sql);
  }

  /** Opens (creating and migrating if needed) the library at `file`; see openDatabase for the errors. */
  static open(file: string, options: OpenDatabaseOptions = {}): Store {
    return new Store(file, openDatabase(file, options));
  }

  /** Runs `fn` in one immediate transaction: all of its writes land, or none do. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Runs `fn` on one consistent snapshot (a read transaction); writers in other connections go on. */
  read<T>(fn: () => T): T {
    return this.db.transaction(fn).deferred();
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
