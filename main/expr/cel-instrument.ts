import { CelMeter, deepCost, shallowCost } from './cel-meter';
import { compileSafeRegex, matchWork } from './safe-regex';

/*
 * Hooks a parsed @marcbachmann/cel-js (v8) expression so that its evaluation is metered
 * and `matches()` runs on RE2. The library has no runtime cost limit and calls
 * `new RegExp(pattern)` for `matches()`; both are added here through the evaluator's
 * own extension point: every AST node is evaluated as `node.evaluate(evaluator, node,
 * ctx)`, and its operator's implementation is `node.meta.evaluate` (or the node's macro
 * expansion, `meta.alternate` / `meta.macro`). Each node of the tree gets an own
 * `evaluate` that charges the meter, then does what the library would. The shapes used
 * are checked at run time (isHookable); test/unit/expr/cel-budget.test.ts fails if a
 * library update changes them.
 */

interface Evaluator {
  run(node: HookableNode, ctx: unknown): unknown;
}
/** The evaluator's "evaluate, and return an error instead of throwing it" (for `||`, `exists`…). */
type TryEval = (node: HookableNode, ctx: unknown) => unknown;
type EvaluateFn = (ev: Evaluator, node: HookableNode, ctx: unknown) => unknown;
interface Macro {
  evaluate(ev: Evaluator, macro: Macro, ctx: unknown): unknown;
}
interface HookableNode {
  readonly op: string;
  readonly args: unknown;
  readonly meta: { evaluate?: EvaluateFn; alternate?: HookableNode; macro?: Macro };
  evaluate: EvaluateFn;
}

function isHookable(value: unknown): value is HookableNode {
  if (typeof value !== 'object' || value === null) return false;
  if (!('op' in value) || typeof value.op !== 'string' || !('args' in value)) return false;
  if (!('evaluate' in value) || typeof value.evaluate !== 'function') return false;
  return 'meta' in value && typeof value.meta === 'object' && value.meta !== null;
}

/** Operators that compare two whole values: they cost the smaller of the two. */
const COMPARE = new Set(['==', '!=', '<', '<=', '>', '>=']);
/** Operators and functions that make a new value: they cost its size. */
const MAKERS = new Set(['+', 'list', 'map', 'call', 'rcall']);
/** Functions whose work grows with their operands: they cost reading them. */
const READERS = new Set([
  'contains', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'split', 'join', 'lowerAscii', 'upperAscii', 'trim',
  'substring', 'string', 'bytes', 'int', 'uint', 'double', 'bool', 'json', 'hex', 'base64', 'dyn', 'type',
]);

/** Where an operand's value goes: a pair compared as a whole, or a function reading it. */
type Role = { kind: 'pair'; slot: PairSlot; index: number; membership: boolean } | { kind: 'read' } | { kind: 'size' };
interface PairSlot {
  values: unknown[];
  filled: number;
}

export type MeterSource = () => CelMeter | null;

/** Installs the metered `evaluate` on every node of a parsed (and type-checked) expression. */
export function instrumentCel(root: unknown, meter: MeterSource): void {
  if (!isHookable(root)) throw new Error('unexpected CEL AST shape (is @marcbachmann/cel-js still v8?)');
  const roles = new Map<HookableNode, Role>();
  const slots = new Map<HookableNode, PairSlot>();
  const nodes: HookableNode[] = [];
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (isHookable(value)) {
      nodes.push(value);
      assignRoles(value, roles, slots);
      stack.push(value.args, value.meta.alternate, value.meta.macro);
    } else if (Array.isArray(value)) {
      stack.push(...value);
    } else if (Object.getPrototypeOf(value) === Object.prototype) {
      // Plain objects: a comprehension's parts, a macro's arguments (not contexts or types).
      stack.push(...Object.values(value));
    }
  }
  for (const node of nodes) hook(node, roles.get(node) ?? null, slots.get(node) ?? null, meter);
}

function assignRoles(node: HookableNode, roles: Map<HookableNode, Role>, slots: Map<HookableNode, PairSlot>): void {
  if ((COMPARE.has(node.op) || node.op === 'in') && Array.isArray(node.args)) {
    const slot: PairSlot = { values: [undefined, undefined], filled: 0 };
    slots.set(node, slot);
    node.args.forEach((operand: unknown, index: number) => {
      if (isHookable(operand)) roles.set(operand, { kind: 'pair', slot, index, membership: node.op === 'in' });
    });
    return;
  }
  const called = calledFunction(node);
  if (called === null) return;
  const role: Role | null = called.name === 'size' ? { kind: 'size' } : READERS.has(called.name) ? { kind: 'read' } : null;
  if (role !== null) for (const operand of called.operands) roles.set(operand, role);
}

/** `f(a, b)` and `a.f(b)`: the function's name and its operands (receiver first). */
function calledFunction(node: HookableNode): { name: string; operands: HookableNode[] } | null {
  if (!Array.isArray(node.args)) return null;
  const [name, first, second] = node.args as unknown[];
  if (typeof name !== 'string') return null;
  if (node.op === 'call' && Array.isArray(first)) return { name, operands: first.filter(isHookable) };
  if (node.op === 'rcall' && isHookable(first) && Array.isArray(second)) return { name, operands: [first, ...second.filter(isHookable)] };
  return null;
}

/**
 * `pairSlot`: for a comparison, where its two operands leave their values, so that the
 * second one charges the comparison before the library runs it.
 */
function hook(node: HookableNode, role: Role | null, pairSlot: PairSlot | null, meter: MeterSource): void {
  const makes = MAKERS.has(node.op);
  const called = calledFunction(node);
  const matches = called !== null && node.op === 'rcall' && called.name === 'matches' && called.operands.length === 2 ? called.operands : null;
  // A pattern written in the expression is checked now: one RE2 cannot run is a bad expression.
  const literal = matches?.[1];
  if (literal !== undefined && literal.op === 'value' && typeof literal.args === 'string') compileSafeRegex(literal.args);

  node.evaluate = (ev, self, ctx) => {
    const m = meter();
    if (m !== null) {
      running = m;
      stopLoopsOverBudget(ev);
      m.charge(1);
    }
    if (pairSlot !== null) pairSlot.filled = 0;
    const result = matches !== null ? evaluateMatches(ev, matches, ctx, m) : original(node, ev, self, ctx);
    if (m !== null && !(result instanceof Promise)) {
      if (makes) m.charge(shallowCost(result));
      if (role !== null) chargeRole(m, role, result);
    }
    return result;
  };
}

const guarded = new WeakSet<object>();
let lastGuarded: Evaluator | null = null;
/** The meter of the node evaluated last: the evaluation running now (they are synchronous). */
let running: CelMeter | null = null;

/**
 * `exists`, `all`, `||` and `&&` evaluate their parts with `tryEval`, which turns an error
 * into a value and goes on (so `exists` over 200,000 items would take every item after the
 * budget ran out). Once the budget is spent, `tryEval` throws instead: the evaluation ends.
 */
function stopLoopsOverBudget(ev: Evaluator): void {
  if (ev === lastGuarded) return;
  lastGuarded = ev;
  if (guarded.has(ev) || !('tryEval' in ev) || typeof ev.tryEval !== 'function') return;
  guarded.add(ev);
  const tryEval: TryEval = ev.tryEval.bind(ev);
  const replacement: TryEval = (node, ctx) => {
    running?.stopIfExhausted();
    return tryEval(node, ctx);
  };
  Object.assign(ev, { tryEval: replacement });
}

/** What the library would have done for this node. */
function original(node: HookableNode, ev: Evaluator, self: HookableNode, ctx: unknown): unknown {
  const meta = node.meta;
  if (meta.alternate) return meta.alternate.evaluate(ev, meta.alternate, ctx);
  if (meta.macro) return meta.macro.evaluate(ev, meta.macro, ctx);
  if (!meta.evaluate) throw new Error(`CEL node '${node.op}' cannot be evaluated`);
  return meta.evaluate(ev, self, ctx);
}

function chargeRole(m: CelMeter, role: Role, value: unknown): void {
  if (role.kind === 'read') {
    m.charge(deepCost(value, m.remaining));
  } else if (role.kind === 'size') {
    if (typeof value === 'string') m.charge(shallowCost(value));
  } else {
    role.slot.values[role.index] = value;
    if (++role.slot.filled < 2) return;
    const [a, b] = role.slot.values;
    role.slot.filled = 0;
    role.slot.values.fill(undefined);
    if (role.membership) {
      // `x in list` compares x with each entry; `k in map` is one lookup.
      const costB = Array.isArray(b) ? deepCost(b, m.remaining) : 1;
      const perEntry = Array.isArray(b) ? b.length * deepCost(a, m.remaining) : 1;
      m.charge(Math.min(costB, perEntry));
    } else {
      const costA = deepCost(a, m.remaining);
      m.charge(Math.min(costA, deepCost(b, costA)));
    }
  }
}

/** `text.matches(pattern)` on RE2, with the match paid for by its work. */
function evaluateMatches(ev: Evaluator, operands: readonly HookableNode[], ctx: unknown, m: CelMeter | null): boolean {
  const [receiver, argument] = operands as [HookableNode, HookableNode];
  const pattern = ev.run(argument, ctx);
  const text = ev.run(receiver, ctx);
  if (typeof text !== 'string' || typeof pattern !== 'string') {
    throw new Error(`found no matching overload for '${celTypeName(text)}.matches(${celTypeName(pattern)})'`);
  }
  const re = compileSafeRegex(pattern);
  m?.charge(Math.ceil(matchWork(text.length, re.programSize) / 100));
  return re.test(text);
}

function celTypeName(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'double';
  if (typeof value === 'boolean') return 'bool';
  if (value === null) return 'null_type';
  if (Array.isArray(value)) return 'list';
  return 'map';
}
