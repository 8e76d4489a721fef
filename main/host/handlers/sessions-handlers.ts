import type { Handlers } from '../dispatch';
import type { SessionService } from '../session-service';

type SessionRoutes =
  | 'sessions.start'
  | 'sessions.say'
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
  | 'sessions.bundle';

export function sessionsHandlers(service: SessionService): Pick<Handlers, SessionRoutes> {
  return {
    'sessions.start': (input) => service.start(input),
    'sessions.say': (input) => service.say(input.id, input.text),
    'sessions.status': (input) => service.status(input.id),
    'sessions.stop': (input) => service.stop(input.id),
    'sessions.list': (input) => service.list(input.limit, input.offset),
    'sessions.get': (input) => service.getSession(input.id),
    'sessions.delete': (input) => service.deleteSession(input.id),
    'sessions.import': (input) => service.importSession(input.session),
    'sessions.replay': (input) => service.replay(input),
    'sessions.toScenario': (input) => service.toScenario(input.id, input.name),
    'sessions.exportHar': (input) => service.exportHar(input.id),
    'sessions.importHar': (input) => service.importHar(input.har, input.name),
    'sessions.bundle': (input) => service.bundle(input.id),
  };
}
