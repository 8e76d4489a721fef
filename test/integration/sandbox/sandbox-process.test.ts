import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/paths';

function child(file: string, args: string[], env: Record<string, string> = {}, node: string[] = []): unknown {
  const result = spawnSync(process.execPath, [...node, '--import', 'tsx', join(import.meta.dirname, 'fixtures', file), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 240_000,
  });
  if (result.status !== 0) throw new Error(`${file} exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? 'null');
}

describe('the sandbox over many runs and in any time zone (child processes)', () => {
  it('10,000 runs in a row with a lambda and both hooks: no memory growth', () => {
    const out = child('memory-child.ts', ['10000'], {}, ['--expose-gc']) as {
      runs: number;
      errors: number;
      before: { heap: number; wasm: number; runtimes: number };
      after: { heap: number; wasm: number; runtimes: number };
    };
    expect(out.runs).toBe(10_000);
    expect(out.errors).toBe(0);
    // The sandbox's WebAssembly memory (capped at 24 MB) does not grow at all, and one
    // runtime served every call.
    expect(out.after.wasm).toBe(out.before.wasm);
    expect(out.after.runtimes).toBe(out.before.runtimes);
    // The host heap after a full GC: stated margin 2 MB for 10,000 runs (a leak of 200 bytes
    // per run would show); JIT and V8 bookkeeping move it by a few hundred KB.
    expect(out.after.heap - out.before.heap).toBeLessThan(2 * 1024 * 1024);
  }, 300_000);

  it('local time inside the code is UTC on every host', () => {
    // wait 3,123,004 ms = 52 min 3.004 s → 2026-01-01T00:52:03.004Z. The zone-less date
    // 2026-03-29 02:30 (a time that does not exist in Paris: DST starts at 02:00) is read as UTC:
    // Date.UTC(2026, 2, 29, 2, 30) = 1,774,751,400,000.
    const expected = {
      text: 'Thu Jan 01 2026 00:52:03 GMT+0000',
      local: [2026, 0, 1, 0, 52, 3, 0],
      parsed: 1_774_751_400_000,
      built: 1_774_751_400_000,
      locale: '01/01/2026, 12:52:03 AM',
    };
    for (const tz of ['UTC', 'Europe/Paris', 'Asia/Tokyo', 'America/Los_Angeles']) {
      const out = child('timezone-child.ts', [], { TZ: tz }) as { tz: string; contexts: unknown };
      expect(out.tz).toBe(tz);
      expect(out.contexts, tz).toEqual(expected);
    }
  }, 240_000);
});
