import { createPinia, setActivePinia } from 'pinia';
import type { FlowFileInput } from '../../main/api/formats/flow';
import type { LintWarning } from '../../main/api/formats/lint';
import { beforeEach, describe, expect, it } from 'vitest';
import { examplePath, useFlowsStore } from '../../renderer/src/stores/use-flows-store';
import { setClient } from '../../renderer/src/api/client';
import { fakeClient } from './fake-client';

const flow: FlowFileInput = { format: 'flowbench.flow/1', name: 'F', channel: 'chat', start: 'a', modules: [{ id: 'a', type: 'end' }] };

describe('flows store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('names a flow file by its path in the examples folder when it is inside it', () => {
    expect(examplePath('/data/examples', '/data/examples/flows/x.flow.yaml')).toBe('flows/x.flow.yaml');
    expect(examplePath('/data/examples/', '/data/examples/flows/x.flow.yaml')).toBe('flows/x.flow.yaml');
    expect(examplePath('C:\\data\\examples', 'C:\\data\\examples\\flows\\x.flow.yaml')).toBe('flows/x.flow.yaml');
    expect(examplePath('/data/examples', '/elsewhere/x.flow.yaml')).toBe('/elsewhere/x.flow.yaml');
    expect(examplePath(null, '/data/x.flow.yaml')).toBe('/data/x.flow.yaml');
  });

  it('opens the flow file a run used, by file', async () => {
    const client = fakeClient({
      'examples.list': () => ({ root: '/data/examples', files: [] }),
      'flows.open': (input) => ({ file: input.file, flow: { format: 'flowbench.flow/1', name: 'F', channel: 'chat', start: 'a', contexts: {}, speech: { wpm: 150 }, endpoints: [], modules: [{ id: 'a', type: 'end', ports: {} }] }, issues: [], lints: [] }),
    });
    setClient(client);
    const flows = useFlowsStore();
    await flows.openForRun({ flowName: 'F', libraryFlowId: null, flowFile: '/data/examples/flows/x.flow.yaml' });
    expect(flows.source).toEqual({ kind: 'example', file: 'flows/x.flow.yaml' });
    expect(client.calls.map((c) => c.name)).toEqual(['examples.list', 'flows.open']);
  });

  it('checks and lints a library flow through the host', async () => {
    const lint: LintWarning = { rule: 'unreachable-module', module: 'b', port: null, message: 'never reached', path: 'modules[1]' };
    const client = fakeClient({
      'flows.get': () => ({ id: 3, path: 'flows/x.flow.yaml', name: 'F', channel: 'chat', scenarios: 0, sha256: '', createdAt: '', updatedAt: '', flow }),
      'flows.check': () => ({ flow: null, issues: [{ path: 'modules[0].type', message: 'bad' }], lints: [lint] }),
    });
    setClient(client);
    const flows = useFlowsStore();
    await flows.open({ kind: 'library', id: 3, path: 'flows/x.flow.yaml' });
    expect(client.calls[1]).toEqual({ name: 'flows.check', input: { flow } });
    expect(flows.view).toEqual({ file: 'flows/x.flow.yaml', flow: null, issues: [{ path: 'modules[0].type', message: 'bad' }], lints: [lint] });
  });
});
