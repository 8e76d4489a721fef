import type { CliIo } from '../../../main/cli/cli-io';

export interface FakeIo {
  io: CliIo;
  out(): string;
  err(): string;
  /** Like pressing Ctrl-C. */
  interrupt(): void;
}

export function fakeIo(cwd: string): FakeIo {
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  return {
    io: {
      stdout: { write: (text: string) => (out += text) },
      stderr: { write: (text: string) => (err += text) },
      cwd,
      env: {},
      onInterrupt(listener) {
        listeners.add(listener);
        return () => {
          listeners.delete(listener);
        };
      },
    },
    out: () => out,
    err: () => err,
    interrupt: () => {
      for (const listener of [...listeners]) listener();
    },
  };
}
