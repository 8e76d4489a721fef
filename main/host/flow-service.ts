import { readFile, writeFile } from 'node:fs/promises';
import { isMap, isSeq, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { Position as PositionSchema } from '../api/formats/flow';
import type { FlowView } from '../api/routes/flows';
import { lintFlow } from '../lints/lint-flow';
import { NOT_FLOWBENCH_MESSAGE, isFlowbenchValue } from '../formats/flowbench-document';
import { validateFlowValue } from '../formats/validate-flow';
import { valueDocument } from '../formats/value-document';
import type { JobRunner } from '../workers/job-runner';
import type { ExampleFiles } from './example-files';
import { HostError } from './host-error';
import { pooledValue } from './pooled-jobs';

type Position = z.infer<typeof PositionSchema>;

/** Flow files for the Flows view: load with issues and lints, save dragged positions. */
export class FlowService {
  constructor(
    private readonly files: ExampleFiles,
    /** With the host's worker pool, a flow value is validated and linted in a worker. */
    private readonly jobs?: JobRunner,
  ) {}

  /** The flow with its lints, or (when invalid) its issues; a missing file is not_found. */
  async open(file: string): Promise<FlowView> {
    try {
      const flow = await this.files.flow(file);
      return { file, flow, issues: [], lints: lintFlow(flow) };
    } catch (error) {
      if (error instanceof HostError && error.code === 'invalid_input') return { file, flow: null, issues: error.issues, lints: [] };
      throw error;
    }
  }

  /** Validates and lints a flow given as a value (library flows, editors). */
  check(value: unknown): Promise<Omit<FlowView, 'file'>> | Omit<FlowView, 'file'> {
    if (this.jobs !== undefined) return pooledValue(this.jobs, { kind: 'checkFlow', value }, 'flow');
    const checked = validateFlowValue(valueDocument('flow', value), value);
    return {
      flow: checked.value,
      issues: checked.issues.map((i) => ({ path: i.path, message: i.message })),
      lints: checked.value === null ? [] : lintFlow(checked.value),
    };
  }

  /** Sets `position` on each module named, editing the YAML document in place (comments stay). */
  async savePositions(file: string, positions: Record<string, Position>): Promise<{ saved: number }> {
    const path = await this.files.allowed(file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      throw new HostError('not_found', `cannot read ${file}`);
    }
    const doc = parseDocument(text);
    if (doc.errors.length > 0) throw new HostError('failed', `${file} does not parse; positions not saved`);
    if (!isFlowbenchValue({ format: doc.get('format') })) throw new HostError('invalid_input', `${file}: ${NOT_FLOWBENCH_MESSAGE}; positions not saved`);
    const modules = doc.get('modules');
    if (!isSeq(modules)) throw new HostError('failed', `${file} has no modules list`);
    let saved = 0;
    for (const item of modules.items) {
      if (!isMap(item)) continue;
      const id = item.get('id');
      if (typeof id !== 'string' || !Object.hasOwn(positions, id)) continue;
      const p = positions[id] as Position;
      item.set('position', doc.createNode({ x: Math.round(p.x), y: Math.round(p.y) }, { flow: true }));
      saved++;
    }
    const unknown = Object.keys(positions).filter((id) => !modules.items.some((m) => isMap(m) && m.get('id') === id));
    if (unknown.length > 0) throw new HostError('invalid_input', `unknown modules: ${unknown.join(', ')}`);
    await writeFile(path, doc.toString({ lineWidth: 0 }));
    return { saved };
  }
}
