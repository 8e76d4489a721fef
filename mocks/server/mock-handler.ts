import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockRequest } from '../core';
import { TIME_SCALE_HEADER, timeScaleOf } from '../core';
import { scheduleDecision } from './deliver-decision';
import type { Exchange } from './exchange';
import { headerRecord, splitTarget, toMockRequest } from './incoming-request';
import type { LiveConfig } from './live-config';
import type { RecordingProxy } from './recording-proxy';
import { BodyTooLargeError, hasBody, parseBody, readBody } from './request-body';

export interface MockHandlerContext {
  readonly config: LiveConfig;
  readonly maxBodyBytes: number;
  /** Record mode: unmatched requests go to the target and are recorded. */
  readonly recording: RecordingProxy | null;
  /** Starts tracking a request (journal, shutdown). */
  open(req: IncomingMessage, res: ServerResponse): Exchange;
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

/** The Express handler of every mock request: decide with the shared core, then answer for real. */
export function createMockHandler(ctx: MockHandlerContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const exchange = ctx.open(req, res);
    if (!hasBody(req)) {
      answer(ctx, exchange, null);
      return;
    }
    exchange.watch();
    readBody(req, ctx.maxBodyBytes).then(
      (raw) => answer(ctx, exchange, raw),
      (error: unknown) => {
        if (error instanceof BodyTooLargeError) {
          exchange.warnings.push(error.message);
          exchange.send(413, JSON_TYPE, JSON.stringify({ error: 'body_too_large', message: error.message }));
        } else {
          exchange.warnings.push(`cannot read the request body: ${message(error)}`);
          exchange.reset();
        }
      },
    );
  };
}

function answer(ctx: MockHandlerContext, exchange: Exchange, raw: Buffer | null): void {
  try {
    const { req } = exchange;
    const target = splitTarget(req.url ?? '/');
    exchange.path = target.path;
    exchange.query = target.query;
    exchange.noteRequestBody(raw);
    const parsed = parseBody(raw, req.headers['content-type']);
    if (parsed.warning !== null) exchange.warnings.push(parsed.warning);
    const request = toMockRequest(req.method ?? 'GET', target, headerRecord(req.headers), parsed.body);
    const decided = ctx.config.decide(request);
    const scale = timeScaleOf(request.headers[TIME_SCALE_HEADER]);
    const decision =
      decided.kind === 'matched' && scale !== 1
        ? Object.assign({}, decided, { latencyMs: Math.round(decided.latencyMs * scale), slowBodyMs: Math.round(decided.slowBodyMs * scale) })
        : decided;
    exchange.stateBefore = decision.stateBefore;
    exchange.stateAfter = decision.stateAfter;
    if (decision.kind === 'unmatched') {
      if (ctx.recording !== null) {
        void proxy(ctx.recording, exchange, request, raw);
        return;
      }
      exchange.send(decision.status, decision.headers, decision.bodyText);
      return;
    }
    exchange.routeId = decision.routeId;
    exchange.n = decision.n;
    exchange.latencyMs = decision.latencyMs;
    exchange.fault = decision.fault;
    if (decision.warnings.length > 0) exchange.warnings.push(...decision.warnings);
    scheduleDecision(exchange, decision);
  } catch (error) {
    // Bad input never crashes the server: the client gets a 500 and the journal says why.
    exchange.fail(error);
  }
}

async function proxy(recording: RecordingProxy, exchange: Exchange, request: MockRequest, raw: Buffer | null): Promise<void> {
  exchange.proxied = true;
  exchange.watch();
  try {
    const observed = await recording.forward(exchange.req, request, raw);
    exchange.routeId = observed.routeId;
    exchange.n = observed.n;
    exchange.latencyMs = observed.latencyMs;
    if (observed.warnings.length > 0) exchange.warnings.push(...observed.warnings);
    exchange.send(observed.status, observed.headers, observed.body);
  } catch (error) {
    exchange.warnings.push(`proxy to ${recording.target} failed: ${message(error)}`);
    exchange.send(502, JSON_TYPE, JSON.stringify({ error: 'proxy_failed', target: recording.target, message: message(error) }));
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
