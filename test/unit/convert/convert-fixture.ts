import { join } from 'node:path';
import type { MockRoute } from '../../../main/api/formats/mocks';
import { convertMocks } from '../../../main/convert/convert-mocks';
import type { ConvertResult } from '../../../main/convert/convert-mocks';
import { diskSources } from '../../../main/convert/source-files';
import { repoRoot } from '../../support/paths';

/** The fixtures in each source format (test/fixtures/convert/). */
export const fixturesDir = join(repoRoot, 'test', 'fixtures', 'convert');

export async function convertFixture(path: string): Promise<ConvertResult> {
  return convertMocks(await diskSources(path, fixturesDir));
}

export function routeOf(result: ConvertResult, id: string): MockRoute {
  const route = result.mocks.routes.find((r) => r.id === id);
  if (route === undefined) throw new Error(`no route ${id}; routes: ${result.mocks.routes.map((r) => r.id).join(', ')}`);
  return route;
}

/** `path: message` of each problem (or note) of one file. */
export function issuesOf(list: ConvertResult['problems'], file: string): string[] {
  return list.filter((i) => i.file.endsWith(file)).map((i) => `${i.path}: ${i.message}`);
}
