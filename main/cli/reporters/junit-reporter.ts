import type { ResultsFile, ScenarioResult } from '../../api/formats/results';
import type { CliIo } from '../cli-io';
import type { Reporter } from './reporter';
import { writeOutput } from './write-output';

/** JUnit XML as Jenkins and GitLab read it: a testsuite per scenario file, a testcase per scenario. */
export function junitReporter(io: CliIo, file: string | undefined): Reporter {
  return { onEnd: (results) => writeOutput(io, file, toJUnit(results)) };
}

export function toJUnit(results: ResultsFile): string {
  const byFile = new Map<string, ScenarioResult[]>();
  for (const r of results.scenarios) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  const seconds = (ms: number): string => (ms / 1000).toFixed(3);
  const total = results.scenarios.reduce((sum, r) => sum + r.wallMs, 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="flowbench" tests="${results.scenarios.length}" failures="${results.summary.failed}" errors="${results.summary.errors}" time="${seconds(total)}">`,
  ];
  for (const [file, scenarios] of byFile) {
    const failures = scenarios.filter((s) => s.status === 'failed').length;
    const errors = scenarios.filter((s) => s.status === 'error').length;
    const time = scenarios.reduce((sum, r) => sum + r.wallMs, 0);
    lines.push(
      `  <testsuite name="${xml(file)}" tests="${scenarios.length}" failures="${failures}" errors="${errors}" skipped="0" time="${seconds(time)}" timestamp="${xml(results.startedAt)}">`,
    );
    for (const s of scenarios) {
      lines.push(`    <testcase classname="${xml(file)}" name="${xml(s.name)}" time="${seconds(s.wallMs)}">`);
      const failed = s.checks.filter((c) => !c.ok);
      const details = [
        ...failed.map((c) => `✗ ${c.check}: ${c.message}`),
        `ended ${s.endState}${s.endReason ? ` (${s.endReason})` : ''} at ${s.virtualMs} ms (${s.clock} clock, seed ${s.seed})`,
        `port path: ${s.path.join(' → ')}`,
      ].join('\n');
      if (s.status === 'error') {
        lines.push(`      <error message="${xml(`run ended in error: ${s.endReason ?? 'unknown'}`)}" type="${xml(s.endReason ?? 'error')}">${xml(details)}</error>`);
      } else if (s.status === 'failed') {
        const message = failed.map((c) => `${c.check}: ${c.message}`).join('; ');
        lines.push(`      <failure message="${xml(message)}" type="check">${xml(details)}</failure>`);
      }
      lines.push(`      <system-out>${xml(`port path: ${s.path.join(' → ')}`)}</system-out>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n');
}

/** Escapes text for XML attributes and content, dropping characters XML 1.0 forbids. */
export function xml(text: string): string {
  return [...text]
    .filter((ch) => isXmlChar(ch.codePointAt(0) ?? 0))
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || code >= 0x10000;
}
