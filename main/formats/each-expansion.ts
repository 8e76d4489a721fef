import type { JsonValue } from '../api/formats/common';
import { withoutRowFields } from '../api/formats/each-rows';
import { ScenarioEntry } from '../api/formats/scenario';
import { formatIssuePath } from '../api/issue-path';
import { schemaIssues } from '../api/schema-issues';
import type { LoadedScenario, ScenarioRow } from './loaded-scenario';
import { rowLabel, substituteRow } from './row-substitution';
import type { SubstitutionIssue } from './row-substitution';
import { checkScenario } from './scenario-checks';
import type { ScenarioIssue } from './scenario-checks';

type Path = (string | number)[];

const RowFields = ScenarioEntry.pick({ name: true, user: true, overrides: true, expect: true });

/** A scenario scope as written (a `scenarios:` item, or the top of the file) and where it is. */
export interface RawScope {
  raw: Record<string, unknown>;
  path: Path;
}

/** One scenario to run: a plain scenario, or one row of a data-driven one. */
export interface ExpandedEntry {
  entry: ScenarioEntry;
  row: ScenarioRow | null;
}

/** A scenario file as written, with `withoutRowFields` applied to each of its scenarios. */
export function fileWithoutRowFields(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const list = value['scenarios'];
  return Array.isArray(list) ? { ...value, scenarios: list.map(withoutRowFields) } : withoutRowFields(value);
}

/** `each:` at the top of a list file: an issue (rows belong to a scenario). */
export function topLevelEachIssue(file: { each?: unknown; scenarios?: unknown }): ScenarioIssue | null {
  if (file.scenarios === undefined || file.each === undefined) return null;
  return { path: ['each'], pathText: 'each', message: 'each: belongs to a scenario: put it on the scenarios of the list that use it' };
}

/**
 * The runs of one scenario (SPEC §7.4): itself, or one per `each:` row with `{{name}}`
 * filled in its name, user steps, overrides and expectations — its own, or those it takes
 * from the top of its file. `entry` is the scenario as parsed `withoutRowFields`; `own` and
 * `top` are the scopes as written. A placeholder a row does not define, or a row that makes
 * the scenario invalid, is an issue at the place it breaks, naming the row. A row whose name
 * would be the scenario's own gets its values added, so every run has its own name.
 */
export function expandEntry(entry: ScenarioEntry, own: RawScope, top: RawScope | null): { entries: ExpandedEntry[]; issues: ScenarioIssue[] } {
  const rows = entry.each;
  if (rows === undefined) return { entries: [{ entry, row: null }], issues: [] };
  const { each: _each, ...template } = entry;
  const written = (key: string): { value: unknown; path: Path } | null => {
    if (own.raw[key] !== undefined) return { value: own.raw[key], path: [...own.path, key] };
    if (top !== null && top.raw[key] !== undefined) return { value: top.raw[key], path: [...top.path, key] };
    return null;
  };
  const user = written('user');
  const expect = written('expect');
  // Overrides merge by route: the file's, then the scenario's own.
  const overrides = new Map<string, { value: unknown; path: Path }>();
  for (const scope of top === null ? [own] : [top, own]) {
    const byRoute = scope.raw['overrides'];
    if (isRecord(byRoute)) for (const [id, value] of Object.entries(byRoute)) overrides.set(id, { value, path: [...scope.path, 'overrides', id] });
  }

  const entries: ExpandedEntry[] = [];
  const issues: ScenarioIssue[] = [];
  rows.forEach((values, index) => {
    const rowPath = [...own.path, 'each', index];
    const about = `row ${formatIssuePath(rowPath)}${Object.keys(values).length > 0 ? ` (${rowLabel(values)})` : ''}`;
    const problems: SubstitutionIssue[] = [];
    const fill = (value: unknown, path: Path): unknown => substituteRow(value, values, path, problems);
    const name = fill(own.raw['name'], [...own.path, 'name']);
    const routes = new Map<string, Path>();
    const filled: Record<string, unknown> = { name };
    if (user) filled['user'] = fill(user.value, user.path);
    if (expect) filled['expect'] = fill(expect.value, expect.path);
    if (overrides.size > 0) {
      const byRoute: Record<string, unknown> = {};
      for (const [id, { value, path }] of overrides) {
        const route = String(fill(id, path));
        routes.set(route, path);
        byRoute[route] = fill(value, path);
      }
      filled['overrides'] = byRoute;
    }
    for (const p of problems) issues.push({ path: p.path, pathText: formatIssuePath(p.path), message: `${about}: ${p.message}` });
    if (problems.length > 0) return;

    const parsed = RowFields.safeParse(filled);
    if (!parsed.success) {
      for (const issue of schemaIssues(parsed.error)) {
        const path = writtenPath(issue.path, { name: [...own.path, 'name'], user: user?.path, expect: expect?.path }, routes, rowPath);
        issues.push({ path, pathText: formatIssuePath(path), message: `${about}: ${issue.message}` });
      }
      return;
    }
    const row = parsed.data;
    const unchanged = row.name === own.raw['name'];
    entries.push({
      entry: {
        ...template,
        name: unchanged ? `${row.name} [${Object.keys(values).length > 0 ? rowLabel(values) : `row ${index}`}]` : row.name,
        ...(row.user !== undefined ? { user: row.user } : {}),
        ...(row.expect !== undefined ? { expect: row.expect } : {}),
        ...(row.overrides !== undefined ? { overrides: row.overrides } : {}),
      },
      row: { index, values: values as Record<string, JsonValue>, path: formatIssuePath(rowPath) },
    });
  });
  return { entries, issues };
}

/** Where a problem in a filled-in row field is written in the document. */
function writtenPath(path: readonly PropertyKey[], fields: Record<string, Path | undefined>, routes: ReadonlyMap<string, Path>, fallback: Path): Path {
  const [field, ...rest] = path.map((k) => (typeof k === 'symbol' ? String(k) : k));
  if (field === 'overrides') {
    const [route, ...inner] = rest;
    const at = routes.get(String(route));
    return at ? [...at, ...inner] : fallback;
  }
  const at = typeof field === 'string' ? fields[field] : undefined;
  return at ? [...at, ...rest] : fallback;
}

/**
 * The scenario checks of every run of a scenario, once: an issue every run has is reported
 * as it is; one only some rows have names the row.
 */
export function rowCheckIssues(perRun: readonly { row: ScenarioRow | null; issues: readonly ScenarioIssue[] }[]): ScenarioIssue[] {
  const key = (i: ScenarioIssue): string => `${i.pathText}\u0000${i.message}`;
  const counts = new Map<string, number>();
  for (const run of perRun) for (const k of new Set(run.issues.map(key))) counts.set(k, (counts.get(k) ?? 0) + 1);
  const out: ScenarioIssue[] = [];
  const seen = new Set<string>();
  for (const run of perRun) {
    for (const issue of run.issues) {
      const everywhere = counts.get(key(issue)) === perRun.length;
      const shown = everywhere || run.row === null ? issue : { ...issue, message: `row ${run.row.path} (${rowLabel(run.row.values)}): ${issue.message}` };
      if (seen.has(key(shown))) continue;
      seen.add(key(shown));
      out.push(shown);
    }
  }
  return out;
}

/** Each expanded run as a loaded scenario, with its row. */
export function withRow(loaded: LoadedScenario, row: ScenarioRow | null): LoadedScenario {
  return row === null ? loaded : { ...loaded, row };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `checkScenario` over every run of a stored scenario (a flow or mock set it uses changed):
 * for a row, what its checks name is the row's own (overrides, expectations, steps).
 */
export function checkRuns(loaded: readonly LoadedScenario[], entry: ScenarioEntry, path: Path): ScenarioIssue[] {
  return rowCheckIssues(
    loaded.map((run) => {
      const own: ScenarioEntry = run.row === undefined ? entry : { ...entry, name: run.name, user: run.user, expect: run.expect, overrides: run.overrides };
      return { row: run.row ?? null, issues: checkScenario(run, own, path) };
    }),
  );
}
