/**
 * The limits of one QuickJS runtime (SPEC §7.2). The CPU time limit is per call
 * (`CodeCall.timeoutMs`); memory and stack are per runtime, and one call has it to itself.
 */
export interface SandboxLimits {
  /** Heap of the runtime, prelude included. */
  memoryBytes: number;
  /**
   * QuickJS's own stack limit. Kept small on purpose: QuickJS compiled to WebAssembly runs
   * on the host's native stack, and its parser uses ~25 bytes of native stack per byte it
   * counts; 16 KB (~90 nested calls, ~240 nested brackets in one expression) keeps the
   * worst case under ~400 KB of Node's ~984 KB, so deep recursion is a clean
   * `stack overflow` inside the sandbox, never a RangeError in the host.
   */
  stackBytes: number;
  /** Compiled functions kept per runtime; past this the runtime starts afresh. */
  maxCompiled: number;
  /** Size of the JSON handed to one call (contexts + request/response). */
  maxInputChars: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  memoryBytes: 16 * 1024 * 1024,
  stackBytes: 16 * 1024,
  maxCompiled: 512,
  maxInputChars: 4 * 1024 * 1024,
};

/** Time allowed to compile one piece of code (a syntax check at load time). */
export const COMPILE_TIMEOUT_MS = 1000;
