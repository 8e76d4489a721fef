import type { LoadedScenario } from '../formats/loaded-scenario';

/**
 * The scenario a command works on: by index in the file (0-based; `each:` rows count as
 * scenarios of their own), or by a unique part of its name; the first when none is given.
 * A string is the reason none could be picked.
 */
export function pickScenario(scenarios: readonly LoadedScenario[], which: string | undefined): LoadedScenario | string {
  if (which === undefined) return scenarios[0] ?? 'the file holds no scenario';
  if (/^\d+$/.test(which)) return scenarios[Number(which)] ?? `no scenario at index ${which} (the file has ${scenarios.length})`;
  const matches = scenarios.filter((s) => s.name.includes(which));
  if (matches.length === 1) return matches[0] as LoadedScenario;
  return matches.length === 0
    ? `no scenario named like '${which}' (${scenarios.map((s) => `"${s.name}"`).join(', ')})`
    : `'${which}' matches ${matches.length} scenarios; be more precise or give an index`;
}
