import { describe, expect, it } from 'vitest';
import type { SessionListEntry } from '../../main/api/routes/sessions';
import { countsLabel, durationLabel, endLabel, flowFileName } from '../../renderer/src/sessions/session-row';

const entry = (patch: Partial<SessionListEntry> = {}): SessionListEntry => ({
  id: 'abcdef0123',
  startedAt: '2026-11-24T10:00:00Z',
  flow: { name: 'Order status (voice, async + await)', sha256: 'x', file: '/work/examples/flows/order-status.flow.yaml' },
  scenarioId: null,
  savedAt: '2026-11-24T10:00:10Z',
  channel: 'voice',
  endState: 'end',
  endReason: null,
  durationMs: 9600,
  userMessages: 1,
  exchanges: 1,
  ...patch,
});

describe('a recorded session in the list', () => {
  it('says how it ended, coloured like the rest of the workbench', () => {
    expect(endLabel(entry())).toEqual({ type: 'success', text: 'end', reason: null });
    expect(endLabel(entry({ endState: 'handover', endReason: '' }))).toEqual({ type: 'warning', text: 'handover', reason: null });
    expect(endLabel(entry({ endState: 'awaiting_user', endReason: 'session stopped' }))).toEqual({ type: 'info', text: 'awaiting user', reason: 'session stopped' });
    expect(endLabel(entry({ endState: 'error', endReason: 'crash: boom' }))).toMatchObject({ type: 'error', reason: 'crash: boom' });
    // A stored document that does not read: the host cannot say.
    expect(endLabel(entry({ endState: null }))).toEqual({ type: 'default', text: 'unknown', reason: null });
  });

  it('gives its length and what was said and sent', () => {
    expect(durationLabel(entry())).toBe('9600 ms');
    expect(durationLabel(entry({ durationMs: 65_000 }))).toBe('65 s');
    expect(durationLabel(entry({ durationMs: null }))).toBe('—');
    expect(countsLabel(entry())).toBe('1 message · 1 request');
    expect(countsLabel(entry({ userMessages: 0, exchanges: 3 }))).toBe('0 messages · 3 requests');
  });

  it('names the flow file without its folder', () => {
    expect(flowFileName(entry())).toBe('order-status.flow.yaml');
    expect(flowFileName(entry({ flow: { name: 'f', sha256: 'x', file: 'C:\\flows\\f.flow.yaml' } }))).toBe('f.flow.yaml');
    expect(flowFileName(entry({ flow: { name: 'f', sha256: 'x', file: null } }))).toBeNull();
  });
});
