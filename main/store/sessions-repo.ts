import { z } from 'zod';
import { parseJsonColumn, parseRow, parseRows } from './rows';
import type { Statements } from './statements';

/**
 * What the store needs to know of a `flowbench.session/1` document (SPEC §6) to file it;
 * the record & replay feature owns the full schema, the store keeps the whole body.
 */
export const SessionHeader = z.looseObject({
  format: z.literal('flowbench.session/1', { error: 'expected format: flowbench.session/1' }),
  id: z.string().min(1),
  startedAt: z.string().min(1),
  flow: z.looseObject({ name: z.string(), sha256: z.string() }),
});

const SessionRow = z.object({
  id: z.string(),
  started_at: z.string(),
  flow_name: z.string(),
  flow_sha256: z.string(),
  scenario_id: z.number().int().nullable(),
  saved_at: z.string(),
});

export interface SessionSummary {
  id: string;
  startedAt: string;
  flow: { name: string; sha256: string };
  /** The library scenario it was saved as, if any. */
  scenarioId: number | null;
  savedAt: string;
}

/** The `sessions` table (schema 2): recorded live conversations, ready for replay. */
export class SessionsRepo {
  constructor(private readonly sql: Statements) {}

  /** Saves (or replaces) a session; `body` is checked for the header fields and stored as JSON. */
  save(body: unknown, now: string, scenarioId: number | null = null): SessionSummary {
    const header = parseRow(SessionHeader, body, 'session');
    this.sql.get('sessions.save').run({
      id: header.id,
      startedAt: header.startedAt,
      flowName: header.flow.name,
      flowSha256: header.flow.sha256,
      scenarioId,
      body: JSON.stringify(body),
      now,
    });
    return { id: header.id, startedAt: header.startedAt, flow: { name: header.flow.name, sha256: header.flow.sha256 }, scenarioId, savedAt: now };
  }

  /** The whole session document, or undefined. */
  body(id: string): unknown {
    const row = this.sql.get('sessions.byId').get(id);
    if (row === undefined) return undefined;
    const parsed = parseRow(SessionRow.extend({ body: z.string() }), row, `session ${id}`);
    return parseJsonColumn(SessionHeader, parsed.body, `session ${id}`);
  }

  list(limit: number, offset: number): SessionSummary[] {
    return parseRows(SessionRow, this.sql.get('sessions.list').all({ limit, offset }), 'session').map((row) => ({
      id: row.id,
      startedAt: row.started_at,
      flow: { name: row.flow_name, sha256: row.flow_sha256 },
      scenarioId: row.scenario_id,
      savedAt: row.saved_at,
    }));
  }

  delete(id: string): boolean {
    return this.sql.get('sessions.delete').run(id).changes > 0;
  }
}
