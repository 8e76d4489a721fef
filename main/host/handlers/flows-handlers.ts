import type { Handlers } from '../dispatch';
import type { FlowService } from '../flow-service';

export function flowsHandlers(service: FlowService): Pick<Handlers, 'flows.open' | 'flows.savePositions' | 'flows.check'> {
  return {
    'flows.open': (input) => service.open(input.file),
    'flows.savePositions': (input) => service.savePositions(input.file, input.positions),
    'flows.check': (input) => service.check(input.flow),
  };
}
