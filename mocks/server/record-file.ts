import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stringify } from 'yaml';
import { MOCKS_FORMAT } from '../../main/api/formats/mocks';
import type { MockRoute, MocksFile, MocksFileInput } from '../../main/api/formats/mocks';
import { parseMocksConfig } from './config-check';
import type { Recorder } from './recorder';

type RouteInput = MocksFileInput['routes'][number];

/** The served routes, then the recorded ones: a complete flowbench.mocks/1 value, checked. */
export function recordedMocks(base: MocksFile, recorder: Recorder, target: string): MocksFileInput {
  const value: MocksFileInput = {
    format: MOCKS_FORMAT,
    name: base.name ?? `recorded from ${target}`,
    seed: base.seed,
    ...(base.state !== undefined ? { state: base.state } : {}),
    routes: [...base.routes.map(compactRoute), ...recorder.toRoutes()],
  };
  parseMocksConfig(value);
  return value;
}

/** Writes the mocks as YAML, atomically (a reader never sees half a file). */
export async function writeMocksYaml(path: string, mocks: MocksFileInput): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const text = `# Written by flowbench mock --record.\n${stringify(mocks, { lineWidth: 0 })}`;
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text, 'utf8');
  await rename(temp, path);
}

/** A route without the fields that hold their default value (what a written mocks file shows). */
export function compactRoute(route: MockRoute): RouteInput {
  return {
    id: route.id,
    method: route.method,
    path: route.path,
    ...('fixed' in route.latency && route.latency.fixed === 0 ? {} : { latency: route.latency }),
    ...(route.faults.length > 0 ? { faults: route.faults } : {}),
    ...(route.pick === 'first' ? {} : { pick: route.pick }),
    responses: route.responses.map((r) => ({
      ...(r.when !== undefined ? { when: r.when } : {}),
      status: r.status,
      ...(Object.keys(r.headers).length > 0 ? { headers: r.headers } : {}),
      ...(r.body !== undefined ? { body: r.body } : {}),
      ...(r.weight !== 1 ? { weight: r.weight } : {}),
      ...(r.setState !== undefined ? { setState: r.setState } : {}),
    })),
  };
}
