import { z } from 'zod';
import { FLOW_FORMAT, FlowFile } from './flow';
import { MOCKS_FORMAT, MocksFile } from './mocks';
import { RESULTS_FORMAT, ResultsFile } from './results';
import { SCENARIO_FORMAT, ScenarioFile } from './scenario';
import { BUNDLE_FORMAT, BundleFile, SESSION_FORMAT, SessionFile } from './session';

/**
 * The file formats an editor can check as you type: JSON Schemas generated from the same
 * zod schemas the loader uses (`flowbench schema <format>`, and the files under `schemas/`).
 */
export const FILE_FORMATS = {
  flow: { format: FLOW_FORMAT, schema: FlowFile, title: 'flowbench flow' },
  mocks: { format: MOCKS_FORMAT, schema: MocksFile, title: 'flowbench mock set' },
  scenario: { format: SCENARIO_FORMAT, schema: ScenarioFile, title: 'flowbench scenario file' },
  session: { format: SESSION_FORMAT, schema: SessionFile, title: 'flowbench recorded session' },
  bundle: { format: BUNDLE_FORMAT, schema: BundleFile, title: 'flowbench repro bundle (JSON)' },
  results: { format: RESULTS_FORMAT, schema: ResultsFile, title: 'flowbench run results' },
} as const;
export type FileFormatName = keyof typeof FILE_FORMATS;
export const FILE_FORMAT_NAMES = Object.keys(FILE_FORMATS) as FileFormatName[];

export function isFileFormatName(name: string): name is FileFormatName {
  return Object.hasOwn(FILE_FORMATS, name);
}

/** The file name of a format's schema under `schemas/`. */
export function schemaFileName(name: FileFormatName): string {
  return `${name}.schema.json`;
}

/** The JSON Schema (draft 2020-12) of a format, describing what may be written in a file. */
export function jsonSchemaOf(name: FileFormatName): Record<string, unknown> {
  const { format, schema, title } = FILE_FORMATS[name];
  // `input`: what a file may say (defaults optional); refinements the schema cannot
  // express (cross-checks, CEL, regexes) are left to `flowbench validate`.
  const generated = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12', reused: 'ref' });
  return { ...generated, title, description: `${format} — generated from flowbench's zod schema; \`flowbench validate\` checks the rest.` };
}
