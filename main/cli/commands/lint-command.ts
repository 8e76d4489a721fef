import { FileLoader } from '../../formats/file-loader';
import { lintFlow } from '../../lints/lint-flow';
import { EXIT_FAILED, EXIT_OK } from '../cli-io';
import type { CliIo } from '../cli-io';
import { collectFiles } from '../collect-files';
import type { CliCommand } from '../command';
import { colors } from '../colors';

export const lintCommand: CliCommand = {
  register(program, io, done) {
    program
      .command('lint')
      .description('static checks of flows: async/await without a pause, await loops without a counter, blocking calls in voice, …')
      .argument('<paths...>', 'flow files or folders')
      .option('--strict', 'exit 1 when there is any warning')
      .option('--json', 'print the warnings as JSON')
      .action(async (paths: string[], flags: { strict?: boolean; json?: boolean }) => {
        done(await lint(paths, flags, io));
      });
  },
};

async function lint(paths: readonly string[], flags: { strict?: boolean; json?: boolean }, io: CliIo): Promise<number> {
  const loader = new FileLoader(io.cwd);
  const files = (await collectFiles(paths, loader, io.cwd)).filter((f) => f.kind === 'flow');
  const c = colors(io.stdout.isTTY === true && io.env['NO_COLOR'] === undefined);
  let total = 0;
  const report: { file: string; warnings: ReturnType<typeof lintFlow> }[] = [];
  for (const file of files) {
    const flow = await loader.loadFlow(file.path);
    const doc = await loader.document(file.path);
    const warnings = lintFlow(flow);
    total += warnings.length;
    report.push({ file: loader.display(file.path), warnings });
    if (flags.json) continue;
    for (const w of warnings) {
      const pos = doc.locate(pathKeys(w.path));
      const where = pos ? `${doc.file}:${pos.line}:${pos.column}` : doc.file;
      io.stdout.write(`${where} ${c.yellow('warning')} ${w.path}  ${w.message}  ${c.dim(w.rule)}\n`);
    }
  }
  if (flags.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else io.stdout.write(`${files.length} flow${files.length === 1 ? '' : 's'}, ${total} warning${total === 1 ? '' : 's'}\n`);
  return flags.strict && total > 0 ? EXIT_FAILED : EXIT_OK;
}

/** `modules[3].ports.next` → ['modules', 3, 'ports', 'next']. */
export function pathKeys(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : (m[1] as string)));
}
