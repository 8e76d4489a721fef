import type { CliIo } from '../cli-io';
import { jsonReporter } from './json-reporter';
import { junitReporter } from './junit-reporter';
import { prettyReporter } from './pretty-reporter';
import type { Reporter, ReporterSpec } from './reporter';

export function createReporters(specs: readonly ReporterSpec[], io: CliIo): Reporter[] {
  const onStdout = specs.filter((s) => s.file === undefined);
  if (onStdout.length > 1) {
    throw new Error(`only one reporter can write to standard output; give the others a file (${onStdout.map((s) => `${s.name}:file`).join(', ')})`);
  }
  return specs.map((spec) => {
    switch (spec.name) {
      case 'pretty':
        return prettyReporter(io, spec.file);
      case 'json':
        return jsonReporter(io, spec.file);
      case 'junit':
        return junitReporter(io, spec.file);
    }
  });
}
