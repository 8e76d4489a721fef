import type { Handlers } from '../dispatch';
import type { FlowScenariosService } from '../flow-scenarios-service';
import type { RunService } from '../run-service';

export function runsHandlers(service: RunService, flowScenarios: FlowScenariosService): Pick<Handlers, 'runs.start' | 'runs.scenariosForFlow'> {
  return {
    'runs.start': (input) => service.start(input),
    'runs.scenariosForFlow': (input) => flowScenarios.forFlow(input),
  };
}
