import { z } from 'zod';
import type { FlowFileInput } from '../formats/flow';
import { Channel } from '../formats/flow';
import { defineRoute } from '../route';
import { LibraryPath } from './library-files';

export const ItemId = z.number().int().positive();

export const Paging = {
  limit: z.number().int().min(1).max(10_000).default(500),
  offset: z.number().int().min(0).default(0),
};

/** A flow as written (defaults not filled in); validated by the host with the flow file's schema and checks. */
export const FlowBody = z.custom<FlowFileInput>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
  message: 'expected a flow (a flowbench.flow/1 object)',
});

export const FlowSummary = z.object({
  id: ItemId,
  /** Its library path (checked when written; outputs skip the path rules). */
  path: z.string(),
  name: z.string(),
  channel: Channel,
  /** Scenarios that run this flow. */
  scenarios: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FlowSummary = z.infer<typeof FlowSummary>;

export const FlowRecord = FlowSummary.extend({ flow: FlowBody });
export type FlowRecord = z.infer<typeof FlowRecord>;

export const flowsList = defineRoute({
  name: 'flows.list',
  summary: 'Flows in the library, by path; `text` matches name or path (case-insensitive).',
  input: z.object({ text: z.string().optional(), ...Paging }).strict().default({ limit: 500, offset: 0 }),
  output: z.object({ total: z.number().int(), items: z.array(FlowSummary) }),
});

export const flowsGet = defineRoute({
  name: 'flows.get',
  summary: 'One flow of the library, as written.',
  input: z.object({ id: ItemId }).strict(),
  output: FlowRecord,
});

export const flowsCreate = defineRoute({
  name: 'flows.create',
  summary: 'Adds a flow, checked like a flow file; the path defaults to flows/<name>.flow.yaml.',
  input: z.object({ path: LibraryPath.optional(), flow: FlowBody }).strict(),
  output: FlowRecord,
});

export const flowsUpdate = defineRoute({
  name: 'flows.update',
  summary: 'Replaces a flow; refused when a scenario that runs it would no longer be valid.',
  input: z.object({ id: ItemId, flow: FlowBody }).strict(),
  output: FlowRecord,
});

export const flowsDelete = defineRoute({
  name: 'flows.delete',
  summary: 'Deletes a flow no scenario uses.',
  input: z.object({ id: ItemId }).strict(),
  output: z.object({ id: ItemId }),
});
