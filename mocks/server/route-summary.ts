import type { Fault, MockRoute } from '../../main/api/formats/mocks';
import type { MockRouteSummary } from '../../main/api/routes/mocks';
import { describeLatency } from '../core';

/** `status 503 at 5 %`, `reset on request 3`. */
export function describeFault(fault: Fault): string {
  const what = fault.kind === 'status' ? `status ${fault.status}` : fault.kind === 'slow_body' ? `slow_body over ${fault.ms} ms` : fault.kind;
  if (fault.nth !== undefined) return `${what} on request${fault.nth.length > 1 ? 's' : ''} ${fault.nth.join(', ')}`;
  return `${what} at ${Math.round((fault.rate ?? 0) * 1000) / 10} %`;
}

export function summarizeRoute(route: MockRoute): MockRouteSummary {
  return {
    id: route.id,
    method: route.method,
    path: route.path,
    latency: describeLatency(route.latency),
    faults: route.faults.map(describeFault),
    pick: route.pick,
    responses: route.responses.length,
  };
}
