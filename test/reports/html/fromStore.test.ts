// tearSheetFromStoredRun: a real engine run, written to SQLite and read back, becomes the
// report's model with nothing lost on the way (NAV, exposures, every cost line, benchmark).

import { describe, expect, it } from 'vitest';
import { COST_LINES } from '../../../engine/result.ts';
import { comparisonRunFromStoredRun, renderTearSheet, tearSheetFromStoredRun } from '../../../reports/html/index.ts';
import { storedLongShortRun } from './helpers/storedRun.ts';

describe('tearSheetFromStoredRun', () => {
  const { result, stored } = storedLongShortRun('Long/short fixture');
  const data = tearSheetFromStoredRun(stored);
  const sum = (x: ArrayLike<number>): number => Array.from(x).reduce((s, v) => s + v, 0);

  it('carries the manifest: label, strategy, period, execution, cost models', () => {
    expect(data.run.label).toBe('Long/short fixture');
    expect(data.run.strategy.name).toBe('Long/short fixture');
    expect(data.run.data).toMatchObject({ from: data.dates[0], to: data.dates[data.dates.length - 1], sessions: result.dates.length, synthetic: true });
    expect(data.run.execution).toEqual({ convention: 'next-open', lookAheadProne: false });
    expect(data.run.costModels.map((c) => c.kind)).toEqual(['commission', 'slippage', 'borrow', 'cash']);
  });

  it('keeps the NAV and the daily exposures of the result', () => {
    expect(data.nav).toEqual(Array.from(result.daily.nav));
    const t = 12;
    const nav = result.daily.nav[t];
    expect(data.exposures.long[t]).toBeCloseTo(result.daily.longValue[t] / nav, 12);
    expect(data.exposures.short[t]).toBeCloseTo(-Math.abs(result.daily.shortValue[t]) / nav, 12);
    expect(data.exposures.short[t]).toBeLessThan(0);
    expect(data.exposures.gross[t]).toBeCloseTo(data.exposures.long[t] - data.exposures.short[t], 9);
    expect(data.exposures.longCount[t]).toBe(2);
    expect(data.exposures.shortCount[t]).toBe(1);
  });

  it('has every cost line with its total, credits negative, and its annual drag from the stored metrics', () => {
    expect(data.costs.map((c) => c.line)).toEqual(['commission', 'slippage', 'borrow_fee', 'short_dividends', 'interest_paid', 'interest_received', 'borrow_rebate']);
    for (const [k, line] of COST_LINES.entries()) expect(data.costs[k].total).toBeCloseTo(sum(result.daily[line]), 9);
    expect(data.costs[5].total).toBeCloseTo(-sum(result.daily.interestReceived), 9);
    const drag = stored.metrics.find((m) => m.name === 'cost_commission_drag');
    expect(data.costs[0].annualDrag).toBe(drag?.value);
    expect(data.costs[0].total).toBeGreaterThan(0);
  });

  it('compounds the stored benchmark returns from the same capital and computes its metrics', () => {
    expect(data.benchmark?.name).toBe('Fixture index');
    expect(data.benchmark?.nav[0]).toBe(result.daily.nav[0]);
    expect((data.benchmark?.nav[2] as number) / (data.benchmark?.nav[1] as number) - 1).toBeCloseTo(0.004 * Math.sin(1 / 3) + 0.0005, 12);
    expect(data.metrics.benchmark?.find((m) => m.name === 'total_return')?.n).toBe(result.dates.length - 1);
  });

  it('ranks contributors and detractors from the stored contributions', () => {
    expect(data.contributors.length + data.detractors.length).toBeGreaterThan(0);
    for (const c of data.contributors) expect(c.pnl).toBeGreaterThan(0);
    for (const d of data.detractors) expect(d.pnl).toBeLessThan(0);
  });

  it('uses another stored run as the benchmark when one is given, matched on dates', () => {
    const other = storedLongShortRun('Other run').stored;
    const against = tearSheetFromStoredRun(stored, other);
    expect(against.benchmark?.name).toBe('Other run');
    expect(against.benchmark?.nav).toEqual(Array.from(other.daily.columns.nav));
    expect(against.metrics.benchmark).toBe(other.metrics);
  });

  it('names the currency and P, and what the run asked for and did', () => {
    expect(data.run.currency).toBe('USD');
    expect(data.run.periodsPerYear).toBe(stored.run.periodsPerYear);
    expect(data.run.initialCapital).toBe(result.manifest.config.initialCash);
    expect(data.run.facts?.firstInvestedDate).toBe(result.facts.firstInvestedDate);
  });

  it('carries the ledger decomposition, which reconciles to the NAV change, and the books\' daily P&L', () => {
    const dec = data.decomposition;
    expect(dec?.startNav).toBe(result.manifest.config.initialCash);
    expect(dec?.endNav).toBe(result.daily.nav[result.daily.nav.length - 1]);
    const total = (dec?.lines ?? []).reduce((s, l) => s + l.amount, 0);
    expect(total).toBeCloseTo((dec?.endNav ?? 0) - (dec?.startNav ?? 0), 6);
    expect(data.legs?.long).toEqual(Array.from(result.daily.longPnl));
    expect(data.legs?.short).toEqual(Array.from(result.daily.shortPnl));
    expect(sum(result.daily.shortPnl)).not.toBe(0);
  });

  it('gives contributors their side, mean weight and holding dates, and the holdings their largest names', () => {
    const all = [...data.contributors, ...data.detractors];
    const side = new Map(all.map((c) => [c.symbol, c.side]));
    expect(side.get('AAA') ?? 'long').toBe('long');
    expect(side.get('CCC') ?? 'short').toBe('short');
    for (const c of all) {
      expect(c.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(c.to).toBeNull(); // the fixture holds every name to the end
      expect(Math.sign(c.avgWeight as number)).toBe(c.side === 'short' ? -1 : 1);
    }
    expect(data.holdings?.topLong.map((p) => p.symbol)).toEqual(['AAA', 'BBB']);
    expect(data.holdings?.topShort.map((p) => p.symbol)).toEqual(['CCC']);
  });

  it('renders, and feeds the comparison page too', () => {
    expect(renderTearSheet(data)).toContain('Long/short fixture');
    const run = comparisonRunFromStoredRun(stored);
    expect(run.nav).toEqual(data.nav);
    expect(run.exposures.gross).toEqual(data.exposures.gross);
  });
});
