import { Presets, SingleBar } from 'cli-progress';
import type { RealClockInfo, ResultsFile, ScenarioResult } from '../../api/formats/results';
import type { CliIo } from '../cli-io';
import { colors } from '../colors';
import type { Reporter } from './reporter';
import { warningLines } from './run-warnings';
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
      const real = result.realClock ? `; ${realClockNote(result.realClock)}` : '';
      emit(`  ${mark} ${result.name} ${c.dim(`(${result.file}, ${result.endState} at ${result.virtualMs} ms${real})`)}`);
      for (const line of warningLines(result, c)) emit(line);
    },
    async onEnd(results: ResultsFile) {
      (bar as SingleBar | null)?.stop();
      if (bar !== null) {
        // The progress bar showed no line per scenario: their warnings come here.
        const warned = results.scenarios.filter((r) => r.trace.some((e) => e.type === 'warning'));
        if (warned.length > 0) emit('');
        for (const r of warned) {
          emit(`  ${c.yellow('⚠')} ${r.name} ${c.dim(`(${r.file})`)}`);
          for (const line of warningLines(r, c)) emit(line);
        }
      }
      const bad = results.scenarios.filter((r) => r.status !== 'passed');
      if (bad.length > 0) emit('');
      bad.forEach((r, i) => emit(describeFailure(r, i + 1, c)));
      const { passed, failed, errors } = results.summary;
      const virtual = results.scenarios.reduce((sum, r) => sum + r.virtualMs, 0);
      const wall = results.scenarios.reduce((sum, r) => sum + r.wallMs, 0);
      const parts = [c.green(`${passed} passed`), failed > 0 ? c.red(`${failed} failed`) : `${failed} failed`, errors > 0 ? c.red(`${errors} errors`) : `${errors} errors`];
      emit('');
      emit(`${parts.join(', ')} ${c.dim(`(${results.scenarios.length} scenarios, ${formatMs(virtual)} of conversation in ${formatMs(wall)})`)}`);
      const timing = timingSummary(results.scenarios);
      if (timing !== null) emit(c.dim(timing));
      if (!toStdout) await writeOutput(io, file, lines.join('\n'));
    },
  };
}

function describeFailure(r: ScenarioResult, n: number, c: ReturnType<typeof colors>): string {
  const out = [`${c.red(`${n}) ${r.status === 'error' ? 'ERROR' : 'FAILED'}`)} ${c.bold(r.name)}  ${c.dim(r.file)}`];
  out.push(`   ended ${r.endState}${r.endReason ? ` (${r.endReason})` : ''} at ${r.virtualMs} ms, ${r.clock} clock, seed ${r.seed}`);
  if (r.realClock) out.push(`   ${realClockNote(r.realClock)}; requests to ${r.realClock.target.url}`);
  for (const check of r.checks) {
    if (check.ok) continue;
    out.push(`   ${c.red('✗')} ${check.check}`);
    // A request check's message carries the closest request and a field-by-field diff, a line each.
    for (const line of check.message.split('\n')) out.push(`       ${line}`);
  }
  out.push(`   port path: ${r.path.join(' → ') || '(no module left)'}`);
  const reasons = r.trace.flatMap((e) => {
    if (e.type === 'port') return [`${e.t} ms  ${e.module} → ${e.port}  (${e.reason})`];
    if (e.type === 'interruption') return [`${e.t} ms  ${e.kind}${e.count !== undefined ? ` #${e.count}` : ''} at ${e.module} → ${e.to}  (interruption)`];
    return [];
  });
  if (reasons.length > 0) out.push(`   port choices:\n${reasons.map((line) => `     ${line}`).join('\n')}`);
  return `${out.join('\n')}\n`;
}

/** `timers late ≤ 12 ms, timing tolerance ±400 ms` (conversation ms). */
function realClockNote(info: RealClockInfo): string {
  return `real clock ×${info.timeScale}, timers late ≤ ${info.drift.maxLateMs} ms, timing tolerance ±${info.timingToleranceMs} ms`;
}

/** One line on how real-clock timing checks were judged, and how late the timers ran. */
function timingSummary(results: readonly ScenarioResult[]): string | null {
  const real = results.flatMap((r) => (r.realClock ? [r.realClock] : []));
  if (real.length === 0) return null;
  const tolerances = [...new Set(real.map((i) => i.timingToleranceMs))].sort((a, b) => a - b);
  const late = Math.max(...real.map((i) => i.drift.maxLateMs));
  const over = real.filter((i) => i.drift.maxLateMs > i.timingToleranceMs).length;
  const warn = over > 0 ? ` — in ${over} run(s) timers ran later than the tolerance: timing checks there are unreliable (busy machine?)` : '';
  return `Real clock: timing checks judged with a tolerance of ±${tolerances.join('/')} ms (--timing-tolerance); timers fired up to ${late} ms late${warn}.`;
}

function formatMs(ms: number): string {
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}
