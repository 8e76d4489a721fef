import { z } from 'zod';
import { ScenarioEntry } from '../formats/scenario';
import { ScenarioStatus } from '../formats/results';
import { ApiIssue } from '../errors';
import { defineRoute } from '../route';
import { LibraryPath } from './library-files';
import { ItemId, Paging } from './library-flows';

/** One scenario as written in a scenario file (a `scenarios:` item, or a one-scenario file). */
export type ScenarioEntryInput = z.input<typeof ScenarioEntry>;

const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A scenario as written. In the library API, `flow` and `mocks` are library paths
 * (`flows/order-status.flow.yaml`) or inline objects; the host validates it like a file.
 */
export const ScenarioBody = z.custom<ScenarioEntryInput>(isObject, { message: 'expected a scenario (name, flow, user, expect, …)' });

/** The settings at the top of a scenario file: any scenario setting, all optional (`each:` belongs to a scenario). */
export const ScenarioSettings = ScenarioEntry.omit({ each: true }).partial();
export type ScenarioSettings = z.infer<typeof ScenarioSettings>;
export type ScenarioSettingsInput = z.input<typeof ScenarioSettings>;

/** Settings written at the top of a scenario file; they apply to its scenarios unless a scenario sets its own. */
export const ScenarioFileSettings = z.custom<ScenarioSettingsInput>(isObject);

export const LastRun = z.object({ runId: ItemId, resultId: ItemId, status: ScenarioStatus, startedAt: z.string() });
export type LastRun = z.infer<typeof LastRun>;

export const ScenarioSummary = z.object({
  id: ItemId,
  name: z.string(),
  description: z.string().nullable(),
  /** The scenario file it belongs to, and its place in that file's list. */
  /** Its library path (checked when written; outputs skip the path rules). */
  file: z.string(),
  index: z.number().int(),
  /** The file's tags and its own. */
  tags: z.array(z.string()),
  /** The flow it runs: a library flow (id) or one written inline (id null). */
  flow: z.object({ id: ItemId.nullable(), name: z.string() }),
  mockSetId: ItemId.nullable(),
  lastRun: LastRun.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ScenarioSummary = z.infer<typeof ScenarioSummary>;

export const ScenarioRecord = ScenarioSummary.extend({
  scenario: ScenarioBody,
  fileSettings: ScenarioFileSettings,
});
export type ScenarioRecord = z.infer<typeof ScenarioRecord>;

export const ScenarioQuery = z
  .object({
    /** Case-insensitive text in the name, description, file, flow name or tags. */
    text: z.string().optional(),
    /** Case-insensitive text in the name only. */
    name: z.string().optional(),
    tag: z.string().optional(),
    flowId: ItemId.optional(),
    mockSetId: ItemId.optional(),
    file: LibraryPath.optional(),
    ...Paging,
  })
  .strict();
export type ScenarioQuery = z.infer<typeof ScenarioQuery>;

export const scenariosList = defineRoute({
  name: 'scenarios.list',
  summary: 'Scenarios in the library (by file, then place in the file), filtered by text, name, tag, flow, mock set or file.',
  input: ScenarioQuery.default({ limit: 500, offset: 0 }),
  output: z.object({ total: z.number().int(), items: z.array(ScenarioSummary) }),
});

export const scenariosGet = defineRoute({
  name: 'scenarios.get',
  summary: 'One scenario as written, with the settings its file gives it.',
  input: z.object({ id: ItemId }).strict(),
  output: ScenarioRecord,
});

export const scenariosCreate = defineRoute({
  name: 'scenarios.create',
  summary:
    'Adds a scenario, checked like a scenario file (its flow, mocks, overrides and checks). ' +
    'With `file`, it is added to that scenario file; otherwise to a new scenarios/<name>.scenario.yaml.',
  input: z.object({ file: LibraryPath.optional(), scenario: ScenarioBody }).strict(),
  output: ScenarioRecord,
});

export const scenariosValidate = defineRoute({
  name: 'scenarios.validate',
  summary: 'Checks a scenario as scenarios.create (with file) or scenarios.update (with id) would, and saves nothing.',
  input: z.object({ id: ItemId.optional(), file: LibraryPath.optional(), scenario: ScenarioBody }).strict(),
  output: z.object({ issues: z.array(ApiIssue) }),
});

export const scenariosUpdate = defineRoute({
  name: 'scenarios.update',
  summary: 'Replaces a scenario (it keeps its id, file, place and run history).',
  input: z.object({ id: ItemId, scenario: ScenarioBody }).strict(),
  output: ScenarioRecord,
});

export const scenariosDelete = defineRoute({
  name: 'scenarios.delete',
  summary: 'Deletes a scenario; its past results stay in the runs they belong to.',
  input: z.object({ id: ItemId }).strict(),
  output: z.object({ id: ItemId }),
});

export const scenariosTags = defineRoute({
  name: 'scenarios.tags',
  summary: 'Every tag in the library with how many scenarios carry it.',
  input: z.object({}).strict().default({}),
  output: z.object({ tags: z.array(z.object({ tag: z.string(), scenarios: z.number().int() })) }),
});
