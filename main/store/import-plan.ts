import type { FlowFile } from '../api/formats/flow';
import type { MocksFile } from '../api/formats/mocks';
import type { ImportSummary } from '../api/routes/library-files';
import type { ResolvedScenarioFile } from './resolve-scenarios';

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

export interface ImportedScenarioFile {
  abs: string;
  path: string;
  file: ResolvedScenarioFile;
}

/** Everything an import writes, checked: flows, mock sets and scenario files by library path. */
export interface ImportPlan {
  skipped: ImportSummary['skipped'];
  root: string;
  flows: ImportedDocument<FlowFile>[];
  mockSets: ImportedDocument<MocksFile>[];
  scenarioFiles: ImportedScenarioFile[];
  /** Library path by absolute file, for the flows and mock sets scenarios point at. */
  pathOf: ReadonlyMap<string, string>;
}

