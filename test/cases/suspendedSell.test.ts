// suspended-sell — a fill never spends cash that is not there. AAA is suspended (volume 0) on
// 2024-01-05 and 2024-01-08; a switch from 100 % AAA to 100 % BBB decided on 01-04 must wait for
// the AAA sale (01-09) before buying BBB in a cash account.

import { describe, expect, it } from 'vitest';
import { isoDay } from '../../data/dates.ts';
import { loadMarket } from '../../data/load.ts';
import { backtest } from '../../engine/backtest.ts';
import { deferralRows, orderRows, scripted } from '../engine/helpers.ts';
import { csv, tempDir, writeFile } from '../data/fixtures.ts';
import { caseMarket } from './helpers.ts';

const market = await caseMarket('suspended-sell');
const dates = Array.from(market.dates, isoDay);
const at = (date: string): number => dates.indexOf(date);
const strategy = () => scripted({ [at('2024-01-02')]: { weights: { AAA: 1 } }, [at('2024-01-04')]: { weights: { BBB: 1 } } });

describe('suspended-sell', () => {
  const result = backtest(market, strategy(), { initialCash: 10_000, cash: { rate: 0.05 } });
  const d = result.daily;

  it('the AAA sale rests on the zero-volume bars and fills on 01-09', () => {
    const sells = Array.from(result.fills.session).flatMap((s, k) => (result.fills.quantity[k] < 0 ? [[dates[s], result.symbols[result.fills.symbol[k]], result.fills.quantity[k]]] : []));
    expect(sells).toEqual([['2024-01-09', 'AAA', -100]]);
    expect(deferralRows(result).filter((r) => r.symbol === 'AAA').map((r) => [dates[r.session], r.reason])).toEqual([
      ['2024-01-05', 'no-trade'],
      ['2024-01-08', 'no-trade'],
    ]);
    expect(result.caveats.map((c) => c.message)).toContain('2 order-sessions deferred: no-trade — the symbol had no bar that session, or one without volume (a suspended or untraded session), so the order rested');
  });

  it('BBB is bought with the proceeds: 200 shares on 01-09 or later, waiting for cash before', () => {
    const buys = Array.from(result.fills.session).flatMap((s, k) => (result.symbols[result.fills.symbol[k]] === 'BBB' ? [[dates[s], result.fills.quantity[k]]] : []));
    expect(buys).toEqual([['2024-01-09', 200]]);
    expect(deferralRows(result).filter((r) => r.symbol === 'BBB').map((r) => [dates[r.session], r.reason])).toEqual([
      ['2024-01-05', 'cash'],
      ['2024-01-08', 'cash'],
    ]);
  });

  it('cash ≥ 0 and gross exposure ≤ 1 every session; no debit interest', () => {
    for (let k = 0; k < d.nav.length; k++) {
      expect(d.cash[k], `cash on ${dates[k]}`).toBeGreaterThanOrEqual(0);
      expect((d.longValue[k] - d.shortValue[k]) / d.nav[k], `gross on ${dates[k]}`).toBeLessThanOrEqual(1 + 1e-12);
    }
    expect(d.interestPaid.every((x) => x === 0)).toBe(true);
    expect(result.breaches).toEqual([]);
  });

  it('a margin account borrows for it only when the targets ask for leverage', () => {
    const account = { kind: 'margin', maxGross: 2, maxNet: 2 } as const;
    // 100 % BBB asks for no leverage: the buy waits for the sale, as in a cash account.
    const unlevered = backtest(market, strategy(), { initialCash: 10_000, account });
    expect(Math.min(...unlevered.daily.cash)).toBeGreaterThanOrEqual(0);
    // 150 % BBB asks to borrow: 300 shares at 50 from 01-05 against 10,000 of cash (the AAA sale still waiting).
    const levered = backtest(market, scripted({ [at('2024-01-02')]: { weights: { AAA: 1 } }, [at('2024-01-04')]: { weights: { BBB: 1.5 } } }), { initialCash: 10_000, account });
    expect(Math.min(...levered.daily.cash)).toBeLessThan(0);
  });
});

describe('the same kind on other inputs', () => {
  const fillRows = (result: ReturnType<typeof backtest>) => Array.from(result.fills.session, (s, k) => [dates[s], result.symbols[result.fills.symbol[k]], result.fills.quantity[k]]);

  it('a sale that asks for more than is held still funds the buy it waits with (probe r67a F1)', () => {
    // 100 AAA held (10,000 at 100, no cash left); on 01-04 sell 150 AAA and buy 200 BBB at 50. The cash
    // account sells the 100 held (the 50 past them are a short it refuses) — 10,000, which pays for the 200 BBB on 01-09.
    const result = backtest(market, scripted({ [at('2024-01-02')]: { weights: { AAA: 1 } }, [at('2024-01-04')]: [{ symbol: 'AAA', quantity: -150 }, { symbol: 'BBB', quantity: 200 }] }), { initialCash: 10_000 });
    expect(fillRows(result)).toEqual([
      ['2024-01-03', 'AAA', 100],
      ['2024-01-09', 'AAA', -100],
      ['2024-01-09', 'BBB', 200],
    ]);
    expect(deferralRows(result).map((r) => [dates[r.session], r.symbol, r.reason, r.remaining])).toEqual([
      ['2024-01-05', 'AAA', 'no-trade', -150],
      ['2024-01-05', 'BBB', 'cash', 200],
      ['2024-01-08', 'AAA', 'no-trade', -150],
      ['2024-01-08', 'BBB', 'cash', 200],
      ['2024-01-09', 'AAA', 'no-shorts', -50],
    ]);
    const d = result.daily;
    for (let k = 0; k < d.nav.length; k++) {
      expect(d.cash[k], `cash on ${dates[k]}`).toBeGreaterThanOrEqual(0);
      expect((d.longValue[k] - d.shortValue[k]) / d.nav[k], `gross on ${dates[k]}`).toBeLessThanOrEqual(1 + 1e-12);
    }
  });

  it('a sale past the holding fills before the buys of its session: 300 AAA asked, 100 held, 200 BBB bought with the 10,000', () => {
    // Decided 01-09, filled 01-10 (AAA trades): the book after all legs is net short, which puts buys first among additions;
    // the sale's part up to the holding is a reduction, so it fills first and the buy fills the same session.
    const result = backtest(market, scripted({ [at('2024-01-02')]: { weights: { AAA: 1 } }, [at('2024-01-09')]: [{ symbol: 'AAA', quantity: -300 }, { symbol: 'BBB', quantity: 200 }] }), { initialCash: 10_000 });
    expect(fillRows(result)).toEqual([
      ['2024-01-03', 'AAA', 100],
      ['2024-01-10', 'AAA', -100],
      ['2024-01-10', 'BBB', 200],
    ]);
    expect(result.daily.cash.every((c) => c >= 0)).toBe(true);
  });

  it('in a margin account, a buy cut at the limit waits for a resting sale that goes short past the holding', () => {
    // maxGross 1 with 100 AAA held (10,000 of 10,000 NAV): on 01-04 sell 120 AAA (100 held, 20 short = 2,000) and buy 160 BBB
    // (8,000). Alone, the buy would take gross to 1.8 — cut while AAA is suspended; with the sale, gross is (2,000 + 8,000) /
    // 10,000 = 1.0, so both fill on 01-09.
    const account = { kind: 'margin', maxGross: 1, maxNet: 1 } as const;
    const result = backtest(market, scripted({ [at('2024-01-02')]: { weights: { AAA: 1 } }, [at('2024-01-04')]: [{ symbol: 'AAA', quantity: -120 }, { symbol: 'BBB', quantity: 160 }] }), { initialCash: 10_000, account });
    expect(fillRows(result)).toEqual([
      ['2024-01-03', 'AAA', 100],
      ['2024-01-09', 'AAA', -120],
      ['2024-01-09', 'BBB', 160],
    ]);
    const d = result.daily;
    const last = d.nav.length - 1;
    expect((d.longValue[last] - d.shortValue[last]) / d.nav[last]).toBeCloseTo(1, 12);
  });

  it('in a margin account, a sale past the holding that the limit cuts funds nothing of its own rest: it ends that session (probe r68a F1)', () => {
    // maxGross 1.5 with 100 AAA held (10,000 of 10,000 NAV), both flat: decided 01-09, filled 01-10, sell 300 AAA (100 held, 200
    // short) and buy 100 BBB (5,000). Whatever the cut fills, no other order rests that could free room for the rest, so the
    // AAA order ends 'margin-limit' on 01-10 and no AAA fill follows; gross stays within 1.5.
    const account = { kind: 'margin', maxGross: 1.5, maxNet: 1 } as const;
    const result = backtest(market, scripted({ [at('2024-01-02')]: { weights: { AAA: 1 } }, [at('2024-01-09')]: [{ symbol: 'AAA', quantity: -300 }, { symbol: 'BBB', quantity: 100 }] }), { initialCash: 10_000, account });
    const sale = orderRows(result).find((r) => r.symbol === 'AAA' && r.quantity === -300)!;
    expect([sale.end, dates[sale.endSession]]).toEqual(['margin-limit', '2024-01-10']);
    expect(fillRows(result).filter((r) => r[1] === 'AAA' && r[0] > '2024-01-10')).toEqual([]);
    const d = result.daily;
    for (let k = 0; k < d.nav.length; k++) expect((d.longValue[k] - d.shortValue[k]) / d.nav[k], `gross on ${dates[k]}`).toBeLessThanOrEqual(1.5 + 1e-12);
  });

  it('a switch decided on a day the held symbol has no bar still buys the new one, once the sale has funded it', async () => {
    // AAA has no row on 2024-01-04 (the decision to switch to 100 % BBB); both flat.
    const day = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08'];
    const dir = tempDir();
    writeFile(dir, 'AAA.csv', csv('Date,Open,High,Low,Close,Volume', ...day.filter((x) => x !== '2024-01-04').map((x) => `${x},100,100,100,100,1000`)));
    writeFile(dir, 'BBB.csv', csv('Date,Open,High,Low,Close,Volume', ...day.map((x) => `${x},50,50,50,50,1000`)));
    const gapped = await loadMarket(dir, { cacheDir: false });
    const on = (date: string) => Array.from(gapped.dates, isoDay).indexOf(date);
    const result = backtest(gapped, scripted({ [on('2024-01-02')]: { weights: { AAA: 1 } }, [on('2024-01-04')]: { weights: { BBB: 1 } } }), { initialCash: 10_000 });
    // 100 AAA bought 01-03 at 100; sold 01-05 at 100; 200 BBB bought 01-05 at 50 with the proceeds.
    expect(Array.from(result.fills.session, (s, k) => [isoDay(gapped.dates[s]), result.symbols[result.fills.symbol[k]], result.fills.quantity[k]])).toEqual([
      ['2024-01-03', 'AAA', 100],
      ['2024-01-05', 'AAA', -100],
      ['2024-01-05', 'BBB', 200],
    ]);
    expect(result.daily.cash.every((c) => c >= 0)).toBe(true);
    expect(result.daily.nav.at(-1)).toBe(10_000);
  });
});
