/**
 * Contexts the engine sets itself (SPEC §7.1 rules 10 and 14); a flow may read them.
 */
export const SYSTEM_CONTEXTS: readonly string[] = ['sys_no_input_count', 'sys_interruption'];

/**
 * Every context a flow can hold: declared under `contexts:`, set by a capture, context,
 * counter, an endpoint's `map` or `statusContext`, or by the engine. Reads a parsed flow
 * or the raw value of an invalid one (so the CEL check of the parts that parsed does not
 * report contexts that an unparsed module sets). Module types that set contexts in other
 * ways add them here.
 */
export function flowContextNames(flow: unknown): Set<string> {
  const names = new Set<string>(SYSTEM_CONTEXTS);
  if (!isRecord(flow)) return names;
  if (isRecord(flow['contexts'])) for (const name of Object.keys(flow['contexts'])) names.add(name);
  for (const module of list(flow['modules'])) {
    if (!isRecord(module)) continue;
    const type = module['type'];
    if (type === 'capture') addString(names, module['save']);
    else if (type === 'counter') addString(names, module['name']);
    else if (type === 'context' && isRecord(module['set'])) for (const name of Object.keys(module['set'])) names.add(name);
  }
  for (const endpoint of list(flow['endpoints'])) {
    if (!isRecord(endpoint)) continue;
    if (isRecord(endpoint['map'])) for (const name of Object.keys(endpoint['map'])) names.add(name);
    addString(names, endpoint['statusContext']);
  }
  return names;
}

function addString(names: Set<string>, value: unknown): void {
  if (typeof value === 'string' && value !== '') names.add(value);
}

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
