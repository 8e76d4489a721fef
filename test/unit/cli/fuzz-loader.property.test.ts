import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileLoader } from '../../../main/formats/file-loader';
import { FormatError } from '../../../main/formats/format-error';
import { examplesDir } from '../../support/paths';

const dir = mkdtempSync(join(tmpdir(), 'flowbench-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Loading must either succeed or raise a FormatError: never another exception, never a hang. */
async function loadsOrFormatError(load: () => Promise<unknown>): Promise<void> {
  try {
    await load();
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) expect(issue.message.length).toBeGreaterThan(0);
  }
}

describe('the loader under random input', () => {
  it('random bytes never crash it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom('flow', 'mocks', 'scenario'), async (bytes, kind) => {
        const file = join(dir, `f.${kind}.yaml`);
        writeFileSync(file, bytes);
        const loader = new FileLoader(dir);
        await loadsOrFormatError(() => (kind === 'flow' ? loader.loadFlow(file) : kind === 'mocks' ? loader.loadMocks(file) : loader.loadScenarios(file)));
      }),
      { numRuns: 300 },
    );
  });

  it('random edits of a valid flow never crash it', async () => {
    const original = readFileSync(join(examplesDir, 'flows', 'order-status.flow.yaml'), 'utf8');
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: original.length }), fc.nat({ max: 40 }), fc.string({ maxLength: 12 }), async (at, cut, insert) => {
        const file = join(dir, 'edited.flow.yaml');
        writeFileSync(file, original.slice(0, at) + insert + original.slice(at + cut));
        await loadsOrFormatError(() => new FileLoader(dir).loadFlow(file));
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('a YAML alias bomb is refused, not expanded', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)}]`);
    const file = join(dir, 'bomb.flow.yaml');
    writeFileSync(file, `${lines.join('\n')}\n`);
    await expect(new FileLoader(dir).loadFlow(file)).rejects.toBeInstanceOf(FormatError);
  });
});
