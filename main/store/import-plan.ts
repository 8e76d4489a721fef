import type { FlowFile } from '../api/formats/flow';
import type { MocksFile } from '../api/formats/mocks';
import type { ImportSummary } from '../api/routes/library-files';

export interface ImportProgress {
  phase: 'reading' | 'checking' | 'writing' | 'done';
  done: number;
  total: number;
}

export interface ImportedDocument<T> {
  abs: string;
  path: string;
  raw: unknown;
  value: T;
}

/**
 * A checked scenario as the library stores it: as written, and what lists and searches show.
 * Flows and mock sets are named by key (an imported file's absolute path), their ids known
 * only when written.
 */
export interface PlannedScenario {
  name: string;
  /** As written, without `flow`/`mocks` when they are paths (see ownFlowKey / ownMocksKey). */
  raw: Record<string, unknown>;
  ownFlowKey: string | null;
  ownMocksKey: string | null;
  /** The flow / mock set it runs with (its own, else its file's); null when inline or none. */
  flowKey: string | null;
  mocksKey: string | null;
  description: string | null;
  tags: string[];
  flowName: string;
}

/** A checked scenario file, by library path. */
export interface PlannedScenarioFile {
  abs: string;
  path: string;
  layout: 'single' | 'list';
  /** Top-level settings as written, without format, scenarios and path refs. */
  settingsRaw: Record<string, unknown>;
  flowKey: string | null;
  mocksKey: string | null;
  scenarios: PlannedScenario[];
}

/** Everything an import writes, checked: flows, mock sets and scenario files by library path (plain data). */
export interface ImportPlan {
  skipped: ImportSummary['skipped'];
  root: string;
  flows: ImportedDocument<FlowFile>[];
  mockSets: ImportedDocument<MocksFile>[];
  scenarioFiles: PlannedScenarioFile[];
}
