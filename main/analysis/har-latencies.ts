import { z } from 'zod';
import type { Endpoint } from '../api/formats/flow';
import { HarFile } from '../api/formats/har';
import { describeIssues, zodIssues } from '../api/validate';
import { EndpointRequests } from './endpoint-requests';
import type { LatencyObservation, ObservationSet } from './latency-observation';

/** What flowbench's own HAR export adds to an entry. */
const Extras = z.object({
  _flowbench: z.object({ endpoint: z.string().optional(), gaveUp: z.boolean().optional() }).loose().optional(),
}).loose();

/**
 * The endpoint's latencies in a HAR 1.2 file. An entry is the endpoint's when flowbench's
 * export says so (`_flowbench.endpoint`), else when its method and URL fit the endpoint's URL
 * template. Its latency is the entry's `time` (the whole exchange, as the bot experiences
 * it). An entry with no response (status 0, as browsers write a failed request) or where the client gave up is censored
 * at that time; any response, whatever its status, is an answer.
 */
export function harLatencies(raw: unknown, endpoint: Endpoint, name: string): ObservationSet {
  const parsed = HarFile.safeParse(raw);
  if (!parsed.success) throw new Error(`${name} is not a HAR 1.2 file: ${describeIssues(zodIssues(parsed.error))}`);
  const requests = new EndpointRequests(endpoint);
  const observations: LatencyObservation[] = [];
  let skipped = 0;
  for (const entry of parsed.data.log.entries) {
    const extras = Extras.safeParse(entry);
    const tagged = extras.success ? extras.data._flowbench?.endpoint : undefined;
    const mine = tagged !== undefined ? tagged === endpoint.id : requests.matches(entry.request.method, entry.request.url);
    if (!mine) {
      skipped++;
      continue;
    }
    const failed = entry.response.status === 0 || (extras.success && extras.data._flowbench?.gaveUp === true);
    observations.push({ ms: entry.time, censored: failed });
  }
  return { source: `HAR file ${name}`, observations, skipped };
}
