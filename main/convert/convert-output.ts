import type { ConvertedRouteSummary, ConvertPreview } from '../api/routes/mocks-convert';
import { describeLatency } from '../../mocks/core/latency';
import { describeFault } from '../../mocks/server/route-summary';
import { toYaml } from '../store/yaml-writer';
import type { ConvertResult } from './convert-mocks';
import { FORMAT_NAMES } from './conversion';

/**
 * The converted set as a YAML file: the `# yaml-language-server: $schema=` line first (where
 * the file will live is the caller's to say: see schemaModeline), then where it came from.
 */
export function convertedYaml(result: ConvertResult, modeline: string): string {
  const from = result.sources
    .filter((s) => s.format !== null)
    .map((s) => `${s.file} (${s.format === null ? '' : FORMAT_NAMES[s.format]})`)
    .join(', ');
  const warnings = result.problems.length;
  const header = [modeline, `# Converted by flowbench convert from ${from}.`];
  if (warnings > 0) header.push(`# ${warnings} item${warnings === 1 ? ' was' : 's were'} not converted (flowbench convert lists them).`);
  return `${header.join('\n')}\n${toYaml(result.written)}`;
}

export function routeSummaries(result: ConvertResult): ConvertedRouteSummary[] {
  return result.mocks.routes.map((route, i) => ({
    id: route.id,
    method: route.method,
    path: route.path,
    latency: describeLatency(route.latency),
    faults: route.faults.map(describeFault),
    pick: route.pick,
    responses: route.responses.map((r) => ({
      status: r.status,
      ...(r.when !== undefined ? { when: r.when } : {}),
      ...(r.setState !== undefined ? { setState: r.setState } : {}),
    })),
    source: result.origins[i] ?? { file: '', path: '' },
  }));
}

/** What the Mocks view's Import shows before saving. */
export function convertPreview(result: ConvertResult, modeline: string): ConvertPreview {
  const issue = (i: ConvertResult['problems'][number]): ConvertPreview['problems'][number] => ({
    file: i.file,
    path: i.path,
    ...(i.line !== undefined ? { line: i.line } : {}),
    ...(i.column !== undefined ? { column: i.column } : {}),
    message: i.message,
  });
  return {
    sources: result.sources,
    routes: routeSummaries(result),
    state: { ...(result.mocks.state ?? {}) },
    problems: result.problems.map(issue),
    notes: result.notes.map(issue),
    mocks: result.mocks,
    yaml: convertedYaml(result, modeline),
  };
}
