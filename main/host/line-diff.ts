import { diffArrays } from 'diff';
import type { DiffLine } from '../api/line-diff';

/**
 * The line diff of two texts, every line included (jsdiff's Myers diff over lines; a removed
 * line comes before the line added in its place, as diff tools show it). `hunks` in
 * main/api/line-diff cuts it down to the changes and their context.
 */
export function lineDiff(before: string, after: string): DiffLine[] {
  const out: DiffLine[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const part of diffArrays(splitLines(before), splitLines(after))) {
    for (const text of part.value) {
      if (part.removed) out.push({ op: '-', text, old: oldLine++ });
      else if (part.added) out.push({ op: '+', text, new: newLine++ });
      else out.push({ op: ' ', text, old: oldLine++, new: newLine++ });
    }
  }
  return out;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
