import { describe, expect, it } from 'vitest';
import { FlowFile } from '../../main/api/formats/flow';
import { NODE_WIDTH, buildFlowGraph, nodeHeight } from '../../renderer/src/graph/flow-graph';
import { lanePath } from '../../renderer/src/graph/lane-path';
import { chooseColumnsPerRow, columnsOf, fitZoom, splitTallColumns, wrapColumns } from '../../renderer/src/graph/wrap-layout';
import type { Box, PaneFit } from '../../renderer/src/graph/wrap-layout';

const spacing = { columnGap: 64, rowGap: 40, laneGap: 14 };
// Four columns of one node each, 200 wide, as a layered layout puts them (264 apart).
const A: Box = { id: 'A', x: 0, y: 10, width: 200, height: 100 };
const B: Box = { id: 'B', x: 264, y: 0, width: 200, height: 80 };
const C: Box = { id: 'C', x: 528, y: 30, width: 200, height: 60 };
const D: Box = { id: 'D', x: 792, y: 30, width: 200, height: 120 };
const columns = [[A], [B], [C], [D]];
// A chain and a loop back from D to C.
const edges = [
  { id: 'A.next', source: 'A', target: 'B' },
  { id: 'B.next', source: 'B', target: 'C' },
  { id: 'C.next', source: 'C', target: 'D' },
  { id: 'D.retry', source: 'D', target: 'C' },
];

describe('wrapping a layered layout into rows', () => {
  it('groups nodes into columns by their centre, top to bottom', () => {
    const top: Box = { id: 'top', x: 264, y: 0, width: 200, height: 50 };
    const below: Box = { id: 'below', x: 264, y: 80, width: 200, height: 60 };
    expect(columnsOf([A, below, { id: 'D', x: 528, y: 20, width: 200, height: 40 }, top]).map((c) => c.map((b) => b.id))).toEqual([['A'], ['top', 'below'], ['D']]);
  });

  it('cuts 4 columns into rows of 2, centring each column on its row and spacing rows for their lanes', () => {
    const layout = wrapColumns(columns, edges, 2, spacing);
    // Column step = widest node + gap = 200 + 64 = 264.
    // Row 0 (A 100 tall, B 80): 100 tall; A at 0, B centred at (100 − 80) / 2 = 10.
    // B → C wraps (C is column 0 of row 1, not right of B): one lane under row 0.
    // Row 1 starts at 100 + max(rowGap 40, (1 lane + 1) × 14 = 28) = 140; it is 120 tall (D):
    // D at 140, C at 140 + (120 − 60) / 2 = 170; bottom 260. D → C loops back: a lane.
    expect(Object.fromEntries(layout.positions)).toEqual({ A: { x: 0, y: 0 }, B: { x: 264, y: 10 }, C: { x: 0, y: 170 }, D: { x: 264, y: 140 } });
    // Lanes: 14 under the bottom of the source's row: 100 + 14 and 260 + 14.
    expect(Object.fromEntries(layout.lanes)).toEqual({ 'B.next': 114, 'D.retry': 274 });
    // Width: 2 × 264 − 64 = 464; height: 260 + (1 lane + ½) × 14 = 281.
    expect([layout.perRow, layout.rows, layout.width, layout.height]).toEqual([2, 2, 464, 281]);
  });

  it('keeps the spacing inside a column, gives forward arrows no lane, and puts every lane at its own height', () => {
    const P: Box = { id: 'P', x: 264, y: 0, width: 200, height: 50 };
    const Q: Box = { id: 'Q', x: 264, y: 76, width: 200, height: 50 };
    const layout = wrapColumns([[A], [P, Q], [C], [D]], [...edges.filter((e) => e.source !== 'B' && e.target !== 'B'), { id: 'D.again', source: 'D', target: 'A' }], 4, spacing);
    // One row, 126 tall (P–Q: 76 + 50): A (100) at 13, P at 0 and Q at 76, C (60) at 33, D (120) at 3.
    expect(Object.fromEntries(layout.positions)).toEqual({ A: { x: 0, y: 13 }, P: { x: 264, y: 0 }, Q: { x: 264, y: 76 }, C: { x: 528, y: 33 }, D: { x: 792, y: 3 } });
    expect(Object.fromEntries(layout.lanes)).toEqual({ 'D.retry': 140, 'D.again': 154 });
    // 126 + (2 + ½) × 14 = 161.
    expect(layout.height).toBe(161);
  });

  it('wraps no more than needed to fit the pane at the comfortable zoom', () => {
    const pane: PaneFit = { width: 600, height: 400, padding: 20, maxZoom: 1, comfortableZoom: 0.9 };
    // 4 per row: 992 × 141 (120 + 1.5 × 14) → min(560/992, 360/141) = 0.565, too small.
    // 3 per row: A B C (100 tall), C → D wraps (lane), D from 140 to 260: 728 × 260 → 0.769.
    // 2 per row: 464 × 281 → min(560/464, 360/281, 1) = 1: the first that reaches 0.9.
    expect(fitZoom(992, 141, pane)).toBeCloseTo(560 / 992, 6);
    expect(chooseColumnsPerRow(columns, edges, pane, spacing).perRow).toBe(2);
  });

  it('takes the largest zoom when no wrapping reaches the comfortable one', () => {
    const pane: PaneFit = { width: 300, height: 300, padding: 20, maxZoom: 1, comfortableZoom: 0.9 };
    // 260 × 260 free: 4 per row 260/992 = 0.262; 3 per row 260/728 = 0.357;
    // 2 per row min(260/464, 260/281) = 0.560; 1 per row 200 × 501 (every arrow wraps, 4
    // rows of one lane each: 0–100, 140–220, 260–320, 360–480, + 1.5 × 14) → 260/501 = 0.519.
    const layout = chooseColumnsPerRow(columns, edges, pane, spacing);
    expect(wrapColumns(columns, edges, 1, spacing).height).toBe(501);
    expect(layout.perRow).toBe(2);
  });

  it('wraps to the width the pane has: beside the flow list 3 columns a row, with the list hidden 4', () => {
    // A chain of five 188 × 100 modules, the layout's spacing (44 between columns): a column step of 232.
    const chain = ['A', 'B', 'C', 'D', 'E'].map((id, i): Box[] => [{ id, x: i * 232, y: 0, width: 188, height: 100 }]);
    const next = ['A', 'B', 'C', 'D'].map((id, i) => ({ id: `${id}.next`, source: id, target: String.fromCharCode(66 + i) }));
    const gaps = { columnGap: 44, rowGap: 28, laneGap: 14 };
    // Beside the list the pane is 758 × 600; 24 px padding leaves 710 × 552.
    //   5 a row: 5 × 232 − 44 = 1116 wide, 100 tall (no arrow goes back): zoom 710 / 1116 = 0.636.
    //   4 a row: 884 wide; D → E wraps (a lane under row 0), row 1 at 100 + max(28, 2 × 14) = 128,
    //            228 tall: zoom min(710 / 884, 552 / 228) = 0.803 — readable, not yet comfortable (0.9).
    //   3 a row: 652 × 228: zoom min(710 / 652, 552 / 228, 1) = 1.
    const beside: PaneFit = { width: 758, height: 600, padding: 24, maxZoom: 1, comfortableZoom: 0.9 };
    expect(fitZoom(884, 228, beside)).toBeCloseTo(710 / 884, 6);
    const narrow = chooseColumnsPerRow(chain, next, beside, gaps);
    expect([narrow.perRow, narrow.rows, narrow.width, narrow.height]).toEqual([3, 2, 652, 228]);
    expect(Object.fromEntries(narrow.lanes)).toEqual({ 'C.next': 114 });
    // The list hidden: 1030 wide, 982 free. 5 a row: 982 / 1116 = 0.880 < 0.9; 4 a row: 982 / 884 > 1 → 1.
    const wide = chooseColumnsPerRow(chain, next, { ...beside, width: 1030 }, gaps);
    expect([wide.perRow, wide.rows, wide.width, wide.height]).toEqual([4, 2, 884, 228]);
    expect(wide.positions.get('E')).toEqual({ x: 0, y: 128 });
  });

  it('splits a tall column (a fan-out) into side-by-side columns that start at the same height', () => {
    const P: Box = { id: 'P', x: 264, y: 0, width: 200, height: 50 };
    const Q: Box = { id: 'Q', x: 264, y: 76, width: 200, height: 50 };
    const R: Box = { id: 'R', x: 264, y: 152, width: 200, height: 50 };
    // At most 2 a column: P and Q stay; R starts a new column, moved up by 152 − 0 to the top.
    const split = splitTallColumns([[A], [P, Q, R], [D]], 2);
    expect(split.map((c) => c.map((b) => `${b.id}@${b.y}`))).toEqual([['A@10'], ['P@0', 'Q@76'], ['R@0'], ['D@30']]);
  });

  it('splits tall columns when rows alone cannot fit a wide, tall fan-out', () => {
    // A → six answers (60 high, 26 apart: 6 × 60 + 5 × 26 = 490 tall) in a 500 × 330 pane, padding 10.
    const answers = [0, 1, 2, 3, 4, 5].map((i) => ({ id: `S${i}`, x: 264, y: i * 86, width: 200, height: 60 }));
    const fan = [[{ ...A, y: 0, height: 60 }], answers];
    const fanEdges = answers.map((b) => ({ id: `A.${b.id}`, source: 'A', target: b.id }));
    const pane: PaneFit = { width: 500, height: 330, padding: 10, maxZoom: 1, comfortableZoom: 0.9 };
    // Free: 480 × 310 (columns centred on their row). Unsplit: 2 per row 464 × 490 → min(480/464, 310/490) = 0.633; 1 per row
    // (A, then the six under 6 lanes) 648 tall → 0.478.
    // 5 a column: 3 per row 728 × 404 → 0.659; 2 per row 504 tall → 0.615. 4 a column: 3 per row
    // 728 × 318 → 0.659; 2 per row 506 tall → 0.613. 3 a column: 3 per row 728 × 232 → 0.659;
    // 2 per row (3 lanes, gap 56) 520 tall → 0.596.
    // 2 a column (A | S0 S1 | S2 S3 | S4 S5, each 86 + 60 = 146 tall): 4 per row 992 wide → 0.484;
    // 3 per row: row 0 to 146, A → S4, S5 wrap (2 lanes, gap max(40, 3 × 14) = 42), row 1
    // 188–334 → min(480/728, 310/334) = 0.659; 2 per row: row 0 = A, S0 S1 (to 146); row 1 =
    // S2 S3 (column 0: A → S2, S3 take lanes) and S4 S5 (column 1, right of A: no lane), from
    // 146 + 42 = 188 to 334 → min(480/464, 310/334, 1) = 0.928 ≥ 0.9: this one.
    const layout = chooseColumnsPerRow(fan, fanEdges, pane, spacing);
    expect([layout.perRow, layout.rows, layout.width, layout.height]).toEqual([2, 2, 464, 334]);
    expect(layout.positions.get('S4')).toEqual({ x: 264, y: 188 });
  });

  it('draws a lane arrow out right, along the lane, and into the target from its left', () => {
    // Source port (100, 50), target (0, 200), lane 120: corners at (122, 50), (122, 120),
    // (−22, 120), (−22, 200), each rounded by 8 px.
    const [path, labelX, labelY] = lanePath(100, 50, 0, 200, 120);
    expect(path).toBe('M 100 50 L 114 50 Q 122 50 122 58 L 122 112 Q 122 120 114 120 L -14 120 Q -22 120 -22 128 L -22 192 Q -22 200 -14 200 L 0 200');
    expect([labelX, labelY]).toEqual([50, 120]);
  });
});

describe('the flow graph in a pane', () => {
  // The example voice flow: a long chain (greet … check, tell, bye) with branches.
  const flow = FlowFile.parse({
    format: 'flowbench.flow/1',
    name: 'Order status',
    channel: 'voice',
    start: 'greet',
    endpoints: [{ id: 'order_status', url: '/orders/{{order_id}}' }],
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
      { id: 'agent', type: 'handover' },
      { id: 'bye', type: 'end' },
    ],
  });
  const bounds = (graph: ReturnType<typeof buildFlowGraph>) => {
    const boxes = graph.nodes.map((n) => ({ ...n.position, right: n.position.x + NODE_WIDTH, bottom: n.position.y + nodeHeight(n.data as Parameters<typeof nodeHeight>[0]) }));
    return { width: Math.max(...boxes.map((b) => b.right)) - Math.min(...boxes.map((b) => b.x)), height: Math.max(...boxes.map((b) => b.bottom)) - Math.min(...boxes.map((b) => b.y)) };
  };

  it('is one strip without a pane, and wraps into rows that fit a 900 × 700 pane at zoom 0.75 or more', () => {
    const strip = bounds(buildFlowGraph(flow, [], null));
    // 9 columns (greet, read, lookup, hold, pause, check, tries|tell, sorry|bye, agent — sorry
    // comes after tries, agent after sorry): 9 × 188 + 8 × 44 = 2044 wide, zoom 852/2044 ≈ 0.42.
    expect(strip.width).toBe(2044);
    const pane: PaneFit = { width: 900, height: 700, padding: 24, maxZoom: 1, comfortableZoom: 0.9 };
    const graph = buildFlowGraph(flow, [], null, null, pane);
    const wrapped = bounds(graph);
    expect(wrapped.width).toBeLessThan(strip.width);
    expect(fitZoom(wrapped.width, wrapped.height, pane)).toBeGreaterThanOrEqual(0.75);
    // read.nomatch loops back to greet along a lane under read's row.
    const read = graph.nodes.find((n) => n.id === 'read');
    const lane = graph.edges.find((e) => e.id === 'read.nomatch')?.data?.lane ?? null;
    expect(lane).not.toBeNull();
    expect(lane ?? 0).toBeGreaterThan((read?.position.y ?? 0) + nodeHeight(read?.data as Parameters<typeof nodeHeight>[0]));
    // Forward arrows need none.
    expect(graph.edges.find((e) => e.id === 'greet.next')?.data?.lane).toBeNull();
  });

  it('gives no lanes once the file places a module (the user arranged it)', () => {
    const placed = FlowFile.parse({ ...flow, modules: flow.modules.map((m, i) => (i === 0 ? { ...m, position: { x: 0, y: 0 } } : m)) });
    const graph = buildFlowGraph(placed, [], null, null, { width: 900, height: 700, padding: 24, maxZoom: 1, comfortableZoom: 0.9 });
    expect(graph.edges.every((e) => e.data?.lane === null)).toBe(true);
    expect(graph.nodes[0]?.position).toEqual({ x: 0, y: 0 });
  });
});
