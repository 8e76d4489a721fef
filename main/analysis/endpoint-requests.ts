import type { Endpoint, FlowFile } from '../api/formats/flow';
import { parseTemplate } from '../expr/template';

/**
 * Tells whether an HTTP request seen elsewhere (a HAR entry, a mock journal entry) is a call
 * of a flow endpoint: same method, and a path that the endpoint's URL template can render
 * (each `{{placeholder}}` stands for one or more characters other than `/`). The query
 * string is not compared. For an absolute endpoint URL the host must match too.
 */
export class EndpointRequests {
  private readonly method: string;
  private readonly path: RegExp;
  private readonly host: string | null;

  constructor(readonly endpoint: Endpoint) {
    this.method = endpoint.method.toUpperCase();
    const withoutQuery = endpoint.url.split('?')[0] ?? endpoint.url;
    const absolute = /^[a-z][a-z0-9+.-]*:\/\/([^/]+)(\/.*)?$/i.exec(withoutQuery);
    this.host = absolute ? (absolute[1] ?? '').toLowerCase() : null;
    const pathTemplate = absolute ? (absolute[2] ?? '/') : withoutQuery.startsWith('/') ? withoutQuery : `/${withoutQuery}`;
    const pattern = parseTemplate(pathTemplate)
      .parts.map((p) => (p.kind === 'text' ? escapeRegExp(p.text) : '[^/]+'))
      .join('');
    this.path = new RegExp(`^${pattern}/?$`);
  }

  /** `url`: absolute, or a path. */
  matches(method: string, url: string): boolean {
    if (method.toUpperCase() !== this.method) return false;
    let path = url;
    let host: string | null = null;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
      try {
        const parsed = new URL(url);
        path = parsed.pathname;
        host = parsed.host.toLowerCase();
      } catch {
        return false;
      }
    } else {
      path = url.split(/[?#]/)[0] ?? url;
    }
    if (this.host !== null && host !== null && host !== this.host) return false;
    return this.path.test(path);
  }
}

/** The flow's endpoint by id, or an error naming the endpoints it has. */
export function endpointOf(flow: FlowFile, id: string): Endpoint {
  const endpoint = flow.endpoints.find((e) => e.id === id);
  if (!endpoint) throw new Error(`the flow has no endpoint '${id}' (endpoints: ${flow.endpoints.map((e) => e.id).join(', ') || 'none'})`);
  return endpoint;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
