import { StreamLanguage } from '@codemirror/language';
import type { StringStream } from '@codemirror/language';

/**
 * JavaScript highlighting for the code editors (lambda bodies and endpoint hooks), as a
 * CodeMirror stream language: keywords, strings and template literals, numbers, comments,
 * regular expressions, and the names flow code is given (context, message, request,
 * response). Only highlighting: whether the code compiles is the host's answer (QuickJS).
 */
export interface JsState {
  /** Inside a block comment or a template literal that goes on past the line. */
  inside: 'code' | 'comment' | 'template';
  /** The last token could end an expression: a `/` after it divides, else starts a regex. */
  afterValue: boolean;
}

const KEYWORDS = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'export', 'extends', 'finally', 'for', 'function',
  'if', 'import', 'in', 'instanceof', 'let', 'new', 'of', 'return', 'super', 'switch', 'throw', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'async', 'await',
]);
const ATOMS = new Set(['true', 'false', 'null', 'undefined', 'NaN', 'Infinity', 'this']);
/** The parameters flow code receives (SPEC §7.2). */
export const CODE_NAMES = new Set(['context', 'message', 'request', 'response']);
/** Keywords after which an expression starts (a `/` then begins a regular expression). */
const EXPRESSION_KEYWORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'instanceof', 'new', 'throw', 'void', 'delete', 'yield', 'await', 'of']);

function until(stream: StringStream, end: string, state: JsState, inside: JsState['inside']): void {
  let escaped = false;
  while (!stream.eol()) {
    const ch = stream.next();
    if (ch === undefined) break;
    if (inside === 'comment') {
      if (ch === '*' && stream.eat('/')) {
        state.inside = 'code';
        return;
      }
      continue;
    }
    if (!escaped && ch === end) {
      state.inside = 'code';
      return;
    }
    escaped = !escaped && ch === '\\';
  }
  state.inside = inside;
}

function regex(stream: StringStream): void {
  let escaped = false;
  let inClass = false;
  while (!stream.eol()) {
    const ch = stream.next();
    if (!escaped && ch === '[') inClass = true;
    else if (!escaped && ch === ']') inClass = false;
    else if (!escaped && !inClass && ch === '/') break;
    escaped = !escaped && ch === '\\';
  }
  stream.match(/^[a-z]*/);
}

export function jsToken(stream: StringStream, state: JsState): string | null {
  if (state.inside === 'comment') {
    until(stream, '*/', state, 'comment');
    return 'comment';
  }
  if (state.inside === 'template') {
    until(stream, '`', state, 'template');
    state.afterValue = true;
    return 'string.special';
  }
  if (stream.eatSpace()) return null;
  if (stream.match('//')) {
    stream.skipToEnd();
    return 'comment';
  }
  if (stream.match('/*')) {
    until(stream, '*/', state, 'comment');
    return 'comment';
  }
  const ch = stream.peek() ?? '';
  if (ch === '"' || ch === "'") {
    stream.next();
    until(stream, ch, state, 'code');
    state.inside = 'code'; // a string does not go on past its line
    state.afterValue = true;
    return 'string';
  }
  if (ch === '`') {
    stream.next();
    until(stream, '`', state, 'template');
    state.afterValue = true;
    return 'string.special';
  }
  if (stream.match(/^(?:0[xX][\da-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?n?)/)) {
    state.afterValue = true;
    return 'number';
  }
  if (ch === '/' && !state.afterValue) {
    stream.next();
    regex(stream);
    state.afterValue = true;
    return 'string.special';
  }
  const word = stream.match(/^[A-Za-z_$][\w$]*/);
  if (word && typeof word !== 'boolean') {
    const name = word[0];
    if (KEYWORDS.has(name)) {
      state.afterValue = !EXPRESSION_KEYWORDS.has(name) && name !== 'if' && name !== 'while' && name !== 'for';
      return 'keyword';
    }
    state.afterValue = true;
    if (ATOMS.has(name)) return 'atom';
    if (CODE_NAMES.has(name)) return 'variableName.special';
    return stream.string.charAt(stream.start - 1) === '.' ? 'propertyName' : 'variableName';
  }
  if (stream.match(/^(?:[+\-*%=<>!&|^~?:]|\/(?![/*]))+/)) {
    state.afterValue = false;
    return 'operator';
  }
  stream.next();
  state.afterValue = ch === ')' || ch === ']' || ch === '}';
  return /[()[\]{}.,;]/.test(ch) ? 'punctuation' : null;
}

export const javascriptLanguage = StreamLanguage.define<JsState>({
  name: 'javascript',
  startState: () => ({ inside: 'code', afterValue: false }),
  copyState: (state) => ({ ...state }),
  token: jsToken,
  languageData: { commentTokens: { line: '//', block: { open: '/*', close: '*/' } }, closeBrackets: { brackets: ['(', '[', '{', "'", '"', '`'] } },
});
