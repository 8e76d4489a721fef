import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../main/api/formats/common';
import type { CodeCall, CodeResult } from '../../../main/engine/code-sandbox';
import { VIRTUAL_EPOCH_MS } from '../../../main/engine/virtual-clock';
import { codeSandbox } from '../../../main/sandbox/load-code-sandbox';

// The process's sandbox, loaded by the test set-up (test/support/load-code-sandbox.ts).
const sandbox = codeSandbox();

function call(source: string, context: Record<string, JsonValue> = {}, extra: Partial<CodeCall> = {}): CodeResult {
  return sandbox.run({
    source,
    params: ['context', 'message'],
    inputs: [context, 'hello'],
    nowMs: VIRTUAL_EPOCH_MS,
    seed: 1,
    key: ['lambda', 'test', 1],
    // Generous, so a busy machine never turns a test about something else into a timeout;
    // the tests about the time limit set their own.
    timeoutMs: 10_000,
    ...extra,
  });
}

function errorOf(result: CodeResult): { message: string; line?: number } {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return result.error;
}

function contextOf(result: CodeResult): JsonValue {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.outputs[0] ?? null;
}

/** After any abuse the sandbox must still run ordinary code. */
function expectHealthy(): void {
  expect(call("context.n = context.n + 1; return 'ok'", { n: 41 })).toEqual({
    ok: true,
    returned: { kind: 'string', value: 'ok' },
    outputs: [{ n: 42 }, 'hello'],
  });
}

describe('the QuickJS sandbox: values cross as JSON', () => {
  it('runs the code as a function body: inputs in, changed inputs and the returned value out', () => {
    expect(call("context.tier = context.spend > 1000 ? 'vip' : 'standard'; if (context.tier === 'vip') return 'vip';", { spend: 1200 })).toEqual({
      ok: true,
      returned: { kind: 'string', value: 'vip' },
      outputs: [{ spend: 1200, tier: 'vip' }, 'hello'],
    });
    expect(call('context.seen = message', {})).toEqual({ ok: true, returned: { kind: 'nothing' }, outputs: [{ seen: 'hello' }, 'hello'] });
    // Reassigning the parameter does not replace the contexts: the object passed in is what comes out.
    expect(contextOf(call('context = { other: 1 }', { kept: true }))).toEqual({ kept: true });
  });

  it('refuses every value that is not JSON, naming where it is', () => {
    const cases: [string, string][] = [
      ['context.f = function () {}', 'TypeError: context.f is a function, not a JSON value'],
      ['context.u = undefined', 'TypeError: context.u is undefined, not a JSON value'],
      ['context.b = 10n', 'TypeError: context.b is a BigInt, not a JSON value'],
      ["context.s = Symbol('x')", 'TypeError: context.s is a symbol, not a JSON value'],
      ['context.list = [1, , 3]', 'TypeError: context.list[1] is undefined, not a JSON value'],
      ['context.n = 0 / 0', 'TypeError: context.n is NaN (not a finite number), not a JSON value'],
      ['context.deep = { a: [ { x: 1 / 0 } ] }', 'TypeError: context.deep.a[0].x is Infinity (not a finite number), not a JSON value'],
      ['context.when = new Date()', 'TypeError: context.when is a Date, not a JSON value'],
      ['context.m = new Map()', 'TypeError: context.m is a Map, not a JSON value'],
      ['class Point { constructor() { this.x = 1 } }; context.p = new Point()', 'TypeError: context.p is an object with a prototype (a class instance), not a JSON value'],
      ["context['odd key'] = { f() {} }", 'TypeError: context["odd key"].f is a function, not a JSON value'],
      ['const a = { b: {} }; a.b.back = a; context.a = a', 'TypeError: context.a.b.back is a cycle (it contains itself), not a JSON value'],
    ];
    for (const [source, message] of cases) expect(errorOf(call(source)), source).toEqual({ message });
    // The same object twice is not a cycle.
    expect(contextOf(call('const shared = { x: 1 }; context.a = shared; context.b = [shared, shared]'))).toEqual({ a: { x: 1 }, b: [{ x: 1 }, { x: 1 }] });
    // Nesting is bounded: `context` is level 0, context.deep level 1, …, the value at level 48 is refused.
    expect(errorOf(call('let v = 1; for (let i = 0; i < 60; i++) v = [v]; context.deep = v')).message).toMatch(/^TypeError: context\.deep(\[0\]){47} is nested deeper than 48 levels$/);
    expect(contextOf(call('let v = 1; for (let i = 0; i < 46; i++) v = [v]; context.deep = v; context.ok = true'))).toMatchObject({ ok: true });
  });

  it('says what the code returned when it is not a port name', () => {
    expect(call('return () => 1')).toMatchObject({ ok: true, returned: { kind: 'other', description: 'a function' } });
    expect(call('const c = {}; c.c = c; return c')).toMatchObject({ ok: true, returned: { kind: 'other', description: 'an object' } });
    expect(call('return 3')).toMatchObject({ ok: true, returned: { kind: 'other', description: 'a number (3)' } });
  });

  it('reports throws with the JavaScript message and the line inside the code', () => {
    expect(errorOf(call('let x = 1;\nlet y = null;\ny.z = 2;'))).toEqual({ message: "TypeError: cannot set property 'z' of null", line: 3 });
    expect(errorOf(call("\n\nthrow new RangeError('too far')"))).toEqual({ message: 'RangeError: too far', line: 3 });
    // Throws of non-Errors: no line to tell (QuickJS records none).
    expect(errorOf(call('throw 42'))).toEqual({ message: 'threw a number (42), not an Error' });
    expect(errorOf(call("throw 'oops'"))).toEqual({ message: 'threw a string ("oops"), not an Error' });
    expect(errorOf(call('throw { code: 7 }'))).toEqual({ message: 'threw an object, not an Error' });
    expect(errorOf(call('throw undefined'))).toEqual({ message: 'threw undefined, not an Error' });
    expect(errorOf(call('throw null'))).toEqual({ message: 'threw null, not an Error' });
    expectHealthy();
  });

  it('checks syntax without running, with the line inside the code', () => {
    expect(sandbox.syntaxError("const a = 1;\nreturn 'x'", ['context', 'message'])).toBeNull();
    expect(sandbox.syntaxError('let a = 1;\n  a b', ['context', 'message'])).toEqual({ message: "SyntaxError: expecting ';'", line: 2 });
    // Strict mode: a duplicate parameter-like declaration or `with` is an error at load time.
    expect(sandbox.syntaxError('with (context) {}', ['context', 'message'])?.message).toMatch(/^SyntaxError:/);
    // Nothing ran: a syntax check of an endless loop returns at once.
    expect(sandbox.syntaxError('while (true) {}', ['context', 'message'])).toBeNull();
  });

  it('drains promise callbacks before reading the outputs', () => {
    expect(contextOf(call('Promise.resolve(2).then((v) => { context.later = v })'))).toEqual({ later: 2 });
  });
});

describe('the QuickJS sandbox: escapes and abuse are contained', () => {
  it('while (true) {} stops at the CPU time limit and the next call works', () => {
    const started = performance.now();
    const limit = { timeoutMs: 50 };
    expect(errorOf(call('context.before = 1;\nwhile (true) {}', {}, limit)).message).toBe('time limit exceeded: the code ran for more than 50 ms');
    // A loop whose every turn runs a builtin over megabytes (QuickJS never polls inside a
    // builtin) is stopped too: the builtins check the deadline, here at line 2.
    expect(errorOf(call("const s = 'ab'.repeat(1 << 18);\nfor (;;) s.toUpperCase()", {}, limit))).toEqual({ message: 'time limit exceeded: the code ran for more than 50 ms', line: 2 });
    expect(errorOf(call("for (;;) {\n  try { JSON.stringify(new Array(1 << 16).fill('abc')) } catch (e) {}\n}", {}, limit)).message).toBe('time limit exceeded: the code ran for more than 50 ms');
    // Generous: the limit is 50 ms of CPU; a loaded machine may stretch the wall time a lot.
    expect(performance.now() - started).toBeLessThan(10_000);
    expectHealthy();
    // The limit is per call: a generous one allows what 5 ms does not.
    const busy = 'let n = 0;\nfor (let i = 0; i < 1e6; i++) n += i;\ncontext.n = n';
    expect(errorOf(call(busy, {}, { timeoutMs: 5 }))).toEqual({ message: 'time limit exceeded: the code ran for more than 5 ms' });
    expect(contextOf(call(busy, {}, { timeoutMs: 30_000 }))).toEqual({ n: 499_999_500_000 });
  });

  it('light code is never cut by a late clock: the limit only starts after a few thousand steps', () => {
    // timeoutMs 0: the deadline has passed before the code starts, as when the host was
    // descheduled or paused for garbage collection. A 10,000-turn loop (20,000 steps: two or
    // three interrupt polls, under MIN_INTERRUPT_POLLS = 8) and 40 guarded builtin calls (under
    // MIN_GUARDED_CALLS = 64) still finish, so a virtual run gives the same trace however busy
    // the machine is. n = 0 + 1 + … + 9,999 = 9,999 × 10,000 / 2 = 49,995,000; 40 splits of
    // three parts add 120.
    const light = "let n = 0;\nfor (let i = 0; i < 10000; i++) n += i;\nfor (let k = 0; k < 40; k++) n += 'a,b,c'.split(',').length;\ncontext.n = n";
    expect(contextOf(call(light, {}, { timeoutMs: 0 }))).toEqual({ n: 49_995_120 });
    // Heavy code still meets the limit at once.
    expect(errorOf(call('while (true) {}', {}, { timeoutMs: 0 })).message).toBe('time limit exceeded: the code ran for more than 0 ms');
    expect(errorOf(call("for (;;) 'a,b'.split(',')", {}, { timeoutMs: 0 })).message).toBe('time limit exceeded: the code ran for more than 0 ms');
    expectHealthy();
  });

  it('a 100 MB string hits the 16 MB memory limit', () => {
    expect(errorOf(call("context.s = 'x'.repeat(100 * 1024 * 1024)"))).toEqual({ message: 'memory limit exceeded: the code needed more than 16 MB', line: 1 });
    // (A generous time limit: this is about memory, and 8 MB arrays take time to fill.)
    expect(errorOf(call('const parts = [];\nfor (;;) parts.push(new Array(1 << 20).fill(7))', {}, { timeoutMs: 30_000 }))).toEqual({
      message: 'memory limit exceeded: the code needed more than 16 MB',
      line: 2,
    });
    expectHealthy();
  });

  it('deep recursion hits the stack limit inside the sandbox, not the host', () => {
    expect(errorOf(call('function down(n) { return down(n + 1) + 1 }\ndown(0)'))).toEqual({
      message: 'stack limit exceeded: calls nested too deep (InternalError: stack overflow)',
      line: 1,
    });
    // Parser nesting (the native-stack-hungry case) is refused the same way.
    expect(errorOf(call("eval('('.repeat(100000) + '1' + ')'.repeat(100000))")).message).toMatch(/^stack limit exceeded/);
    expect(errorOf(call("JSON.parse('['.repeat(100000))")).message).toMatch(/^SyntaxError: stack overflow|^stack limit exceeded/);
    expectHealthy();
  });

  it('this.constructor.constructor("return process")() finds no host', () => {
    // Strict mode: `this` is undefined in the code.
    expect(errorOf(call("return this.constructor.constructor('return process')()"))).toEqual({
      message: "TypeError: cannot read property 'constructor' of undefined",
      line: 1,
    });
    // Through a sloppy function's global `this`: QuickJS's own globals only.
    expect(errorOf(call("const g = Function('return this')();\nreturn g.constructor.constructor('return process')()")).message).toBe("ReferenceError: 'process' is not defined");
    expect(errorOf(call("return eval('require')('fs')")).message).toBe("ReferenceError: 'require' is not defined");
    expect(
      contextOf(call("for (const name of ['process', 'require', 'module', 'fetch', 'setTimeout', 'setInterval', 'console', 'Buffer', 'global', 'std', 'os', 'WeakRef', 'FinalizationRegistry']) context[name] = typeof globalThis[name]")),
    ).toEqual({
      process: 'undefined',
      require: 'undefined',
      module: 'undefined',
      fetch: 'undefined',
      setTimeout: 'undefined',
      setInterval: 'undefined',
      console: 'undefined',
      Buffer: 'undefined',
      global: 'undefined',
      std: 'undefined',
      os: 'undefined',
      WeakRef: 'undefined',
      FinalizationRegistry: 'undefined',
    });
  });

  it('globalThis holds exactly the ECMAScript built-ins: no host object', () => {
    const globals = contextOf(call('context.names = Reflect.ownKeys(globalThis).map(String)'));
    // ECMAScript's global object (ES2025) plus QuickJS's InternalError and a toStringTag; WeakRef and
    // FinalizationRegistry are removed (GC-dependent); nothing the host added.
    const standard = [
      'AggregateError', 'Array', 'ArrayBuffer', 'BigInt', 'BigInt64Array', 'BigUint64Array', 'Boolean', 'DataView', 'Date',
      'Error', 'EvalError', 'Float16Array', 'Float32Array', 'Float64Array', 'Function', 'Infinity', 'Int16Array', 'Int32Array',
      'Int8Array', 'InternalError', 'Iterator', 'JSON', 'Map', 'Math', 'NaN', 'Number', 'Object', 'Promise', 'Proxy', 'RangeError',
      'ReferenceError', 'Reflect', 'RegExp', 'Set', 'SharedArrayBuffer', 'String', 'Symbol', 'Symbol(Symbol.toStringTag)', 'SyntaxError',
      'TypeError', 'URIError', 'Uint16Array', 'Uint32Array', 'Uint8Array', 'Uint8ClampedArray', 'WeakMap', 'WeakSet',
      'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent', 'escape', 'eval', 'globalThis', 'isFinite', 'isNaN',
      'parseFloat', 'parseInt', 'undefined', 'unescape',
    ];
    expect([...(globals as { names: string[] }).names].sort()).toEqual([...standard].sort());
    // Every global function is QuickJS's own: native code, except Date, which the sandbox replaced (in JavaScript).
    const natives = contextOf(
      call("context.own = Reflect.ownKeys(globalThis).filter((k) => typeof globalThis[k] === 'function' && !Function.prototype.toString.call(globalThis[k]).includes('[native code]')).map(String)"),
    );
    expect(natives).toEqual({ own: ['Date'] });
  });

  it('one call cannot leave state behind for the next: everything reachable is frozen', () => {
    expect(errorOf(call('globalThis.leak = 1')).message).toBe('TypeError: object is not extensible');
    expect(errorOf(call('Array.prototype.leak = 1')).message).toBe('TypeError: object is not extensible');
    expect(errorOf(call('Math.random = () => 4')).message).toMatch(/^TypeError: .*read-only|^TypeError: .*read only/);
    expect(errorOf(call("(0, eval)('var leak = 1')")).message).toMatch(/^TypeError/);
    // A top-level `let` of an indirect eval stays inside that eval.
    expect(contextOf(call("(0, eval)('let leak2 = 1'); context.t = typeof leak2"))).toEqual({ t: 'undefined' });
    // The usual overrides of an own property still work on the code's own objects.
    expect(contextOf(call("const o = {}; o.toString = () => 'mine'; const e = new Error(); e.message = 'set later'; context.s = String(o) + ' ' + e.message"))).toEqual({
      s: 'mine set later',
    });
  });

  it('code that closes its function early is refused', () => {
    expect(errorOf(call("}); let leak = 1; (function (context, message) {'use strict';"))).toEqual({
      message: 'SyntaxError: unmatched "}": the code closes the function it runs in',
    });
    expectHealthy();
  });
});

describe('the QuickJS sandbox: time and randomness', () => {
  it('Date.now() and new Date() read the call time; local time is UTC', () => {
    const at = VIRTUAL_EPOCH_MS + 90_061_001; // + 1 day 1 h 1 min 1.001 s
    expect(
      contextOf(
        call(
          "const d = new Date(); context.now = Date.now(); context.iso = d.toISOString(); context.text = Date(); context.local = [d.getHours(), d.getMinutes(), d.getTimezoneOffset()]; context.parsed = Date.parse('2026-01-02T01:01:01'); context.built = new Date(2026, 0, 2, 1).getTime(); context.locale = d.toLocaleString()",
          {},
          { nowMs: at },
        ),
      ),
    ).toEqual({
      now: 1_767_315_661_001,
      iso: '2026-01-02T01:01:01.001Z',
      text: 'Fri Jan 02 2026 01:01:01 GMT+0000',
      local: [1, 1, 0],
      parsed: 1_767_315_661_000,
      built: 1_767_315_600_000,
      locale: '01/02/2026, 01:01:01 AM',
    });
    // Dates with an explicit zone keep it.
    expect(contextOf(call("context.t = Date.parse('2026-01-01T10:00:00+09:00')"))).toEqual({ t: VIRTUAL_EPOCH_MS + 3_600_000 });
  });

  it('Math.random is a pure function of (seed, key, draw number)', () => {
    const draws = (seed: number, key: (string | number)[]): number[] => {
      const result = contextOf(call('context.r = [Math.random(), Math.random(), Math.random()]', {}, { seed, key }));
      return (result as { r: number[] }).r;
    };
    const a = draws(7, ['lambda', 'tier', 1]);
    for (const x of a) expect(x >= 0 && x < 1).toBe(true);
    expect(new Set(a).size).toBe(3);
    // Other calls in between change nothing: no hidden state.
    draws(7, ['lambda', 'other', 1]);
    draws(8, ['lambda', 'tier', 1]);
    expect(draws(7, ['lambda', 'tier', 1])).toEqual(a);
    expect(draws(8, ['lambda', 'tier', 1])).not.toEqual(a);
    expect(draws(7, ['lambda', 'tier', 2])).not.toEqual(a);
  });
});
