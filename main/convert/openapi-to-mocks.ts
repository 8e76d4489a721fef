import type { SourceDocument } from '../formats/source-document';
import type { ConvertedRoute, Findings, SourceConversion } from './conversion';
import { asMethod, asRecord, asString, routeId } from './conversion';
import { expressPath, templateParts } from './express-path';
import { resolveOpenApi } from './openapi-refs';
import { operationResponses } from './openapi-responses';
import type { SourceSet } from './source-files';

const OPERATION_KEYS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * OpenAPI 3.0/3.1 and Swagger 2 (SPEC §7.3): one route per operation, `{id}` → `:id`, the
 * server's base path in front, concrete paths before templated ones (as OpenAPI matches).
 */
export async function convertOpenApi(doc: SourceDocument, rel: string, sources: SourceSet, findings: Findings): Promise<SourceConversion> {
  const value = asRecord(doc.value) ?? {};
  const swagger2 = value['swagger'] !== undefined;
  const format = swagger2 ? 'swagger2' : 'openapi3';
  const f = findings.forDocument(doc);
  const fatal = (path: PropertyKey[], message: string): SourceConversion => {
    f.problem(path, message);
    return { file: doc.file, format, routes: [], fatal: true };
  };
  if (swagger2 && value['swagger'] !== '2.0') return fatal(['swagger'], `expected swagger: "2.0", got ${JSON.stringify(value['swagger'])}`);
  if (!swagger2 && (typeof value['openapi'] !== 'string' || !/^3\.\d+\.\d+/.test(value['openapi']))) {
    return fatal(['openapi'], `expected openapi: "3.0.x" or "3.1.x", got ${JSON.stringify(value['openapi'])}`);
  }
  if (value['paths'] !== undefined && asRecord(value['paths']) === null) return fatal(['paths'], 'expected paths to be an object of paths');
  const api = await resolveOpenApi(value, rel, sources, f);
  if (api === null) return { file: doc.file, format, routes: [], fatal: true };
  const paths = asRecord(api['paths']);
  if (paths === null || Object.keys(paths).length === 0) f.note(['paths'], 'no paths: no routes');

  const base = basePath(api, swagger2);
  if (base !== '') f.note(swagger2 ? ['basePath'] : ['servers', 0, 'url'], `the base path ${base} is part of every route's path`);
  const produces = stringList(api['produces']);
  const routes: (ConvertedRoute & { template: string })[] = [];
  for (const [template, rawItem] of Object.entries(paths ?? {})) {
    const item = asRecord(rawItem);
    if (item === null) {
      f.problem(['paths', template], 'not a path item: left out');
      continue;
    }
    const parts = templateParts(template);
    let path: string;
    try {
      if (parts === null) throw new Error('unbalanced { } in the path template');
      path = expressPath([{ text: base }, ...(template.startsWith('/') ? [] : [{ text: '/' }]), ...parts]);
    } catch (error) {
      f.problem(['paths', template], `path not converted: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    for (const key of OPERATION_KEYS) {
      const operation = asRecord(item[key]);
      if (operation === null) continue;
      const at = ['paths', template, key];
      const method = asMethod(key);
      if (method === null) {
        f.problem(at, `method ${key.toUpperCase()} is not served by flowbench mocks (GET, POST, PUT, PATCH, DELETE): left out`);
        continue;
      }
      const id = routeId(asString(operation['operationId']) ?? `${key}_${template}`);
      const ownProduces = stringList(operation['produces']);
      const responses = operationResponses(operation, { swagger2, produces: ownProduces.length > 0 ? ownProduces : produces, spec: api, findings: f, at });
      routes.push({ route: { id, method, path, responses }, file: doc.file, path: formatAt(template, key), template });
    }
  }
  const ordered = routes
    .map((r, index) => ({ r, index }))
    .sort((a, b) => specificity(a.r.template, b.r.template) || a.index - b.index)
    .map(({ r }) => ({ route: r.route, file: r.file, path: r.path }));
  const info = asRecord(api['info']);
  const title = asString(info?.['title']);
  return { file: doc.file, format, ...(title !== undefined ? { name: title } : {}), routes: ordered, fatal: false };
}

function formatAt(template: string, method: string): string {
  return `paths[${JSON.stringify(template)}].${method}`;
}

/** Concrete before templated, segment by segment (OpenAPI's matching order). */
function specificity(a: string, b: string): number {
  const sa = a.split('/');
  const sb = b.split('/');
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const ta = (sa[i] ?? '').includes('{');
    const tb = (sb[i] ?? '').includes('{');
    if (ta !== tb) return ta ? 1 : -1;
  }
  return 0;
}

/** Swagger 2 `basePath`; OpenAPI 3: the path of the first server URL (variables at their defaults). */
function basePath(api: Record<string, unknown>, swagger2: boolean): string {
  if (swagger2) return (asString(api['basePath']) ?? '').replace(/\/+$/, '');
  const servers = Array.isArray(api['servers']) ? api['servers'] : [];
  const server = asRecord(servers[0]);
  let url = asString(server?.['url']);
  if (url === undefined) return '';
  for (const [name, raw] of Object.entries(asRecord(server?.['variables']) ?? {})) {
    const def = asString(asRecord(raw)?.['default']) ?? '';
    url = url.split(`{${name}}`).join(def);
  }
  try {
    return decodeURI(new URL(url, 'http://flowbench.invalid').pathname).replace(/\/+$/, '');
  } catch {
    return '';
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
