import { z } from 'zod';
import { Channel } from '../api/formats/flow';
import type { DocumentRepo, DocumentTable } from './document-repo';

export const FlowRow = z.object({
  id: z.number().int(),
  path: z.string(),
  name: z.string(),
  channel: Channel,
  sha256: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  /** Scenarios that run it. */
  scenarios: z.number().int(),
});
export type FlowRow = z.infer<typeof FlowRow>;

export const FlowRowWithBody = FlowRow.extend({ body: z.string() });
export type FlowRowWithBody = z.infer<typeof FlowRowWithBody>;

export interface FlowWrite {
  name: string;
  channel: Channel;
  /** The flow as written, JSON. */
  body: string;
  sha256: string;
}

/** The `flows` table. */
export type FlowsRepo = DocumentRepo<FlowRow, FlowRowWithBody, FlowWrite>;

export const FLOWS_TABLE: DocumentTable<FlowRow, FlowRowWithBody> = { statements: 'flows', noun: 'flow', row: FlowRow, withBody: FlowRowWithBody };
