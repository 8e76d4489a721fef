import { Channel, Endpoint, FlowModule, INTERRUPTION_KINDS, portsOf, targetOf } from '../api/formats/flow';
import type { FlowFile } from '../api/formats/flow';
import { CODE_PARAMS } from '../engine/code-sandbox';
import { celSyntaxError } from '../expr/cel';
import { celTypeError, endpointScope, moduleScope } from '../expr/cel-scopes';
import type { CelScope } from '../expr/cel-scopes';
import { regexProblem } from '../expr/safe-regex';
import { codeSandbox } from '../sandbox/load-code-sandbox';
import { jsonTemplateNames, parseTemplate } from '../expr/template';
import { flowContextNames } from './flow-context-names';

export interface PathIssue {
  path: (string | number)[];
  message: string;
  /** For an issue inside a multi-line text value (code): the line in that value. */
  valueLine?: number;
}

/** The parts of a flow that parsed, with their index in the file (for partial checks). */
export interface FlowParts {
  start: string | undefined;
  modules: { index: number; module: FlowModule }[];
  endpoints: { index: number; endpoint: Endpoint }[];
  /** Ids written in the file, even of modules or endpoints that failed to parse. */
  moduleIds: ReadonlySet<string>;
  endpointIds: ReadonlySet<string>;
  /** Every context the flow can hold (what its expressions may read). */
  contexts: ReadonlySet<string>;
  channel: Channel;
  noInputMs: number;
  /** The `interruptions` handlers written (kind → module id). */
  interruptions: Readonly<Record<string, unknown>>;
}

export function partsOfFlow(flow: FlowFile): FlowParts {
  return {
    start: flow.start,
    modules: flow.modules.map((module, index) => ({ index, module })),
    endpoints: flow.endpoints.map((endpoint, index) => ({ index, endpoint })),
    moduleIds: new Set(flow.modules.map((m) => m.id)),
    endpointIds: new Set(flow.endpoints.map((e) => e.id)),
    contexts: flowContextNames(flow),
    channel: flow.channel,
    noInputMs: flow.noInputMs ?? 0,
    interruptions: flow.interruptions ?? {},
  };
}

/** Parses what it can of an invalid flow, so the cross-checks still run on the rest. */
export function partsOfRaw(raw: unknown): FlowParts {
  const record = isRecord(raw) ? raw : {};
  const list = (key: string): unknown[] => (Array.isArray(record[key]) ? (record[key] as unknown[]) : []);
  const ids = (items: unknown[]): Set<string> =>
    new Set(items.flatMap((i) => (isRecord(i) && typeof i['id'] === 'string' ? [i['id']] : [])));
  return {
    start: typeof record['start'] === 'string' ? record['start'] : undefined,
    modules: list('modules').flatMap((m, index) => {
      const parsed = FlowModule.safeParse(m);
      return parsed.success ? [{ index, module: parsed.data }] : [];
    }),
    endpoints: list('endpoints').flatMap((e, index) => {
      const parsed = Endpoint.safeParse(e);
      return parsed.success ? [{ index, endpoint: parsed.data }] : [];
    }),
    moduleIds: ids(list('modules')),
    endpointIds: ids(list('endpoints')),
    contexts: flowContextNames(raw),
    channel: Channel.catch('chat').parse(record['channel'] ?? 'chat'),
    noInputMs: typeof record['noInputMs'] === 'number' ? record['noInputMs'] : 0,
    interruptions: isRecord(record['interruptions']) ? record['interruptions'] : {},
  };
}

const BUILTIN_PORT_NAMES = new Set(['next', 'success', 'failure', 'waiting', 'nomatch', 'exceeded', 'else']);

/** Cross-reference checks of SPEC §2.1: ids, targets, ports, endpoints, CEL, regex, templates. */
export function checkFlowParts(parts: FlowParts): PathIssue[] {
  const issues: PathIssue[] = [];
  const add = (path: (string | number)[], message: string, valueLine?: number): void => {
    issues.push({ path, message, ...(valueLine !== undefined ? { valueLine } : {}) });
  };
  const moduleList = [...parts.moduleIds].join(', ');

  duplicates(parts.modules.map((m) => [m.index, m.module.id] as const), (index, id, first) =>
    add(['modules', index, 'id'], `duplicate module id '${id}' (first at modules[${first}])`),
  );
  duplicates(parts.endpoints.map((e) => [e.index, e.endpoint.id] as const), (index, id, first) =>
    add(['endpoints', index, 'id'], `duplicate endpoint id '${id}' (first at endpoints[${first}])`),
  );
  if (parts.start !== undefined && !parts.moduleIds.has(parts.start)) {
    add(['start'], `unknown module '${parts.start}' (modules: ${moduleList})`);
  }

  const endpoints = parts.endpoints.map((e) => e.endpoint);
  const rules = endpointScope(parts.contexts);
  const moduleExpressions = moduleScope(parts.contexts);
  for (const { index, endpoint } of parts.endpoints) checkEndpoint(endpoint, ['endpoints', index], rules, add);
  checkVoiceTurns(parts, add);

  for (const { index, module } of parts.modules) {
    const at = (...rest: (string | number)[]): (string | number)[] => ['modules', index, ...rest];
    if ('endpoint' in module && !parts.endpointIds.has(module.endpoint)) {
      add(at('endpoint'), `unknown endpoint '${module.endpoint}' (endpoints: ${[...parts.endpointIds].join(', ') || 'none'})`);
    }
    const allowed = portsOf(module, endpoints);
    for (const [port, target] of Object.entries(module.ports)) {
      if (!allowed.includes(port)) {
        const has = allowed.length === 0 ? 'no ports: it ends the conversation' : `ports: ${allowed.join(', ')}`;
        add(at('ports', port), `module type '${module.type}' has no port '${port}' (it has ${has})`);
      }
      const { to } = targetOf(target);
      if (!parts.moduleIds.has(to)) add(at('ports', port), `unknown module '${to}' (modules: ${moduleList})`);
    }
    switch (module.type) {
      case 'say':
        template(module.text, at('text'), add);
        break;
      case 'capture':
        if (module.pattern !== undefined) {
          const problem = regexProblem(module.pattern);
          if (problem !== null) add(at('pattern'), problem);
        }
        break;
      case 'condition':
        module.cases.forEach((c, k) => {
          cel(c.when, moduleExpressions, at('cases', k, 'when'), add);
          if (BUILTIN_PORT_NAMES.has(c.port) && c.port !== 'else') add(at('cases', k, 'port'), `'${c.port}' is a built-in port name; choose another`);
        });
        break;
      case 'context':
        for (const [name, expr] of Object.entries(module.set)) cel(expr, moduleExpressions, at('set', name), add);
        break;
      case 'lambda':
        javascript(module.code, CODE_PARAMS.lambda, at('code'), add);
        break;
      default:
        break;
    }
  }
  return issues;
}

/** SPEC §7.1: interruption handlers name modules of the flow; the no-input timer is for voice. */
function checkVoiceTurns(parts: FlowParts, add: (path: (string | number)[], message: string) => void): void {
  for (const kind of INTERRUPTION_KINDS) {
    const to = parts.interruptions[kind];
    if (typeof to === 'string' && !parts.moduleIds.has(to)) {
      add(['interruptions', kind], `unknown module '${to}' (modules: ${[...parts.moduleIds].join(', ')})`);
    }
  }
  if (parts.noInputMs > 0 && parts.channel !== 'voice') {
    add(['noInputMs'], `the no-input timer is for voice flows; this flow's channel is ${parts.channel} (remove noInputMs or set it to 0)`);
  }
}

function checkEndpoint(endpoint: Endpoint, at: (string | number)[], rules: CelScope, add: (path: (string | number)[], message: string, valueLine?: number) => void): void {
  template(endpoint.url, [...at, 'url'], add);
  for (const [name, value] of Object.entries(endpoint.headers)) template(value, [...at, 'headers', name], add);
  try {
    jsonTemplateNames(endpoint.body);
  } catch (error) {
    add([...at, 'body'], error instanceof Error ? error.message : String(error));
  }
  if (endpoint.pre !== undefined) javascript(endpoint.pre, CODE_PARAMS.pre, [...at, 'pre'], add);
  if (endpoint.post !== undefined) javascript(endpoint.post, CODE_PARAMS.post, [...at, 'post'], add);
  cel(endpoint.success, rules, [...at, 'success'], add);
  for (const [name, expr] of Object.entries(endpoint.map)) cel(expr, rules, [...at, 'map', name], add);
  endpoint.ports.forEach((port, k) => {
    cel(port.when, rules, [...at, 'ports', k, 'when'], add);
    if (BUILTIN_PORT_NAMES.has(port.name)) add([...at, 'ports', k, 'name'], `'${port.name}' is a built-in port; custom ports need their own name`);
  });
  duplicates(endpoint.ports.map((p, k) => [k, p.name] as const), (k, name, first) =>
    add([...at, 'ports', k, 'name'], `duplicate port '${name}' (first at ports[${first}])`),
  );
}

/** Syntax (and the cost of `matches()` literals), then the types against what the expression may read. */
function cel(source: string, scope: CelScope, path: (string | number)[], add: (path: (string | number)[], message: string) => void): void {
  const error = celSyntaxError(source) ?? celTypeError(source, scope);
  if (error !== null) add(path, error);
}

/** SPEC §7.2 `lambda-syntax`: code that does not compile (in QuickJS, without running it) makes the file invalid. */
function javascript(
  source: string,
  params: readonly string[],
  path: (string | number)[],
  add: (path: (string | number)[], message: string, valueLine?: number) => void,
): void {
  const error = codeSandbox().syntaxError(source, params);
  if (error === null) return;
  // Past the last line: the code ended too early (an unmatched brace closed its function).
  const lines = source.replace(/\n$/, '').split('\n').length;
  const line = error.line === undefined ? undefined : Math.min(error.line, lines);
  const where = line !== undefined ? ` at line ${line} of the code` : '';
  add(path, `JavaScript does not compile${where}: ${error.message} (lambda-syntax)`, line);
}

function template(source: string, path: (string | number)[], add: (path: (string | number)[], message: string) => void): void {
  try {
    parseTemplate(source);
  } catch (error) {
    add(path, error instanceof Error ? error.message : String(error));
  }
}

function duplicates(entries: readonly (readonly [number, string])[], report: (index: number, id: string, first: number) => void): void {
  const seen = new Map<string, number>();
  for (const [index, id] of entries) {
    const first = seen.get(id);
    if (first === undefined) seen.set(id, index);
    else report(index, id, first);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
