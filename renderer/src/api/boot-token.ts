import { takeAccessToken } from './access-token';

// Imported first by main.ts: the token leaves the address before the router reads it (the
// hash router keeps the address's query as its base, and would put the token back).
if (!window.flowbench) takeAccessToken({ location: window.location, history: window.history, storage: window.sessionStorage });
