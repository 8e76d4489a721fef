import { LineCounter, isNode, isScalar, parseDocument } from 'yaml';
import { FormatError } from './format-error';
import type { FileIssue } from './format-error';

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
 * and column; duplicate keys are errors too.
 */
export function parseSourceDocument(file: string, text: string): SourceDocument {
  // JSON is read with JSON.parse (fast); the YAML parser only runs if a path must be located.
  if (/^\s*[[{]/.test(text) && file.endsWith('.json')) {
    try {
      const value: unknown = JSON.parse(text);
      let located: SourceDocument | undefined;
      const yamlDoc = (): SourceDocument => (located ??= parseYamlDocument(file, text));
      return {
        file,
        value,
        locate: (path, valueLine) => yamlDoc().locate(path, valueLine),
        issue: (path, pathText, message, valueLine) => yamlDoc().issue(path, pathText, message, valueLine),
      };
    } catch {
      // Not valid JSON: the YAML parser says where.
    }
  }
  return parseYamlDocument(file, text);
}

function parseYamlDocument(file: string, text: string): SourceDocument {
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
  return {
    file,
    value,
    locate,
    issue(path, pathText, message, valueLine) {
      const pos = locate(path, valueLine);
      return { file, path: pathText, message, ...(pos ? { line: pos.line, column: pos.column } : {}) };
    },
  };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}
