import type { Endpoint, FlowFile, FlowModule, PortTarget } from '../api/formats/flow';
import { targetOf } from '../api/formats/flow';
import { compileCel } from '../expr/cel';
import type { CompiledCel } from '../expr/cel';
import { compileSafeRegex } from '../expr/safe-regex';
import type { SafeRegex } from '../expr/safe-regex';

export interface CompiledEndpoint {
  readonly endpoint: Endpoint;
  readonly success: CompiledCel;
  readonly ports: readonly { name: string; when: CompiledCel }[];
  readonly map: readonly { name: string; expr: CompiledCel }[];
}

export interface CompiledModule {
  readonly module: FlowModule;
  readonly ports: ReadonlyMap<string, { to: string; arrow: 'green' | 'red' }>;
  readonly pattern: SafeRegex | null;
  readonly cases: readonly { port: string; when: CompiledCel }[];
  readonly set: readonly { name: string; expr: CompiledCel }[];
}

/** A flow with its expressions and patterns compiled once, reused across runs. */
export interface CompiledFlow {
  readonly flow: FlowFile;
  readonly modules: ReadonlyMap<string, CompiledModule>;
  readonly endpoints: ReadonlyMap<string, CompiledEndpoint>;
}

const compiledFlows = new WeakMap<FlowFile, CompiledFlow>();

/** Compiles a validated flow (the loader already reported every problem in it). */
export function compileFlow(flow: FlowFile): CompiledFlow {
  const cached = compiledFlows.get(flow);
  if (cached) return cached;
  const endpoints = new Map<string, CompiledEndpoint>(
    flow.endpoints.map((endpoint) => [
      endpoint.id,
      {
        endpoint,
        success: compileCel(endpoint.success),
        ports: endpoint.ports.map((p) => ({ name: p.name, when: compileCel(p.when) })),
        map: Object.entries(endpoint.map).map(([name, source]) => ({ name, expr: compileCel(source) })),
      },
    ]),
  );
  const modules = new Map<string, CompiledModule>(
    flow.modules.map((module) => [
      module.id,
      {
        module,
        ports: new Map(Object.entries(module.ports).map(([port, target]: [string, PortTarget]) => [port, targetOf(target)])),
        pattern: module.type === 'capture' && module.pattern !== undefined ? compileSafeRegex(module.pattern) : null,
        cases: module.type === 'condition' ? module.cases.map((c) => ({ port: c.port, when: compileCel(c.when) })) : [],
        set: module.type === 'context' ? Object.entries(module.set).map(([name, source]) => ({ name, expr: compileCel(source) })) : [],
      },
    ]),
  );
  const compiled: CompiledFlow = { flow, modules, endpoints };
  compiledFlows.set(flow, compiled);
  return compiled;
}
