/** The one route all three servers answer, the same way. */
export const BENCH_PATH = '/orders/123';
export const EXPECTED_BODY = { id: '123', state: 'shipped', eta: 'tomorrow' };

/** flowbench: the same route, plus one with a fixed 100 ms latency for the accuracy run. */
export const FLOWBENCH_MOCKS = {
  format: 'flowbench.mocks/1',
  seed: 1,
  routes: [
    { id: 'order_status', method: 'GET', path: '/orders/:id', responses: [{ status: 200, body: { id: '{{params.id}}', state: 'shipped', eta: 'tomorrow' } }] },
    { id: 'slow_order', method: 'GET', path: '/slow/:id', latency: { fixed: 100 }, responses: [{ status: 200, body: { id: '{{params.id}}' } }] },
  ],
};
