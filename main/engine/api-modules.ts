import type { Lookup } from '../expr/template';
import type { CompiledFlow, CompiledModule } from './compiled-flow';
import { TaskPriority } from './clock';
import type { EndpointHooks } from './endpoint-hooks';
import type { RequestTracker, TrackedRequest } from './requests';
import { routeSettled } from './response-routing';
import type { PortChoice } from './response-routing';
import type { RunHost } from './run-host';

/** What the API modules need of the runner besides the shared run host. */
export interface ApiModuleHost {
  readonly run: RunHost;
  readonly flow: CompiledFlow;
  readonly requests: RequestTracker;
  readonly hooks: EndpointHooks;
  /** The lookup of `{{context}}` placeholders in a request (contexts as of now). */
  readonly lookup: Lookup;
  /** Leaves `module` by the choice's port: the next module to run at once, or null. */
  leave(module: CompiledModule, choice: PortChoice): string | null;
  /** Leaves `module` by the choice's port later (a blocked module's event arrived) and runs on. */
  resume(module: CompiledModule, choice: PortChoice): void;
  warn(kind: 'missing_context' | 'map_error' | 'cel_error', message: string, module: string): void;
}

/**
 * The three API modules (SPEC §3 rules 5–7): the blocking call, the async send and the
 * await, with the async requests still pending per endpoint. Each returns the module to run
 * next at once, or null when the runner blocks until the clock delivers an arrival, a
 * deadline or the await's module timeout.
 */
export class ApiModules {
  private readonly pending = new Map<string, TrackedRequest>();

  constructor(private readonly host: ApiModuleHost) {}

  /** Rule 5: halt until min(arrival, deadline). */
  callBlocking(compiled: CompiledModule, endpointId: string): string | null {
    const request = this.host.requests.send(this.endpoint(endpointId), compiled.module.id, 'blocking', this.host.lookup);
    if (request.state.kind !== 'in_flight') return this.host.leave(compiled, this.route(request, compiled.module.id));
    request.waiter = (settled) => this.host.resume(compiled, this.route(settled, compiled.module.id));
    return null;
  }

  /** Rule 6: send and leave by `next`; a newer request for the endpoint supersedes the old. */
  callAsync(compiled: CompiledModule, endpointId: string): string | null {
    const { requests, run } = this.host;
    const previous = this.pending.get(endpointId);
    const request = requests.send(this.endpoint(endpointId), compiled.module.id, 'async', this.host.lookup);
    if (previous) {
      requests.drop(previous);
      run.trace.push({
        type: 'warning',
        t: run.clock.now(),
        kind: 'superseded',
        module: compiled.module.id,
        id: previous.id,
        message: `request ${previous.id} to ${endpointId} superseded by ${request.id}; its response is dropped`,
      });
    }
    this.pending.set(endpointId, request);
    const choice: PortChoice =
      request.state.kind === 'failed'
        ? { port: 'next', reason: `request ${request.id} not sent: ${request.state.reason}` }
        : { port: 'next', reason: `sent ${request.id}` };
    return this.host.leave(compiled, choice);
  }

  /** Rule 7: the await's module timeout against the endpoint deadline. */
  awaitResponse(compiled: CompiledModule, endpointId: string, timeoutMs: number): string | null {
    const { run } = this.host;
    const now = run.clock.now();
    const moduleId = compiled.module.id;
    const request = this.pending.get(endpointId);
    const event = { type: 'await' as const, t: now, module: moduleId, endpoint: endpointId, timeoutMs };
    if (!request) {
      run.trace.push({ ...event, id: null, outcome: 'no_request', until: now });
      return this.host.leave(compiled, { port: 'failure', reason: 'no_request' });
    }
    if (request.state.kind !== 'in_flight') {
      run.trace.push({ ...event, id: request.id, outcome: request.state.kind === 'arrived' ? 'ready' : 'failed', until: now });
      this.pending.delete(endpointId);
      return this.host.leave(compiled, this.route(request, moduleId));
    }
    const timeoutAt = now + timeoutMs;
    run.trace.push({ ...event, id: request.id, outcome: 'pending', until: Math.min(timeoutAt, request.deadline) });
    const timer = run.later(timeoutAt, TaskPriority.timer, () => {
      request.waiter = null;
      run.trace.push({ ...event, t: timeoutAt, id: request.id, outcome: 'module_timeout', until: timeoutAt });
      this.host.resume(compiled, { port: 'waiting', reason: `module_timeout after ${timeoutMs} ms` });
    });
    request.waiter = (settled) => {
      run.cancel(timer);
      this.pending.delete(endpointId);
      const t = run.clock.now();
      run.trace.push({ ...event, t, id: request.id, outcome: 'routed', until: t });
      this.host.resume(compiled, this.route(settled, moduleId));
    };
    return null;
  }

  private endpoint(id: string) {
    const endpoint = this.host.flow.endpoints.get(id);
    if (!endpoint) throw new Error(`unknown endpoint '${id}'`);
    return endpoint;
  }

  /** The port a settled request takes (rule 8), its post hook run first. */
  private route(request: TrackedRequest, moduleId: string): PortChoice {
    return routeSettled(request, {
      contexts: this.host.run.contexts,
      warn: (kind, message) => this.host.warn(kind, message, moduleId),
      post: (settled, response) => this.host.hooks.post(settled.endpoint, response, moduleId, settled.id),
    });
  }
}
