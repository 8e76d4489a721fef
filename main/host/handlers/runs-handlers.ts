import type { Handlers } from '../dispatch';
import type { RunService } from '../run-service';

export function runsHandlers(service: RunService): Pick<Handlers, 'runs.start'> {
  return {
    'runs.start': (input) => service.start(input),
  };
}
