import type { ResultsFile } from '../../api/formats/results';
import type { CliIo } from '../cli-io';
import type { Reporter } from './reporter';
import { writeOutput } from './write-output';

/** `flowbench.results/1` JSON: the whole run with every trace (what the UI draws). */
export function jsonReporter(io: CliIo, file: string | undefined): Reporter {
  return {
    onEnd: (results: ResultsFile) => writeOutput(io, file, JSON.stringify(results, null, 2)),
  };
}
