import { createHash } from 'node:crypto';

/** One step of the schema. Never edit one that has shipped: add the next number instead. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The scenario library: flows, mock sets, scenario files and their scenarios, runs. Ids are
 * never reused (AUTOINCREMENT): a deleted scenario's id cannot come back as another one.
 */
const library: Migration = {
  version: 1,
  name: 'library',
  sql: `
CREATE TABLE flows (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  path TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  channel TEXT NOT NULL,
  body TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE mock_sets (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  path TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  route_count INTEGER NOT NULL,
  body TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE scenario_files (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  path TEXT NOT NULL UNIQUE,
  layout TEXT NOT NULL CHECK (layout IN ('single', 'list')),
  settings TEXT NOT NULL,
  flow_id INTEGER REFERENCES flows (id) ON DELETE RESTRICT,
  mocks_id INTEGER REFERENCES mock_sets (id) ON DELETE RESTRICT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX scenario_files_by_flow ON scenario_files (flow_id);
CREATE INDEX scenario_files_by_mocks ON scenario_files (mocks_id);

CREATE TABLE scenarios (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  file_id INTEGER NOT NULL REFERENCES scenario_files (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  body TEXT NOT NULL,
  own_flow_id INTEGER REFERENCES flows (id) ON DELETE RESTRICT,
  own_mocks_id INTEGER REFERENCES mock_sets (id) ON DELETE RESTRICT,
  flow_id INTEGER REFERENCES flows (id) ON DELETE RESTRICT,
  mocks_id INTEGER REFERENCES mock_sets (id) ON DELETE RESTRICT,
  description TEXT,
  tags TEXT NOT NULL,
  flow_name TEXT NOT NULL,
  search_text TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX scenarios_by_file ON scenarios (file_id, position);
CREATE INDEX scenarios_by_own_flow ON scenarios (own_flow_id);
CREATE INDEX scenarios_by_own_mocks ON scenarios (own_mocks_id);
CREATE INDEX scenarios_by_flow ON scenarios (flow_id);
CREATE INDEX scenarios_by_mocks ON scenarios (mocks_id);

CREATE TABLE scenario_tags (
  scenario_id INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (scenario_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX scenario_tags_by_tag ON scenario_tags (tag, scenario_id);

CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  source TEXT NOT NULL,
  filter TEXT NOT NULL,
  passed INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  errors INTEGER NOT NULL
) STRICT;

CREATE TABLE run_results (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  scenario_id INTEGER REFERENCES scenarios (id) ON DELETE SET NULL,
  name TEXT NOT NULL,
  file TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('passed', 'failed', 'error')),
  end_state TEXT NOT NULL,
  end_reason TEXT,
  virtual_ms REAL NOT NULL,
  wall_ms REAL NOT NULL,
  checks TEXT NOT NULL,
  detail TEXT NOT NULL,
  trace TEXT NOT NULL
) STRICT;
CREATE INDEX run_results_by_run ON run_results (run_id);
CREATE INDEX run_results_by_scenario ON run_results (scenario_id, run_id);
`,
};

/**
 * Record & replay: recorded live sessions (flowbench.session/1), and which flow and mock
 * set version each run result used, so a comparison can tell a changed flow from a flake.
 */
const sessions: Migration = {
  version: 2,
  name: 'sessions',
  sql: `
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  started_at TEXT NOT NULL,
  flow_name TEXT NOT NULL,
  flow_sha256 TEXT NOT NULL,
  scenario_id INTEGER REFERENCES scenarios (id) ON DELETE SET NULL,
  body TEXT NOT NULL,
  saved_at TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_by_start ON sessions (started_at);
CREATE INDEX sessions_by_flow ON sessions (flow_sha256);
CREATE INDEX sessions_by_scenario ON sessions (scenario_id);

ALTER TABLE run_results ADD COLUMN flow_sha256 TEXT;
ALTER TABLE run_results ADD COLUMN mocks_sha256 TEXT;
`,
};

/** Every migration, in order; the schema version is the last one's number. */
export const MIGRATIONS: readonly Migration[] = [library, sessions];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** sha256 of the migration's SQL: what `schema_migrations` records to notice an edited migration. */
export function migrationChecksum(migration: Migration): string {
  return createHash('sha256').update(migration.sql, 'utf8').digest('hex');
}
