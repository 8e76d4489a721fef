import { newQuickJSWASMModule, newVariant, RELEASE_SYNC } from 'quickjs-emscripten';
import type { CustomizeVariantOptions, QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten';
import { z } from 'zod';
import type { JsonValue } from '../api/formats/common';
import type { CodeCall, CodeError, CodeResult, CodeSandbox } from '../engine/code-sandbox';
import { hashKeys } from '../../mocks/core/seeded-rng';
import { codeError, rawJsError } from './code-error';
import { SANDBOX_PRELUDE } from './sandbox-prelude';
import { COMPILE_TIMEOUT_MS, DEFAULT_SANDBOX_LIMITS, INITIAL_WASM_PAGES, MIN_INTERRUPT_POLLS } from './sandbox-limits';
import type { SandboxLimits } from './sandbox-limits';

/** One QuickJS runtime and context with the prelude run in it, and what was compiled there. */
interface Vm {
  readonly runtime: QuickJSRuntime;
  readonly context: QuickJSContext;
  readonly compile: QuickJSHandle;
  readonly invoke: QuickJSHandle;
  readonly collect: QuickJSHandle;
  readonly compiled: Map<string, number | CodeError>;
}

const PARAM = /^[A-Za-z_$][\w$]*$/;

type WasmMemory = Extract<NonNullable<CustomizeVariantOptions['wasmMemory']>, { buffer: unknown }>;
/** Node's `WebAssembly` global, which the ES library types leave out. */
declare const WebAssembly: { Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory };

/** What the prelude's `invoke` / `collect` hand back (built by the prelude, parsed here). */
const CallOutput = z.union([
  z.object({ error: z.object({ name: z.string(), message: z.string(), line: z.number().int().optional() }) }),
  z.object({
    returned: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('nothing') }),
      z.object({ kind: z.literal('string'), value: z.string() }),
      z.object({ kind: z.literal('other'), description: z.string() }),
    ]),
    // JSON.parse only ever yields JSON values.
    outputs: z.array(z.custom<JsonValue>()),
  }),
]);

/**
 * The QuickJS implementation of the engine's `CodeSandbox` (SPEC §7.2): QuickJS compiled to
 * WebAssembly (`quickjs-emscripten`, shipped inside the npm package), no host function or
 * object in reach of the code, a CPU deadline enforced by an interrupt handler, a memory and
 * a stack limit. One runtime is reused for every call (the prelude freezes everything a call
 * could leave state in); it is replaced after a call that was interrupted or after a failure
 * of the host side, and when too many different pieces of code were compiled into it.
 */
export class QuickJsSandbox implements CodeSandbox {
  private vm: Vm | null = null;
  private deadline = Number.POSITIVE_INFINITY;
  /** Interrupt polls since the deadline was set. */
  private polls = 0;
  /** Runtimes created so far (the first one at load). */
  private created = 0;

  private constructor(
    private readonly module: QuickJSWASMModule,
    readonly limits: SandboxLimits,
  ) {}

  /**
   * Loads the WebAssembly module (once per process or worker) into a memory that cannot
   * grow past the limits, and makes a first runtime.
   */
  static async load(limits: Partial<SandboxLimits> = {}): Promise<QuickJsSandbox> {
    const all = { ...DEFAULT_SANDBOX_LIMITS, ...limits };
    const maximum = Math.max(INITIAL_WASM_PAGES, Math.ceil((all.memoryBytes + all.runtimeBytes) / 65_536));
    const wasmMemory = new WebAssembly.Memory({ initial: INITIAL_WASM_PAGES, maximum });
    const sandbox = new QuickJsSandbox(await newQuickJSWASMModule(newVariant(RELEASE_SYNC, { wasmMemory })), all);
    sandbox.ensureVm();
    return sandbox;
  }

  /** Drops the runtime and everything compiled in it; the next call starts a fresh one (runs the prelude). */
  reset(): void {
    this.renewVm();
  }

  /** How many runtimes this sandbox has created (a new one follows an interrupted call). */
  get runtimesCreated(): number {
    return this.created;
  }

  /** Bytes of WebAssembly memory the module holds (it grows, never shrinks). */
  get wasmMemoryBytes(): number {
    return this.module.getWasmMemory().buffer.byteLength;
  }

  syntaxError(source: string, params: readonly string[]): CodeError | null {
    const invalid = checkParams(params);
    if (invalid) return invalid;
    try {
      const vm = this.ensureVm();
      this.startDeadline(COMPILE_TIMEOUT_MS);
      const result = vm.context.evalCode(`(function (${params.join(',')}) {'use strict';${source}\n})`, 'code', { compileOnly: true });
      if (result.error) {
        const raw = rawJsError(vm.context.dump(result.error));
        result.error.dispose();
        return codeError(raw, this.limits, COMPILE_TIMEOUT_MS);
      }
      result.value.dispose();
      return null;
    } catch (error) {
      this.abandonVm();
      return hostFailure(error);
    } finally {
      this.deadline = Number.POSITIVE_INFINITY;
    }
  }

  run(call: CodeCall): CodeResult {
    const invalid = checkParams(call.params);
    if (invalid) return { ok: false, error: invalid };
    if (call.params.length !== call.inputs.length) return { ok: false, error: { message: `expected ${call.params.length} inputs, got ${call.inputs.length}` } };
    try {
      return this.invoke(call);
    } catch (error) {
      this.abandonVm();
      return { ok: false, error: hostFailure(error) };
    } finally {
      this.deadline = Number.POSITIVE_INFINITY;
    }
  }

  private startDeadline(ms: number): void {
    this.polls = 0;
    this.deadline = performance.now() + ms;
  }

  private invoke(call: CodeCall): CodeResult {
    let vm = this.ensureVm();
    const compiled = this.compiled(vm, call);
    if (typeof compiled !== 'number') return { ok: false, error: compiled };
    vm = this.ensureVm();
    const { context, runtime } = vm;
    // One JSON text carries the call: [Date.now() inside, Math.random base, deadline for the builtins' guards, inputs].
    const base = hashKeys(call.seed, ['code', ...call.key]) | 0;
    const input = JSON.stringify([call.nowMs, base, Date.now() + call.timeoutMs, call.inputs]);
    if (input.length > this.limits.maxInputChars) {
      return { ok: false, error: { message: `the code's inputs are too large (${input.length} characters of JSON, limit ${this.limits.maxInputChars})` } };
    }
    const args = [context.newNumber(compiled), context.newString(input)];
    this.startDeadline(call.timeoutMs);
    const result = context.callFunction(vm.invoke, context.undefined, ...args);
    for (const arg of args) arg.dispose();
    if (result.error) return this.failed(vm, result.error, call.timeoutMs);
    let text = context.getString(result.value);
    result.value.dispose();
    if (runtime.hasPendingJob()) {
      // Promise callbacks the code queued run now, within the same deadline, before its outputs are read.
      const jobs = runtime.executePendingJobs(-1);
      if (jobs.error) return this.failed(vm, jobs.error, call.timeoutMs);
      const again = context.callFunction(vm.collect, context.undefined);
      if (again.error) return this.failed(vm, again.error, call.timeoutMs);
      text = context.getString(again.value);
      again.value.dispose();
    }
    const output = CallOutput.parse(JSON.parse(text));
    if ('error' in output) return { ok: false, error: codeError(rawJsError(output.error), this.limits, call.timeoutMs) };
    return { ok: true, returned: output.returned, outputs: output.outputs };
  }

  /** The index of the compiled function, or why it does not compile (both cached). */
  private compiled(vm: Vm, call: CodeCall): number | CodeError {
    const key = `${call.params.join(',')}\n${call.source}`;
    const known = vm.compiled.get(key);
    if (known !== undefined) return known;
    if (vm.compiled.size >= this.limits.maxCompiled) return this.compiled(this.renewVm(), call);
    const { context } = vm;
    const allowMs = Math.max(call.timeoutMs, COMPILE_TIMEOUT_MS);
    const args = [context.newString(call.params.join(',')), context.newString(call.source), context.newNumber(Date.now() + allowMs)];
    this.startDeadline(allowMs);
    const result = context.callFunction(vm.compile, context.undefined, ...args);
    for (const arg of args) arg.dispose();
    if (result.error) {
      const raw = rawJsError(context.dump(result.error));
      result.error.dispose();
      const error = codeError(raw, this.limits, call.timeoutMs);
      if (raw.name === 'InternalError') this.renewVm();
      else vm.compiled.set(key, error);
      return error;
    }
    const index = context.getNumber(result.value);
    result.value.dispose();
    vm.compiled.set(key, index);
    return index;
  }

  /** A failure the prelude could not catch (time limit, out of memory outside the code): a new runtime follows. */
  private failed(vm: Vm, handle: QuickJSHandle, timeoutMs: number): CodeResult {
    const { line, ...raw } = rawJsError(vm.context.dump(handle));
    handle.dispose();
    this.renewVm();
    // Stopped by the interrupt handler, QuickJS often names the line where the loop began, not where it was: say none.
    const located = raw.message === 'interrupted' || line === undefined ? raw : { ...raw, line };
    return { ok: false, error: codeError(located, this.limits, timeoutMs) };
  }

  private ensureVm(): Vm {
    return this.vm ?? (this.vm = this.createVm());
  }

  private renewVm(): Vm {
    if (this.vm) disposeVm(this.vm);
    this.vm = null;
    return this.ensureVm();
  }

  /** After a failure on the host side the runtime's state is unknown: drop it without touching it. */
  private abandonVm(): void {
    this.vm = null;
  }

  private createVm(): Vm {
    this.deadline = Number.POSITIVE_INFINITY;
    const runtime = this.module.newRuntime();
    runtime.setMemoryLimit(this.limits.memoryBytes);
    runtime.setMaxStackSize(this.limits.stackBytes);
    // A time limit only after the call has done some work (MIN_INTERRUPT_POLLS): see there.
    runtime.setInterruptHandler(() => ++this.polls >= MIN_INTERRUPT_POLLS && performance.now() > this.deadline);
    const context = runtime.newContext();
    const result = context.evalCode(SANDBOX_PRELUDE, 'flowbench:prelude', { type: 'global', strict: true });
    if (result.error) {
      const raw = rawJsError(context.dump(result.error));
      result.error.dispose();
      context.dispose();
      runtime.dispose();
      throw new Error(`the sandbox prelude failed: ${raw.name}: ${raw.message}`);
    }
    const exports = result.value;
    const vm: Vm = {
      runtime,
      context,
      compile: context.getProp(exports, 'compile'),
      invoke: context.getProp(exports, 'invoke'),
      collect: context.getProp(exports, 'collect'),
      compiled: new Map(),
    };
    exports.dispose();
    this.created++;
    return vm;
  }
}

function disposeVm(vm: Vm): void {
  vm.compile.dispose();
  vm.invoke.dispose();
  vm.collect.dispose();
  vm.context.dispose();
  vm.runtime.dispose();
}

function checkParams(params: readonly string[]): CodeError | null {
  const bad = params.find((p) => !PARAM.test(p));
  return bad === undefined ? null : { message: `'${bad}' is not a parameter name` };
}

function hostFailure(error: unknown): CodeError {
  const message = error instanceof Error ? error.message : String(error);
  return { message: `the sandbox failed on the host side (${message}); it starts afresh for the next call` };
}
