import type { FlowFileInput } from '../../../main/api/formats/flow';
import type { CodeTarget } from '../../../main/api/routes/flow-code';
import { useClient } from '../api/client';
import { useFlowsStore } from '../stores/use-flows-store';

/** The flow as written with one piece of code replaced (an empty hook removed): for library flows. */
export function withCode(body: FlowFileInput, target: CodeTarget, code: string): FlowFileInput {
  const text = code.endsWith('\n') || code === '' ? code : `${code}\n`;
  if ('module' in target) {
    return { ...body, modules: (body.modules ?? []).map((m) => (m.id === target.module && m.type === 'lambda' ? { ...m, code: text } : m)) };
  }
  return {
    ...body,
    endpoints: (body.endpoints ?? []).map((e) => {
      if (e.id !== target.endpoint) return e;
      const rest = { ...e };
      delete rest[target.hook];
      return code.trim() === '' ? rest : { ...rest, [target.hook]: text };
    }),
  };
}

/**
 * Saves code into the open flow: through the host into the flow file (an example), or as
 * a new version of the library flow; the Flows view then shows the flow as saved. Throws
 * with the host's message when it refuses (code that does not compile, a scenario of the
 * library that would no longer be valid).
 */
export async function saveFlowCode(target: CodeTarget, code: string): Promise<void> {
  const flows = useFlowsStore();
  const source = flows.source;
  if (source === null) throw new Error('no flow is open');
  const client = useClient();
  if (source.kind === 'example') {
    const view = await client.call('flows.saveCode', { file: source.file, target, code });
    if (flows.source === source) flows.view = view;
    return;
  }
  const problem = (await client.call('flows.checkCode', { code, kind: 'module' in target ? 'lambda' : target.hook })).problem;
  if (problem !== null) throw new Error(`the code was not saved: JavaScript does not compile${problem.line === null ? '' : ` at line ${problem.line} of the code`}: ${problem.message}`);
  const record = await client.call('flows.get', { id: source.id });
  await client.call('flows.update', { id: source.id, flow: withCode(record.flow, target, code) });
  // Re-open it: the view and the body kept for dragged positions then both hold the new code.
  if (flows.source === source) await flows.reload();
}
