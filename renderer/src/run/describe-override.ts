import type { Fault, Latency, RouteOverride } from '../../../main/api/formats/mocks';

/** `fixed 6000 ms`, `lognormal median 800 ms, p99 6000 ms`, …: a latency model in words. */
export function describeLatency(latency: Latency): string {
  if ('fixed' in latency) return `fixed ${latency.fixed} ms`;
  if ('uniform' in latency) return `uniform ${latency.uniform[0]}–${latency.uniform[1]} ms`;
  if ('normal' in latency) return `normal mean ${latency.normal.meanMs} ms, sd ${latency.normal.sdMs} ms`;
  if ('lognormal' in latency) return `lognormal median ${latency.lognormal.medianMs} ms, p99 ${latency.lognormal.p99Ms} ms`;
  return `sequence ${latency.sequence.join(', ')} ms`;
}

/** `status 503 at rate 5 %`, `reset on request 3`: one fault in words. */
export function describeFault(fault: Fault): string {
  const what = fault.kind === 'status' ? `status ${fault.status}` : fault.kind === 'slow_body' ? `slow body over ${fault.ms} ms` : fault.kind;
  const when = fault.rate !== undefined ? `at rate ${Math.round(fault.rate * 1000) / 10} %` : `on request ${(fault.nth ?? []).join(', ')}`;
  return `${what} ${when}`;
}

/** One line per changed field of a route override. */
export function describeOverride(override: RouteOverride): string[] {
  const lines: string[] = [];
  if (override.latency) lines.push(`latency ${describeLatency(override.latency)}`);
  if (override.faults) lines.push(override.faults.length === 0 ? 'no faults' : `faults: ${override.faults.map(describeFault).join('; ')}`);
  if (override.responses) lines.push(`${override.responses.length} response(s) replaced`);
  if (override.pick) lines.push(`pick ${override.pick}`);
  return lines;
}
