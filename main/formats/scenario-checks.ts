import { portsOf } from '../api/formats/flow';
import { checkUserSteps } from './user-step-checks';
import type { ScenarioEntry } from '../api/formats/scenario';
import { formatIssuePath } from '../api/issue-path';
import type { LoadedScenario } from './loaded-scenario';
import { checkResponses } from './mocks-checks';
import { checkScenarioMocksUse } from './scenario-mock-checks';

export interface ScenarioIssue {
  path: (string | number)[];
  pathText: string;
  message: string;
}

/** Checks that a scenario's overrides and expectations name things its flow and mocks have. */
export function checkScenario(
  scenario: LoadedScenario,
  entry: ScenarioEntry,
  entryPath: (string | number)[],
): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const add = (path: (string | number)[], message: string): void => {
    issues.push({ path, pathText: formatIssuePath(path), message });
  };
  const routeIds = new Set(scenario.mocks?.routes.map((r) => r.id) ?? []);
  for (const [id, override] of Object.entries(scenario.overrides)) {
    const at = entry.overrides?.[id] !== undefined && entryPath.length > 0 ? [...entryPath, 'overrides', id] : ['overrides', id];
    // Overridden responses get the checks of a mocks file's responses.
    if (override.responses) for (const issue of checkResponses(override.responses, [...at, 'responses'])) add(issue.path, issue.message);
    if (routeIds.has(id)) continue;
    const known = routeIds.size === 0 ? 'the scenario has no mocks' : `routes: ${[...routeIds].join(', ')}`;
    add(at, `unknown route '${id}' (${known})`);
  }

  const modules = new Map(scenario.flow.modules.map((m) => [m.id, m]));
  const moduleNames = [...modules.keys()].join(', ');
  const endpointIds = new Set(scenario.flow.endpoints.map((e) => e.id));
  const expectPath = entry.expect !== undefined ? [...entryPath, 'expect'] : ['expect'];
  scenario.expect.forEach((check, k) => {
    const at = [...expectPath, k];
    if ('visits' in check) {
      check.visits.forEach((id, v) => {
        if (!modules.has(id)) add([...at, 'visits', v], `unknown module '${id}' (modules: ${moduleNames})`);
      });
    } else if ('port' in check) {
      const module = modules.get(check.port.module);
      if (!module) add([...at, 'port', 'module'], `unknown module '${check.port.module}' (modules: ${moduleNames})`);
      else {
        const ports = portsOf(module, scenario.flow.endpoints);
        if (!ports.includes(check.port.is)) {
          add([...at, 'port', 'is'], `module '${module.id}' (${module.type}) has no port '${check.port.is}' (it has: ${ports.join(', ') || 'none'})`);
        }
      }
    } else if ('requests' in check) {
      if (!endpointIds.has(check.requests.endpoint)) {
        add([...at, 'requests', 'endpoint'], `unknown endpoint '${check.requests.endpoint}' (endpoints: ${[...endpointIds].join(', ') || 'none'})`);
      }
    } else if ('maxDeadAirMs' in check && scenario.flow.channel !== 'voice') {
      add([...at, 'maxDeadAirMs'], `dead air is measured in voice flows only; this flow's channel is ${scenario.flow.channel}`);
    } else if ('interruption' in check && check.interruption.count !== 0 && scenario.flow.interruptions?.[check.interruption.kind] === undefined) {
      add([...at, 'interruption', 'kind'], `the flow has no interruptions.${check.interruption.kind} handler, so it can never happen (expect count: 0, or add the handler)`);
    }
  });
  const userPath = entry.user !== undefined ? [...entryPath, 'user'] : ['user'];
  for (const issue of checkUserSteps(scenario.user, scenario.flow.channel)) add([...userPath, ...issue.path], issue.message);
  for (const issue of checkScenarioMocksUse(scenario, entry, entryPath)) add(issue.path, issue.message);
  if (scenario.clock === 'virtual' && scenario.baseUrl !== null) {
    add(entry.baseUrl !== undefined ? [...entryPath, 'baseUrl'] : ['baseUrl'], 'baseUrl needs clock: real (the virtual clock answers from the mocks)');
  }
  return issues;
}
