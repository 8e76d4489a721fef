import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { SessionListEntry } from '../../main/api/routes/sessions';
import SessionList from '../../renderer/src/components/sessions/SessionList.vue';

const entry = (id: string, patch: Partial<SessionListEntry>): SessionListEntry => ({
  id,
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

describe('SessionList', () => {
  it('shows how each recording ended, its channel, length and counts, from the list alone', () => {
    const sessions = [
      entry('aaaaaaaa-1', {}),
      entry('bbbbbbbb-2', { flow: { name: 'Refund (chat)', sha256: 'y', file: null }, channel: 'chat', endState: 'awaiting_user', endReason: 'session stopped', durationMs: 65_000, userMessages: 3, exchanges: 0 }),
    ];
    const wrapper = mount(SessionList, { props: { sessions, selected: null, loading: false }, attachTo: document.body });
    const texts = (id: string): string[] => wrapper.findAll(`[data-testid="${id}"]`).map((w) => w.text());
    expect(texts('session-flow-name')).toEqual(['Order status (voice, async + await)', 'Refund (chat)']);
    expect(texts('session-channel')).toEqual(['voice', 'chat']);
    expect(texts('session-end-state')).toEqual(['end', 'awaiting user']);
    expect(texts('session-end-reason')).toEqual(['session stopped']);
    expect(texts('session-duration')).toEqual(['9600 ms', '65 s']);
    expect(texts('session-counts')).toEqual(['1 message · 1 request', '3 messages · 0 requests']);
    expect(wrapper.text()).toContain('order-status.flow.yaml · aaaaaaaa');
    expect(wrapper.text()).toContain('inline flow · bbbbbbbb');
    wrapper.unmount();
  });
});
