import type { Handlers } from '../dispatch';
import type { LiveSessionService } from '../live-session-service';
import type { RecordingService } from '../recording-service';

type SessionRoutes =
  | 'sessions.start'
  | 'sessions.say'
  | 'sessions.dtmf'
  | 'sessions.silence'
  | 'sessions.bargeIn'
  | 'sessions.hangup'
  | 'sessions.status'
  | 'sessions.stop'
  | 'sessions.list'
  | 'sessions.get'
  | 'sessions.delete'
  | 'sessions.import'
  | 'sessions.replay'
  | 'sessions.toScenario'
  | 'sessions.exportHar'
  | 'sessions.importHar'
  | 'sessions.bundle'
  | 'sessions.exportBundle';

export function sessionsHandlers(live: LiveSessionService, recordings: RecordingService): Pick<Handlers, SessionRoutes> {
  return {
    'sessions.start': (input) => live.start(input),
    'sessions.say': (input) => live.say(input.id, input.text),
    'sessions.dtmf': (input) => live.dtmf(input.id, input.keys),
    'sessions.silence': (input) => live.silence(input.id),
    'sessions.bargeIn': (input) => live.bargeIn(input.id, input.text),
    'sessions.hangup': (input) => live.hangup(input.id),
    'sessions.status': (input) => live.status(input.id),
    'sessions.stop': (input) => live.stop(input.id),
    'sessions.list': (input) => recordings.list(input.limit, input.offset),
    'sessions.get': (input) => recordings.getSession(input.id),
    'sessions.delete': (input) => recordings.deleteSession(input.id),
    'sessions.import': (input) => recordings.importSession(input.session),
    'sessions.replay': (input) => recordings.replay(input),
    'sessions.toScenario': (input) => recordings.toScenario(input.id, input.name, input.for),
    'sessions.exportHar': (input) => recordings.exportHar(input.id),
    'sessions.importHar': (input) => recordings.importHar(input.har, input.name),
    'sessions.bundle': (input) => recordings.bundle(input.id),
    'sessions.exportBundle': (input) => recordings.bundleZip(input.id),
  };
}
