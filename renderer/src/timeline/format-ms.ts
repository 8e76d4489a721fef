/** `850 ms`, `3200 ms`, `12.5 s`, `2 min 5 s`: how durations and times read on the timeline. */
export function formatMs(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const abs = Math.abs(ms);
  if (abs < 10_000) return `${sign}${Math.round(abs)} ms`;
  if (abs < 120_000) return `${sign}${trim(abs / 1000)} s`;
  const minutes = Math.floor(abs / 60_000);
  const seconds = Math.round((abs - minutes * 60_000) / 1000);
  return `${sign}${minutes} min${seconds > 0 ? ` ${seconds} s` : ''}`;
}

function trim(value: number): string {
  return value.toFixed(value < 100 ? 1 : 0).replace(/\.0$/, '');
}
