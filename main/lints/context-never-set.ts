import { SYS_INTERRUPTION, SYS_NO_INPUT_COUNT } from '../api/formats/flow';
import type { LintWarning } from '../api/formats/lint';
import { celIdentifiers } from '../expr/cel-identifiers';
import { jsonTemplateNames, templateNames } from '../expr/template';
import { scanCode } from './code-scan';
import type { CodeScan } from './code-scan';
import type { FlowGraph } from './flow-graph';
import { modulePath, warning } from './lint-context';

const MODULE_VARIABLES = new Set(['message']);
const RESPONSE_VARIABLES = new Set(['status', 'headers', 'body', 'message']);

/**
 * A context read by a template, an expression or flow code that nothing ever sets. Flow code
 * sets the contexts it assigns by name (`context.x = …`); code that may write contexts the
 * scan cannot name (`context[k] = …`) turns the lint off for the whole flow.
 */
export function contextNeverSet(graph: FlowGraph): LintWarning[] {
  const flow = graph.flow;
  const code: { scan: CodeScan; where: string; path: string; module: string | null }[] = [];
  flow.modules.forEach((m) => {
    if (m.type === 'lambda') code.push({ scan: scanCode(m.code), where: `the code of '${m.id}'`, path: modulePath(graph, m.id, 'code'), module: m.id });
  });
  flow.endpoints.forEach((e, i) => {
    const users = flow.modules.find((m) => 'endpoint' in m && m.endpoint === e.id)?.id ?? null;
    for (const hook of ['pre', 'post'] as const) {
      const source = e[hook];
      if (source !== undefined) code.push({ scan: scanCode(source), where: `the ${hook} hook of '${e.id}'`, path: `endpoints[${i}].${hook}`, module: users });
    }
  });
  if (code.some((c) => c.scan.dynamicWrites)) return [];
  const set = new Set(Object.keys(flow.contexts));
  for (const c of code) for (const name of c.scan.writes) set.add(name);
  for (const e of flow.endpoints) {
    for (const name of Object.keys(e.map)) set.add(name);
    if (e.statusContext !== undefined) set.add(e.statusContext);
  }
  // The engine sets these before an interruption handler runs (SPEC §7.1 rules 10 and 14).
  if (flow.interruptions !== undefined && Object.values(flow.interruptions).some((to) => to !== undefined)) set.add(SYS_INTERRUPTION);
  if (flow.interruptions?.no_input !== undefined) set.add(SYS_NO_INPUT_COUNT);
  for (const m of flow.modules) {
    if (m.type === 'capture') set.add(m.save);
    if (m.type === 'counter') set.add(m.name);
    if (m.type === 'context') for (const name of Object.keys(m.set)) set.add(name);
  }

  const out: LintWarning[] = [];
  const seen = new Set<string>();
  const report = (name: string, where: string, path: string, module: string | null): void => {
    const root = name.split('.')[0] ?? name;
    if (set.has(root) || seen.has(`${root}@${path}`)) return;
    seen.add(`${root}@${path}`);
    out.push(warning('context-never-set', `context '${root}' is used by ${where} but never set (no initial value, capture, context, counter, map, interruption or code sets it)`, path, module));
  };

  flow.modules.forEach((m) => {
    if (m.type === 'say') for (const name of templateNames(m.text)) report(name, `the text of '${m.id}'`, modulePath(graph, m.id, 'text'), m.id);
    if (m.type === 'condition') {
      m.cases.forEach((c, k) => {
        for (const name of celIdentifiers(c.when)) if (!MODULE_VARIABLES.has(name)) report(name, `case '${c.port}' of '${m.id}'`, modulePath(graph, m.id, `cases[${k}]`, 'when'), m.id);
      });
    }
    if (m.type === 'context') {
      for (const [target, expr] of Object.entries(m.set)) {
        for (const name of celIdentifiers(expr)) if (!MODULE_VARIABLES.has(name)) report(name, `'${m.id}' (set ${target})`, modulePath(graph, m.id, 'set', target), m.id);
      }
    }
  });
  for (const c of code) for (const read of c.scan.reads) report(read.name, `${c.where} (line ${read.line})`, c.path, c.module);
  flow.endpoints.forEach((e, i) => {
    const at = (...rest: string[]): string => [`endpoints[${i}]`, ...rest].join('.');
    const users = flow.modules.find((m) => 'endpoint' in m && m.endpoint === e.id)?.id ?? null;
    for (const name of templateNames(e.url)) report(name, `the URL of endpoint '${e.id}'`, at('url'), users);
    for (const [header, value] of Object.entries(e.headers)) for (const name of templateNames(value)) report(name, `header ${header} of '${e.id}'`, at('headers', header), users);
    for (const name of jsonTemplateNames(e.body)) report(name, `the body of '${e.id}'`, at('body'), users);
    const rules: [string, string][] = [['success', e.success], ...e.ports.map((p, k): [string, string] => [`ports[${k}].when`, p.when]), ...Object.entries(e.map).map(([n, x]): [string, string] => [`map.${n}`, x])];
    for (const [where, expr] of rules) {
      for (const name of celIdentifiers(expr)) if (!RESPONSE_VARIABLES.has(name)) report(name, `${where} of endpoint '${e.id}'`, at(where), users);
    }
  });
  return out;
}
