/**
 * The workbench's Content-Security-Policy, the same in Electron and in browser mode:
 * scripts only from the app itself, no eval, no plugins, no framing, no foreign hosts.
 * Styles allow inline because the component library injects its CSS at run time.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
