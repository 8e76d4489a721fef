import { PRELUDE_DATE } from './sandbox-prelude-date';
import { MIN_GUARDED_CALLS } from './sandbox-limits';

/**
 * JavaScript run once inside each fresh QuickJS context, before any flow code. It
 *
 * - replaces `Math.random` with a counter-based draw: a pure function of the call's base
 *   (seed + call key, hashed by the host) and the draw number, so code runs the same however
 *   runs interleave;
 * - replaces `Date` so that `Date.now()` / `new Date()` read the call's time (run start
 *   epoch + conversation time) and local time is UTC on every machine (a lambda calling
 *   `getHours()` gives the same answer on a CI box in UTC and a laptop in Tokyo);
 * - removes `WeakRef` and `FinalizationRegistry` (their behaviour depends on the garbage
 *   collector, not on the inputs);
 * - freezes every object reachable from the global object and from the hidden intrinsics
 *   (SES-style lockdown), so one call cannot leave state behind for the next: the context
 *   is reused across calls and runs for speed. Common "override" properties (`toString`,
 *   `constructor`, `message`, …) become accessors, so `obj.toString = …` on a plain object
 *   still works;
 * - returns three functions the host keeps and never exposes to flow code: `compile`,
 *   `invoke` and `collect`.
 *
 * Flow code is the body of a strict-mode function compiled by an indirect eval. The host
 * never evaluates flow code as a script (a script's top-level `let` would outlive the call).
 * A body that closes its function early (`}); …; (function () {`) is refused: the compiled
 * function's source text must be the whole wrapper.
 *
 * Values cross the boundary only as JSON text: the inputs are parsed inside QuickJS, the
 * outputs are copied into fresh plain data (refusing functions, undefined, cycles, BigInt,
 * symbols, non-finite numbers and non-plain objects, with the path of the bad value) and
 * serialised inside QuickJS.
 */
export const SANDBOX_PRELUDE = String.raw`(function () {
  'use strict';
  var G = globalThis;
  var RealDate = G.Date;
  var ObjectProto = Object.prototype;
  var freeze = Object.freeze, getProto = Object.getPrototypeOf, defineProperty = Object.defineProperty;
  var getOwnDesc = Object.getOwnPropertyDescriptor, keysOf = Object.keys;
  var ownKeys = Reflect.ownKeys, apply = Reflect.apply, construct = Reflect.construct;
  var isArray = Array.isArray, imul = Math.imul, trunc = Math.trunc;
  var jsonParse = JSON.parse, jsonStringify = JSON.stringify, indirectEval = G.eval;
  var fnToString = Function.prototype.toString, objToString = ObjectProto.toString;
  var regexExec = RegExp.prototype.exec, stringSlice = String.prototype.slice;
  var SetCtor = Set, setHas = Set.prototype.has, setAdd = Set.prototype.add, setDelete = Set.prototype.delete;
  var MAX_DEPTH = 48;

  // ── per-call state, set by invoke ─────────────────────────────────────────
  var nowMs = 0, rngBase = 0, rngCount = 0, deadlineAt = Infinity, guardedCalls = 0;

  // ── Math.random: counter-based, 53 bits per draw ──────────────────────────
  function mix32(x) {
    var z = (x + 0x9e3779b9) | 0;
    z = imul(z ^ (z >>> 16), 0x21f0aaad);
    z = imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  }
  function random() {
    var n = rngCount++;
    var a = mix32(rngBase ^ mix32(2 * n));
    var b = mix32(rngBase ^ mix32(2 * n + 1));
    return ((a >>> 5) * 67108864 + (b >>> 6)) / 9007199254740992;
  }
  defineProperty(Math, 'random', { value: random, writable: true, enumerable: false, configurable: true });

  // ── Date: the call's time; local time is UTC (sandbox-prelude-date.ts) ────
${PRELUDE_DATE}

  // ── time guards on builtins that work over a whole string, array or buffer ─
  // QuickJS polls its interrupt handler every ~10,000 jumps or calls, never inside a
  // builtin: a loop whose every turn runs one of these over megabytes would outrun the
  // CPU limit thousands of times over before the first poll. Each guard checks the wall
  // clock (the real one, Date is replaced below) against the call's deadline and throws
  // InternalError('interrupted') — after the call's first MIN_GUARDED_CALLS guarded calls, so
  // that light code never depends on how busy the machine is; if the code catches it, the next guarded call throws
  // again at once and the loop soon reaches the interrupt handler, which cannot be caught.
  var realNow = RealDate.now;
  function guard(owner, names) {
    if (owner === undefined || owner === null) return;
    for (var g = 0; g < names.length; g++) {
      var key = names[g];
      var d = getOwnDesc(owner, key);
      if (d === undefined || typeof d.value !== 'function') continue;
      var wrapped = guarded(d.value, key);
      defineProperty(wrapped, 'length', { value: d.value.length });
      defineProperty(owner, key, { value: wrapped, writable: d.writable, enumerable: d.enumerable, configurable: d.configurable });
    }
  }
  function guarded(original, key) {
    var holder = {
      [key]() {
        if (++guardedCalls > ${MIN_GUARDED_CALLS} && realNow() > deadlineAt) throw new InternalError('interrupted');
        return apply(original, this, arguments);
      }
    };
    return holder[key];
  }
  var TYPED = getProto(Int8Array.prototype);
  guard(String.prototype, ['repeat', 'padStart', 'padEnd', 'split', 'replace', 'replaceAll', 'concat', 'normalize', 'toUpperCase', 'toLowerCase',
    'toLocaleUpperCase', 'toLocaleLowerCase', 'indexOf', 'lastIndexOf', 'includes', 'localeCompare', 'slice', 'substring', 'substr',
    'match', 'matchAll', 'search', 'trim', 'trimStart', 'trimEnd']);
  guard(Array.prototype, ['join', 'toString', 'toLocaleString', 'fill', 'indexOf', 'lastIndexOf', 'includes', 'slice', 'splice', 'concat', 'sort',
    'reverse', 'flat', 'copyWithin', 'toSorted', 'toReversed', 'toSpliced', 'with', 'push', 'unshift']);
  guard(TYPED, ['fill', 'set', 'sort', 'join', 'indexOf', 'lastIndexOf', 'includes', 'slice', 'copyWithin', 'reverse', 'toSorted', 'toReversed', 'with', 'toString']);
  guard(ArrayBuffer.prototype, ['slice', 'resize', 'transfer', 'transferToFixedLength']);
  guard(RegExp.prototype, ['exec', 'test', Symbol.replace, Symbol.split, Symbol.match, Symbol.matchAll, Symbol.search]);
  guard(Array, ['from', 'of']);
  guard(String, ['fromCharCode', 'fromCodePoint', 'raw']);
  guard(JSON, ['stringify', 'parse']);
  guard(Object, ['keys', 'values', 'entries', 'assign', 'fromEntries', 'getOwnPropertyNames', 'getOwnPropertyDescriptors']);
  guard(Reflect, ['apply', 'construct', 'ownKeys']);
  guard(Function.prototype, ['apply', 'call', 'bind']);

  // ── nothing that depends on the garbage collector ─────────────────────────
  delete G.WeakRef;
  delete G.FinalizationRegistry;

  // ── lockdown ──────────────────────────────────────────────────────────────
  function enableOverride(obj, prop) {
    var d = getOwnDesc(obj, prop);
    if (d === undefined || !('value' in d) || !d.configurable) return;
    var value = d.value;
    defineProperty(obj, prop, {
      get: function () { return value; },
      set: function (v) {
        if (this === obj) throw new TypeError("Cannot assign to read only property '" + String(prop) + "'");
        defineProperty(this, prop, { value: v, writable: true, enumerable: true, configurable: true });
      },
      enumerable: d.enumerable,
      configurable: false
    });
  }
  var OVERRIDABLE = ['constructor', 'toString', 'valueOf', 'toLocaleString', 'toJSON', 'name', 'message'];
  var errorProtos = [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError, InternalError, AggregateError];
  var overrideTargets = [ObjectProto, Array.prototype, Function.prototype, DateProto, RegExp.prototype, Promise.prototype];
  for (var e = 0; e < errorProtos.length; e++) overrideTargets[overrideTargets.length] = errorProtos[e].prototype;
  for (var o = 0; o < overrideTargets.length; o++) {
    for (var p = 0; p < OVERRIDABLE.length; p++) enableOverride(overrideTargets[o], OVERRIDABLE[p]);
  }

  var hidden = [
    function* () {}, (function* () {})(), async function () {}, async function* () {}, (async function* () {})(),
    [][Symbol.iterator](), new Map()[Symbol.iterator](), new Set()[Symbol.iterator](), ''[Symbol.iterator](),
    /x/[Symbol.matchAll]('x'), Promise.resolve(),
    getOwnDesc(Function.prototype, 'caller'), getOwnDesc(Function.prototype, 'arguments'),
    (function () { 'use strict'; return getOwnDesc(arguments, 'callee'); })()
  ];
  if (typeof [].values().map === 'function') hidden[hidden.length] = [].values().map(function (x) { return x; });
  if (typeof Iterator === 'function' && typeof Iterator.from === 'function') hidden[hidden.length] = Iterator.from({ next: function () { return { done: true }; } });
  var seen = new SetCtor();
  var queue = [G, hidden];
  while (queue.length > 0) {
    var item = queue.pop();
    if ((typeof item !== 'object' && typeof item !== 'function') || item === null || apply(setHas, seen, [item])) continue;
    apply(setAdd, seen, [item]);
    queue[queue.length] = getProto(item);
    var props = ownKeys(item);
    for (var q = 0; q < props.length; q++) {
      var desc = getOwnDesc(item, props[q]);
      if (desc === undefined) continue;
      if ('value' in desc) queue[queue.length] = desc.value;
      else {
        queue[queue.length] = desc.get;
        queue[queue.length] = desc.set;
      }
    }
  }
  seen.forEach(function (x) { freeze(x); });

  // ── describing values and errors ──────────────────────────────────────────
  function describeValue(v) {
    switch (typeof v) {
      case 'undefined': return 'undefined';
      case 'string': return 'a string (' + jsonStringify(v.length > 40 ? apply(stringSlice, v, [0, 40]) + '...' : v) + ')';
      case 'number': return 'a number (' + v + ')';
      case 'boolean': return 'a boolean (' + v + ')';
      case 'bigint': return 'a BigInt';
      case 'symbol': return 'a symbol';
      case 'function': return 'a function';
      default: return v === null ? 'null' : isArray(v) ? 'an array' : 'an object';
    }
  }
  var USER_LINE = /<input>:(\d+)(?::(\d+))?/;
  function describeError(error) {
    try {
      if (error instanceof Error) {
        var name = error.name, message = error.message, stack = error.stack;
        var at = typeof stack === 'string' ? apply(regexExec, USER_LINE, [stack]) : null;
        var out = { name: typeof name === 'string' ? name : 'Error', message: typeof message === 'string' ? message : '' };
        if (at !== null) out.line = +at[1];
        return out;
      }
      return { name: '', message: 'threw ' + describeValue(error) + ', not an Error' };
    } catch (unreadable) {
      return { name: '', message: 'threw a value that cannot be read' };
    }
  }
  function describeReturn(v) {
    if (v === undefined) return { kind: 'nothing' };
    if (typeof v === 'string') return { kind: 'string', value: v };
    return { kind: 'other', description: describeValue(v) };
  }

  // ── values out: checked to be plain JSON data, naming the path of a bad value ──
  // Recursive (faster than an explicit stack in QuickJS); the depth limit keeps it well inside
  // the runtime's stack limit.
  var IDENT = /^[A-Za-z_$][\w$]*$/;
  var pathParts = [];
  var ancestors = [];
  function pathText() {
    var text = pathParts[0];
    for (var i = 1; i < pathParts.length; i++) {
      var key = pathParts[i];
      text += typeof key === 'number' ? '[' + key + ']' : IDENT.test(key) ? '.' + key : '[' + jsonStringify(key) + ']';
    }
    return text;
  }
  function notJson(what) {
    throw new TypeError(pathText() + ' is ' + what + ', not a JSON value');
  }
  function kindOf(v) {
    var tag = apply(stringSlice, apply(objToString, v, []), [8, -1]);
    return tag === 'Object' ? 'an object with a prototype (a class instance)' : 'a ' + tag;
  }
  // Called for objects only; primitives are checked inline (a call per value costs in QuickJS).
  function checkObject(v, depth) {
    for (var a = 0; a < ancestors.length; a++) if (ancestors[a] === v) notJson('a cycle (it contains itself)');
    if (depth >= MAX_DEPTH) throw new TypeError(pathText() + ' is nested deeper than ' + MAX_DEPTH + ' levels');
    var list = isArray(v);
    if (!list) {
      var proto = getProto(v);
      if (proto !== ObjectProto && proto !== null) notJson(kindOf(v));
    }
    ancestors[ancestors.length] = v;
    var n = pathParts.length;
    var keys = list ? null : keysOf(v);
    var count = list ? v.length : keys.length;
    for (var i = 0; i < count; i++) {
      var key = list ? i : keys[i];
      var c = v[key];
      switch (typeof c) {
        case 'string':
        case 'boolean':
          continue;
        case 'number':
          if (c !== c || c === Infinity || c === -Infinity) {
            pathParts[n] = key;
            notJson(c + ' (not a finite number)');
          }
          continue;
        case 'object':
          if (c === null) continue;
          pathParts[n] = key;
          checkObject(c, depth + 1);
          pathParts.length = n;
          continue;
        default:
          pathParts[n] = key;
          notJson(describeValue(c));
      }
    }
    ancestors.length = ancestors.length - 1;
  }
  function checkValue(v) {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return;
      case 'number':
        if (v !== v || v === Infinity || v === -Infinity) notJson(v + ' (not a finite number)');
        return;
      case 'object':
        if (v !== null) checkObject(v, 0);
        return;
      default:
        notJson(describeValue(v));
    }
  }
  function checkJson(value, name) {
    pathParts.length = 1;
    pathParts[0] = name;
    ancestors.length = 0;
    checkValue(value);
  }

  // ── the host's entry points ───────────────────────────────────────────────
  var functions = [], params = [];
  var current = null;

  function compile(paramList, source, deadline) {
    deadlineAt = deadline;
    guardedCalls = 0;
    var text = 'function (' + paramList + ") {'use strict';" + source + '\n}';
    var fn = indirectEval('(' + text + ')');
    if (typeof fn !== 'function' || apply(fnToString, fn, []) !== text) {
      throw new SyntaxError('unmatched "}": the code closes the function it runs in');
    }
    functions[functions.length] = fn;
    params[params.length] = paramList === '' ? [] : paramList.split(',');
    return functions.length - 1;
  }

  function collect() {
    var call = current;
    try {
      for (var a = 0; a < call.args.length; a++) checkJson(call.args[a], call.names[a]);
      return jsonStringify({ returned: describeReturn(call.returned), outputs: call.args });
    } catch (error) {
      return jsonStringify({ error: describeError(error) });
    }
  }

  // input: JSON [nowMs, rngBase, deadline (host Date.now() ms), [inputs...]]
  function invoke(index, input) {
    var call = jsonParse(input);
    nowMs = call[0];
    rngBase = call[1];
    deadlineAt = call[2];
    guardedCalls = 0;
    rngCount = 0;
    current = null;
    var args = call[3];
    var returned;
    try {
      returned = apply(functions[index], undefined, args);
    } catch (error) {
      return jsonStringify({ error: describeError(error) });
    }
    current = { returned: returned, args: args, names: params[index] };
    return collect();
  }

  return { compile: compile, invoke: invoke, collect: collect };
})()`;
