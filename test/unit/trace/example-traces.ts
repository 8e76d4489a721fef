import type { TraceEvent } from '../../../main/api/formats/trace';
import { FileLoader } from '../../../main/formats/file-loader';
import { runScenario } from '../../../main/scenario/run-scenario';
import { examplesDir } from '../../support/paths';

const loader = new FileLoader(examplesDir);

/** The engine's trace of the example scenario of `file` whose name starts with `prefix` (virtual clock). */
export async function exampleTrace(file: string, prefix: string): Promise<TraceEvent[]> {
  const found = (await loader.loadScenarios(`scenarios/${file}`)).find((s) => s.name.startsWith(prefix));
  if (!found) throw new Error(`no example scenario '${prefix}' in ${file}`);
  return runScenario(found).trace;
}
