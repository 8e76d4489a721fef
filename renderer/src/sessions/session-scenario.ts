import { parseDocument } from 'yaml';

/** How a library scenario names its flow or its mocks: a library path, or the file inline. */
export interface ScenarioRef {
  key: 'flow' | 'mocks';
  /** The library path, or null when the scenario carries the file inline. */
  path: string | null;
}

/**
 * How a scenario entry (YAML) names its flow and mocks. The host's draft of a session names
 * them by library path, or inline when they live outside the examples folder.
 */
export function scenarioRefs(yaml: string): ScenarioRef[] {
  const doc = parseDocument(yaml);
  if (doc.errors.length > 0) return [];
  const refs: ScenarioRef[] = [];
  for (const key of ['flow', 'mocks'] as const) {
    if (!doc.has(key)) continue;
    const value: unknown = doc.get(key);
    refs.push({ key, path: typeof value === 'string' ? value : null });
  }
  return refs;
}

/** In words, for the editor's intro: `flow: flows/x.flow.yaml (library), mocks: inline`. */
export function describeRefs(refs: readonly ScenarioRef[]): string {
  return refs.map((r) => `${r.key}: ${r.path === null ? 'inline (its file is outside the examples folder)' : `${r.path} (library path)`}`).join(', ');
}
