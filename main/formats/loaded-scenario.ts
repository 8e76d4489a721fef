import type { FlowFile } from '../api/formats/flow';
import type { MockState, MocksFile, RouteOverride } from '../api/formats/mocks';
import type { RowRef } from '../api/formats/each-rows';
import type { ClockKind, Expectation, UserStep } from '../api/formats/scenario';

/** A row of a data-driven scenario (`each:`): its index and values, and where it is written. */
export interface ScenarioRow extends RowRef {
  /** e.g. `scenarios[1].each[2]`. */
  path: string;
}

/** One scenario with its flow and mocks loaded and every default resolved. */
export interface LoadedScenario {
  /** `file#index`: stable within a suite. */
  id: string;
  name: string;
  description: string | null;
  /** The scenario file as shown to users (relative to the working folder when inside it). */
  file: string;
  absFile: string;
  /** Its place among the file's scenarios as loaded (each `each:` row counts as one). */
  index: number;
  flow: FlowFile;
  flowPath: string | null;
  mocks: MocksFile | null;
  mocksPath: string | null;
  overrides: Record<string, RouteOverride>;
  /** The scenario's initial mock state (file-level and its own, merged by name); absent: the mocks' own. */
  state?: MockState;
  clock: ClockKind;
  timeScale: number;
  baseUrl: string | null;
  seed: number | null;
  tags: string[];
  user: UserStep[];
  expect: Expectation[];
  maxDurationMs: number | null;
  /** Set on each run of a data-driven scenario (`each:`): its name, steps, overrides and checks are the row's. */
  row?: ScenarioRow;
}
