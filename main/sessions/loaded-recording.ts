import type { FlowFile } from '../api/formats/flow';
import type { MocksFile } from '../api/formats/mocks';
import type { ScenarioResult } from '../api/formats/results';
import type { SessionFile } from '../api/formats/session';

/** What `flowbench replay` reads from a bundle (zip or JSON) or a bare session file. */
export interface LoadedRecording {
  session: SessionFile;
  flow: FlowFile | null;
  mocks: MocksFile | null;
  result: ScenarioResult | null;
}
