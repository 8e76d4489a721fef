import type { LatencyFit, TuneCandidate, TuneTable } from '../api/routes/analysis-tune';
import { label, percent } from '../analysis/tune-recommend';

/** Paths listed per candidate; the rest are summed up in one line. */
const PATHS_SHOWN = 6;

/** A fitted model in words: counts, median, p99 and the goodness of fit. */
export function fitReport(fit: LatencyFit): string {
  const lines = [`Latency of ${fit.endpoint} fitted to ${fit.source}:`];
  const censored = fit.censored > 0 ? `, ${fit.censored} without an answer (censored: longer than the time waited)` : '';
  lines.push(`  n = ${fit.n} (${fit.answered} answered${censored}; ${fit.skipped} other entr${fit.skipped === 1 ? 'y' : 'ies'} skipped)`);
  lines.push(`  lognormal by maximum likelihood${fit.iterations > 0 ? ` (EM, ${fit.iterations} iterations)` : ''}: median ${ms(fit.medianMs)}, p99 ${ms(fit.p99Ms)}  (ln ms: mean ${fit.mu.toFixed(4)}, sd ${fit.sigma.toFixed(4)})`);
  const verdict = fit.ksCritical === null ? '' : fit.ksD <= fit.ksCritical ? `  ≤ ${fit.ksCritical.toFixed(4)} (5 % Lilliefors): fits` : `  > ${fit.ksCritical.toFixed(4)} (5 % Lilliefors): a poor fit`;
  lines.push(`  Kolmogorov–Smirnov D = ${fit.ksD.toFixed(4)}${verdict}`);
  const o = fit.observed;
  lines.push(`  observed (answered): min ${ms(o.minMs)}, p50 ${ms(o.p50Ms)}, p95 ${ms(o.p95Ms)}, p99 ${ms(o.p99Ms)}, max ${ms(o.maxMs)}`);
  lines.push(`  as a model: ${JSON.stringify(fit.model)}`);
  return `${lines.join('\n')}\n`;
}

/** The tune table for people: a row per candidate, the recommendation, then each candidate's paths. */
export function tuneReport(t: TuneTable): string {
  const out: string[] = [];
  if (t.latency.fit) out.push(fitReport(t.latency.fit));
  const awaits = t.awaits.map((a) => `${a.id} (now ${a.timeoutMs} ms)`).join(', ');
  const counters = t.counters.length > 0 ? `; loop counter ${t.counters.map((c) => `${c.id} (now max ${c.max})`).join(', ')}` : '';
  out.push(`Tuning ${awaits}${counters} for "${t.scenario}" (${t.file})`);
  out.push(`${t.endpoint} latency ~ ${t.latency.description}; ${t.samples} seeded samples (seed ${t.seed}) per candidate, ${t.runs.toLocaleString('en')} runs (${t.simulated.toLocaleString('en')} simulated)`);
  out.push('');
  const states = t.endStates.filter((s) => s === 'handover' || t.candidates.some((c) => c.endStates.some((e) => e.state === s && e.count > 0)));
  const voice = t.candidates.some((c) => c.deadAirMs !== null);
  const header = ['', 'timeout', ...(t.counters.length > 0 ? ['max'] : []), ...states, ...(voice ? ['dead air p50/p95'] : []), 'call p50/p95'];
  const rows = t.candidates.map((c, i) => [
    t.recommendation?.candidate === i ? '→' : c.withinDeadAir ? '' : '!',
    `${c.timeoutMs} ms`,
    ...(t.counters.length > 0 ? [String(c.counterMax ?? '')] : []),
    ...states.map((s) => percent(c.endStates.find((e) => e.state === s)?.probability ?? 0)),
    ...(voice ? [c.deadAirMs ? `${c.deadAirMs.p50} / ${c.deadAirMs.p95} ms` : ''] : []),
    `${c.callMs.p50} / ${c.callMs.p95} ms`,
  ]);
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `  ${cells.map((cell, k) => (k <= 1 ? cell.padEnd(widths[k] ?? 0) : cell.padStart(widths[k] ?? 0))).join('  ')}`.trimEnd();
  out.push(line(header));
  for (const row of rows) out.push(line(row));
  out.push('');
  if (t.recommendation) {
    const best = t.candidates[t.recommendation.candidate] as TuneCandidate;
    out.push(`→ recommended: ${label(best)}: ${t.recommendation.reason}`);
  } else {
    out.push(`no recommendation: ${t.note ?? ''}`);
  }
  if (t.candidates.some((c) => !c.withinDeadAir)) out.push(`! p95 dead air above ${t.maxDeadAirMs} ms`);
  out.push('', 'Port paths:');
  for (const c of t.candidates) {
    out.push(`  ${label(c)}`);
    for (const p of c.paths.slice(0, PATHS_SHOWN)) {
      out.push(`    ${percent(p.probability).padStart(7)}  ${p.summary}  (e.g. sample ${p.sample.sample}: latency ${p.sample.latencyMs} ms, seed ${p.sample.seed})`);
    }
    const rest = c.paths.slice(PATHS_SHOWN);
    if (rest.length > 0) out.push(`    ${percent(rest.reduce((s, p) => s + p.probability, 0)).padStart(7)}  ${rest.length} other path${rest.length === 1 ? '' : 's'}`);
  }
  return `${out.join('\n')}\n`;
}

function ms(value: number): string {
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ms`;
}
