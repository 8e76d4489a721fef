// The worker pool's entry when flowbench runs from its TypeScript sources (vitest, tsx):
// a worker thread does not inherit its parent's TypeScript loader, so this one registers
// tsx's in the worker (tsx is a devDependency: resolved here at run time, never bundled),
// then loads the real entry. The build runs out/main/pool-worker.js instead.
const { register } = await import(import.meta.resolve('tsx/esm/api'));
register();

const entry = await import('./pool-worker.ts');

export default entry.default;
