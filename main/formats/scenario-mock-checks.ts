import type { ScenarioEntry } from '../api/formats/scenario';
import { textMatcherError } from '../expr/text-matcher';
import type { LoadedScenario } from './loaded-scenario';

export interface MockCheckIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Checks of what SPEC §7.3 added to scenarios: an initial `state:` needs a mock set to start
 * in, and every `/regex/` of a `requests:` check must compile (RE2 syntax).
 */
export function checkScenarioMocksUse(scenario: LoadedScenario, entry: ScenarioEntry, entryPath: (string | number)[]): MockCheckIssue[] {
  const issues: MockCheckIssue[] = [];
  const statePath = entry.state !== undefined ? [...entryPath, 'state'] : ['state'];
  if (scenario.state !== undefined && scenario.mocks === null) {
    issues.push({ path: statePath, message: 'a scenario state needs mocks: it is the initial state of the mock set' });
  } else if (scenario.state !== undefined && scenario.baseUrl !== null) {
    issues.push({ path: statePath, message: 'a scenario state applies to the mock server the run starts; with baseUrl, set the state with PUT /__flowbench/state?session=…' });
  }
  const expectPath = entry.expect !== undefined ? [...entryPath, 'expect'] : ['expect'];
  scenario.expect.forEach((check, k) => {
    if (!('requests' in check)) return;
    const at = [...expectPath, k, 'requests'];
    if (check.requests.url !== undefined) {
      const error = textMatcherError(check.requests.url);
      if (error !== null) issues.push({ path: [...at, 'url'], message: error });
    }
    for (const [name, value] of Object.entries(check.requests.headers ?? {})) {
      const error = textMatcherError(value);
      if (error !== null) issues.push({ path: [...at, 'headers', name], message: error });
    }
  });
  return issues;
}
