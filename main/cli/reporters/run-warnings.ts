import type { ScenarioResult } from '../../api/formats/results';
import type { colors } from '../colors';

/** Warnings shown per scenario; the rest are counted. */
const SHOWN = 5;

/**
 * The warning events of a run (`cel_error`, `map_error`, `missing_context`, …) as lines
 * for the terminal: a condition whose expression failed took `else` for a reason the
 * reader must see, even when the scenario passed.
 */
export function warningLines(result: ScenarioResult, c: ReturnType<typeof colors>, indent = '    '): string[] {
  const warnings = result.trace.flatMap((e) => (e.type === 'warning' ? [e] : []));
  const lines = warnings.slice(0, SHOWN).map((w) => {
    const where = w.module !== undefined ? ` in ${w.module}` : '';
    return `${indent}${c.yellow('⚠')} ${w.kind}${where} at ${w.t} ms: ${w.message}`;
  });
  if (warnings.length > SHOWN) lines.push(`${indent}${c.dim(`… and ${warnings.length - SHOWN} more warnings (see the JSON report)`)}`);
  return lines;
}
