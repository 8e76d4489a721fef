import { describe, expect, it } from 'vitest';
import type { FlowFileInput } from '../../../main/api/formats/flow';
import { lintFlow } from '../../../main/lints/lint-flow';
import { flow } from '../../support/scenario-builder';

const rules = (f: ReturnType<typeof flow>): string[] => lintFlow(f).map((w) => `${w.rule} ${w.path}`);

/** A voice flow that asks and waits; its interruptions and no-input timer as the test says. */
const asking = (extra: Partial<FlowFileInput>, modules: FlowFileInput['modules'] = []) =>
  flow({
    channel: 'voice',
    start: 'ask',
    ...extra,
    modules: [
      { id: 'ask', type: 'say', text: 'Your order number?', ports: { next: { to: 'read', arrow: 'red' } } },
      { id: 'read', type: 'capture', save: 'n', ports: { next: 'ok', nomatch: 'ask' } },
      { id: 'ok', type: 'end' },
      ...modules,
    ],
  });

describe('lints of SPEC §7.1', () => {
  it('no-input-unhandled: a voice flow with a no-input timer and no no_input handler', () => {
    expect(rules(asking({ noInputMs: 5000 }))).toEqual(['no-input-unhandled noInputMs']);
    expect(lintFlow(asking({ noInputMs: 5000 }))[0]?.message).toContain('a silent caller is never reprompted');
    expect(rules(asking({ noInputMs: 0 }))).toEqual([]);
    expect(rules(asking({ noInputMs: 5000, interruptions: { no_input: 'ask' } }))).toEqual([]);
  });

  it('interruption-target-missing: the flow uses interruptions but has no target for one it can raise', () => {
    // pick's `else` has no arrow (no_link can happen) and there is no no_link target.
    const noLink = asking({ noInputMs: 4000, interruptions: { no_input: 'pick' } }, [
      { id: 'pick', type: 'condition', cases: [{ port: 'again', when: 'sys_no_input_count < 3' }], ports: { again: 'ask' } },
    ]);
    expect(rules(noLink)).toEqual(['unconnected-port modules[3].ports.else', 'interruption-target-missing interruptions']);
    expect(lintFlow(noLink)[1]?.message).toContain('interruptions has no no_link target, and pick.else has no arrow');
    // With a no_link target the missing arrow goes there: only unconnected-port says so.
    const handled = asking({ noInputMs: 4000, interruptions: { no_input: 'pick', no_link: 'ok' } }, [
      { id: 'pick', type: 'condition', cases: [{ port: 'again', when: 'sys_no_input_count < 3' }], ports: { again: 'ask' } },
    ]);
    expect(lintFlow(handled).map((w) => [w.rule, w.message])).toEqual([
      ['unconnected-port', "port 'else' of 'pick' (condition) has no arrow: leaving by it goes to the no_link handler 'ok'"],
    ]);
    // A green cycle and no loop target.
    const spin = asking({ interruptions: { no_link: 'ok' } }, [
      { id: 'a', type: 'context', set: { x: '1' }, ports: { next: 'b' } },
      { id: 'b', type: 'context', set: { y: '1' }, ports: { next: 'a' } },
    ]);
    expect(lintFlow(spin).filter((w) => w.rule === 'interruption-target-missing').map((w) => w.message)).toEqual([
      'interruptions has no loop target, and a → b can loop without time passing: the loop guard then ends the run in error (loop)',
    ]);
    // No interruptions at all: the older lints (unconnected-port, green-cycle) speak alone.
    expect(rules(asking({}, [{ id: 'a', type: 'context', set: { x: '1' }, ports: { next: 'a' } }])).filter((r) => r.startsWith('interruption'))).toEqual([]);
  });

  it('a module reached only through an interruption is reachable; the sys_ contexts are set by the engine', () => {
    const f = asking({ noInputMs: 4000, interruptions: { no_input: 'again' } }, [
      { id: 'again', type: 'say', text: 'Still there? Try {{sys_no_input_count}} of 3 ({{sys_interruption}})', ports: { next: { to: 'read', arrow: 'red' } } },
    ]);
    expect(rules(f)).toEqual([]);
    // Without the handler, `again` is unreachable and its contexts are never set.
    const orphan = asking({}, [{ id: 'again', type: 'say', text: 'Try {{sys_no_input_count}}', ports: { next: { to: 'read', arrow: 'red' } } }]);
    expect(rules(orphan)).toEqual(['unreachable-module modules[3]', 'context-never-set modules[3].text']);
  });
});
