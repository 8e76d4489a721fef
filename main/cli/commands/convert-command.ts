import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { ConvertError, convertMocks } from '../../convert/convert-mocks';
import type { ConvertResult } from '../../convert/convert-mocks';
import { convertedYaml, routeSummaries } from '../../convert/convert-output';
import { FORMAT_NAMES } from '../../convert/conversion';
import { diskSources, SourceSetError } from '../../convert/source-files';
import { formatFileIssue } from '../../formats/format-error';
import { schemaModeline } from '../../formats/schema-modeline';
import { installedSchemasDir } from '../../host/schemas-dir';
import { EXIT_INVALID, EXIT_OK } from '../cli-io';
import type { CliIo } from '../cli-io';
import type { CliCommand } from '../command';

interface ConvertFlags {
  out?: string;
  seed?: number;
  name?: string;
  quiet?: boolean;
}

export const convertCommand: CliCommand = {
  register(program, io, done) {
    program
      .command('convert')
      .description(
        'convert OpenAPI 3 / Swagger 2, a Mockoon environment, WireMock mappings or a HAR file into a flowbench.mocks/1 file; what cannot be converted is listed (exit 0 with a warning count; 2 when nothing is a known format)',
      )
      .argument('<path>', 'a file, or a folder (e.g. a WireMock root or mappings folder)')
      .option('-o, --out <file>', 'write the mocks here (default: standard output)')
      .option('--seed <n>', 'the seed of the converted mock set (random picks and fault rates)', integer)
      .option('--name <text>', 'the name of the converted mock set')
      .option('-q, --quiet', 'print only the warning count, not the routes')
      .action(async (path: string, flags: ConvertFlags) => {
        done(await convert(path, flags, io));
      });
  },
};

async function convert(path: string, flags: ConvertFlags, io: CliIo): Promise<number> {
  let result: ConvertResult;
  try {
    const sources = await diskSources(path, io.cwd);
    result = await convertMocks(sources, { ...(flags.seed !== undefined ? { seed: flags.seed } : {}), ...(flags.name !== undefined ? { name: flags.name } : {}) });
  } catch (error) {
    if (error instanceof SourceSetError) {
      io.stderr.write(`flowbench convert: ${error.file}: ${error.message}\n`);
      return EXIT_INVALID;
    }
    if (error instanceof ConvertError) {
      io.stderr.write(`flowbench convert: nothing in ${path} could be read as a known format (OpenAPI 3, Swagger 2, Mockoon environment, WireMock mappings, HAR):\n`);
      for (const issue of error.issues) io.stderr.write(`  ${formatFileIssue(issue)}\n`);
      return EXIT_INVALID;
    }
    throw error;
  }
  // The modeline points from where the file lands (standard output: most likely the current folder).
  const target = resolve(io.cwd, flags.out ?? 'converted.mocks.yaml');
  const yaml = convertedYaml(result, schemaModeline('mocks', target, installedSchemasDir()));
  // With -o the report goes to stdout; without, stdout carries the YAML and the report goes to stderr.
  const report = flags.out === undefined ? io.stderr : io.stdout;
  const lines = describe(result, flags.quiet === true);
  if (flags.out === undefined) io.stdout.write(yaml);
  else await writeAtomically(target, yaml);
  for (const line of lines) report.write(`${line}\n`);
  const warnings = result.problems.length;
  const where = flags.out === undefined ? 'written to standard output' : `written to ${flags.out}`;
  report.write(`flowbench convert: ${result.mocks.routes.length} route${result.mocks.routes.length === 1 ? '' : 's'} ${where}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
  return EXIT_OK;
}

function describe(result: ConvertResult, quiet: boolean): string[] {
  const lines: string[] = [];
  const known = result.sources.filter((s) => s.format !== null);
  lines.push(`flowbench convert: read ${known.map((s) => `${s.file} (${s.format === null ? '' : FORMAT_NAMES[s.format]})`).join(', ')}`);
  if (!quiet) {
    for (const r of routeSummaries(result)) {
      const answers = r.responses.map((x) => (x.when === undefined ? `${x.status}` : `${x.status} when ${x.when}`)).join('; ');
      const extras = [r.latency === 'fixed 0 ms' ? '' : r.latency, ...r.faults.map((f) => `fault ${f}`), r.pick === 'first' ? '' : `pick ${r.pick}`].filter((x) => x !== '');
      lines.push(`  ${r.method.padEnd(6)} ${r.path}  ${r.id}  → ${answers}${extras.length > 0 ? `  [${extras.join(', ')}]` : ''}`);
    }
    const state = result.mocks.state ?? {};
    if (Object.keys(state).length > 0) lines.push(`  initial state: ${JSON.stringify(state)}`);
    if (result.notes.length > 0) {
      lines.push(`notes (${result.notes.length}):`);
      for (const note of result.notes) lines.push(`  ${formatFileIssue(note)}`);
    }
  }
  if (result.problems.length > 0) {
    lines.push(`not converted (${result.problems.length}):`);
    for (const problem of result.problems) lines.push(`  ${formatFileIssue(problem)}`);
  }
  return lines;
}

async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text, 'utf8');
  await rename(temp, path);
}

function integer(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}
