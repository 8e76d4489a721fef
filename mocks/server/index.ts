export { startMockServer } from './start-mock-server';
export type { JournalView, MockServer, MockServerOptions, RecordOptions, StateView } from './start-mock-server';
export { MockConfigError, UnknownRouteError } from './config-errors';
export { parseMocksConfig, parseRouteOverride } from './config-check';
export { Journal } from './journal';
export type { JournalListener } from './journal';
export { summarizeRoute, describeFault } from './route-summary';
export { isLoopbackHost, bindWarning } from './bind-address';
export { ADMIN_PREFIX } from './admin-router';
