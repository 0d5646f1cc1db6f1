import { describe, expect, it } from 'vitest';
import { backtest } from '../../../engine/backtest.ts';
import type { Result } from '../../../engine/result.ts';
import { returnDecomposition, symbolContributions, topContributors } from '../../../reports/attribution/index.ts';
import { fixtureMarket } from '../../engine/fixtures.ts';
import { orders, scripted } from '../../engine/helpers.ts';
import { handResult, longShortRun } from '../store/fixtures.ts';

const amount = (result: Result, line: string): number => {
  const found = returnDecomposition(result).lines.find((l) => l.line === line);
  if (!found) throw new Error(`no line ${line}`);
  return found.amount;
};

/** The lines sum to the NAV change, to 1e-9 of the starting NAV. */
function expectReconciles(result: Result): void {
  const d = returnDecomposition(result);
  const sum = d.lines.reduce((s, l) => s + l.amount, 0);
  expect(Math.abs(d.navChange - sum)).toBeLessThan(1e-9 * d.startNav);
  expect(Math.abs(d.residual)).toBeLessThan(1e-9 * d.startNav);
}

describe('returnDecomposition', () => {
  it('splits a hand-made ledger into books, income and costs (costs negative)', () => {
    const result = handResult({
      symbols: ['A'],
      initialCash: 1000,
      daily: {
        nav: [999, 1004.5, 1010],
        longPnl: [0, 6, 4],
        shortPnl: [0, 0, 2],
        dividends: [0, 0, 0.5],
        commission: [1, 0.5, 0.5],
      },
    });
    const d = returnDecomposition(result);
    expect(d.startNav).toBe(1000);
    expect(d.endNav).toBe(1010);
    expect(d.lines.map((l) => [l.line, l.kind, l.amount])).toEqual([
      ['long_book', 'pnl', 10],
      ['short_book', 'pnl', 2],
      ['dividends', 'income', 0.5],
      ['interest_received', 'income', 0],
      ['borrow_rebate', 'income', 0],
      ['commission', 'cost', -2],
      ['slippage', 'cost', 0],
      ['borrow_fee', 'cost', 0],
      ['short_dividends', 'cost', 0],
      ['interest_paid', 'cost', 0],
    ]);
    expect(d.lines.every((l) => !Object.is(l.amount, -0))).toBe(true);
    expect(d.lines[0].share).toBeCloseTo(0.01, 15);
    expect(d.residual).toBeCloseTo(-0.5, 12); // the hand ledger leaves 0.5 unexplained, and says so
  });

  it('reconciles to the NAV change on a long/short run with every cost and income line', () => {
    const result = longShortRun();
    expectReconciles(result);
    for (const line of ['long_book', 'short_book', 'dividends', 'interest_received', 'borrow_rebate', 'commission', 'slippage', 'borrow_fee', 'short_dividends']) {
      expect(amount(result, line)).not.toBe(0);
    }
    expect(amount(result, 'commission')).toBeLessThan(0);
  });

  it('reconciles with same-close costs on the first session, a split and a delisting', () => {
    const closes = [
      [10, 40],
      [11, 41],
      [12, 20],
      [NaN, 21],
      [NaN, 22],
    ];
    const market = fixtureMarket({ symbols: ['A', 'B'], closes, splits: [{ session: 2, symbol: 1, value: 2 }], delistedAfter: { 0: 2 }, delistReturn: { 0: -0.5 } });
    const strategy = scripted({ 0: orders({ symbol: 'A', quantity: 100 }, { symbol: 'B', quantity: -50 }) });
    const result = backtest(market, strategy, { initialCash: 10_000, execution: 'same-close', commission: { kind: 'bps', bps: 10 }, slippage: { kind: 'fixed-bps', bps: 5 } });
    expect(result.daily.commission[0]).toBeGreaterThan(0);
    expectReconciles(result);
  });
});

describe('symbol contributions', () => {
  const result = longShortRun();
  const all = symbolContributions(result);

  it('total = price P&L + income − cost, and Σ total = NAV change − net cash interest', () => {
    for (const c of all) expect(c.total).toBeCloseTo(c.pricePnl + c.income - c.cost, 12);
    const d = returnDecomposition(result);
    const cashInterest = amount(result, 'interest_received') + amount(result, 'interest_paid');
    expect(all.reduce((s, c) => s + c.total, 0)).toBeCloseTo(d.navChange - cashInterest, 6);
  });

  it('top contributors are the largest positive totals, detractors the most negative', () => {
    const hand = handResult({
      symbols: ['A', 'B', 'C', 'D', 'E'],
      daily: { nav: [1, 1] },
      pnlBySymbol: [5, -3, 0, 8, -1],
      incomeBySymbol: [0, 0, 0, 1, 0],
      costBySymbol: [1, 0, 0, 0, 0.5],
    });
    const ranked = symbolContributions(hand);
    expect(ranked.map((c) => [c.symbol, c.total])).toEqual([
      ['D', 9],
      ['A', 4],
      ['E', -1.5],
      ['B', -3],
    ]);
    const top = topContributors(ranked, 1);
    expect(top.contributors.map((c) => c.symbol)).toEqual(['D']);
    expect(top.detractors.map((c) => c.symbol)).toEqual(['B']);
  });
});
