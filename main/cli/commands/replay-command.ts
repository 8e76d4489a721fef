import { resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { FileLoader } from '../../formats/file-loader';
import { schemaModeline, withSchemaModeline } from '../../formats/schema-modeline';
import { installedSchemasDir } from '../../host/schemas-dir';
import { replaySession } from '../../sessions/replay-session';
import { loadRecording } from '../../sessions/load-recording';
import { sessionToScenario } from '../../sessions/session-to-scenario';
import { writeOutput } from '../reporters/write-output';
import { EXIT_FAILED, EXIT_INVALID, EXIT_OK } from '../cli-io';
import type { CliIo } from '../cli-io';
import type { CliCommand } from '../command';
import { colors } from '../colors';

interface ReplayFlags {
  flow?: string;
  mocks?: string;
  relative?: boolean;
  json?: boolean;
  latency: Record<string, number>;
  scenario?: string;
}

export const replayCommand: CliCommand = {
  register(program, io, done) {
    program
      .command('replay')
      .description('replay a repro bundle (or a recorded session) in virtual time and print where it diverges, if anywhere')
      .argument('<file>', 'a .flowbench.zip bundle, a flowbench.bundle/1 JSON bundle or a flowbench.session/1 file')
      .option('--flow <file>', 'replay against this (edited) flow instead of the recorded one')
      .option('--mocks <file>', 'answer from this mock set instead of the recording')
      .option('--relative', 'feed each message the same gap after the bot is ready, instead of at its recorded time')
      .option('--latency <endpoint=ms>', 'answer this endpoint after ms instead of the recorded latency (repeatable); a request that timed out is then answered from the bundle\'s mock set', collectLatency, {})
      .option('--scenario <file>', 'also write a scenario that reproduces the recording (flow and mocks inline) to this file')
      .option('--json', 'print the replay as JSON')
      .action(async (file: string, flags: ReplayFlags) => {
        done(await replay(file, flags, io));
      });
  },
};

async function replay(file: string, flags: ReplayFlags, io: CliIo): Promise<number> {
  const loader = new FileLoader(io.cwd);
  const recording = await loadRecording(resolve(io.cwd, file), file);
  const flow = flags.flow !== undefined ? await loader.loadFlow(flags.flow) : (recording.flow ?? recording.session.flow.content ?? null);
  if (flow === null) {
    io.stderr.write(`flowbench replay: ${file} carries no flow; give one with --flow\n`);
    return EXIT_INVALID;
  }
  const unknown = Object.keys(flags.latency).filter((id) => !flow.endpoints.some((e) => e.id === id));
  if (unknown.length > 0) {
    io.stderr.write(`flowbench replay: --latency names no endpoint of "${flow.name}": ${unknown.join(', ')} (endpoints: ${flow.endpoints.map((e) => e.id).join(', ') || 'none'})\n`);
    return EXIT_INVALID;
  }
  const mocks = flags.mocks !== undefined ? await loader.loadMocks(flags.mocks) : null;
  const result = replaySession(recording.session, {
    flow,
    relative: flags.relative ?? false,
    endpointLatency: flags.latency,
    ...(mocks !== null ? { answers: { kind: 'mocks' as const, mocks } } : {}),
    ...(mocks === null && recording.mocks !== null ? { fallbackMocks: { mocks: recording.mocks, label: `the mock set of ${file}` } } : {}),
  });
  if (flags.scenario !== undefined) {
    const pinned = mocks ?? recording.mocks;
    const yaml = sessionToScenario(recording.session, {
      name: `${flow.name} — session ${recording.session.startedAt}`,
      flow,
      flowRef: flow,
      mocks: pinned !== null ? { ref: pinned, file: pinned } : undefined,
    });
    await writeOutput(io, flags.scenario, withSchemaModeline(yaml, schemaModeline('scenario', resolve(io.cwd, flags.scenario), installedSchemasDir())));
    io.stderr.write(`flowbench replay: wrote the scenario to ${flags.scenario}\n`);
  }
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const c = colors(io.stdout.isTTY === true && io.env['NO_COLOR'] === undefined);
    const s = recording.session;
    const messages = s.user.filter((u) => u.kind === undefined || u.kind === 'say' || u.kind === 'dtmf').length;
    const silences = s.user.filter((u) => u.kind === 'silence').length;
    const turns = `${messages} user message(s)${silences > 0 ? `, ${silences} silence(s)` : ''}${s.user.some((u) => u.kind === 'hangup') ? ', a hang-up' : ''}`;
    io.stdout.write(`Replaying session ${s.id} (${s.startedAt}, ${turns}, ${s.exchanges.length} exchange(s)) against "${flow.name}"${result.flowChanged ? c.yellow(' (edited flow)') : ''}\n`);
    io.stdout.write(`  recorded: ${s.endState ?? '?'}${s.endReason ? ` (${s.endReason})` : ''}   replayed: ${result.endState}${result.endReason ? ` (${result.endReason})` : ''} at ${result.virtualMs} ms\n`);
    if (result.divergence === null) {
      io.stdout.write(`${c.green('✓')} no divergence: every port choice and the end state as recorded\n`);
    } else {
      const d = result.divergence;
      io.stdout.write(`${c.red('✗')} diverges at module ${c.bold(d.module)} — ${d.summary}\n`);
      io.stdout.write(`    recorded at ${d.recorded.t} ms: ${d.recorded.port ?? '(nothing)'}  ${c.dim(JSON.stringify(d.recorded.contexts))}\n`);
      io.stdout.write(`    replayed at ${d.replayed.t} ms: ${d.replayed.port ?? '(nothing)'}  ${c.dim(JSON.stringify(d.replayed.contexts))}\n`);
    }
    for (const m of result.mismatches) io.stdout.write(`  ${c.yellow('!')} request ${m.id} (${m.endpoint}, ${m.module}): ${m.problem}\n`);
    for (const n of result.notes) io.stdout.write(`  ${c.dim('·')} request ${n.id} (${n.endpoint}, ${n.module}): ${n.message}\n`);
  }
  return result.divergence === null && result.mismatches.length === 0 ? EXIT_OK : EXIT_FAILED;
}

/** `order_status=300` → { order_status: 300 }, added to the ones before. */
function collectLatency(value: string, previous: Record<string, number>): Record<string, number> {
  const match = /^([A-Za-z_][\w-]*)=(\d+)$/.exec(value.trim());
  if (!match?.[1] || match[2] === undefined) throw new InvalidArgumentError(`expected endpoint=ms (e.g. order_status=300), got '${value}'`);
  return { ...previous, [match[1]]: Number(match[2]) };
}
