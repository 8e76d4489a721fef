import { describe, expect, it } from 'vitest';
import { FlowFile } from '../../main/api/formats/flow';
import type { FlowFileInput } from '../../main/api/formats/flow';
import { backEdgePath } from '../../renderer/src/graph/back-edge-path';
import { buildFlowGraph } from '../../renderer/src/graph/flow-graph';
import { initialViewport } from '../../renderer/src/graph/initial-viewport';
import { runOverlay } from '../../renderer/src/graph/run-overlay';
import { slowApiTrace } from './fixtures/slow-api-trace';

const input: FlowFileInput = {
  format: 'flowbench.flow/1',
  name: 'Order status (voice, async + await)',
  channel: 'voice',
  start: 'greet',
  endpoints: [{ id: 'order_status', url: '/orders/{{order_id}}', ports: [{ name: 'not_found', when: 'status == 404' }] }],
  modules: [
    { id: 'greet', type: 'say', text: 'Hi', ports: { next: { to: 'read', arrow: 'red' } } },
    { id: 'read', type: 'capture', save: 'order_id', ports: { next: 'lookup', nomatch: 'greet' } },
    { id: 'lookup', type: 'api_async', endpoint: 'order_status', ports: { next: 'hold' } },
    { id: 'hold', type: 'say', text: 'One moment', ports: { next: 'pause' } },
    { id: 'pause', type: 'wait', ms: 1500, ports: { next: 'check' } },
    { id: 'check', type: 'api_await', endpoint: 'order_status', timeoutMs: 3000, ports: { success: 'tell', waiting: 'tries', failure: 'sorry' } },
    { id: 'tries', type: 'counter', name: 'await_tries', max: 2, ports: { next: 'check', exceeded: 'sorry' } },
    { id: 'tell', type: 'say', text: 'Your order is {{order_state}}.', ports: { next: 'bye' } },
    { id: 'sorry', type: 'say', text: 'Sorry', ports: { next: 'agent' } },
    { id: 'agent', type: 'handover', position: { x: 900, y: 40 } },
    { id: 'bye', type: 'end' },
  ],
};
const flow = FlowFile.parse(input);

describe('flow graph', () => {
  it('has a node per module with its ports, custom endpoint ports included, and an edge per arrow', () => {
    const graph = buildFlowGraph(flow, [], null);
    expect(graph.nodes.map((n) => n.id)).toEqual(flow.modules.map((m) => m.id));
    const check = graph.nodes.find((n) => n.id === 'check');
    expect(check?.data?.ports.map((p) => [p.name, p.to])).toEqual([
      ['not_found', null],
      ['success', 'tell'],
      ['waiting', 'tries'],
      ['failure', 'sorry'],
    ]);
    expect(graph.edges.length).toBe(13);
    const red = graph.edges.find((e) => e.id === 'greet.next');
    expect([red?.data?.arrow, red?.sourceHandle, red?.target]).toEqual(['red', 'next', 'read']);
  });

  it('lays modules out left to right with dagre, keeping positions written in the file', () => {
    const graph = buildFlowGraph(flow, [], null);
    const x = (id: string) => graph.nodes.find((n) => n.id === id)?.position.x ?? NaN;
    expect(x('greet')).toBeLessThan(x('read'));
    expect(x('read')).toBeLessThan(x('lookup'));
    expect(x('check')).toBeLessThan(x('tell'));
    expect(graph.nodes.find((n) => n.id === 'agent')?.position).toEqual({ x: 900, y: 40 });
  });

  it('puts lint warnings on their module, or on their port', () => {
    const graph = buildFlowGraph(
      flow,
      [
        { rule: 'unconnected-port', message: 'not_found goes nowhere', module: 'check', port: 'not_found', path: 'modules[5].ports' },
        { rule: 'await-loop-no-counter', message: 'loop', module: 'tries', port: null, path: 'modules[6]' },
      ],
      null,
    );
    const check = graph.nodes.find((n) => n.id === 'check')?.data;
    expect(check?.lints).toEqual([]);
    expect(check?.ports.find((p) => p.name === 'not_found')?.lints.map((l) => l.rule)).toEqual(['unconnected-port']);
    expect(graph.nodes.find((n) => n.id === 'tries')?.data?.lints.map((l) => l.rule)).toEqual(['await-loop-no-counter']);
  });

  it('shows a run: visits, the arrows taken and each module’s port choices with reasons', () => {
    const graph = buildFlowGraph(flow, [], runOverlay(slowApiTrace));
    const data = (id: string) => graph.nodes.find((n) => n.id === id)?.data;
    expect([data('lookup')?.visits, data('check')?.visits, data('tries')?.visits, data('tell')?.visits, data('sorry')?.visits]).toEqual([1, 2, 1, 1, 0]);
    expect(data('check')?.choices.map((c) => `${c.nth} ${c.port}: ${c.reason}`)).toEqual(['1 waiting: module_timeout after 3000 ms', '2 success: status 200']);
    expect(graph.edges.filter((e) => (e.data?.taken ?? 0) > 0).map((e) => e.id)).toEqual(['greet.next', 'read.next', 'lookup.next', 'hold.next', 'pause.next', 'check.success', 'check.waiting', 'tries.next', 'tell.next']);
    expect(data('bye')?.last).toBe(true);
  });

  it('opens the whole graph when it fits readably, else anchored at the start', () => {
    const nodes = [
      { id: 'a', x: 0, y: 0, width: 200, height: 100 },
      { id: 'b', x: 300, y: 0, width: 200, height: 100 },
    ];
    const fit = initialViewport(nodes, 'a', { width: 1000, height: 600 }, 0.6);
    expect(fit.zoom).toBe(1);
    const wide = [...nodes, { id: 'c', x: 3000, y: 0, width: 200, height: 100 }];
    const anchored = initialViewport(wide, 'a', { width: 1000, height: 600 }, 0.6);
    expect(anchored).toEqual({ zoom: 0.6, x: 24, y: 300 - 50 * 0.6 });
    // Too tall to fit (1100 × 0.6 = 660 > 600 − 48), 500 wide fits (300 ≤ 952): centred across,
    // (1000 − 300) / 2 = 350; the start (top left) wants its centre mid-pane, 300 − 50 × 0.6 = 270,
    // which would leave 270 px empty above the graph: held at 24 − 0 (the graph's top at the padding).
    const tall = [
      { id: 'a', x: 0, y: 0, width: 200, height: 100 },
      { id: 'b', x: 300, y: 500, width: 200, height: 100 },
      { id: 'c', x: 300, y: 1000, width: 200, height: 100 },
    ];
    expect(initialViewport(tall, 'a', { width: 1000, height: 600 }, 0.6)).toEqual({ zoom: 0.6, x: 350, y: 24 });
    // Anchored at c (bottom): 300 − 1050 × 0.6 = −330, held at 600 − 24 − 1100 × 0.6 = −84 (nothing empty below).
    expect(initialViewport(tall, 'c', { width: 1000, height: 600 }, 0.6).y).toBeCloseTo(-84, 9);
  });

  it('routes an arrow back to the left under both modules', () => {
    const [path, labelX, labelY] = backEdgePath(500, 100, 100, 80);
    expect(path.startsWith('M 500 100')).toBe(true);
    expect(path.endsWith('L 100 80')).toBe(true);
    expect(labelY).toBe(172);
    expect(labelX).toBe(300);
  });
});
