/**
 * The browser globals that functions run inside the page (page.evaluate, addInitScript)
 * use. The Node type-check has no DOM types, so those functions read them through
 * `globalThis as unknown as PageGlobals`. Types only: nothing here runs.
 */
export interface PageElement {
  click(): void;
  getAttribute(name: string): string | null;
  scrollIntoView(options?: { block?: 'start' | 'center' | 'end' | 'nearest' }): void;
  textContent: string | null;
  scrollWidth: number;
  clientWidth: number;
  /** null when the element is not rendered (display: none, or inside such an element). */
  offsetParent: unknown;
  closest(selector: string): PageElement | null;
  querySelector(selector: string): PageElement | null;
}

/** An animation or transition of document.getAnimations() (Web Animations). */
export interface PageAnimation {
  playState: 'idle' | 'running' | 'paused' | 'finished';
  effect: { getComputedTiming(): { iterations?: number | null } } | null;
}

export interface PageGlobals {
  document: { querySelector(selector: string): PageElement | null; querySelectorAll(selector: string): Iterable<PageElement>; getAnimations(): PageAnimation[] };
  localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  sessionStorage: { getItem(key: string): string | null };
  dispatchEvent(event: unknown): boolean;
  KeyboardEvent: new (type: string, init: { key: string; shiftKey?: boolean; bubbles?: boolean; cancelable?: boolean }) => unknown;
  requestAnimationFrame(callback: () => void): number;
  /** untilStill's memory between frames: the graph viewport's last transform and for how many frames it held. */
  flowbenchStill?: { transform: string | null; frames: number };
}
