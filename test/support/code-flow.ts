import { endpoint, flow, mocks, route } from './scenario-builder';
import type { ScenarioInput } from './scenario-builder';

/**
 * A flow that uses code everywhere: a lambda that loops on `Math.random` (through a wait),
 * a pre hook that puts a random nonce in a header and reads `Date`, a post hook that reads
 * the response, `Math.random` and `Date.now()`; seeded lognormal latencies.
 */
export const withCode = (seed: number): ScenarioInput => ({
  seed,
  flow: flow({
    start: 'roll',
    endpoints: [
      endpoint('e', {
        timeoutMs: 3000,
        pre: "request.headers['x-nonce'] = String(Math.floor(Math.random() * 1e9)); context.sent_at = new Date().toISOString();",
        post: 'context.got = response.status; context.jitter = Math.random(); context.at = Date.now();',
      }),
    ],
    modules: [
      {
        id: 'roll',
        type: 'lambda',
        code: "context.n = (context.n || 0) + 1;\ncontext.r = Math.random();\ncontext.when = Date();\nif (context.r < 0.3) return 'again';",
        ports: { next: 'call', again: 'nap', error: 'ko' },
      },
      { id: 'nap', type: 'wait', ms: 250, ports: { next: 'roll' } },
      { id: 'call', type: 'api', endpoint: 'e', ports: { success: 'ok', failure: 'ko' } },
      { id: 'ok', type: 'end' },
      { id: 'ko', type: 'handover' },
    ],
  }),
  mocks: mocks([route('e', { lognormal: { medianMs: 800, p99Ms: 6000 } })]),
});
