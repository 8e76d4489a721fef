import { resolve } from 'node:path';
import { installedSchemasDir } from '../../host/schemas-dir';
import { exportLibrary } from '../../store/library-export';
import { EXIT_OK } from '../cli-io';
import type { CliCommand } from '../command';
import { withLibrary } from '../library-db';

interface ExportFlags {
  db?: string;
  json?: boolean;
}

export const exportCommand: CliCommand = {
  register(program, io, done) {
    program
      .command('export')
      .description('write the scenario library as YAML files (stable key order, diff-friendly) under a folder')
      .argument('<dir>', 'folder to write into (created if needed)')
      .option('--db <file>', 'the library database (default: $FLOWBENCH_DB, else ~/.flowbench/flowbench.db)')
      .option('--json', 'print the summary as JSON')
      .action(async (dir: string, flags: ExportFlags) => {
        done(
          await withLibrary('export', flags.db, io, 'read', async (store) => {
            const summary = await exportLibrary(store, resolve(io.cwd, dir), installedSchemasDir());
            if (flags.json === true) {
              io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
              return EXIT_OK;
            }
            const written = summary.files.filter((f) => f.action === 'written').length;
            io.stdout.write(`exported ${summary.files.length} files from ${store.file} to ${summary.dir} (${written} written, ${summary.files.length - written} unchanged)\n`);
            return EXIT_OK;
          }),
        );
      });
  },
};
