import type { BodyText } from '../../../main/api/routes/mocks-exchange';

/** A body for reading: JSON pretty-printed, other text as it is, with what was cut said. */
export function bodyForReading(body: BodyText): { text: string; note: string | null; json: boolean } {
  if (body.text === null) return { text: '', note: 'no body', json: false };
  const note = body.truncated ? `showing the first ${body.text.length.toLocaleString('en-US')} characters of ${body.bytes.toLocaleString('en-US')} bytes` : null;
  if (!body.truncated) {
    try {
      return { text: JSON.stringify(JSON.parse(body.text), null, 2), note, json: true };
    } catch {
      // not JSON: shown as sent
    }
  }
  return { text: body.text, note, json: false };
}

/** Header rows sorted by name, for a table. */
export function headerRows(headers: Readonly<Record<string, string>>): { name: string; value: string }[] {
  return Object.entries(headers)
    .map(([name, value]) => ({ name, value }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** `GET /orders/7?lang=de`: the request line as the journal row shows it. */
export function requestLine(method: string, path: string, queryString: string | undefined): string {
  return `${method} ${path}${queryString ? `?${queryString}` : ''}`;
}

/** What an exchange's times measure, as the journal's headings and the request detail explain them on hover. */
export const EXCHANGE_TIMES = {
  arrived: 'When the request arrived, in ms since the server started (hover a time for its date)',
  delay: "The latency the mock server added before answering: the route's, a patch's or a fault's (for a proxied route, the upstream's)",
  servedIn: "From the request's arrival to the last byte of its response, or to the client hanging up",
} as const;
