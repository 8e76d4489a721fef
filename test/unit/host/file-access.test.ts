import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasFlowbenchMarker, isFlowbenchValue } from '../../../main/formats/flowbench-document';
import { isInsideFolder, realPathOf } from '../../../main/formats/folder-access';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'flowbench-access-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('file access: where a path really leads', () => {
  it('is inside a folder only below it, not beside it', () => {
    expect(isInsideFolder('/data/proj', '/data/proj')).toBe(true);
    expect(isInsideFolder('/data/proj', '/data/proj/flows/a.yaml')).toBe(true);
    expect(isInsideFolder('/data/proj', '/data/project/a.yaml')).toBe(false);
    expect(isInsideFolder('/data/proj', '/data/proj/../x')).toBe(false);
    expect(isInsideFolder('/data/proj', '/etc/passwd')).toBe(false);
    expect(isInsideFolder('/data/proj', '/data/proj/..hidden')).toBe(true);
  });

  it('resolves .. and symlinks, also for a path that does not exist yet', async () => {
    mkdirSync(join(root, 'inside', 'flows'), { recursive: true });
    mkdirSync(join(root, 'elsewhere'));
    symlinkSync(join(root, 'elsewhere'), join(root, 'inside', 'door'));
    expect(await realPathOf('flows/../../elsewhere/x', join(root, 'inside'))).toBe(join(root, 'elsewhere', 'x'));
    expect(await realPathOf(join(root, 'inside', 'door', 'new', 'file.yaml'), '/')).toBe(join(root, 'elsewhere', 'new', 'file.yaml'));
    expect(await realPathOf(join(root, 'inside', 'flows'), '/')).toBe(join(root, 'inside', 'flows'));
    // A symlink whose target is missing: the target is where a write would go.
    symlinkSync(join(root, 'elsewhere', 'later'), join(root, 'inside', 'dangling'));
    expect(await realPathOf(join(root, 'inside', 'dangling'), '/')).toBe(join(root, 'elsewhere', 'later'));
    symlinkSync('../../elsewhere/rel', join(root, 'inside', 'flows', 'rel-dangling'));
    expect(await realPathOf(join(root, 'inside', 'flows', 'rel-dangling', 'deeper'), '/')).toBe(join(root, 'elsewhere', 'rel', 'deeper'));
  });

  it('refuses a symlink loop instead of guessing', async () => {
    symlinkSync(join(root, 'loop-b'), join(root, 'loop-a'));
    symlinkSync(join(root, 'loop-a'), join(root, 'loop-b'));
    await expect(realPathOf(join(root, 'loop-a', 'x'), '/')).rejects.toMatchObject({ code: 'ELOOP' });
  });
});

describe('what counts as a flowbench document', () => {
  it('is a mapping whose format starts with flowbench.', () => {
    expect(isFlowbenchValue({ format: 'flowbench.flow/1' })).toBe(true);
    expect(isFlowbenchValue({ format: 'flowbench.something/9' })).toBe(true);
    expect(isFlowbenchValue({ format: 'openapi' })).toBe(false);
    expect(isFlowbenchValue('root:x:0:0:root:/root:/bin/bash daemon:x:1:1')).toBe(false);
    expect(isFlowbenchValue([{ format: 'flowbench.flow/1' }])).toBe(false);
    expect(isFlowbenchValue(null)).toBe(false);
  });

  it('finds the format marker in text that does not parse (YAML or JSON)', () => {
    expect(hasFlowbenchMarker('format: flowbench.flow/1\nmodules: [\n')).toBe(true);
    expect(hasFlowbenchMarker('# a flow\nformat: "flowbench.mocks/1"\n')).toBe(true);
    expect(hasFlowbenchMarker('{"format": "flowbench.scenario/1", "x": [}')).toBe(true);
    expect(hasFlowbenchMarker('root:$6$abc:19000:0:99999:7:::\n')).toBe(false);
    expect(hasFlowbenchMarker('myformat: flowbench.flow/1')).toBe(false);
  });
});
