/**
 * Browser mode serves an API on 127.0.0.1, which any web page in the user's browser
 * could try to reach. Only requests addressed to our own host:port (no DNS rebinding)
 * and, when the browser says where they come from, from our own origin are let through.
 */
export function isAllowedRequest(
  headers: { host?: string | undefined; origin?: string | undefined },
  port: number,
): boolean {
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  if (headers.host === undefined || !allowedHosts.has(headers.host)) return false;
  if (headers.origin === undefined) return true;
  return [...allowedHosts].some((h) => headers.origin === `http://${h}`);
}
