import type { FlowModule } from '../../main/api/formats/flow';
import type { LoadedScenario } from '../../main/formats/loaded-scenario';

/**
 * The voice scenarios with code inside the await loop (SPEC §7.2): a post hook on
 * order_status normalises the answer when the await routes it, and a lambda on the
 * `waiting` path (check → note → tries) reads and changes contexts and draws Math.random
 * each time round the loop.
 */
export function withCodeInAwaitLoop(scenario: LoadedScenario): LoadedScenario {
  const flow = scenario.flow;
  const note: FlowModule = {
    id: 'note',
    type: 'lambda',
    code: [
      'context.waits = (context.waits || 0) + 1;',
      'context.hold_variant = Math.random() < 0.5 ? "short" : "long";',
      "if (context.waits > 5) return 'error';",
    ].join('\n'),
    ports: { next: 'tries', error: 'sorry' },
  };
  return {
    ...scenario,
    flow: {
      ...flow,
      endpoints: flow.endpoints.map((e) =>
        e.id === 'order_status'
          ? { ...e, post: "if (response.body && typeof response.body.state === 'string') response.body.state = response.body.state.toLowerCase();\ncontext.checked_at = Date.now();" }
          : e,
      ),
      modules: [
        ...flow.modules.map((m) => (m.id === 'check' ? { ...m, ports: { ...m.ports, waiting: 'note' } } : m)),
        note,
      ],
    },
  };
}
