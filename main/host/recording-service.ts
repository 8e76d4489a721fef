import { join, relative, resolve, sep } from 'node:path';
import { stringify } from 'yaml';
import type { FlowFile } from '../api/formats/flow';
import type { MocksFile } from '../api/formats/mocks';
import type { HarFile } from '../api/formats/har';
import { SessionFile } from '../api/formats/session';
import type { BundleFile } from '../api/formats/session';
import type { ReplayOutcome, SessionListEntry } from '../api/routes/sessions';
import { describeSession } from '../sessions/describe-session';
import { describeIssues, zodIssues } from '../api/validate';
import { makeBundle, replayAsResult } from '../sessions/bundle';
import { bundleZipName, writeBundleZip } from '../sessions/bundle-zip';
import { sessionToHar } from '../sessions/har-export';
import { HarImportError, harToMocks } from '../sessions/har-import';
import { replaySession } from '../sessions/replay-session';
import { sessionToScenario } from '../sessions/session-to-scenario';
import { schemaModeline, withSchemaModeline } from '../formats/schema-modeline';
import type { ExampleFiles } from './example-files';
import { HostError } from './host-error';
import type { StoreService } from './store-service';
import { pooledValue } from './pooled-jobs';
import { inlineJobs } from '../workers/job-runner';
import type { JobRunner } from '../workers/job-runner';

/** Recorded sessions in the library and what is done with them: replay, scenarios, HAR, bundles. */
export class RecordingService {
  constructor(
    private readonly files: ExampleFiles,
    private readonly store: StoreService,
    private readonly version: string,
    /** flowbench's schemas folder: the YAML it hands out points its `$schema` modeline there. */
    private readonly schemasDir: string,
    /** Replays go to the host's worker pool (inline by default). */
    private readonly jobs: JobRunner = inlineJobs,
  ) {}

  /** Recorded sessions, newest first, each with how it ended (read from its document). */
  list(limit: number, offset: number): Promise<{ sessions: SessionListEntry[] }> {
    return this.store.use((s) => ({ sessions: s.sessions.list(limit, offset).map((summary) => describeSession(summary, s.sessions.body(summary.id))) }));
  }

  async getSession(id: string): Promise<SessionFile> {
    const body = await this.store.use((s) => s.sessions.body(id));
    if (body === undefined) throw new HostError('not_found', `no recorded session ${id}`);
    const parsed = SessionFile.safeParse(body);
    if (!parsed.success) throw new HostError('failed', `session ${id} is stored but does not read as flowbench.session/1`, zodIssues(parsed.error));
    return parsed.data;
  }

  deleteSession(id: string) {
    return this.store.use((s) => ({ deleted: s.sessions.delete(id) }));
  }

  importSession(raw: unknown) {
    const parsed = SessionFile.safeParse(raw);
    if (!parsed.success) {
      const issues = zodIssues(parsed.error);
      throw new HostError('invalid_input', `not a flowbench.session/1 document: ${describeIssues(issues)}`, issues.map((i) => ({ ...i, path: `session.${i.path}` })));
    }
    return this.store.use((s) => describeSession(s.sessions.save(parsed.data, new Date().toISOString()), parsed.data));
  }

  async replay(input: {
    id: string;
    flowFile?: string | undefined;
    relative: boolean;
    answers: 'recording' | 'mocks';
    mocksFile?: string | undefined;
    endpointLatency: Record<string, number>;
  }): Promise<ReplayOutcome> {
    const session = await this.getSession(input.id);
    const flow = input.flowFile !== undefined ? await this.files.flow(input.flowFile) : await this.recordedFlow(session);
    let answers: { kind: 'recording' } | { kind: 'mocks'; mocks: MocksFile } = { kind: 'recording' };
    if (input.answers === 'mocks') {
      const file = input.mocksFile ?? session.mocks?.file;
      if (file === undefined) throw new HostError('invalid_input', 'replaying against mocks needs a mocks file', [{ path: 'mocksFile', message: 'required: the session names no mock set' }]);
      answers = { kind: 'mocks', mocks: await this.files.mocks(file) };
    }
    const fallbackMocks = answers.kind === 'recording' ? await this.fallbackMocks(input.mocksFile ?? session.mocks?.file) : undefined;
    const replayed = await pooledValue(
      this.jobs,
      { kind: 'replay', session, flow, relative: input.relative, answers, endpointLatency: input.endpointLatency, ...(fallbackMocks !== undefined ? { fallbackMocks } : {}) },
      'id',
    );
    return { ...replayed, recordedTrace: session.trace };
  }

  /**
   * A scenario reproducing the session. As a file it goes in examples/scenarios/ and names
   * its flow and mocks relative to it; for the library it names them by library path (their
   * path in examples/, as imported), or carries them inline when they live elsewhere.
   */
  async toScenario(id: string, name: string | undefined, target: 'file' | 'library'): Promise<{ yaml: string }> {
    const session = await this.getSession(id);
    const flow = await this.recordedFlow(session);
    const base = target === 'file' ? resolve(this.files.dir, 'scenarios') : this.files.dir;
    const inExamples = (file: string): boolean => !relative(this.files.dir, file).startsWith('..');
    const ref = <T>(file: string | undefined, inline: T): string | T => {
      if (file === undefined) return inline;
      if (inExamples(file)) return relative(base, file).split(sep).join('/');
      return target === 'file' ? file : inline;
    };
    const mocksFile = session.mocks?.file;
    const mocks = mocksFile !== undefined ? await this.files.mocks(mocksFile) : undefined;
    const yaml = sessionToScenario(session, {
      name: name ?? `session ${session.startedAt}`,
      flow,
      flowRef: ref(session.flow.file, flow),
      mocks: mocks !== undefined ? { ref: ref(mocksFile, mocks), file: mocks } : undefined,
      asEntry: target === 'library',
    });
    // A scenario file (saved under scenarios/) gets the modeline; a library entry is not a file.
    return { yaml: target === 'file' ? withSchemaModeline(yaml, schemaModeline('scenario', join(base, 'recorded.scenario.yaml'), this.schemasDir)) : yaml };
  }

  async exportHar(id: string): Promise<{ har: HarFile }> {
    const session = await this.getSession(id);
    return { har: sessionToHar(session, this.version, session.mocks?.baseUrl) };
  }

  importHar(har: unknown, name: string | undefined): { mocks: MocksFile; yaml: string } {
    try {
      const mocks = harToMocks(har, name);
      const yaml = stringify(mocks, { lineWidth: 0, aliasDuplicateObjects: false });
      // Saved as a mocks file under mocks/ (beside the examples' own): the modeline points from there.
      return { mocks, yaml: withSchemaModeline(yaml, schemaModeline('mocks', join(this.files.dir, 'mocks', 'imported.mocks.yaml'), this.schemasDir)) };
    } catch (error) {
      if (error instanceof HarImportError) throw new HostError('invalid_input', error.message, error.issues.map((i) => ({ ...i, path: `har.${i.path}` })));
      throw error;
    }
  }

  async bundle(id: string): Promise<BundleFile> {
    const session = await this.getSession(id);
    const flow = await this.recordedFlow(session);
    const mocksFile = session.mocks?.file;
    const mocks = mocksFile !== undefined ? await this.files.mocks(mocksFile).catch(() => null) : null;
    const replay = replaySession(session, { flow });
    return makeBundle(flow, mocks, session, replayAsResult(session, replay, session.flow.file ?? ''));
  }

  /** The repro bundle as a `.flowbench.zip`, named after the flow and the session. */
  async bundleZip(id: string): Promise<{ fileName: string; zipBase64: string; bytes: number }> {
    const zip = writeBundleZip(await this.bundle(id));
    return { fileName: bundleZipName(await this.getSession(id)), zipBase64: Buffer.from(zip).toString('base64'), bytes: zip.byteLength };
  }

  /** The mock set that answers what the recording cannot (a timed-out request at a changed latency), if it loads. */
  private async fallbackMocks(file: string | undefined): Promise<{ mocks: MocksFile; label: string } | undefined> {
    if (file === undefined) return undefined;
    const mocks = await this.files.mocks(file).catch(() => null);
    if (mocks === null) return undefined;
    const inExamples = relative(this.files.dir, this.files.resolve(file));
    return { mocks, label: inExamples.startsWith('..') ? file : inExamples.split(sep).join('/') };
  }

  private async recordedFlow(session: SessionFile): Promise<FlowFile> {
    if (session.flow.content) return session.flow.content;
    if (session.flow.file !== undefined) return this.files.flow(session.flow.file);
    throw new HostError('failed', `session ${session.id} carries no flow and names no flow file; give flowFile`);
  }
}
