import type { CodeProblem } from '../../../main/api/routes/flow-code';

/** Where an editor marks a compile problem: the whole line QuickJS named (1-based), clamped to the text. */
export function problemRange(text: string, problem: CodeProblem): { from: number; to: number; line: number } | null {
  if (problem.line === null) return null;
  const lines = text.split('\n');
  const line = Math.min(Math.max(problem.line, 1), lines.length);
  let from = 0;
  for (let i = 0; i < line - 1; i++) from += (lines[i] as string).length + 1;
  const to = from + (lines[line - 1] as string).length;
  return { from, to, line };
}

/** `Line 2: SyntaxError: expecting ')'` — how a problem reads under the editor. */
export function problemText(problem: CodeProblem): string {
  return problem.line === null ? problem.message : `Line ${problem.line}: ${problem.message}`;
}
