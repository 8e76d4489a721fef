import { createFlow, deleteFlow, getFlow, listFlows, updateFlow } from '../../store/library-flows';
import { createMockSet, deleteMockSet, getMockSet, listMockSets, updateMockSet } from '../../store/library-mock-sets';
import { createScenario, deleteScenario, getScenario, listScenarios, scenarioTags, updateScenario, validateScenario } from '../../store/library-scenarios';
import type { Handlers } from '../dispatch';
import type { StoreService } from '../store-service';

type LibraryRoutes =
  | 'flows.list'
  | 'flows.get'
  | 'flows.create'
  | 'flows.update'
  | 'flows.delete'
  | 'mockSets.list'
  | 'mockSets.get'
  | 'mockSets.create'
  | 'mockSets.update'
  | 'mockSets.delete'
  | 'scenarios.list'
  | 'scenarios.get'
  | 'scenarios.create'
  | 'scenarios.update'
  | 'scenarios.validate'
  | 'scenarios.delete'
  | 'scenarios.tags';

/** Flows, mock sets and scenarios of the library: validated like their files. */
export function libraryHandlers(service: StoreService): Pick<Handlers, LibraryRoutes> {
  return {
    'flows.list': (input) => service.use((store) => listFlows(store, input)),
    'flows.get': (input) => service.use((store) => getFlow(store, input.id)),
    'flows.create': (input) => service.use((store) => createFlow(store, input)),
    'flows.update': (input) => service.use((store) => updateFlow(store, input)),
    'flows.delete': (input) => service.use((store) => deleteFlow(store, input.id)),
    'mockSets.list': (input) => service.use((store) => listMockSets(store, input)),
    'mockSets.get': (input) => service.use((store) => getMockSet(store, input.id)),
    'mockSets.create': (input) => service.use((store) => createMockSet(store, input)),
    'mockSets.update': (input) => service.use((store) => updateMockSet(store, input)),
    'mockSets.delete': (input) => service.use((store) => deleteMockSet(store, input.id)),
    'scenarios.list': (input) => service.use((store) => listScenarios(store, input)),
    'scenarios.get': (input) => service.use((store) => getScenario(store, input.id)),
    'scenarios.create': (input) => service.use((store) => createScenario(store, input)),
    'scenarios.update': (input) => service.use((store) => updateScenario(store, input)),
    'scenarios.validate': (input) => service.use((store) => validateScenario(store, input)),
    'scenarios.delete': (input) => service.use((store) => deleteScenario(store, input.id)),
    'scenarios.tags': () => service.use((store) => scenarioTags(store)),
  };
}
