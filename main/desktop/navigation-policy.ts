/**
 * The window may only show the workbench itself: any navigation away from the page it
 * loaded (a link, a redirect, a subframe) is refused, and `window.open` never opens anything.
 */
export function isAllowedNavigation(targetUrl: string, appUrl: string): boolean {
  let target: URL;
  let app: URL;
  try {
    target = new URL(targetUrl);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (target.protocol !== app.protocol) return false;
  if (app.protocol === 'file:') return target.pathname === app.pathname;
  // Custom schemes (app://) have an opaque WHATWG origin: compare scheme, host and port.
  return target.host === app.host && target.username === '' && target.password === '';
}

/** Whether an IPC message comes from the workbench page (its frame's URL is the app's origin). */
export function isTrustedSender(frameUrl: string, appUrl: string): boolean {
  return frameUrl !== '' && isAllowedNavigation(frameUrl, appUrl);
}

export const denyWindowOpen = (): { action: 'deny' } => ({ action: 'deny' });

/** An Electron event the handler may cancel, with the URL in it (Electron ≥ 25 passes `details`). */
export interface NavigationEventLike {
  url?: string;
  preventDefault(): void;
}

/** The part of Electron's WebContents the navigation policy uses (so it is testable without Electron). */
export interface GuardedContentsLike {
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (details: NavigationEventLike, url?: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
}

/**
 * Applies the navigation policy to a page: navigations, redirects and subframe navigations
 * that leave the app are cancelled (and reported), webviews are never attached, window.open
 * is denied.
 */
export function guardNavigation(contents: GuardedContentsLike, appUrl: string, onBlocked: (kind: string, url: string) => void = () => {}): void {
  for (const kind of ['will-navigate', 'will-redirect', 'will-frame-navigate'] as const) {
    contents.on(kind, (details, legacyUrl) => {
      const url = details.url ?? legacyUrl ?? '';
      if (!isAllowedNavigation(url, appUrl)) {
        details.preventDefault();
        onBlocked(kind, url);
      }
    });
  }
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(denyWindowOpen);
}
