const KEYWORDS = new Set([
  'true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let',
  'loop', 'package', 'namespace', 'return', 'var', 'void', 'while',
  'int', 'uint', 'double', 'string', 'bool', 'bytes', 'list', 'map', 'dyn', 'type', 'null_type', 'duration', 'timestamp',
]);

/**
 * The free top-level variable names an expression reads (`tries + 1` → `tries`), ignoring
 * string literals, fields after a dot, function names and macro-bound variables.
 */
export function celIdentifiers(source: string): string[] {
  const withoutStrings = source
    .replace(/[rR]?"""[\s\S]*?"""|[rR]?'''[\s\S]*?'''/g, '""')
    .replace(/[rR]?"(?:[^"\\\n]|\\.)*"|[rR]?'(?:[^'\\\n]|\\.)*'/g, '""');
  const bound = new Set([...withoutStrings.matchAll(/\.\s*(?:all|exists|exists_one|map|filter)\s*\(\s*([A-Za-z_]\w*)/g)].map((m) => m[1] ?? ''));
  const names = new Set<string>();
  for (const match of withoutStrings.matchAll(/[A-Za-z_]\w*/g)) {
    const name = match[0];
    const before = withoutStrings.slice(0, match.index).trimEnd();
    const after = withoutStrings.slice(match.index + name.length).trimStart();
    if (before.endsWith('.') || after.startsWith('(') || KEYWORDS.has(name) || bound.has(name)) continue;
    if (/^\d/.test(name)) continue;
    names.add(name);
  }
  return [...names];
}
