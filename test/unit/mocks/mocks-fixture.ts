import { MocksFile } from '../../../main/api/formats/mocks';
import type { MocksFileInput } from '../../../main/api/formats/mocks';
import { compileMocks } from '../../../mocks/core';
import type { CompiledMocks, MockRequest } from '../../../mocks/core';

export function mocksOf(routes: MocksFileInput['routes'], seed = 7): CompiledMocks {
  return compileMocks(MocksFile.parse({ format: 'flowbench.mocks/1', seed, routes }));
}

export function get(path: string, headers: Record<string, string> = {}): MockRequest {
  const [p = '/', q = ''] = path.split('?');
  return { method: 'GET', path: p, query: Object.fromEntries(new URLSearchParams(q)), headers, body: undefined };
}

export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}
