import type { Handlers } from '../dispatch';
import type { MockService } from '../mock-service';

type MocksRoutes =
  | 'mocks.start'
  | 'mocks.stop'
  | 'mocks.status'
  | 'mocks.patchRoute'
  | 'mocks.journal'
  | 'mocks.clearJournal'
  | 'mocks.exchange'
  | 'mocks.state'
  | 'mocks.setState'
  | 'mocks.resetState';

export function mocksHandlers(service: MockService): Pick<Handlers, MocksRoutes> {
  return {
    'mocks.start': (input) => service.start(input),
    'mocks.stop': () => service.stop(),
    'mocks.status': () => service.status(),
    'mocks.patchRoute': (input) => service.patchRoute(input.routeId, input.override),
    'mocks.journal': (input) => service.journal(input),
    'mocks.clearJournal': () => service.clearJournal(),
    'mocks.exchange': (input) => service.exchange(input.id),
    'mocks.state': (input) => service.state(input.session),
    'mocks.setState': (input) => service.setState(input.session, input.state),
    'mocks.resetState': (input) => service.resetState(input.session),
  };
}
