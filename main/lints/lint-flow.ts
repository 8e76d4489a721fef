import type { FlowFile } from '../api/formats/flow';
import type { LintRule, LintWarning } from '../api/formats/lint';
import { asyncAwaitNoPause } from './async-await-no-pause';
import { awaitLoopNoCounter } from './await-loop-no-counter';
import { awaitTimeoutExceedsEndpoint } from './await-timeout-exceeds-endpoint';
import { blockingInVoice } from './blocking-in-voice';
import { contextNeverSet } from './context-never-set';
import { FlowGraph } from './flow-graph';
import { greenCycle } from './green-cycle';
import { interruptionTargetMissing } from './interruption-target-missing';
import { noInputUnhandled } from './no-input-unhandled';
import { lambdaUnknownPort } from './lambda-unknown-port';
import { unconnectedPort } from './unconnected-port';
import { unreachableModule } from './unreachable-module';

const RULES: Record<LintRule, (graph: FlowGraph) => LintWarning[]> = {
  'async-await-no-pause': asyncAwaitNoPause,
  'await-timeout-exceeds-endpoint': awaitTimeoutExceedsEndpoint,
  'await-loop-no-counter': awaitLoopNoCounter,
  'green-cycle': greenCycle,
  'blocking-in-voice': blockingInVoice,
  'unconnected-port': unconnectedPort,
  'unreachable-module': unreachableModule,
  'context-never-set': contextNeverSet,
  'no-input-unhandled': noInputUnhandled,
  'interruption-target-missing': interruptionTargetMissing,
  'lambda-unknown-port': lambdaUnknownPort,
};

/**
 * Every lint of SPEC §3, §7.1 and §7.2 over a valid flow, in the order of the flow's modules.
 * (`lambda-syntax` is not here: code that does not compile makes the file invalid.)
 */
export function lintFlow(flow: FlowFile): LintWarning[] {
  const graph = new FlowGraph(flow);
  return Object.values(RULES).flatMap((rule) => rule(graph));
}
