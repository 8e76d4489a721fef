import { FlowFile } from '../../api/formats/flow';
import { ResultsFile } from '../../api/formats/results';
import { FileLoader } from '../../formats/file-loader';
import { FormatError, formatFileIssue } from '../../formats/format-error';
import { fileIssuesFromZod } from '../../formats/zod-issues';
import { EXIT_INVALID, EXIT_OK } from '../cli-io';
import type { CliIo } from '../cli-io';
import { collectFiles } from '../collect-files';
import type { CollectedFile } from '../collect-files';
import type { CliCommand } from '../command';

export const validateCommand: CliCommand = {
  register(program, io, done) {
    program
      .command('validate')
      .description('check flowbench files (flows, mocks, scenarios with their flows and mocks, results) without running them')
      .argument('<paths...>', 'files or folders')
      .action(async (paths: string[]) => {
        done(await validate(paths, io));
      });
  },
};

async function validate(paths: readonly string[], io: CliIo): Promise<number> {
  const loader = new FileLoader(io.cwd);
  const files = await collectFiles(paths, loader, io.cwd);
  let invalid = 0;
  for (const file of files) {
    const name = loader.display(file.path);
    try {
      const summary = await check(file, loader);
      if (summary !== null) io.stdout.write(`✓ ${name}  ${summary}\n`);
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      invalid++;
      io.stdout.write(`✗ ${name}\n`);
      for (const issue of error.issues) io.stdout.write(`    ${formatFileIssue(issue)}\n`);
    }
  }
  io.stdout.write(`${files.length - invalid} valid, ${invalid} invalid\n`);
  return invalid === 0 ? EXIT_OK : EXIT_INVALID;
}

/** One line about a valid file, or null for a file that is not flowbench's. */
async function check(file: CollectedFile, loader: FileLoader): Promise<string | null> {
  switch (file.kind) {
    case 'flow': {
      const flow: FlowFile = await loader.loadFlow(file.path);
      return `flow "${flow.name}": ${flow.modules.length} modules, ${flow.endpoints.length} endpoints`;
    }
    case 'mocks': {
      const mocks = await loader.loadMocks(file.path);
      return `mocks: ${mocks.routes.length} routes`;
    }
    case 'scenario': {
      const scenarios = await loader.loadScenarios(file.path);
      return `${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}`;
    }
    case 'results': {
      const doc = await loader.document(file.path);
      const parsed = ResultsFile.safeParse(doc.value);
      if (!parsed.success) throw new FormatError(fileIssuesFromZod(doc, parsed.error));
      return `results: ${parsed.data.scenarios.length} scenarios`;
    }
    case 'session':
      return 'session (checked by the replay command)';
    case 'unknown':
      return null;
  }
}
