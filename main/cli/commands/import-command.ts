import type { ChangeCounts } from '../../api/routes/library-files';
import { importLibrary } from '../../store/library-import';
import { EXIT_OK } from '../cli-io';
import type { CliCommand } from '../command';
import { withLibrary } from '../library-db';

interface ImportFlags {
  db?: string;
  root?: string;
  json?: boolean;
}

export const importCommand: CliCommand = {
  register(program, io, done) {
    program
      .command('import')
      .description('import flow, mocks and scenario files (folders are searched) into the scenario library, all or nothing')
      .argument('<paths...>', 'files or folders')
      .option('--db <file>', 'the library database (default: $FLOWBENCH_DB, else ~/.flowbench/flowbench.db)')
      .option('--root <dir>', 'folder the library paths are relative to (default: the common folder of the paths)')
      .option('--json', 'print the summary as JSON')
      .action(async (paths: string[], flags: ImportFlags) => {
        done(
          await withLibrary('import', flags.db, io, 'write', async (store) => {
            const summary = await importLibrary(store, paths, { cwd: io.cwd, ...(flags.root !== undefined ? { root: flags.root } : {}) });
            if (flags.json === true) {
              io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
              return EXIT_OK;
            }
            io.stdout.write(`imported into ${store.file} (paths relative to ${summary.root})\n`);
            io.stdout.write(`  flows:      ${counts(summary.flows)}\n`);
            io.stdout.write(`  mock sets:  ${counts(summary.mockSets)}\n`);
            io.stdout.write(`  scenarios:  ${counts(summary.scenarios)}\n`);
            for (const s of summary.skipped) io.stdout.write(`  skipped ${s.file}: ${s.reason}\n`);
            return EXIT_OK;
          }),
        );
      });
  },
};

function counts(c: ChangeCounts): string {
  const parts = [`${c.created} new`, `${c.updated} updated`, `${c.unchanged} unchanged`];
  if (c.removed > 0) parts.push(`${c.removed} removed`);
  return parts.join(', ');
}
