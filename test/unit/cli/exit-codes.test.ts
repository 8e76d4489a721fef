import { describe, expect, it } from 'vitest';
import { describeFailure, exitCodeOf } from '../../../main/cli/exit-codes';
import { FormatError } from '../../../main/formats/format-error';
import { StoreError } from '../../../main/store/store-error';
import type { StoreErrorKind } from '../../../main/store/store-error';

/** A system error as Node raises it (fs, net): code, syscall, path. */
function systemError(code: string, syscall: string, path?: string): Error {
  return Object.assign(new Error(`${code}: ${syscall}`), { code, syscall, ...(path !== undefined ? { path } : {}) });
}

describe('exit codes of errors that end a command (README: 0 passed, 1 failed, 2 invalid input, 3 environment or store)', () => {
  it('2 for bad files and bundles, named with line and path', () => {
    const error = new FormatError([{ file: 'a.flow.yaml', path: 'modules[3].ports.next', message: 'no module x', line: 12, column: 5 }]);
    expect(exitCodeOf(error)).toBe(2);
    expect(describeFailure('run', error)).toBe('a.flow.yaml:12:5 modules[3].ports.next: no module x');
  });

  it.each<[StoreErrorKind, number]>([
    ['invalid_input', 2],
    ['not_found', 2],
    ['conflict', 2],
    ['not_a_database', 3],
    ['future_schema', 3],
    ['migration_changed', 3],
    ['corrupt', 3],
    ['busy', 3],
    ['read_only', 3],
    ['io', 3],
    ['outdated', 3],
  ])('a store error of kind %s exits %i', (kind, code) => {
    const error = new StoreError(kind, '/data/lib.db: what happened');
    expect(exitCodeOf(error)).toBe(code);
    expect(describeFailure('export', error)).toBe('flowbench export: /data/lib.db: what happened');
  });

  it('3 for a failed system call, said in words with its path', () => {
    expect(exitCodeOf(systemError('EACCES', 'open', '/out/junit.xml'))).toBe(3);
    expect(describeFailure('run', systemError('EACCES', 'open', '/out/junit.xml'))).toBe('flowbench run: cannot open /out/junit.xml: permission denied');
    expect(describeFailure('run', systemError('ENOTDIR', 'mkdir', '/out/x'))).toBe('flowbench run: cannot create the folder /out/x: a part of the path is not a folder');
    expect(describeFailure('mock', systemError('EADDRINUSE', 'listen'))).toBe('flowbench mock: listen failed: the address is already in use');
  });

  it('3 for anything else: flowbench itself failed, which says nothing about the scenarios', () => {
    expect(exitCodeOf(new TypeError('x is undefined'))).toBe(3);
    expect(describeFailure('', new TypeError('x is undefined'))).toBe('flowbench: internal error: x is undefined');
  });
});
