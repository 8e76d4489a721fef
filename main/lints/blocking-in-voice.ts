import type { LintWarning } from '../api/formats/lint';
import type { FlowGraph } from './flow-graph';
import { modulePath, warning } from './lint-context';

export const VOICE_BLOCKING_LIMIT_MS = 2000;

/** A blocking API call in a voicebot that may hold the line silent for more than 2 s. */
export function blockingInVoice(graph: FlowGraph): LintWarning[] {
  if (graph.flow.channel !== 'voice') return [];
  const out: LintWarning[] = [];
  for (const { module } of graph.modules.values()) {
    if (module.type !== 'api') continue;
    const endpoint = graph.flow.endpoints.find((e) => e.id === module.endpoint);
    if (!endpoint || endpoint.timeoutMs <= VOICE_BLOCKING_LIMIT_MS) continue;
    out.push(
      warning(
        'blocking-in-voice',
        `blocking api '${module.id}' can leave up to ${endpoint.timeoutMs} ms of dead air (endpoint '${endpoint.id}' timeout > ${VOICE_BLOCKING_LIMIT_MS} ms); use api_async + api_await with a hold message`,
        modulePath(graph, module.id),
        module.id,
      ),
    );
  }
  return out;
}
