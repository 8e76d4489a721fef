import { describe, expect, it } from 'vitest';
import { checkScenarioYaml, locateIssues, parseIssuePath } from '../../renderer/src/scenarios/scenario-yaml';

const valid = `name: fast API
flow: flows/order-status.flow.yaml
user:
  - say: "It's 12345"
expect:
  - ends: end
  - port: { module: check, is: success }
`;

describe('scenario YAML checks', () => {
  it('accepts a valid scenario and returns it', () => {
    const check = checkScenarioYaml(valid);
    expect(check.issues).toEqual([]);
    expect(check.value).toMatchObject({ name: 'fast API', expect: [{ ends: 'end' }, { port: { module: 'check', is: 'success' } }] });
  });

  it('leaves the parts each: rows fill in to the host: a placeholder may stand for a number', () => {
    const rows = `name: "order at {{latency}} ms"\nflow: flows/order-status.flow.yaml\neach: [ { latency: 4800 } ]\noverrides: { order_status: { latency: { fixed: "{{latency}}" } } }\n`;
    expect(checkScenarioYaml(rows).issues).toEqual([]);
    // Without each: the same text is a plain scenario, and the schema says what is wrong.
    expect(checkScenarioYaml(rows.replace('each: [ { latency: 4800 } ]\n', '')).issues.map((i) => i.path)).toEqual(['overrides.order_status.latency.fixed']);
    // The rows themselves are checked as written.
    expect(checkScenarioYaml(rows.replace('{ latency: 4800 }', '5')).issues.map((i) => [i.path, i.message])).toEqual([['each[0]', 'expected a row of values: { name: value, … }']]);
  });

  it('reports a YAML syntax error with its line and column', () => {
    const check = checkScenarioYaml('name: x\nuser: [ { say: hi }\nexpect: []\n');
    expect(check.value).toBeNull();
    expect(check.issues[0]).toMatchObject({ source: 'yaml', path: '(yaml)' });
    expect(check.issues[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it('reports schema problems with the path the host uses and where they are in the text', () => {
    const check = checkScenarioYaml(valid.replace('ends: end', 'ends: finished'));
    expect(check.issues.map((i) => [i.path, i.line, i.col])).toEqual([['expect[0].ends', 6, 11]]);
    expect(check.issues[0]?.message).toMatch(/expected one of/);
  });

  it('names unknown fields and missing ones', () => {
    const unknown = checkScenarioYaml(valid.replace('user:', 'users:'));
    expect(unknown.issues.map((i) => [i.path, i.message])).toEqual([['users', "unknown field 'users'"]]);
    const missing = checkScenarioYaml('flow: flows/x.flow.yaml\n');
    expect(missing.issues.map((i) => i.path)).toEqual(['name']);
  });

  it('refuses a document that is not a mapping', () => {
    expect(checkScenarioYaml('- a\n- b\n').issues.map((i) => i.path)).toEqual(['(root)']);
  });

  it('places the host’s issues (scenario.…) in the text', () => {
    const [issue] = locateIssues(valid, [{ path: 'scenario.expect[1].port.module', message: "unknown module 'check'" }]);
    expect(issue).toMatchObject({ source: 'host', path: 'scenario.expect[1].port.module', line: 7, col: 21 });
  });

  it('reads issue paths back into keys', () => {
    expect(parseIssuePath('scenario.expect[12].port.module')).toEqual(['scenario', 'expect', 12, 'port', 'module']);
    expect(parseIssuePath('overrides["order status"].latency')).toEqual(['overrides', 'order status', 'latency']);
    expect(parseIssuePath('(root)')).toEqual([]);
  });
});
