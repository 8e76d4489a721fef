import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutputOf, RouteName } from '../../../main/api/contract';
import { createHost } from '../../../main/host/host';
import type { Host } from '../../../main/host/host';
import { examplesDir, repoRoot } from '../../support/paths';

let dir: string;
let host: Host;
const REFUND = 'flows/refund-chat.flow.yaml';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowbench-code-'));
  cpSync(examplesDir, join(dir, 'examples'), { recursive: true });
  host = createHost({ mode: 'cli', appRoot: repoRoot, name: 'flowbench', version: '0', dataDir: dir, examplesDir: join(dir, 'examples'), dbFile: join(dir, 'db.sqlite') });
});
afterEach(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<N extends RouteName>(name: N, input: unknown): Promise<OutputOf<N>> {
  const result = await host.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as OutputOf<N>;
}

describe('flows.checkCode', () => {
  it('compiles code in QuickJS: null when it compiles, else the message and the line inside the code', async () => {
    expect(await call('flows.checkCode', { code: "context.tier = 'vip';\nreturn 'vip';\n", kind: 'lambda' })).toEqual({ problem: null });
    // Line 2 holds the unclosed call: QuickJS reports it there.
    const bad = await call('flows.checkCode', { code: "context.a = 1;\ncontext.b = (2;\n", kind: 'lambda' });
    expect(bad.problem?.line).toBe(2);
    expect(bad.problem?.message).toMatch(/^SyntaxError: /);
    // `response` is a parameter of a post hook, not of a pre hook: still valid code in both (a free name).
    expect(await call('flows.checkCode', { code: 'response.status = 404;', kind: 'post' })).toEqual({ problem: null });
    // An empty hook is allowed (it is removed); an empty lambda is not.
    expect(await call('flows.checkCode', { code: '  \n', kind: 'pre' })).toEqual({ problem: null });
    expect((await call('flows.checkCode', { code: '', kind: 'lambda' })).problem?.message).toContain('a lambda needs a body');
  });

  it('reports an unmatched brace on the last line of the code, not past it', async () => {
    // The function wrapper closes after the code: QuickJS would name the line after the last.
    const bad = await call('flows.checkCode', { code: 'if (context.x) {\n  context.y = 1;\n', kind: 'lambda' });
    expect(bad.problem?.line).toBe(2);
  });
});

describe('flows.saveCode', () => {
  it("writes a lambda's code as a literal block, keeping the file's comments, and re-opens the flow", async () => {
    const code = "context.refund_tier = 'standard';\nreturn 'review';\n";
    const view = await call('flows.saveCode', { file: REFUND, target: { module: 'tier' }, code });
    const text = readFileSync(join(dir, 'examples', REFUND), 'utf8');
    expect(text).toContain("    code: |\n      context.refund_tier = 'standard';\n      return 'review';\n");
    expect(text).toContain("# The legacy order API answers 200 with { error: NOT_FOUND }");
    expect(text).toContain('# Refund tier from the order');
    const tier = view.flow?.modules.find((m) => m.id === 'tier');
    expect(tier?.type === 'lambda' ? tier.code : null).toBe(code);
    expect(view.issues).toEqual([]);
  });

  it('sets, replaces and removes endpoint hooks', async () => {
    const pre = "request.headers['x-sig'] = 'abc';";
    let view = await call('flows.saveCode', { file: REFUND, target: { endpoint: 'create_refund', hook: 'pre' }, code: pre });
    expect(view.flow?.endpoints.find((e) => e.id === 'create_refund')?.pre).toBe(`${pre}\n`);
    view = await call('flows.saveCode', { file: REFUND, target: { endpoint: 'order', hook: 'post' }, code: '' });
    expect(view.flow?.endpoints.find((e) => e.id === 'order')?.post).toBeUndefined();
    expect(readFileSync(join(dir, 'examples', REFUND), 'utf8')).not.toContain('post: |');
  });

  it('refuses code that does not compile, naming the line, and leaves the file as it was', async () => {
    const before = readFileSync(join(dir, 'examples', REFUND), 'utf8');
    const result = await host.dispatch('flows.saveCode', { file: REFUND, target: { module: 'tier' }, code: "return 'x';\nconst = 3;\n" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.message).toMatch(/not saved: JavaScript does not compile at line 2 of the code: SyntaxError/);
    }
    expect(readFileSync(join(dir, 'examples', REFUND), 'utf8')).toBe(before);
  });

  it('refuses an unknown module, a module that is not a lambda, and a JSON flow keeps being JSON', async () => {
    const unknown = await host.dispatch('flows.saveCode', { file: REFUND, target: { module: 'ghost' }, code: 'return;' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining("no module 'ghost'") } });
    const say = await host.dispatch('flows.saveCode', { file: REFUND, target: { module: 'ask' }, code: 'return;' });
    expect(say).toMatchObject({ ok: false, error: { message: expect.stringContaining('not a lambda') } });

    const json = { format: 'flowbench.flow/1', name: 'J', channel: 'chat', start: 'l', modules: [{ id: 'l', type: 'lambda', code: 'return;', ports: { next: 'e' } }, { id: 'e', type: 'end' }] };
    writeFileSync(join(dir, 'examples', 'flows', 'j.flow.json'), JSON.stringify(json));
    const view = await call('flows.saveCode', { file: 'flows/j.flow.json', target: { module: 'l' }, code: 'context.a = 1;' });
    expect(view.issues).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'examples', 'flows', 'j.flow.json'), 'utf8')).modules[0].code).toBe('context.a = 1;\n');
  });
});
