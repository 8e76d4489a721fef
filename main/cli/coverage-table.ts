import type { FlowCoverage } from '../api/routes/analysis';
import type { colors } from './colors';

/** The coverage report as text: per flow, the never-taken ports first. */
export function coverageTable(flows: readonly FlowCoverage[], c: ReturnType<typeof colors>, display: (file: string) => string): string {
  const out: string[] = ['', 'Port coverage'];
  for (const f of flows) {
    out.push(`  ${c.bold(f.flow)} ${c.dim(f.file ? display(f.file) : '(inline)')}: ${f.covered}/${f.total} ports taken (${f.percent}%) by ${f.scenarios} scenario${f.scenarios === 1 ? '' : 's'}`);
    for (const p of f.ports) {
      const label = `${p.module}.${p.port}`.padEnd(28);
      const kind = `(${p.type})`.padEnd(12);
      if (p.taken === 0) out.push(`    ${c.red('✗')} ${label} ${kind} never taken${p.handler ? c.yellow('  ← timeout/failure handler') : ''}`);
      else out.push(`    ${c.green('✓')} ${label} ${kind} ${p.taken}×`);
    }
    out.push(`    end states: ${f.endStates.map((e) => (e.count === 0 ? c.dim(`${e.state} 0`) : `${e.state} ${e.count}`)).join(', ')}`);
  }
  return out.join('\n');
}
