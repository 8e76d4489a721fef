import { isScalar, parseDocument } from 'yaml';

/** A library path for a file a scenario in `scenarios/` names relatively (`../flows/x` → `flows/x`). */
export function libraryPathOf(ref: string, scenarioFolder = 'scenarios'): string | null {
  if (ref.startsWith('/') || /^[A-Za-z]:[\\/]/.test(ref)) return null;
  const parts: string[] = scenarioFolder.split('/').filter((p) => p !== '');
  for (const part of ref.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.length === 0 ? null : parts.join('/');
}

export interface LibraryScenarioDraft {
  yaml: string;
  /** What was changed to make the host's draft a library scenario, in words. */
  changes: string[];
}

/**
 * The host's draft (sessions.toScenario) as a scenario the library takes: one scenario
 * entry (no `format` line), its flow and mocks named by their library paths.
 */
export function libraryScenarioDraft(yaml: string): LibraryScenarioDraft {
  const doc = parseDocument(yaml);
  if (doc.errors.length > 0) return { yaml, changes: [] };
  const changes: string[] = [];
  if (doc.has('format')) {
    doc.delete('format');
    changes.push('dropped the file-level `format` line (the library stores scenario entries)');
  }
  for (const key of ['flow', 'mocks'] as const) {
    const node = doc.get(key, true);
    if (!isScalar(node) || typeof node.value !== 'string') continue;
    const path = libraryPathOf(node.value);
    if (path !== null && path !== node.value) {
      changes.push(`${key}: ${node.value} → ${path} (its library path)`);
      node.value = path;
    }
  }
  return { yaml: doc.toString({ lineWidth: 0 }), changes };
}

/** The library paths a scenario's `flow` and `mocks` name (inline ones are left out). */
export function referencedPaths(yaml: string): string[] {
  const doc = parseDocument(yaml);
  if (doc.errors.length > 0) return [];
  return (['flow', 'mocks'] as const).map((key) => doc.get(key)).filter((v): v is string => typeof v === 'string');
}
