import { endpoint, flow } from '../../support/scenario-builder';

/** lookup (async) → pause (wait) → check (await, module timeout T) with ports to ok/slow/bad. */
export function asyncFlow(awaitTimeoutMs: number, endpointTimeoutMs = 5000) {
  return flow({
    start: 'lookup',
    endpoints: [endpoint('order', { timeoutMs: endpointTimeoutMs })],
    modules: [
      { id: 'lookup', type: 'api_async', endpoint: 'order', ports: { next: 'pause' } },
      { id: 'pause', type: 'wait', ms: 500, ports: { next: 'check' } },
      { id: 'check', type: 'api_await', endpoint: 'order', timeoutMs: awaitTimeoutMs, ports: { success: 'ok', waiting: 'tries', failure: 'bad' } },
      { id: 'tries', type: 'counter', name: 'tries', max: 3, ports: { next: 'check', exceeded: 'bad' } },
      { id: 'ok', type: 'end' },
      { id: 'bad', type: 'handover' },
    ],
  });
}
