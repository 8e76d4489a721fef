import type Database from 'better-sqlite3';
import { DocumentRepo } from './document-repo';
import { FLOWS_TABLE } from './flows-repo';
import type { FlowsRepo } from './flows-repo';
import { MOCK_SETS_TABLE } from './mock-sets-repo';
import type { MockSetsRepo } from './mock-sets-repo';
import { openDatabase } from './open-database';
import type { OpenDatabaseOptions } from './open-database';
import { RunsRepo } from './runs-repo';
import { ScenarioFilesRepo } from './scenario-files-repo';
import { ScenariosRepo } from './scenarios-repo';
import { fold } from './search-text';
import { SessionsRepo } from './sessions-repo';
import { storeFailure } from './sqlite-failure';
import { Statements } from './statements';
import { StoreError } from './store-error';

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
    this.flows = new DocumentRepo(sql, FLOWS_TABLE);
    this.mockSets = new DocumentRepo(sql, MOCK_SETS_TABLE);
    this.scenarioFiles = new ScenarioFilesRepo(sql);
    this.scenarios = new ScenariosRepo(sql);
    this.runs = new RunsRepo(sql);
    this.sessions = new SessionsRepo(sql);
  }

  /** Opens (creating and migrating if needed) the library at `file`; see openDatabase for the errors. */
  static open(file: string, options: OpenDatabaseOptions = {}): Store {
    return new Store(file, openDatabase(file, options));
  }

  /**
   * Opens an existing library for reading only (see openReadOnly): what reading commands use.
   * A file with an older schema is upgraded first when it can be written.
   */
  static openForReading(file: string, options: Omit<OpenDatabaseOptions, 'readonly'> = {}): Store {
    try {
      return new Store(file, openDatabase(file, { ...options, readonly: true }));
    } catch (error) {
      if (!(error instanceof StoreError) || error.kind !== 'outdated') throw error;
      try {
        Store.open(file, options).close();
      } catch (upgrade) {
        if (upgrade instanceof StoreError && upgrade.kind === 'read_only') throw new StoreError('read_only', `${error.message} ${upgrade.message}`);
        throw upgrade;
      }
      return new Store(file, openDatabase(file, { ...options, readonly: true }));
    }
  }

  /** Whether this connection can only read (opened so, or the file is read-only). */
  get isReadOnly(): boolean {
    return this.db.readonly;
  }

  /**
   * Makes sure this connection can write now: takes the write lock (waiting up to the busy
   * timeout) and lets it go. A read-only or locked file raises a StoreError naming it, so a
   * command that must write at the end (run --db) stops before doing any work.
   */
  checkWritable(): void {
    if (this.db.readonly) {
      throw new StoreError(
        'read_only',
        `${this.file} is read-only; this command writes to the library. Make the file and its folder writable, or point --db or FLOWBENCH_DB at a writable copy.`,
      );
    }
    // BEGIN IMMEDIATE alone succeeds on a read-only file in WAL mode (the lock lives in the
    // -shm file): rewrite the schema version with its own value, a real write, rolled back.
    try {
      this.db
        .transaction(() => {
          const version = Number(this.db.pragma('user_version', { simple: true }));
          this.db.pragma(`user_version = ${version}`);
          throw new WriteProbeDone();
        })
        .immediate();
    } catch (error) {
      if (!(error instanceof WriteProbeDone)) throw storeFailure(this.file, error);
    }
  }

  /** Runs `fn` in one immediate transaction: all of its writes land, or none do. */
  transaction<T>(fn: () => T): T {
    return this.guard(() => this.db.transaction(fn).immediate());
  }

  /** Runs `fn` on one consistent snapshot (a read transaction); writers in other connections go on. */
  read<T>(fn: () => T): T {
    return this.guard(() => this.db.transaction(fn).deferred());
  }

  /** Runs `fn`; SQLite's errors come out as StoreErrors naming the file (see storeFailure). */
  guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw storeFailure(this.file, error);
    }
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Ends the write probe of checkWritable: its transaction rolls back. */
class WriteProbeDone extends Error {}
