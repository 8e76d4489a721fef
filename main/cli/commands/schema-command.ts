import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { FILE_FORMAT_NAMES, isFileFormatName, jsonSchemaOf, schemaFileName } from '../../api/formats/json-schemas';
import type { FileFormatName } from '../../api/formats/json-schemas';
import { EXIT_OK } from '../cli-io';
import type { CliIo } from '../cli-io';
import type { CliCommand } from '../command';

export const schemaCommand: CliCommand = {
  register(program, io, done) {
    program
      .command('schema')
      .description(`print the JSON Schema of a file format (${FILE_FORMAT_NAMES.join(', ')}), for editors such as VS Code's YAML extension`)
      .argument('<format>', `${FILE_FORMAT_NAMES.join(' | ')} | all`, formatArgument)
      .option('-o, --out <dir>', 'write <format>.schema.json files into this folder instead of printing')
      .action(async (format: FileFormatName | 'all', flags: { out?: string }) => {
        done(await schema(format, flags.out, io));
      });
  },
};

function formatArgument(value: string): FileFormatName | 'all' {
  if (value === 'all' || isFileFormatName(value)) return value;
  throw new InvalidArgumentError(`expected one of ${FILE_FORMAT_NAMES.join(', ')} or all, got '${value}'`);
}

async function schema(format: FileFormatName | 'all', out: string | undefined, io: CliIo): Promise<number> {
  const names = format === 'all' ? FILE_FORMAT_NAMES : [format];
  if (out === undefined) {
    const texts = names.map((name) => render(name));
    io.stdout.write(names.length === 1 ? (texts[0] ?? '') : `[\n${texts.map((t) => t.trimEnd()).join(',\n')}\n]\n`);
    return EXIT_OK;
  }
  const dir = resolve(io.cwd, out);
  await mkdir(dir, { recursive: true });
  for (const name of names) {
    await writeFile(join(dir, schemaFileName(name)), render(name));
    io.stdout.write(`wrote ${join(out, schemaFileName(name))}\n`);
  }
  return EXIT_OK;
}

/** Stable text: the same schema gives the same bytes (the files under schemas/ are committed). */
export function render(name: FileFormatName): string {
  return `${JSON.stringify(jsonSchemaOf(name), null, 2)}\n`;
}
