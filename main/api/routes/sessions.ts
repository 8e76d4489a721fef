import { z } from 'zod';
import { HttpBaseUrl, JsonValue, Millis, TimeScale } from '../formats/common';
import { HarFile } from '../formats/har';
import { MocksFile } from '../formats/mocks';
import { DTMF_KEYS, EndState } from '../formats/scenario';
import { BundleFile, SessionFile } from '../formats/session';
import { TraceEvent } from '../formats/trace';
import { defineEvent, defineRoute } from '../route';

export const LiveSessionStatus = z.object({
  id: z.string(),
  flowFile: z.string(),
  flowName: z.string(),
  channel: z.enum(['chat', 'voice', 'email']),
  running: z.boolean(),
  waitingForUser: z.boolean(),
  endState: EndState.nullable(),
  endReason: z.string().nullable(),
  /** Conversation ms since the session started. */
  now: z.number(),
  /** Voice: when the bot's queued speech ends; before then, `sessions.bargeIn` talks over it. */
  audioEnd: z.number(),
  /** Voice: when the no-input timer of the current wait fires (the flow's no_input handler then runs), else null. */
  noInputAt: z.number().nullable(),
  trace: z.array(TraceEvent),
  /** Set once the session is saved (when it ends or is stopped). */
  saved: z.boolean(),
});
export type LiveSessionStatus = z.infer<typeof LiveSessionStatus>;

export const SessionListEntry = z.object({
  id: z.string(),
  startedAt: z.string(),
  flow: z.object({ name: z.string(), sha256: z.string(), file: z.string().nullable() }),
  scenarioId: z.number().int().nullable(),
  savedAt: z.string(),
  channel: z.enum(['chat', 'voice', 'email']).nullable(),
  endState: EndState.nullable(),
  endReason: z.string().nullable(),
  /** Conversation ms from the start to the end of the session (its last event or last sound, whichever is later). */
  durationMs: z.number().nullable(),
  userMessages: z.number().int(),
  exchanges: z.number().int(),
});
export type SessionListEntry = z.infer<typeof SessionListEntry>;

const DivergenceSide = z.object({ t: z.number(), port: z.string().nullable(), reason: z.string().nullable(), contexts: z.record(z.string(), JsonValue) });

export const ReplayOutcome = z.object({
  endState: EndState,
  endReason: z.string().nullable(),
  virtualMs: z.number(),
  trace: z.array(TraceEvent),
  recordedTrace: z.array(TraceEvent),
  divergence: z
    .object({ step: z.number().int(), module: z.string(), recorded: DivergenceSide, replayed: DivergenceSide, summary: z.string() })
    .nullable(),
  mismatches: z.array(z.object({ id: z.string(), endpoint: z.string(), module: z.string(), problem: z.string() })),
  /** What the replay did beyond the recording, e.g. a timed-out request answered from the mock set at a changed latency. */
  notes: z.array(z.object({ id: z.string(), endpoint: z.string(), module: z.string(), message: z.string() })).default([]),
  flowChanged: z.boolean(),
});
export type ReplayOutcome = z.infer<typeof ReplayOutcome>;

const id = z.object({ id: z.string().min(1) }).strict();

export const sessionsStart = defineRoute({
  name: 'sessions.start',
  summary:
    'Starts a live session: the flow (relative to examples/ or absolute) on the real clock, against the running mock server or a base URL. It runs until the bot first waits for the user.',
  input: z
    .object({
      flowFile: z.string().min(1),
      baseUrl: HttpBaseUrl.optional(),
      timeScale: TimeScale.default(1),
      seed: z.number().int().optional(),
    })
    .strict(),
  output: LiveSessionStatus,
});

export const sessionsSay = defineRoute({
  name: 'sessions.say',
  summary: "The user's next message in a live session (only while the bot waits for the user).",
  input: z.object({ id: z.string().min(1), text: z.string().min(1).max(10_000) }).strict(),
  output: LiveSessionStatus,
});

export const sessionsDtmf = defineRoute({
  name: 'sessions.dtmf',
  summary: 'Key presses in a live voice session (100 ms per key; the keys are the message). Only while the bot waits for the user.',
  input: z.object({ id: z.string().min(1), keys: z.string().min(1).max(64).regex(DTMF_KEYS, 'expected DTMF keys: 0-9, *, #, A-D') }).strict(),
  output: LiveSessionStatus,
});

export const sessionsSilence = defineRoute({
  name: 'sessions.silence',
  summary:
    "Stays silent at this wait of a live voice session: when the flow has a no-input timer and a no_input handler, the answer comes once the handler has run and the bot waits again; otherwise the bot keeps waiting.",
  input: id,
  output: LiveSessionStatus,
});

export const sessionsBargeIn = defineRoute({
  name: 'sessions.bargeIn',
  summary:
    "Talks over the bot in a live voice session: the words start now, while the bot's speech still plays. Interruptible speech is cut and the message is heard; over speech that cannot be interrupted the words are not heard.",
  input: z.object({ id: z.string().min(1), text: z.string().min(1).max(10_000) }).strict(),
  output: LiveSessionStatus,
});

export const sessionsHangup = defineRoute({
  name: 'sessions.hangup',
  summary: 'The caller hangs up a live session now, whatever the bot is doing: speech is cut, requests in flight are aborted, and the session is saved.',
  input: id,
  output: LiveSessionStatus,
});

export const sessionsStatus = defineRoute({ name: 'sessions.status', summary: 'A live session as it stands.', input: id, output: LiveSessionStatus });

export const sessionsStop = defineRoute({
  name: 'sessions.stop',
  summary: 'Ends a live session and saves its recording in the library.',
  input: id,
  output: LiveSessionStatus,
});

export const sessionsList = defineRoute({
  name: 'sessions.list',
  summary: 'Recorded sessions, newest first.',
  input: z.object({ limit: z.number().int().min(1).max(1000).default(100), offset: z.number().int().min(0).default(0) }).strict().default({ limit: 100, offset: 0 }),
  output: z.object({ sessions: z.array(SessionListEntry) }),
});

export const sessionsGet = defineRoute({ name: 'sessions.get', summary: 'A recorded session (flowbench.session/1).', input: id, output: SessionFile });

export const sessionsDelete = defineRoute({ name: 'sessions.delete', summary: 'Deletes a recorded session.', input: id, output: z.object({ deleted: z.boolean() }) });

export const sessionsImport = defineRoute({
  name: 'sessions.import',
  summary: 'Saves a flowbench.session/1 document (e.g. an exported file) in the library.',
  input: z.object({ session: z.unknown() }).strict(),
  output: SessionListEntry,
});

export const sessionsReplay = defineRoute({
  name: 'sessions.replay',
  summary:
    'Replays a recorded session in virtual time against its flow or an edited one, answering from the recording (or a mock set), and shows where it diverges. ' +
    'With answers from the recording, a request that got no answer (it timed out) and whose endpoint latency is changed to within its timeout is answered from mocksFile, else the mock set the session ran against (noted), else it fails as unrecorded (a mismatch).',
  input: z
    .object({
      id: z.string().min(1),
      flowFile: z.string().min(1).optional(),
      relative: z.boolean().default(false),
      answers: z.enum(['recording', 'mocks']).default('recording'),
      mocksFile: z.string().min(1).optional(),
      endpointLatency: z.record(z.string(), Millis).default({}),
    })
    .strict(),
  output: ReplayOutcome,
});

export const sessionsToScenario = defineRoute({
  name: 'sessions.toScenario',
  summary:
    'A scenario (YAML, editable before saving) whose user steps and expectations are what the session did: ' +
    'as a scenario file for examples/scenarios/ (`for: file`), or as the entry scenarios.create takes, naming its flow and mocks by library path (`for: library`).',
  input: z.object({ id: z.string().min(1), name: z.string().min(1).optional(), for: z.enum(['file', 'library']).default('file') }).strict(),
  output: z.object({ yaml: z.string() }),
});

export const sessionsExportHar = defineRoute({
  name: 'sessions.exportHar',
  summary: "A session's HTTP exchanges as HAR 1.2.",
  input: id,
  output: z.object({ har: HarFile }),
});

export const sessionsImportHar = defineRoute({
  name: 'sessions.importHar',
  summary: 'A HAR file as a mock set: a route per method and path, observed latencies as a sequence.',
  input: z.object({ har: z.unknown(), name: z.string().optional() }).strict(),
  output: z.object({ mocks: MocksFile, yaml: z.string() }),
});

export const sessionsBundle = defineRoute({
  name: 'sessions.bundle',
  summary: 'A repro bundle: the flow, the mocks, the session and its replay result in one JSON document.',
  input: id,
  output: BundleFile,
});

export const sessionsExportBundle = defineRoute({
  name: 'sessions.exportBundle',
  summary:
    'A repro bundle as a .flowbench.zip (SPEC §6): the flow and the mocks as YAML, the session and its replay result as JSON, and a manifest; ' +
    '`flowbench replay <file>` needs nothing else. The zip comes base64-encoded, with the file name to save it under.',
  input: id,
  output: z.object({
    fileName: z.string().regex(/\.flowbench\.zip$/),
    zipBase64: z.base64(),
    bytes: z.number().int().min(0),
  }),
});

export const sessionsTraceEvent = defineEvent({
  name: 'sessions.trace',
  summary: 'One trace event of a live session, as it happens.',
  payload: z.object({ id: z.string(), seq: z.number().int().min(0), event: TraceEvent }),
});
