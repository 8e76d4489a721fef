import type { ResultsFile, ScenarioResult } from '../../api/formats/results';

/** Something that reports a suite run: as it goes, and once at the end. */
export interface Reporter {
  onBegin?(total: number): void;
  onResult?(result: ScenarioResult): void;
  /** Writes the final output; resolves when it is on disk or on the stream. */
  onEnd(results: ResultsFile): Promise<void> | void;
}

export type ReporterName = 'pretty' | 'json' | 'junit';

export interface ReporterSpec {
  name: ReporterName;
  /** Output file; undefined means standard output. */
  file: string | undefined;
}

const NAMES: readonly ReporterName[] = ['pretty', 'json', 'junit'];

/** Parses `--reporter name[:file]`. */
export function parseReporterSpec(text: string): ReporterSpec {
  const colon = text.indexOf(':');
  const name = colon === -1 ? text : text.slice(0, colon);
  const file = colon === -1 ? undefined : text.slice(colon + 1);
  if (!NAMES.includes(name as ReporterName)) {
    throw new Error(`unknown reporter '${name}' (expected ${NAMES.join(', ')}, optionally name:file)`);
  }
  if (file === '') throw new Error(`--reporter ${name}: expected a file after ':'`);
  return { name: name as ReporterName, file };
}

export function summarize(results: readonly ScenarioResult[]): ResultsFile['summary'] {
  return {
    passed: results.filter((r) => r.status === 'passed').length,
    failed: results.filter((r) => r.status === 'failed').length,
    errors: results.filter((r) => r.status === 'error').length,
  };
}
