/**
 * How long a server could not answer while some work ran: GETs are sent one after another
 * until `work` settles. Work done in the server's own thread shows as one long wait (the GET
 * sent before it waits it out whole, and on a loaded machine that grows with the load as the
 * work itself does); work done in a worker shows as GETs answered in a few milliseconds.
 */
export interface Stall<T> {
  outcome: T;
  /** The longest GET sent meanwhile. */
  longestMs: number;
  gets: number;
}

/** One GET of the server's root, timed (ms). */
export async function timedGet(origin: string): Promise<number> {
  const sent = performance.now();
  await (await fetch(new URL('/', origin))).text();
  return performance.now() - sent;
}

export async function measureStall<T>(origin: string, work: () => Promise<T>): Promise<Stall<T>> {
  let settled = false;
  const running = work().finally(() => (settled = true));
  const times: number[] = [];
  while (!settled) times.push(await timedGet(origin));
  return { outcome: await running, longestMs: Math.max(0, ...times), gets: times.length };
}
