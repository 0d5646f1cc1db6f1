// The sweep page's heatmaps share one colour scale and state each map's range (probe r64f F1): a
// map whose cells differ by 0.001 of Sharpe stays pale beside one whose cells span 0.1.

import { describe, expect, it } from 'vitest';
import { divergingFill } from '../../reports/html/page/heatmapColors.ts';
import { renderSweepPage, type SweepPageData } from '../../reports/html/sweep/sweepPage.ts';
import { payload } from '../reports/html/helpers/pages.ts';

// Trials on the grid a ∈ {0, 1} × b ∈ {x, y} × c ∈ {p, q}: Sharpe 0.3 + 0.1·a + 0.001·[c = q].
const trials = [0, 1].flatMap((a) =>
  ['x', 'y'].flatMap((b) =>
    ['p', 'q'].map((c) => ({ name: `t[a=${a} b=${b} c=${c}]`, values: { a, b, c }, metrics: { sharpe: 0.3 + 0.1 * a + (c === 'q' ? 0.001 : 0) }, dsr: null, period: '2020-01-02 → 2020-12-31', fillsHash: 'ab', runId: null })),
  ),
);
const data: SweepPageData = { title: 'Grid', dataName: 'hand', synthetic: true, metric: 'sharpe', planned: 8, trials, failed: [], refused: 0, best: null, pbo: { note: 'too few trials' }, notes: [] };
const html = renderSweepPage(data);
const maps = payload(html).charts.filter((c) => c.type === 'heatmap') as unknown as { id: string; cells: [number, number, number][]; fills: string[]; decimals?: number }[];

describe('the sweep heatmaps', () => {
  it('colour every map on one scale: centred on the mean trial, full colour at the largest distance of any cell', () => {
    // Mean trial: 0.3 + 0.1·½ + 0.001·½ = 0.3505. Cells: a × b 0.3005 / 0.4005; a × c 0.300, 0.301, 0.400, 0.401;
    // b × c 0.350 / 0.351. The farthest cell is 0.300 or 0.401, 0.0505 from the centre: the limit for all three.
    expect(maps.map((m) => m.id)).toEqual(['heat-0', 'heat-1', 'heat-2']);
    for (const m of maps) m.cells.forEach((c, k) => expect(m.fills[k]).toBe(divergingFill(c[2] - 0.3505, 0.0505)));
    // b × c: ±0.0005 of 0.0505 — about 1 % of the way to full colour, where its own spread painted it full red and blue.
    const bc = maps[2];
    expect(bc.cells.map((c) => c[2])).toEqual([expect.closeTo(0.35, 12), expect.closeTo(0.351, 12), expect.closeTo(0.35, 12), expect.closeTo(0.351, 12)]);
    expect(bc.fills).not.toContain(divergingFill(1, 1));
    expect(bc.fills).not.toContain(divergingFill(-1, 1));
  });

  it("states each map's range and the shared scale, and prints as many decimals as tell a map's cells apart", () => {
    expect(html).toContain('Mean over the other axes: 0.350 to 0.351, a spread of 0.001. One colour scale for all 3 maps: blue above the mean trial (0.351), red below, full colour at ±0.051.');
    expect(html).toContain('Mean over the other axes: 0.30 to 0.40, a spread of 0.10.');
    // A spread of 0.001 needs 3 decimals; 0.1 and 0.101 take the usual 2 of a ratio.
    expect(maps.map((m) => m.decimals)).toEqual([2, 2, 3]);
  });
});
