import type { FlowFile } from '../api/formats/flow';
import type { MockState, MocksFile, RouteOverride } from '../api/formats/mocks';
import type { ClockKind, Expectation, UserStep } from '../api/formats/scenario';

/** One scenario with its flow and mocks loaded and every default resolved. */
export interface LoadedScenario {
  /** `file#index`: stable within a suite. */
  id: string;
  name: string;
  description: string | null;
  /** The scenario file as shown to users (relative to the working folder when inside it). */
  file: string;
  absFile: string;
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
}
