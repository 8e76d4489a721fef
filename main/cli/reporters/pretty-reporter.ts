import { Presets, SingleBar } from 'cli-progress';
import type { ResultsFile, ScenarioResult } from '../../api/formats/results';
import type { CliIo } from '../cli-io';
import { colors } from '../colors';
import type { Reporter } from './reporter';
import { writeOutput } from './write-output';

/** Suites at least this long get a progress bar on a terminal instead of a line each. */
const PROGRESS_BAR_FROM = 50;

/**
 * Human output: a line per scenario (or a progress bar on a terminal for long suites), then
 * every failure with the check, expected vs actual, and the port path taken; then a summary.
 */
export function prettyReporter(io: CliIo, file: string | undefined): Reporter {
  const toStdout = file === undefined;
  const c = colors(toStdout && io.stdout.isTTY === true && io.env['NO_COLOR'] === undefined);
  let bar: SingleBar | null = null;
  let done = 0;
  let failedSoFar = 0;
  const lines: string[] = [];
  const emit = (line: string): void => {
    if (toStdout) io.stdout.write(`${line}\n`);
    else lines.push(line);
  };

  return {
    onBegin(total) {
      emit(`Running ${total} scenario${total === 1 ? '' : 's'}`);
      if (toStdout && io.stderr.isTTY === true && total >= PROGRESS_BAR_FROM) {
        bar = new SingleBar(
          { format: '  {bar} {value}/{total} scenarios  {failed} failed', stream: io.stderr as NodeJS.WritableStream, hideCursor: true, clearOnComplete: true },
          Presets.shades_classic,
        );
        bar.start(total, 0, { failed: 0 });
      }
    },
    onResult(result) {
      done++;
      if (result.status !== 'passed') failedSoFar++;
      if (bar) {
        bar.update(done, { failed: failedSoFar });
        return;
      }
      const mark = result.status === 'passed' ? c.green('✓') : c.red('✗');
      emit(`  ${mark} ${result.name} ${c.dim(`(${result.file}, ${result.endState} at ${result.virtualMs} ms)`)}`);
    },
    async onEnd(results: ResultsFile) {
      (bar as SingleBar | null)?.stop();
      const bad = results.scenarios.filter((r) => r.status !== 'passed');
      if (bad.length > 0) emit('');
      bad.forEach((r, i) => emit(describeFailure(r, i + 1, c)));
      const { passed, failed, errors } = results.summary;
      const virtual = results.scenarios.reduce((sum, r) => sum + r.virtualMs, 0);
      const wall = results.scenarios.reduce((sum, r) => sum + r.wallMs, 0);
      const parts = [c.green(`${passed} passed`), failed > 0 ? c.red(`${failed} failed`) : `${failed} failed`, errors > 0 ? c.red(`${errors} errors`) : `${errors} errors`];
      emit('');
      emit(`${parts.join(', ')} ${c.dim(`(${results.scenarios.length} scenarios, ${formatMs(virtual)} of conversation in ${formatMs(wall)})`)}`);
      if (!toStdout) await writeOutput(io, file, lines.join('\n'));
    },
  };
}

function describeFailure(r: ScenarioResult, n: number, c: ReturnType<typeof colors>): string {
  const out = [`${c.red(`${n}) ${r.status === 'error' ? 'ERROR' : 'FAILED'}`)} ${c.bold(r.name)}  ${c.dim(r.file)}`];
  out.push(`   ended ${r.endState}${r.endReason ? ` (${r.endReason})` : ''} at ${r.virtualMs} ms, ${r.clock} clock, seed ${r.seed}`);
  for (const check of r.checks) {
    if (check.ok) continue;
    out.push(`   ${c.red('✗')} ${check.check}`);
    // A request check's message carries the closest request and a field-by-field diff, a line each.
    for (const line of check.message.split('\n')) out.push(`       ${line}`);
  }
  out.push(`   port path: ${r.path.join(' → ') || '(no module left)'}`);
  const reasons = r.trace.flatMap((e) => (e.type === 'port' ? [`${e.t} ms  ${e.module} → ${e.port}  (${e.reason})`] : []));
  if (reasons.length > 0) out.push(`   port choices:\n${reasons.map((line) => `     ${line}`).join('\n')}`);
  return `${out.join('\n')}\n`;
}

function formatMs(ms: number): string {
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}
