/**
 * The limits of one QuickJS runtime (SPEC §7.2). The CPU time limit is per call
 * (`CodeCall.timeoutMs`); memory and stack are per runtime, and one call has it to itself.
 */
export interface SandboxLimits {
  /**
   * Memory the code may use. This QuickJS build cannot measure its allocations
   * ("malloc_usable_size unavailable": its own limit only stops a single allocation larger
   * than this), so the limit that holds is the WebAssembly memory's maximum:
   * `memoryBytes + runtimeBytes`, past which every allocation fails (InternalError: out of
   * memory) and the host's memory for the sandbox never grows further.
   */
  memoryBytes: number;
  /** The module's own memory (static data, C stack) plus one runtime with the prelude. */
  runtimeBytes: number;
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
  runtimeBytes: 8 * 1024 * 1024,
  stackBytes: 16 * 1024,
  maxCompiled: 512,
  maxInputChars: 4 * 1024 * 1024,
};

/** WebAssembly pages (64 KiB) the module starts with (what its build asks for). */
export const INITIAL_WASM_PAGES = 256;

/** Time allowed to compile one piece of code (a syntax check at load time). */
export const COMPILE_TIMEOUT_MS = 1000;

/**
 * Work a call may always do, whatever the wall clock says: the time limit is enforced only
 * once the code has reached QuickJS's interrupt handler this many times (it is polled about
 * every 10,000 calls or backward jumps: a simple loop turn is two) — some 70,000 steps, a
 * few ms of CPU. Flow code is
 * run inside virtual time, where its result must not depend on how busy the machine is: code
 * lighter than this (any sensible lambda or hook) is never cut because the host was
 * descheduled or paused for garbage collection, so the same run gives the same trace under
 * load. Heavier code still meets the CPU limit, a few ms later at most.
 */
export const MIN_INTERRUPT_POLLS = 8;

/** The same floor for the builtins that check the clock themselves (see the prelude's guards). */
export const MIN_GUARDED_CALLS = 64;
