import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FILE_FORMAT_NAMES, jsonSchemaOf, schemaFileName } from '../../../main/api/formats/json-schemas';
import type { FileFormatName } from '../../../main/api/formats/json-schemas';
import { render } from '../../../main/cli/commands/schema-command';
import { MODELINE_PREFIX, schemaModeline, withSchemaModeline } from '../../../main/formats/schema-modeline';
import { examplesDir, repoRoot } from '../../support/paths';

const schemasDir = join(repoRoot, 'schemas');
const ajv = new Ajv2020({ strict: false, allErrors: true });
const validators = new Map(FILE_FORMAT_NAMES.map((name) => [name, ajv.compile(jsonSchemaOf(name))]));

function examples(): { file: string; format: FileFormatName; text: string }[] {
  const kinds: [string, FileFormatName][] = [['flows', 'flow'], ['mocks', 'mocks'], ['scenarios', 'scenario']];
  return kinds.flatMap(([folder, format]) =>
    readdirSync(join(examplesDir, folder))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => ({ file: `${folder}/${f}`, format, text: readFileSync(join(examplesDir, folder, f), 'utf8') })),
  );
}

describe('JSON Schemas of the file formats', () => {
  it.each(FILE_FORMAT_NAMES)('schemas/%s.schema.json is what the zod schema generates (run `npm run schemas` after a format change)', (name) => {
    expect(readFileSync(join(schemasDir, schemaFileName(name)), 'utf8')).toBe(render(name));
  });

  it('every example file validates against its schema and points to it in its first line', () => {
    const files = examples();
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const { file, format, text } of files) {
      const validate = validators.get(format);
      expect(validate?.(parse(text)), `${file}: ${JSON.stringify(validate?.errors)}`).toBe(true);
      expect(text.split('\n')[0], file).toBe(`${MODELINE_PREFIX}../../schemas/${format === 'flow' ? 'flow' : format}.schema.json`);
    }
  });

  it('catches what an editor should flag as you type: an unknown module type, a missing field, a wrong type', () => {
    const validate = validators.get('flow');
    const flow = parse(readFileSync(join(examplesDir, 'flows', 'refund-chat.flow.yaml'), 'utf8')) as { modules: Record<string, unknown>[] };
    const withType = (type: unknown) => ({ ...flow, modules: [{ ...flow.modules[0], type }, ...flow.modules.slice(1)] });
    expect(validate?.(withType(flow.modules[0]?.['type']))).toBe(true);
    expect(validate?.(withType('teleport'))).toBe(false);
    const { start: _start, ...withoutStart } = flow as Record<string, unknown>;
    expect(validate?.(withoutStart)).toBe(false);
    expect(validate?.({ ...flow, channel: 5 })).toBe(false);
    expect(validate?.({ ...flow, colour: 'blue' })).toBe(false); // unknown field
  });
});

describe('the schema modeline of written YAML files', () => {
  it('is relative to the file when both share a root, and replaces an existing modeline', () => {
    const line = schemaModeline('scenario', '/work/lib/scenarios/a.scenario.yaml', '/opt/flowbench/schemas');
    expect(line).toBe('# yaml-language-server: $schema=../../../opt/flowbench/schemas/scenario.schema.json');
    const once = withSchemaModeline('format: flowbench.scenario/1\n', line);
    expect(once).toBe(`${line}\nformat: flowbench.scenario/1\n`);
    expect(withSchemaModeline(once, line)).toBe(once);
  });
});
