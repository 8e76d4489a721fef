/** Whether an address or host name only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** The warning printed when the mock server listens beyond loopback, or null. */
export function bindWarning(host: string): string | null {
  if (isLoopbackHost(host)) return null;
  return `the mock server listens on ${host}: other machines can reach it, and its admin API (/__flowbench/) has no authentication`;
}

/** The URL clients on this machine use: a wildcard bind is reached through loopback. */
export function baseUrlFor(host: string, port: number): string {
  const h = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return h.includes(':') ? `http://[${h}]:${port}` : `http://${h}:${port}`;
}
