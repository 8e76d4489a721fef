import { LineCounter, isNode, parseDocument } from 'yaml';
import { FormatError } from './format-error';
import { parsePlainYaml } from './plain-yaml';
import type { FileIssue } from './format-error';

/** A parsed YAML or JSON file that can say where a path inside it is written. */
export interface SourceDocument {
  readonly file: string;
  readonly value: unknown;
  locate(path: readonly PropertyKey[]): { line: number; column: number } | undefined;
  issue(path: readonly PropertyKey[], pathText: string, message: string): FileIssue;
}

const MAX_ALIAS_COUNT = 100;

/**
 * Parses YAML (JSON is valid YAML 1.2). Syntax errors raise a FormatError with the line
 * and column; duplicate keys are errors too.
 */
export function parseSourceDocument(file: string, text: string): SourceDocument {
  // JSON is read with JSON.parse, plain YAML with the fast path (plain-yaml.ts); the full
  // YAML parser only runs if a path must be located, or for everything else.
  const fast = readFast(file, text);
  if (fast === null) return parseYamlDocument(file, text);
  let located: SourceDocument | undefined;
  const yamlDoc = (): SourceDocument => (located ??= parseYamlDocument(file, text));
  return {
    file,
    value: fast.value,
    locate: (path) => yamlDoc().locate(path),
    issue: (path, pathText, message) => yamlDoc().issue(path, pathText, message),
  };
}

function readFast(file: string, text: string): { value: unknown } | null {
  if (/^\s*[[{]/.test(text) && file.endsWith('.json')) {
    try {
      return { value: JSON.parse(text) as unknown };
    } catch {
      // Not valid JSON: the YAML parser says where.
    }
  }
  return parsePlainYaml(text);
}

/** The full YAML parser, with positions: what the fast paths must agree with. */
export function parseYamlDocument(file: string, text: string): SourceDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: true,
    uniqueKeys: true,
    strict: true,
  });
  if (doc.errors.length > 0) {
    throw new FormatError(
      doc.errors.map((error) => {
        const pos = error.linePos?.[0];
        return {
          file,
          path: '(syntax)',
          message: `invalid YAML/JSON: ${firstLine(error.message)}`,
          ...(pos ? { line: pos.line, column: pos.col } : {}),
        };
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
  const locate = (path: readonly PropertyKey[]): { line: number; column: number } | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node: unknown = doc.getIn(path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) {
        const pos = lineCounter.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return undefined;
  };
  return {
    file,
    value,
    locate,
    issue(path, pathText, message) {
      const pos = locate(path);
      return { file, path: pathText, message, ...(pos ? { line: pos.line, column: pos.column } : {}) };
    },
  };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}
