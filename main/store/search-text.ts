/** Case folding used by every text search of the library (also registered in SQLite as `fold`). */
export function fold(text: string): string {
  return text.toLowerCase();
}

/** What a scenario's `text` search looks in: name, description, file, flow name and tags. */
export function scenarioSearchText(parts: {
  name: string;
  description: string | null;
  file: string;
  flowName: string;
  tags: readonly string[];
}): string {
  return fold([parts.name, parts.description ?? '', parts.file, parts.flowName, ...parts.tags].join('\n'));
}
