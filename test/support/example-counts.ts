import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FileLoader } from '../../main/formats/file-loader';
import { examplesDir } from './paths';

/** How many files of each kind examples/ holds, and how many scenarios its scenario files hold. */
export interface ExampleCounts {
  flows: number;
  mockSets: number;
  scenarioFiles: number;
  scenarios: number;
}

/**
 * Counted from the example files themselves, so tests over "every example" keep holding as
 * examples are added (each example's own figures are checked by the examples' expectations).
 */
export async function exampleCounts(dir = examplesDir): Promise<ExampleCounts> {
  const files = (sub: string, suffix: string): string[] => readdirSync(join(dir, sub)).filter((f) => f.endsWith(suffix));
  const scenarioFiles = files('scenarios', '.scenario.yaml');
  const loader = new FileLoader(dir);
  const loaded = await Promise.all(scenarioFiles.map((f) => loader.loadScenarios(join('scenarios', f))));
  return {
    flows: files('flows', '.flow.yaml').length,
    mockSets: files('mocks', '.mocks.yaml').length,
    scenarioFiles: scenarioFiles.length,
    scenarios: loaded.flat().length,
  };
}
