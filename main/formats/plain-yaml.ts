import { load, Schema as JsYamlSchema, Type } from 'js-yaml';
import { CST, Lexer, Schema, isScalar } from 'yaml';
import type { ScalarTag } from 'yaml';

/**
 * The fast path for plain YAML files.
 *
 * The `yaml` package (the one that reports errors with their line and column, and locates
 * paths) parses about 1.5 MB/s; a library of 10,000 scenarios is 3.6 MB. js-yaml parses the
 * same text ~15× faster but differs from `yaml` at the edges: it accepts some documents
 * `yaml` rejects (multi-line flow collections and quotes that are not indented enough,
 * comments glued to a token), and turns null and collection keys into other strings.
 *
 * So js-yaml only reads documents of a plain shape, checked on `yaml`'s own lexer (cheap:
 * no parse tree): block mappings and sequences, scalars on one line, flow collections on
 * one line, comments after whitespace. Anchors, aliases, tags, directives, document markers,
 * explicit keys, block scalars, multi-line scalars, tabs and anything unusual go to `yaml`.
 * Plain scalars are resolved with the `yaml` core schema's own tests and resolvers, so
 * `0o17`, `.inf`, `True` or `2026-11-24` mean exactly what they mean to `yaml`. Anything
 * js-yaml rejects (duplicate keys, bad indentation, deep nesting) falls back to `yaml`,
 * which then says where the problem is. test/unit/formats/plain-yaml.test.ts checks that
 * both paths give the same value on every document the fast path takes.
 */
export function parsePlainYaml(text: string): { value: unknown } | null {
  if (!hasPlainShape(text)) return null;
  let value: unknown;
  try {
    value = load(text, { schema: coreSchema(), maxDepth: MAX_DEPTH });
  } catch {
    return null;
  }
  // An empty document (only comments): js-yaml says undefined, `yaml` null; let `yaml` answer.
  return value === undefined ? null : { value };
}

/** js-yaml stops here and the file goes to `yaml` (whose own bounds then apply). */
const MAX_DEPTH = 64;
/** `yaml` refuses implicit keys longer than 1024 characters; js-yaml does not. */
const MAX_KEY_CHARS = 1000;
/** Plain keys `yaml` reads as null (it writes them as "", js-yaml as "null"). */
const NULL_KEY = /^(?:~|[Nn]ull|NULL)?$/;

type Previous = 'start' | 'newline' | 'plain' | 'quoted' | 'seq-item' | 'value' | 'open' | 'close' | 'comma';

/** Whether the text only uses the plain subset of YAML described above. */
export function hasPlainShape(text: string): boolean {
  if (/[\t\r\uFEFF]/.test(text)) return false;
  /** The open flow collections; for a mapping, whether its current entry has its `:`. */
  const flow: { kind: 'map' | 'seq'; hasValue: boolean }[] = [];
  let previous: Previous = 'start';
  let afterSpace = true;
  /** The source of the last scalar: the key, when a `:` follows. */
  let scalarSource = '';
  let blockValueIndicators = 0;
  let atScalar = false;
  for (const token of new Lexer().lex(text)) {
    if (atScalar) {
      // The source of a plain scalar follows its marker token.
      atScalar = false;
      if (token.includes('\n') || /^(?:[@`]|---|\.\.\.)/.test(token) || !mayStartValue(previous)) return false;
      scalarSource = token;
      previous = 'plain';
      afterSpace = false;
      continue;
    }
    const type = CST.tokenType(token);
    switch (type) {
      case 'doc-mode':
        continue;
      case 'space':
        afterSpace = true;
        continue;
      case 'newline':
        // An empty sequence item (`- ` and the line ends) is misread by js-yaml when a less
        // indented item follows.
        if (flow.length > 0 || previous === 'seq-item') return false;
        blockValueIndicators = 0;
        previous = 'newline';
        afterSpace = true;
        continue;
      case 'comment':
        if (!afterSpace) return false;
        continue;
      case 'scalar':
        atScalar = true;
        continue;
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        if (!isClosedQuote(token) || !mayStartValue(previous)) return false;
        scalarSource = token;
        previous = 'quoted';
        break;
      case 'seq-item-ind':
        if (flow.length > 0 || (previous !== 'start' && previous !== 'newline' && previous !== 'seq-item')) return false;
        previous = 'seq-item';
        break;
      case 'map-value-ind': {
        // Keys are non-empty scalars on the line, never null, never collections.
        if (previous !== 'plain' && previous !== 'quoted') return false;
        if ((previous === 'plain' && NULL_KEY.test(scalarSource)) || scalarSource.length > MAX_KEY_CHARS) return false;
        if (flow.length === 0 && ++blockValueIndicators > 1) return false;
        const inFlow = flow.at(-1);
        if (inFlow?.kind === 'map') inFlow.hasValue = true;
        previous = 'value';
        break;
      }
      case 'flow-map-start':
      case 'flow-seq-start':
        // A collection is a value: never a key, never glued to the token before it.
        if (flow.at(-1)?.kind === 'map' ? previous !== 'value' : !mayStartValue(previous)) return false;
        flow.push({ kind: type === 'flow-map-start' ? 'map' : 'seq', hasValue: false });
        previous = 'open';
        break;
      case 'flow-map-end':
      case 'flow-seq-end': {
        const closed = flow.pop();
        if (closed?.kind !== (type === 'flow-map-end' ? 'map' : 'seq')) return false;
        // No trailing comma, no empty value; `{}` is fine, `{ a }` (a key without `:`) is not.
        if (previous === 'comma' || previous === 'value' || (closed.kind === 'map' && previous !== 'open' && !closed.hasValue)) return false;
        previous = 'close';
        break;
      }
      case 'comma': {
        const inFlow = flow.at(-1);
        if (inFlow === undefined || previous === 'open' || previous === 'comma' || previous === 'value') return false;
        if (inFlow.kind === 'map') {
          if (!inFlow.hasValue) return false;
          inFlow.hasValue = false;
        }
        previous = 'comma';
        break;
      }
      default:
        // anchors, aliases, tags, directives, document markers, explicit keys, block scalars, errors
        return false;
    }
    afterSpace = false;
  }
  return flow.length === 0 && !atScalar;
}

/** Whether a scalar or a flow collection may start after this token. */
function mayStartValue(previous: Previous): boolean {
  return previous !== 'plain' && previous !== 'quoted' && previous !== 'close';
}

/** A quoted scalar that ends on its own line with its closing quote. */
function isClosedQuote(token: string): boolean {
  if (token.length < 2 || token.includes('\n')) return false;
  const quote = token[0];
  if (token[token.length - 1] !== quote) return false;
  if (quote === "'") return true; // the lexer ends a single-quoted scalar only at a lone quote
  let backslashes = 0;
  for (let i = token.length - 2; i > 0 && token[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 0;
}

let schema: JsYamlSchema | undefined;

/**
 * A js-yaml schema that resolves plain scalars with the tests and resolvers of the `yaml`
 * core schema, in its order. Its tags are private, so an explicit `!!int` never matches them
 * (the shape check keeps tags away anyway).
 */
function coreSchema(): JsYamlSchema {
  if (schema !== undefined) return schema;
  const scalarTags = new Schema({ schema: 'core' }).tags.filter((tag): tag is ScalarTag & { test: RegExp } => 'test' in tag && tag.test instanceof RegExp && tag.default === true);
  const implicit = scalarTags.map(
    (tag, i) =>
      new Type(`tag:flowbench.local,2026:plain-${i}`, {
        kind: 'scalar',
        resolve: (data) => typeof data === 'string' && tag.test.test(data),
        construct: (data) => {
          const resolved = tag.resolve(data, (message) => {
            throw new Error(message);
          }, {});
          return isScalar(resolved) ? resolved.value : resolved;
        },
      }),
  );
  schema = new JsYamlSchema({ implicit, explicit: [] });
  return schema;
}
