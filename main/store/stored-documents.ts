import { z } from 'zod';
import { FlowFile } from '../api/formats/flow';
import type { FlowFileInput } from '../api/formats/flow';
import { MocksFile } from '../api/formats/mocks';
import type { MocksFileInput } from '../api/formats/mocks';
import { ScenarioEntry } from '../api/formats/scenario';
import { ScenarioSettings } from '../api/routes/library-scenarios';
import type { ScenarioEntryInput, ScenarioSettingsInput } from '../api/routes/library-scenarios';
import { withoutRowFields } from '../api/formats/each-rows';
import { parseJsonColumn, parseRow } from './rows';

/** A document as written (`source`, kept for export) and as the engine reads it (`value`, defaults applied). */
export interface Stored<I, O> {
  source: I;
  value: O;
}


/**
 * Reads a JSON column with the format's schema. The column holds the document as written;
 * once the schema accepts it, it is of the schema's input type.
 */
function read<S extends z.ZodType>(schema: S, text: string, what: string, prepare: (source: unknown) => unknown = (v) => v): Stored<z.input<S>, z.output<S>> {
  const source = parseJsonColumn(z.unknown(), text, what);
  const value = parseRow(schema, prepare(source), what); // zod builds new objects: `source` stays as written
  return { source: source as z.input<S>, value };
}

export function readFlowBody(text: string, what: string): Stored<FlowFileInput, FlowFile> {
  return read(FlowFile, text, what);
}

export function readMocksBody(text: string, what: string): Stored<MocksFileInput, MocksFile> {
  return read(MocksFile, text, what);
}

/** A scenario as stored; for a data-driven one (`each:`) `value` lacks what its rows fill in (`source` has it). */
export function readEntryBody(text: string, what: string): Stored<ScenarioEntryInput, ScenarioEntry> {
  return read(ScenarioEntry, text, what, withoutRowFields);
}

export function readFileSettings(text: string, what: string): Stored<ScenarioSettingsInput, ScenarioSettings> {
  return read(ScenarioSettings, text, what);
}
