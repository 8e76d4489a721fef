import { SYS_INTERRUPTION, SYS_NO_INPUT_COUNT } from '../api/formats/flow';
import type { FlowFile, InterruptionKind } from '../api/formats/flow';
import type { RunHost } from './run-host';


/**
 * The flow's `interruptions` (SPEC §7.1 rules 10 and 14): where the bot goes when the user
 * is silent, the loop guard trips or a port has no arrow. Without a handler, a loop or a
 * missing arrow ends the run in error as before.
 */
/** A no_input handler exists and the flow's no-input timer is on (voice, noInputMs > 0). */
export function noInputOn(flow: FlowFile): boolean {
  return flow.channel === 'voice' && (flow.noInputMs ?? 0) > 0 && flow.interruptions?.no_input !== undefined;
}

export class Interruptions {
  private loopAt = -1;
  private noLinkAt = -1;
  private readonly noLinksNow = new Set<string>();

  constructor(private readonly host: RunHost) {}

  /**
   * Rule 1's loop guard tripped on entering `moduleId` (that entry is not recorded). Returns
   * the handler to enter, or null when the run ended: no handler, or a second loop at this time.
   */
  loop(moduleId: string): string | null {
    const handler = this.host.flow.interruptions?.loop;
    const now = this.host.clock.now();
    if (handler === undefined || this.loopAt === now) {
      this.host.finish('error', 'loop');
      return null;
    }
    this.loopAt = now;
    return this.raise('loop', moduleId, handler, {});
  }

  /**
   * `moduleId` left by `port`, which has no arrow (rule 9). Returns the handler, or null when
   * the run ended. Taking the same missing arrow again without time advancing goes round
   * in circles: that trips the loop guard.
   */
  noLink(moduleId: string, port: string): string | null {
    const handler = this.host.flow.interruptions?.no_link;
    if (handler === undefined) {
      this.host.finish('error', `no_link:${moduleId}.${port}`);
      return null;
    }
    const now = this.host.clock.now();
    if (this.noLinkAt !== now) {
      this.noLinkAt = now;
      this.noLinksNow.clear();
    }
    const key = `${moduleId}.${port}`;
    if (this.noLinksNow.has(key)) return this.loop(moduleId);
    this.noLinksNow.add(key);
    return this.raise('no_link', moduleId, handler, { port });
  }

  /** The user was silent for noInputMs while the bot waited to run `target` (rule 10). Returns the handler. */
  noInput(target: string, count: number): string {
    const handler = this.host.flow.interruptions?.no_input;
    if (handler === undefined) throw new Error('no-input without a no_input handler');
    return this.raise('no_input', target, handler, { count });
  }

  private raise(kind: InterruptionKind, module: string, to: string, extra: { count?: number; port?: string }): string {
    const { trace, contexts, clock } = this.host;
    trace.push({ type: 'interruption', t: clock.now(), kind, module, to, ...extra });
    if (extra.count !== undefined) contexts.set(SYS_NO_INPUT_COUNT, extra.count, 'system');
    contexts.set(SYS_INTERRUPTION, kind, 'system');
    this.host.restartLoopCount();
    return to;
  }
}
