import type { Lookup } from '../expr/template';
import { renderTemplate } from '../expr/template';
import type { CompiledModule } from './compiled-flow';
import type { ContextStore } from './context-store';
import type { PortChoice } from './response-routing';
import type { AudioChannel } from './speech';
import { speechMs } from './speech';
import type { TraceEventOf, TraceRecorder } from './trace';

/** What a module that takes no time needs of the run. */
export interface ModuleContext {
  now: number;
  channel: 'chat' | 'voice' | 'email';
  wpm: number;
  contexts: ContextStore;
  trace: TraceRecorder;
  audio: AudioChannel;
  lookup: Lookup;
  /** The user's last message ('' before the first). */
  message: string;
  moduleId: string;
  warn(kind: 'missing_context' | 'cel_error', message: string): void;
}

/*
 * The modules that run in zero time and leave by a port at once: say, capture, condition,
 * context and counter (SPEC §2.1). Each returns the port and the reason.
 */

export function say(ctx: ModuleContext, template: string, bargeIn = true): PortChoice {
  const now = ctx.now;
  const rendered = renderTemplate(template, ctx.lookup);
  for (const name of rendered.missing) {
    ctx.warn('missing_context', `context '${name}' is not set; it reads as empty text`);
  }
  if (ctx.channel === 'voice') {
    const { start, end } = ctx.audio.queue(now, speechMs(rendered.value, ctx.wpm));
    const event: TraceEventOf<'say'> = { type: 'say', t: now, module: ctx.moduleId, text: rendered.value, start, end };
    if (!bargeIn) event.bargeIn = false;
    ctx.trace.push(event);
    ctx.audio.track(event, bargeIn, now);
    return { port: 'next', reason: `speaks ${start}–${end} ms` };
  }
  ctx.trace.push({ type: 'say', t: now, module: ctx.moduleId, text: rendered.value, start: now, end: now });
  return { port: 'next', reason: 'message sent' };
}

export function capture(ctx: ModuleContext, compiled: CompiledModule, save: string): PortChoice {
  const message = ctx.message;
  let value: string | null = null;
  if (compiled.pattern) {
    let match: (string | undefined)[] | null;
    try {
      match = compiled.pattern.exec(message);
    } catch (error) {
      // RE2 runs in linear time, but a text can still be too long for one match.
      return { port: 'nomatch', reason: error instanceof Error ? error.message : String(error) };
    }
    if (match) value = match[1] ?? match[0] ?? null;
  } else if (message.trim() !== '') {
    value = message;
  }
  if (value === null) {
    const why = compiled.pattern ? `no match for /${compiled.pattern.source}/ in '${message}'` : 'empty message';
    return { port: 'nomatch', reason: why };
  }
  ctx.contexts.set(save, value, 'capture');
  return { port: 'next', reason: `captured '${value}'` };
}

export function condition(ctx: ModuleContext, compiled: CompiledModule): PortChoice {
  const vars = ctx.contexts.celVariables({ message: ctx.message });
  for (const c of compiled.cases) {
    try {
      if (c.when.evaluate(vars) === true) return { port: c.port, reason: `case '${c.port}': ${c.when.source}` };
    } catch (error) {
      ctx.warn('cel_error', `case '${c.port}': ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { port: 'else', reason: 'no case matched' };
}

export function setContexts(ctx: ModuleContext, compiled: CompiledModule, deletions: readonly string[]): PortChoice {
  const done: string[] = [];
  for (const { name, expr } of compiled.set) {
    try {
      ctx.contexts.set(name, expr.evaluate(ctx.contexts.celVariables({ message: ctx.message })), 'set');
      done.push(`set ${name}`);
    } catch (error) {
      ctx.warn('cel_error', `set ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const name of deletions) {
    ctx.contexts.delete(name);
    done.push(`deleted ${name}`);
  }
  return { port: 'next', reason: done.join(', ') || 'nothing to change' };
}

export function count(ctx: ModuleContext, name: string, max: number): PortChoice {
  const current = ctx.contexts.get(name);
  const value = (typeof current === 'number' ? current : 0) + 1;
  ctx.contexts.set(name, value, 'counter');
  return value > max
    ? { port: 'exceeded', reason: `counter ${value} > ${max}` }
    : { port: 'next', reason: `counter ${value} <= ${max}` };
}
