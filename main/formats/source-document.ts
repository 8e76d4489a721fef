import { Composer, isNode, isScalar, LineCounter, Parser, YAMLParseError } from 'yaml';
import type { CST, Document } from 'yaml';
import { LIMITS } from '../api/formats/common';
import { formatIssuePath } from '../api/issue-path';
import { countValues, tooDeepAt, tooDeepMessage } from '../api/json-shape';
import { FormatError } from './format-error';
import { parsePlainYaml } from './plain-yaml';
import type { FileIssue } from './format-error';
import { jsonLocator, lineIndex } from './json-locate';
import { cstDepthIssue, yamlSizeIssue } from './yaml-limits';

/** A parsed YAML or JSON file that can say where a path inside it is written. */
export interface SourceDocument {
  readonly file: string;
  readonly value: unknown;
  /**
   * Where a path is written; with `valueLine`, where that line of a multi-line text value
   * (a YAML `|` block, e.g. JavaScript code) is, when the file says so exactly.
   */
  locate(path: readonly PropertyKey[], valueLine?: number): { line: number; column: number } | undefined;
  issue(path: readonly PropertyKey[], pathText: string, message: string, valueLine?: number): FileIssue;
}

const MAX_ALIAS_COUNT = 100;

/**
 * Parses YAML (JSON is valid YAML 1.2). Syntax errors raise a FormatError with the line
 * and column; duplicate keys are errors too. Every document is held to the limits of
 * README "Limits" (nesting, number of values, size of YAML) before the heavy work.
 */
export function parseSourceDocument(file: string, text: string): SourceDocument {
  // JSON is read with JSON.parse and located by a scan of its text; plain YAML is read by the
  // fast path (plain-yaml.ts) and located by the full parser only if a path must be located;
  // everything else goes to the full YAML parser. Every path holds the same limits.
  if (/^\s*[[{]/.test(text) && file.endsWith('.json')) {
    let value: unknown;
    let parsed = false;
    try {
      value = JSON.parse(text);
      parsed = true;
    } catch {
      // Not valid JSON: the YAML parser says where.
    }
    if (parsed) return jsonDocument(file, text, value);
  }
  const tooLarge = yamlSizeIssue(file, text);
  if (tooLarge) throw new FormatError([tooLarge]);
  const fast = parsePlainYaml(text);
  if (fast === null) return parseMeasuredYaml(file, text);
  let located: SourceDocument | undefined;
  const yamlDoc = (): SourceDocument => (located ??= parseMeasuredYaml(file, text));
  const doc: SourceDocument = {
    file,
    value: fast.value,
    locate: (path, valueLine) => yamlDoc().locate(path, valueLine),
    issue: (path, pathText, message, valueLine) => yamlDoc().issue(path, pathText, message, valueLine),
  };
  const problem = shapeIssue(doc, fast.value);
  if (problem) throw new FormatError([problem]);
  return doc;
}

function jsonDocument(file: string, text: string, value: unknown): SourceDocument {
  const position = lineIndex(text);
  const offsetOf = jsonLocator(text);
  const locate = (path: readonly PropertyKey[]): { line: number; column: number } => position(offsetOf(path));
  const doc: SourceDocument = {
    file,
    value,
    locate,
    issue: (path, pathText, message) => ({ file, path: pathText, message, ...locate(path) }),
  };
  const problem = shapeIssue(doc, value);
  if (problem) throw new FormatError([problem]);
  return doc;
}

/** The full YAML parser, with positions: what the fast path must agree with. */
export function parseYamlDocument(file: string, text: string): SourceDocument {
  const tooLarge = yamlSizeIssue(file, text);
  if (tooLarge) throw new FormatError([tooLarge]);
  return parseMeasuredYaml(file, text);
}

/** The full YAML parser on a text already within the size limits. */
function parseMeasuredYaml(file: string, text: string): SourceDocument {
  const lineCounter = new LineCounter();
  const tokens: CST.Token[] = [...new Parser(lineCounter.addNewLine).parse(text)];
  const tooDeep = cstDepthIssue(file, tokens, (offset) => lineCounter.linePos(offset));
  if (tooDeep) throw new FormatError([tooDeep]);
  const doc = compose(tokens, text.length);
  if (doc.errors.length > 0) {
    throw new FormatError(
      doc.errors.map((error) => {
        const pos = lineCounter.linePos(error.pos[0]);
        return { file, path: '(syntax)', message: `invalid YAML/JSON: ${firstLine(error.message)}`, line: pos.line, column: pos.col };
      }),
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw new FormatError([
      { file, path: '(syntax)', message: `cannot read the document: ${error instanceof Error ? error.message : String(error)}` },
    ]);
  }
  const locate = (path: readonly PropertyKey[], valueLine?: number): { line: number; column: number } | undefined => {
    const exact: unknown = valueLine === undefined ? undefined : doc.getIn(path as unknown[], true);
    if (isScalar(exact) && exact.type === 'BLOCK_LITERAL' && exact.range && valueLine !== undefined) {
      // A literal block's text starts on the line after its `|` header, line for line.
      const line = lineCounter.linePos(exact.range[0]).line + valueLine;
      const lineText = text.split('\n')[line - 1];
      if (lineText !== undefined) return { line, column: lineText.length - lineText.trimStart().length + 1 };
    }
    for (let n = path.length; n >= 0; n--) {
      const node: unknown = doc.getIn(path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) {
        const pos = lineCounter.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return undefined;
  };
  const source: SourceDocument = {
    file,
    value,
    locate,
    issue(path, pathText, message, valueLine) {
      const pos = locate(path, valueLine);
      return { file, path: pathText, message, ...(pos ? { line: pos.line, column: pos.column } : {}) };
    },
  };
  // Aliases can nest a document deeper than it is written, and multiply its values.
  const problem = shapeIssue(source, value);
  if (problem) throw new FormatError([problem]);
  return source;
}

/** What `parseDocument` does, on tokens already measured: one document, errors on a second. */
function compose(tokens: readonly CST.Token[], length: number): Document.Parsed {
  const composer = new Composer({ uniqueKeys: true, strict: true });
  let doc: Document.Parsed | null = null;
  for (const next of composer.compose(tokens, true, length)) {
    if (doc === null) doc = next;
    else {
      const start = next.range[0];
      doc.errors.push(new YAMLParseError([start, start + 1], 'MULTIPLE_DOCS', 'Source contains multiple documents; one file holds one document'));
      break;
    }
  }
  if (doc === null) throw new Error('the YAML composer gave no document');
  return doc;
}

/** Nesting and number of values, the limits every parsed document is held to. */
function shapeIssue(doc: SourceDocument, value: unknown): FileIssue | null {
  const count = countValues(value, LIMITS.documentValues);
  if (count > LIMITS.documentValues) {
    return { file: doc.file, path: '(file)', message: `too many values: more than ${LIMITS.documentValues} (the limit for one document)` };
  }
  const deep = tooDeepAt(value);
  return deep === null ? null : doc.issue(deep, formatIssuePath(deep), tooDeepMessage());
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}
