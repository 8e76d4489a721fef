import type { MocksFile } from '../../../main/api/formats/mocks';
import type { MockSetRecord } from '../../../main/api/routes/library-mock-sets';
import { useClient } from '../api/client';
import { downloadBase64, downloadJson, fileSlug } from './download';
import { scenarioRefs } from './session-scenario';
import type { ScenarioRef } from './session-scenario';

export type SessionDownload = 'session' | 'har' | 'bundle' | 'bundle-zip';

/** What each download is called: `<flow>-<id>.flowbench-session.json`, `….har`, `….flowbench.json`, `….flowbench.zip`. */
export function downloadName(kind: SessionDownload, flowName: string, id: string): string {
  const base = `${fileSlug(flowName)}-${id.slice(0, 8)}`;
  if (kind === 'session') return `${base}.flowbench-session.json`;
  if (kind === 'har') return `${base}.har`;
  if (kind === 'bundle-zip') return `${base}.flowbench.zip`;
  return `${base}.flowbench.json`;
}

/** Fetches a recorded session as a session file, a HAR 1.2 log or a repro bundle (JSON or zip), and downloads it. */
export async function downloadSession(kind: SessionDownload, id: string, flowName: string): Promise<void> {
  const client = useClient();
  if (kind === 'bundle-zip') {
    const zip = await client.call('sessions.exportBundle', { id });
    downloadBase64(zip.fileName, zip.zipBase64);
    return;
  }
  const value = kind === 'session' ? await client.call('sessions.get', { id }) : kind === 'har' ? (await client.call('sessions.exportHar', { id })).har : await client.call('sessions.bundle', { id });
  downloadJson(downloadName(kind, flowName, id), value);
}

export interface ScenarioFromSession {
  /** The scenario entry as scenarios.create takes it (no `format` line), in YAML. */
  yaml: string;
  /** How it names its flow and mocks: library paths, or inline. */
  refs: ScenarioRef[];
  /** Library paths the draft names that the library does not have (import them first). */
  missing: string[];
}

/**
 * A scenario reproducing the session, as the library takes it: the host writes the entry
 * (sessions.toScenario for the library), naming its flow and mocks by library path.
 */
export async function scenarioFromSession(id: string, name: string): Promise<ScenarioFromSession> {
  const client = useClient();
  const [{ yaml }, flows, sets] = await Promise.all([client.call('sessions.toScenario', { id, name, for: 'library' }), client.call('flows.list', {}), client.call('mockSets.list', {})]);
  const refs = scenarioRefs(yaml);
  const known = new Set([...flows.items.map((f) => f.path), ...sets.items.map((s) => s.path)]);
  const missing = refs.flatMap((r) => (r.path !== null && !known.has(r.path) ? [r.path] : []));
  return { yaml, refs, missing };
}

/** Reads a HAR file the user picked and turns it into a mock set (not saved yet). */
export async function mockSetFromHar(text: string, name: string): Promise<{ mocks: MocksFile; yaml: string }> {
  let har: unknown;
  try {
    har = JSON.parse(text);
  } catch (error) {
    throw new Error(`the file is not JSON (${error instanceof Error ? error.message : String(error)}): a HAR file is a JSON document with a "log"`, { cause: error });
  }
  return useClient().call('sessions.importHar', { har, ...(name.trim() ? { name: name.trim() } : {}) });
}

/** Saves a mock set in the library (mocks/<name>.mocks.yaml). */
export function saveMockSet(mocks: MocksFile): Promise<MockSetRecord> {
  return useClient().call('mockSets.create', { mocks });
}

/** Saves an exported flowbench.session/1 file in the library. */
export async function importSessionFile(text: string): Promise<string> {
  let session: unknown;
  try {
    session = JSON.parse(text);
  } catch (error) {
    throw new Error(`the file is not JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  return (await useClient().call('sessions.import', { session })).id;
}
