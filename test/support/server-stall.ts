/**
 * How long a server could not answer while some work ran: GETs are sent one after another
 * until `work` settles, and the time each took beyond a plain round trip is added up. Work
 * done in the server's own thread shows as one long wait (about the whole work); work done
 * in a worker shows as a few milliseconds per GET, however busy the machine is.
 */
export interface Stall<T> {
  outcome: T;
  /** Σ max(0, round trip − roundTripMs) over every GET sent meanwhile. */
  stalledMs: number;
  /**
   * The longest GET: work in the server's thread is one block the GET sent before it waits out
   * whole; on a loaded machine this grows with the load as the work itself does, while the sum
   * above also grows with the number of GETs.
   */
  longestMs: number;
  gets: number;
}

/** A local round trip on a loaded 2-core machine: what a GET may take without the server stalling. */
export const ROUND_TRIP_MS = 20;

export async function measureStall<T>(origin: string, work: () => Promise<T>, roundTripMs = ROUND_TRIP_MS): Promise<Stall<T>> {
  let settled = false;
  const running = work().finally(() => (settled = true));
  const times: number[] = [];
  while (!settled) {
    const sent = performance.now();
    await (await fetch(new URL('/', origin))).text();
    times.push(performance.now() - sent);
  }
  return {
    outcome: await running,
    stalledMs: times.reduce((sum, ms) => sum + Math.max(0, ms - roundTripMs), 0),
    longestMs: Math.max(0, ...times),
    gets: times.length,
  };
}
