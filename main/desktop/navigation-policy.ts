/**
 * The window may only show the workbench itself: any navigation away from the page it
 * loaded is refused, and `window.open` never opens anything.
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
  return target.origin === app.origin;
}

export const denyWindowOpen = (): { action: 'deny' } => ({ action: 'deny' });
