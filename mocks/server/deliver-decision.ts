import type { MatchedDecision } from '../core';
import type { Exchange } from './exchange';
import { sendSlowly } from './slow-body';

/** Does at the socket what the core decided, once the latency has elapsed. */
export function deliverDecision(exchange: Exchange, decision: MatchedDecision): void {
  switch (decision.fault) {
    case null:
    case 'status':
    case 'malformed':
      exchange.send(decision.status, decision.headers, decision.bodyText);
      return;
    case 'slow_body':
      sendSlowly(exchange, decision.status, decision.headers, decision.bodyText, decision.slowBodyMs);
      return;
    case 'reset':
      exchange.reset();
      return;
    case 'empty':
      exchange.closeEmpty();
      return;
    case 'hang':
      // Never answers: the socket stays open until the client gives up or the server closes.
      exchange.watch();
      return;
  }
}

/** Applies the decision after its latency, counted from the request's arrival. */
export function scheduleDecision(exchange: Exchange, decision: MatchedDecision): void {
  if (decision.fault === 'hang') {
    exchange.watch();
    return;
  }
  const wait = decision.latencyMs - (performance.now() - exchange.arrivedAt);
  if (wait < 0.5) deliverDecision(exchange, decision);
  else exchange.later(Math.round(wait), () => deliverDecision(exchange, decision));
}
