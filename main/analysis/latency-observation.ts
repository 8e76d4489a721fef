/**
 * One latency seen in the wild (a HAR entry, a recorded exchange, a mock journal entry), in
 * ms. A request that got no usable answer tells only that its latency was longer than the
 * time waited: it is **right-censored** at that time (the bot timed out, gave up, or the
 * connection was reset or closed before an answer). Fitting keeps such requests instead of
 * dropping them (dropping them would bias the model towards fast answers: exactly the slow
 * tail a timeout is tuned for) or counting them as answers at that time (same bias).
 */
export interface LatencyObservation {
  ms: number;
  censored: boolean;
}

/** Where observations came from and what was left out, for the report. */
export interface ObservationSet {
  /** e.g. `HAR file trace.har`, `12 recorded sessions of flow "Order status"`. */
  source: string;
  observations: LatencyObservation[];
  /** Entries of the source that were not the endpoint's requests, or could not be read. */
  skipped: number;
}
