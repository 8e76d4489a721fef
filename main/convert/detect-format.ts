import type { SourceFormat } from './conversion';
import { asRecord } from './conversion';

export type Detected =
  | { format: SourceFormat; value: Record<string, unknown> }
  /** A Mockoon export file (`{ source: "mockoon:…", data: [{ type: "environment", item }] }`). */
  | { format: 'mockoon-export'; environments: { item: Record<string, unknown>; at: PropertyKey[] }[] }
  | { format: null; why: string };

/** The format of a parsed document, from its content (never from the file name). */
export function detectFormat(value: unknown): Detected {
  const record = asRecord(value);
  if (record === null) return { format: null, why: 'not an object' };
  if (typeof record['format'] === 'string' && record['format'].startsWith('flowbench.')) return { format: null, why: `already a ${record['format']} file` };
  if ('swagger' in record) return { format: 'swagger2', value: record };
  if ('openapi' in record) return { format: 'openapi3', value: record };
  if (asRecord(record['log']) !== null && 'entries' in (asRecord(record['log']) ?? {})) return { format: 'har', value: record };
  if ('lastMigration' in record || 'endpointPrefix' in record || ('rootChildren' in record && 'routes' in record)) return { format: 'mockoon', value: record };
  if (typeof record['source'] === 'string' && record['source'].startsWith('mockoon') && Array.isArray(record['data'])) {
    const environments = record['data'].flatMap((d: unknown, i) => {
      const entry = asRecord(d);
      const item = asRecord(entry?.['item']);
      return entry?.['type'] === 'environment' && item !== null ? [{ item, at: ['data', i, 'item'] as PropertyKey[] }] : [];
    });
    return { format: 'mockoon-export', environments };
  }
  if ('mappings' in record || asRecord(record['request']) !== null || asRecord(record['response']) !== null) return { format: 'wiremock', value: record };
  return { format: null, why: 'not a known format (OpenAPI 3, Swagger 2, Mockoon environment, WireMock mappings or HAR)' };
}
