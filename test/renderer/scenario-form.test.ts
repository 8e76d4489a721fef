import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkScenarioYaml } from '../../renderer/src/scenarios/scenario-yaml';
import { msFromText, valueFromText, valueText } from '../../renderer/src/scenarios/form-values';
import {
  readCheck,
  readLatency,
  readScenario,
  readStep,
  stepOfKind,
  writeCheck,
  writeScenario,
  writeStep,
} from '../../renderer/src/scenarios/scenario-form';
import type { Obj } from '../../renderer/src/scenarios/scenario-form';
import { applyYamlEdit } from '../../renderer/src/scenarios/yaml-edit';
import { copyName, inheritedSettings, withCarried, withoutCarried } from '../../renderer/src/scenarios/scenario-copy';

/** The example scenario files, as text, by path. */
const exampleTexts = import.meta.glob<string>('../../examples/scenarios/*.scenario.yaml', { query: '?raw', import: 'default', eager: true });
const exampleFiles = Object.keys(exampleTexts);
const exampleText = (file: string): string => exampleTexts[file] ?? '';

/** Every scenario of the example files, as the editor gets it (one entry of `scenarios:`, or the one-scenario file). */
function exampleScenarios(): { file: string; scenario: Obj }[] {
  return exampleFiles.flatMap((file) => {
    const doc = parse(exampleText(file)) as Obj;
    const list = Array.isArray(doc['scenarios']) ? (doc['scenarios'] as Obj[]) : [doc];
    return list.map((scenario) => ({ file, scenario }));
  });
}

describe('scenario form <-> YAML', () => {
  it('reads every example scenario into the form and writes back exactly the same value', () => {
    const all = exampleScenarios();
    // The examples hold 5 files and dozens of scenarios; each one is checked.
    expect(exampleFiles.length).toBeGreaterThanOrEqual(5);
    expect(all.length).toBeGreaterThan(15);
    for (const { file, scenario } of all) {
      const form = readScenario(scenario);
      expect(writeScenario(form), `${file}: ${String(scenario['name'])}`).toEqual(scenario);
      // The form has a field for every step and check the examples use (none is left to the YAML).
      expect(form.user?.filter((s) => s.kind === 'raw') ?? [], `${file}: ${String(scenario['name'])}`).toEqual([]);
      expect(form.expect?.filter((c) => c.kind === 'raw') ?? []).toEqual([]);
      expect(form.overrides?.filter((o) => o.latency?.kind === 'raw') ?? []).toEqual([]);
    }
  });

  it('edits made in the form reach the YAML and read back the same, for every example scenario', () => {
    for (const { scenario } of exampleScenarios()) {
      const text = stringify(scenario, { lineWidth: 0 });
      const form = readScenario(scenario);
      // Add a step of each voice kind, change the first check, set an override's latency.
      let next = text;
      const steps = form.user?.length ?? 0;
      for (const [i, kind] of (['silence', 'dtmf', 'hangup'] as const).entries()) {
        next = applyYamlEdit(next, { op: 'set', path: ['user', steps + i], value: writeStep(stepOfKind(kind)) }) ?? '';
      }
      next = applyYamlEdit(next, { op: 'set', path: ['expect', 0], value: writeCheck({ kind: 'ends', ends: 'hangup' }) }) ?? '';
      next = applyYamlEdit(next, { op: 'set', path: ['overrides', 'order_status', 'latency'], value: { fixed: 1234 } }) ?? '';
      const after = readScenario(parse(next) as Obj);
      expect(after.user?.slice(steps)).toEqual([{ kind: 'silence' }, { kind: 'dtmf', dtmf: '1' }, { kind: 'hangup', trigger: 'afterMs', ms: 2000 }]);
      expect(after.expect?.[0]).toEqual({ kind: 'ends', ends: 'hangup' });
      expect(after.overrides?.find((o) => o.route === 'order_status')?.latency).toEqual({ kind: 'fixed', ms: 1234 });
      // Everything else is as it was.
      const { user: _u, expect: _e, overrides: _o, ...rest } = parse(next) as Obj;
      const { user: _u2, expect: _e2, overrides: _o2, ...restBefore } = scenario;
      expect(rest).toEqual(restBefore);
      // And the text is still a valid scenario, as far as the form's own checks go.
      expect(checkScenarioYaml(next).issues).toEqual([]);
    }
  });

  it('keeps comments, quoting and flow style outside the field it changes', () => {
    const text = `# the slow path\nname: slow API\nuser: [ { say: "It's 12345", afterMs: 400 } ]  # one message\nexpect:\n  - ends: end # ends well\n`;
    const out = applyYamlEdit(text, { op: 'set', path: ['user', 0, 'afterMs'], value: 900 });
    expect(out).toBe(`# the slow path\nname: slow API\nuser: [ { say: "It's 12345", afterMs: 900 } ] # one message\nexpect:\n  - ends: end # ends well\n`);
    // Removing a field (the pause back to its default).
    expect(applyYamlEdit(out ?? '', { op: 'set', path: ['user', 0, 'afterMs'], value: undefined })).toContain(`user: [ { say: "It's 12345" } ]`);
    // A text that does not parse is left to the YAML editor.
    expect(applyYamlEdit('name: [x', { op: 'set', path: ['name'], value: 'y' })).toBeNull();
  });

  it('moves a step without rewriting the others', () => {
    const text = 'name: x\nuser:\n  - say: one # first\n  - silence: true\n  - dtmf: "12#"\n';
    expect(applyYamlEdit(text, { op: 'move', path: ['user'], from: 0, to: 2 })).toBe('name: x\nuser:\n  - silence: true\n  - dtmf: "12#"\n  - say: one # first\n');
  });

  it('reads the voice steps and keeps what it has no field for', () => {
    expect(readStep({ say: 'hi', afterMs: -800 })).toEqual({ kind: 'say', say: 'hi', afterMs: -800 });
    expect(readStep({ silence: true })).toEqual({ kind: 'silence' });
    expect(readStep({ dtmf: '12345#', afterMs: 500 })).toEqual({ kind: 'dtmf', dtmf: '12345#', afterMs: 500 });
    expect(readStep({ hangup: { deadAirMs: 4000 } })).toEqual({ kind: 'hangup', trigger: 'deadAirMs', ms: 4000 });
    // An each: row's placeholder is a value too.
    expect(readStep({ say: 'It is {{order}}', afterMs: '{{pause}}' })).toEqual({ kind: 'say', say: 'It is {{order}}', afterMs: '{{pause}}' });
    // Not a step the form knows: kept as written, both ways.
    for (const odd of [{ hangup: { afterMs: 1, atMs: 2 } }, { say: 'x', extra: 1 }, 'hello', { silence: false }]) {
      expect(readStep(odd)).toEqual({ kind: 'raw', value: odd });
      expect(writeStep(readStep(odd))).toEqual(odd);
    }
    // Changing a say to keys keeps the pause; a barge-in (negative) pause is not a DTMF pause.
    expect(stepOfKind('dtmf', { kind: 'say', say: 'x', afterMs: 500 })).toEqual({ kind: 'dtmf', dtmf: '1', afterMs: 500 });
    expect(stepOfKind('dtmf', { kind: 'say', say: 'x', afterMs: -800 })).toEqual({ kind: 'dtmf', dtmf: '1' });
  });

  it('reads checks and latencies, keeping unknown shapes', () => {
    expect(readCheck({ port: { module: 'check', is: 'waiting', nth: 1 } })).toEqual({ kind: 'port', module: 'check', is: 'waiting', nth: 1 });
    expect(readCheck({ interruption: { kind: 'no_input', count: 0 } })).toEqual({ kind: 'interruption', interruption: 'no_input', count: 0 });
    expect(readCheck({ ends: 'end', says: 'x' })).toEqual({ kind: 'raw', value: { ends: 'end', says: 'x' } });
    expect(readLatency({ lognormal: { medianMs: 800, p99Ms: 6000 } })).toEqual({ kind: 'lognormal', medianMs: 800, p99Ms: 6000 });
    expect(readLatency({ uniform: [100, 300] })).toEqual({ kind: 'uniform', min: 100, max: 300 });
    expect(readLatency({ fixed: 1, uniform: [1, 2] }).kind).toBe('raw');
  });

  it('turns typed text into values and back', () => {
    expect(msFromText(' 1500 ')).toBe(1500);
    expect(msFromText('-800')).toBe(-800);
    // Not whole ms: written as typed, and the schema check says why it is wrong.
    expect(msFromText('12.7')).toBe(12.7);
    expect(msFromText('{{latency}}')).toBe('{{latency}}');
    expect(msFromText('')).toBeUndefined();
    for (const v of ['shipped', '12345', 12345, true, null, '', 'true', { a: [1] }, '"quoted"']) expect(valueFromText(valueText(v))).toEqual(v);
    // A string that reads as a number is shown quoted, so it stays a string.
    expect(valueText('12345')).toBe('"12345"');
    expect(valueText('shipped')).toBe('shipped');
  });
});

describe('duplicating a scenario', () => {
  it('names the copy so that it is not taken', () => {
    expect(copyName('fast API', new Set())).toBe('fast API (copy)');
    expect(copyName('fast API', new Set(['fast API (copy)']))).toBe('fast API (copy 2)');
    expect(copyName('fast API (copy)', new Set(['fast API (copy)']))).toBe('fast API (copy 2)');
  });

  it('carries what the file gave it when saved elsewhere, and takes it out again when put back', () => {
    const fileSettings = { flow: 'flows/order-status.flow.yaml', mocks: 'mocks/shop.mocks.yaml', seed: 42, overrides: { order_status: { latency: { fixed: 800 } } } };
    const text = 'name: copy\n# own overrides win over the file\noverrides: { order_status: { latency: { fixed: 300 } } }\nuser: [ { say: hi } ]\n';
    const carried = inheritedSettings(fileSettings, parse(text) as Obj);
    // The scenario's own overrides replace the file's: they are not carried.
    expect(carried).toEqual({ flow: 'flows/order-status.flow.yaml', mocks: 'mocks/shop.mocks.yaml', seed: 42 });
    const elsewhere = withCarried(text, carried);
    expect(parse(elsewhere)).toEqual({ ...(parse(text) as Obj), ...carried });
    expect(elsewhere).toContain('# own overrides win over the file');
    expect(withoutCarried(elsewhere, carried)).toBe(text);
    // A carried setting the user changed in the meantime stays.
    const changed = applyYamlEdit(elsewhere, { op: 'set', path: ['seed'], value: 7 }) ?? '';
    expect(parse(withoutCarried(changed, carried))).toEqual({ ...(parse(text) as Obj), seed: 7 });
  });
});

describe('YAML syntax errors', () => {
  it('counts one mistake as one problem, however many errors the parser reports after it', () => {
    const text = exampleText('../../examples/scenarios/order-status.scenario.yaml').replace('scenarios:\n', 'scenarios: [\n');
    const check = checkScenarioYaml(text);
    expect(check.issues).toHaveLength(1);
    expect(check.issues[0]).toMatchObject({ source: 'yaml', path: '(yaml)' });
  });
});
