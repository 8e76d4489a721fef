import { FileLoader } from './main/formats/file-loader';
import { tuneTimeouts } from './main/analysis/tune';
const l = new FileLoader('./examples');
const s = (await l.loadScenarios('scenarios/order-status.scenario.yaml'))[1]!;
const t0 = performance.now();
const big = await tuneTimeouts(s, { endpoint: 'order_status', model: { lognormal: { medianMs: 800, p99Ms: 6000 } }, samples: 2000, seed: 1, maxDeadAirMs: 3000, timeouts: [1000,1500,2000,2500,3000,3500,4000,5000] });
console.log('ms', performance.now()-t0, big.runs, process.cpuUsage());
