import { readFile, writeFile } from 'node:fs/promises';
import { Scalar, isMap, isSeq, parseDocument } from 'yaml';
import type { CodeKind, CodeProblem, CodeTarget } from '../api/routes/flow-code';
import type { FlowView } from '../api/routes/flows';
import { CODE_PARAMS } from '../engine/code-sandbox';
import { NOT_FLOWBENCH_MESSAGE, isFlowbenchValue } from '../formats/flowbench-document';
import { codeSandbox } from '../sandbox/load-code-sandbox';
import type { ExampleFiles } from './example-files';
import type { FlowService } from './flow-service';
import { HostError } from './host-error';

/** Flow code from the workbench's editors: compiled in QuickJS to check it, written into the flow file. */
export class FlowCodeService {
  constructor(
    private readonly files: ExampleFiles,
    private readonly flows: FlowService,
  ) {}

  /** Null when the code compiles (an empty hook is fine: it is removed); else why, with the line inside the code. */
  check(code: string, kind: CodeKind): CodeProblem | null {
    if (code.trim() === '') return kind === 'lambda' ? { message: 'expected JavaScript code: a lambda needs a body', line: null } : null;
    const error = codeSandbox().syntaxError(code, CODE_PARAMS[kind]);
    if (error === null) return null;
    // Past the last line: the code ended too early (an unmatched brace closed its function).
    const lines = code.replace(/\n$/, '').split('\n').length;
    return { message: error.message, line: error.line === undefined ? null : Math.min(Math.max(error.line, 1), lines) };
  }

  /** Replaces the code in the file (YAML edited in place, comments kept) and re-opens the flow. */
  async save(file: string, target: CodeTarget, code: string): Promise<FlowView> {
    const kind: CodeKind = 'module' in target ? 'lambda' : target.hook;
    const where = 'module' in target ? `modules[id=${target.module}].code` : `endpoints[id=${target.endpoint}].${target.hook}`;
    const problem = this.check(code, kind);
    if (problem !== null) {
      const at = problem.line === null ? '' : ` at line ${problem.line} of the code`;
      throw new HostError('invalid_input', `${file}: the code was not saved: JavaScript does not compile${at}: ${problem.message}`, [{ path: 'code', message: problem.message }]);
    }
    const path = await this.files.allowed(file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      throw new HostError('not_found', `cannot read ${file}`);
    }
    const written = /\.json$/i.test(path) ? editJson(text, file, target, code, where) : editYaml(text, file, target, code, where);
    await writeFile(path, written);
    return this.flows.open(file);
  }
}

const normalised = (code: string): string => (code.endsWith('\n') || code === '' ? code : `${code}\n`);

function editYaml(text: string, file: string, target: CodeTarget, code: string, where: string): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new HostError('failed', `${file} does not parse; the code was not saved`);
  if (!isFlowbenchValue({ format: doc.get('format') })) throw new HostError('invalid_input', `${file}: ${NOT_FLOWBENCH_MESSAGE}; the code was not saved`);
  const listKey = 'module' in target ? 'modules' : 'endpoints';
  const id = 'module' in target ? target.module : target.endpoint;
  const list = doc.get(listKey);
  const item = isSeq(list) ? list.items.find((m) => isMap(m) && m.get('id') === id) : undefined;
  if (!isMap(item)) throw new HostError('invalid_input', `${file} has no ${'module' in target ? 'module' : 'endpoint'} '${id}'`, [{ path: where, message: 'not found in the file' }]);
  const key = 'module' in target ? 'code' : target.hook;
  if ('module' in target && item.get('type') !== 'lambda') throw new HostError('invalid_input', `${file}: module '${id}' is not a lambda`, [{ path: where, message: 'expected a lambda module' }]);
  if (code.trim() === '') {
    item.delete(key);
  } else {
    // Several lines read best as a literal block (`|`); inside a { … } mapping the library quotes it.
    const scalar = new Scalar(normalised(code));
    if (code.includes('\n') && !item.flow) scalar.type = Scalar.BLOCK_LITERAL;
    item.set(key, scalar);
  }
  return doc.toString({ lineWidth: 0 });
}

function editJson(text: string, file: string, target: CodeTarget, code: string, where: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HostError('failed', `${file} does not parse; the code was not saved`);
  }
  if (!isFlowbenchValue(value) || typeof value !== 'object' || value === null) throw new HostError('invalid_input', `${file}: ${NOT_FLOWBENCH_MESSAGE}; the code was not saved`);
  const record = value as Record<string, unknown>;
  const list = record['module' in target ? 'modules' : 'endpoints'];
  const id = 'module' in target ? target.module : target.endpoint;
  const item = Array.isArray(list) ? list.find((m): m is Record<string, unknown> => typeof m === 'object' && m !== null && (m as Record<string, unknown>)['id'] === id) : undefined;
  if (!item) throw new HostError('invalid_input', `${file} has no ${'module' in target ? 'module' : 'endpoint'} '${id}'`, [{ path: where, message: 'not found in the file' }]);
  const key = 'module' in target ? 'code' : target.hook;
  if ('module' in target && item['type'] !== 'lambda') throw new HostError('invalid_input', `${file}: module '${id}' is not a lambda`, [{ path: where, message: 'expected a lambda module' }]);
  if (code.trim() === '') delete item[key];
  else item[key] = normalised(code);
  return `${JSON.stringify(value, null, 2)}\n`;
}
