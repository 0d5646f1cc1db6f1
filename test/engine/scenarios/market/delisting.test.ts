// Delisting: a position is closed at the open of the session after `delistedAfter`, at the last
// close times (1 + delistReturn) — or at the last close when the data gives no delisting return.
// Orders resting on the symbol are cancelled.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../data/errors.ts';
import { FillReason } from '../../../../engine/result.ts';
import type { Market } from '../../../../data/market.ts';
import { fixtureMarket, weekdays } from '../../fixtures.ts';
import { deferralRows, expectColumn, fillRows, orderRows, orders, scripted, MARGIN, scenario } from '../../helpers.ts';

// A trades t0..t2 (last close 12), then nothing; B is a bystander.
const closes = [
  [10, 5],
  [10, 5],
  [12, 5],
  [NaN, 5],
  [NaN, 5],
];
const buy = scripted({
  0: orders({ symbol: 'A', quantity: 100 }, { symbol: 'A', quantity: 5, type: 'limit', limit: 1, tif: 'gtc' }),
});

describe('delisting with a delisting return', () => {
  const market = fixtureMarket({ symbols: ['A', 'B'], closes, delistedAfter: { 0: 2 }, delistReturn: { 0: -0.25 } });
  const result = scenario(market, buy, { initialCash: 10_000 });

  it('closes the position at the open of t3 at 12 × (1 − 0.25) = 9', () => {
    const fills = fillRows(result);
    expect(fills.map((f) => [f.session, f.symbol, f.quantity, f.price, f.reason])).toEqual([
      [1, 'A', 100, 10, 'order'],
      [3, 'A', -100, 9, 'delisting'],
    ]);
    expect(result.fills.reason[1]).toBe(FillReason.delisting);
    expect(fills[1].commission).toBe(0);
  });

  it('books the delisting loss as price P&L and ends in cash', () => {
    // cash: 10 000 − 1 000 = 9 000; t3: 9 000 + 100 × 9 = 9 900.
    // NAV: t1 9 000 + 1 000; t2 9 000 + 1 200 = 10 200; t3 9 900.
    expectColumn(result.daily.cash, [10_000, 9_000, 9_000, 9_900, 9_900]);
    expectColumn(result.daily.nav, [10_000, 10_000, 10_200, 9_900, 9_900]);
    expectColumn(result.daily.longPnl, [0, 0, 200, -300, 0]);
    expectColumn(result.daily.longCount, [0, 1, 1, 0, 0]);
  });

  it('itemises the exit in a caveat, sized by the larger of the value at the last close and the proceeds, as data-end exits are', () => {
    // 100 A: last close 12 (worth 1,200), × (1 − 0.25) = 9, proceeds 900, on t3 (2024-01-04); NAV at the t2 close 10,200.
    const c = result.caveats.find((x) => x.code === 'delisting-exit');
    expect(c?.message).toBe(
      // Turnover counts the 900 of the exit as traded (probe r73c F2): 900 / (1,000 bought + 900) = 47.4 %.
      "1 position closed at its delisting (A 100 sold at 9.00 on 2024-01-04 (last close 12.00 × (1 − 25%); proceeds 900.00)): a delisting closes a position at its last close × (1 + the delisting return its data gives), at the last close where it gives none; turnover counts its notional, 900.00, as traded: 47.4% of the run's traded notional",
    );
    expect(c?.size).toBeCloseTo(1_200 / 10_200, 12);
    expect(c?.unit).toBe('nav-share');
    expect(c?.severity).toBe('high'); // 11.8 % > 5 %
    expect(c?.symbols).toEqual(['A']);
    expect(result.caveats.map((x) => x.code)).not.toContain('data-end-exit');
  });

  it('lists the exit in the run facts, for a library user, beside data-end exits', () => {
    // 100 A closed on t3 (2024-01-04) at 12 × (1 − 0.25) = 9: proceeds 900.
    expect(result.facts.delistingExits).toEqual([{ symbol: 'A', date: '2024-01-04', value: 900, delistingReturn: -0.25, lastClose: 12 }]);
    expect(result.facts.dataEndExits).toEqual([]);
  });

  it('counts the forced exit in traded notional, as an order fill counts (turnover, METRICS.md)', () => {
    // t1: the buy, 100 × 10 = 1,000; t3: the delisting sale, |−100| × 9 = 900.
    expectColumn(result.daily.tradedNotional, [0, 1_000, 0, 900, 0]);
  });

  it('cancels orders resting on the delisted symbol', () => {
    // The 1.00 limit never reaches: deferred at t1 and t2, then cancelled at the t3 open.
    expect(deferralRows(result)).toEqual([
      { session: 1, symbol: 'A', reason: 'price-not-reached', remaining: 5 },
      { session: 2, symbol: 'A', reason: 'price-not-reached', remaining: 5 },
    ]);
  });
});

describe('delisting without a delisting return', () => {
  const market = fixtureMarket({ symbols: ['A', 'B'], closes, delistedAfter: { 0: 2 } });
  const result = scenario(market, buy, { initialCash: 10_000 });

  it('closes at the last close, 12', () => {
    expect(fillRows(result).map((f) => [f.session, f.quantity, f.price, f.reason])).toEqual([
      [1, 100, 10, 'order'],
      [3, -100, 12, 'delisting'],
    ]);
    // 9 000 + 100 × 12 = 10 200, no P&L on the delisting itself.
    expectColumn(result.daily.nav, [10_000, 10_000, 10_200, 10_200, 10_200]);
    expectColumn(result.daily.longPnl, [0, 0, 200, 0, 0]);
    // Itemised all the same: 1,200 of the 10,200 NAV at the t2 close.
    const c = result.caveats.find((x) => x.code === 'delisting-exit');
    expect(c?.message).toContain('(A 100 sold at 12.00 on 2024-01-04 (its last close, no delisting return given; proceeds 1,200.00))');
    expect(c?.size).toBeCloseTo(1_200 / 10_200, 12);
  });

  it('lists the exit in the run facts with no delisting return: 100 × 12 = 1,200', () => {
    expect(result.facts.delistingExits).toEqual([{ symbol: 'A', date: '2024-01-04', value: 1_200, delistingReturn: null, lastClose: 12 }]);
  });

  it('closes a short the same way (buys back at the last close × (1 + r))', () => {
    const shortMarket = fixtureMarket({ symbols: ['A', 'B'], closes, delistedAfter: { 0: 2 }, delistReturn: { 0: -1 } });
    const short = scenario(shortMarket, { 0: orders({ symbol: 'A', quantity: -100 }) }, { account: MARGIN, initialCash: 10_000 });
    // Short 100 @ 10: cash 11 000. Delisting return −100 %: bought back at 12 × 0 = 0 → cash 11 000.
    expect(fillRows(short).map((f) => [f.session, f.quantity, f.price])).toEqual([
      [1, -100, 10],
      [3, 100, 0],
    ]);
    // NAV t2: 11 000 − 1 200 = 9 800; t3: 11 000.
    expectColumn(short.daily.nav, [10_000, 10_000, 9_800, 11_000, 11_000]);
    // Covered for nothing: the short's 1,200 at its last close of the 9,800 NAV before.
    const c = short.caveats.find((x) => x.code === 'delisting-exit');
    expect(c?.message).toContain('(A short of 100 covered at 0.00 on 2024-01-04 (last close 12.00 × (1 − 100%); cost 0.00))');
    expect(c?.size).toBeCloseTo(1_200 / 9_800, 12);
  });
});

describe('the delisting-exit caveat itemises money to the cent (probe r57a: "proceeds 16,250" for 247 × 65.79)', () => {
  it('247 A sold at 102 × (1 − 35.5%) = 65.79: proceeds 16,250.13; a price with more than cents shows them: 65.50 × (1 − 25%) = 49.125', () => {
    for (const [close, r, price, proceeds] of [[102, -0.355, '65.79', '16,250.13'], [65.5, -0.25, '49.125', '12,133.88']] as const) {
      // 247 A bought at the t1 open; last close on t2; closed at the t3 open (2024-01-04): 247 × 65.79 = 16,250.13,
      // 247 × 49.125 = 12,133.875 → 12,133.88 to the cent.
      const market = fixtureMarket({ symbols: ['A', 'B'], closes: [[100, 5], [100, 5], [close, 5], [NaN, 5], [NaN, 5]], delistedAfter: { 0: 2 }, delistReturn: { 0: r } });
      const result = scenario(market, { 0: orders({ symbol: 'A', quantity: 247 }) }, { initialCash: 30_000 });
      const c = result.caveats.find((x) => x.code === 'delisting-exit');
      expect(c?.message).toContain(`(A 247 sold at ${price} on 2024-01-04 (last close ${close.toFixed(2)} × (1 − ${-r * 100}%); proceeds ${proceeds}))`);
    }
  });
});

describe('the delisting-exit caveat (property)', () => {
  it('states the return applied and is sized by the larger of the value at the last close and the proceeds: a loss by what was held, a rise (a percent typed as a fraction) by what it paid', () => {
    fc.assert(
      fc.property(fc.double({ min: -1, max: 40, noNaN: true }), (r) => {
        const market = fixtureMarket({ symbols: ['A', 'B'], closes, delistedAfter: { 0: 2 }, delistReturn: { 0: r } });
        const result = scenario(market, { 0: orders({ symbol: 'A', quantity: 100 }) }, { initialCash: 10_000 });
        // 100 A bought at 10; last close 12 (1,200 of the NAV of 10,200 at t2), closed at 12 × (1 + r) on t3.
        const proceeds = 100 * 12 * (1 + r);
        const c = result.caveats.find((x) => x.code === 'delisting-exit')!;
        expect(c.size).toBeCloseTo(Math.max(1_200, proceeds) / 10_200, 12);
        expect(c.severity).toBe('high');
        expect(c.message).toContain(`last close 12.00 × (1 ${r < 0 ? '−' : '+'} ${(Math.abs(r) * 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}%)`);
        expect(result.daily.nav[3]).toBeCloseTo(9_000 + proceeds, 6);
      }),
      { numRuns: 100, seed: 20261130 },
    );
  });
});

describe('a delisting on or after the data\'s last session (Market.delistingAfterData): no exit, and the run says so', () => {
  // A trades t0..t2 (2024-01-01 … 01-03; last close 12) and is delisted at −25 % on `day`: listed to the end, as a load makes it.
  const pastData = (day: number, r = -0.25): Market => {
    const market = fixtureMarket({ symbols: ['A', 'B'], closes: [[10, 5], [10, 5], [12, 5]], delistReturn: { 0: r } });
    return { ...market, continuesAfter: Uint8Array.of(1, 0), delistingAfterData: Float64Array.of(day, NaN) };
  };
  const lastDay = weekdays('2024-01-01', 3)[2];

  it('a long held at the end: marked at its last close, the return it never met named and sized (probe r57a: nothing said of a −50 %)', () => {
    const result = scenario(pastData(lastDay), { 0: orders({ symbol: 'A', quantity: 100 }) }, { initialCash: 10_000 });
    // 100 A at 10 (cash 9,000), held to the end at 12: NAV 10,200, no exit. At 12 × (1 − 0.25) the next open: 9,000 + 900 = 9,900.
    expect(fillRows(result).map((f) => f.reason)).toEqual(['order']);
    expectColumn(result.daily.nav, [10_000, 10_000, 10_200]);
    const c = result.caveats.find((x) => x.code === 'delisting-after-data');
    expect(c?.message).toBe(
      "1 position held at the run's end in a symbol delisted on or after the data's last session, whose exit the data holds no session for (A 100 held, delisted 2024-01-03 at -25%, on the data's last session: 1,200.00 at its last close of 12.00, which the return would take 300.00 off): the final NAV of 10,200.00 marks it at the last close; with the delisting return applied at the next open it would be 9,900.00",
    );
    // 100 × 12 × 0.25 = 300 of 10,200: 2.9 %, medium (above 0.5 %, not above 5 %).
    expect(c?.size).toBeCloseTo(300 / 10_200, 12);
    expect(c?.severity).toBe('medium');
    expect(c?.symbols).toEqual(['A']);
  });

  it('a short held at the end gains what the return takes off; a date after the data\'s last session is said as such', () => {
    const result = scenario(pastData(lastDay + 10), { 0: orders({ symbol: 'A', quantity: -100 }) }, { account: MARGIN, initialCash: 10_000 });
    // Short 100 at 10: cash 11,000; at 12 the NAV is 11,000 − 1,200 = 9,800; covered at 9 it would be 11,000 − 900 = 10,100.
    const c = result.caveats.find((x) => x.code === 'delisting-after-data');
    expect(c?.message).toContain("(A short of 100, delisted 2024-01-13 at -25%, after the data's last session (2024-01-03): 1,200.00 at its last close of 12.00, which the return would add 300.00 to): the final NAV of 9,800.00 marks it at the last close; with the delisting return applied at the next open it would be 10,100.00");
    expect(c?.size).toBeCloseTo(300 / 9_800, 12);
  });

  it('with no delisting return given it is said, low (nothing would change); a position sold before the end, or a run ending before the data does, says nothing', () => {
    const blank = scenario(pastData(lastDay, NaN), { 0: orders({ symbol: 'A', quantity: 100 }) }, { initialCash: 10_000 });
    const c = blank.caveats.find((x) => x.code === 'delisting-after-data');
    expect(c?.message).toContain('(A 100 held, delisted 2024-01-03, on the data\'s last session: 1,200.00 at its last close of 12.00, no delisting return given: it would close at that close)');
    expect([c?.size, c?.severity]).toEqual([0, 'low']);
    const sold = scenario(pastData(lastDay), { 0: orders({ symbol: 'A', quantity: 100 }), 1: orders({ symbol: 'A', quantity: -100 }) }, { initialCash: 10_000 });
    expect(sold.caveats.map((x) => x.code)).not.toContain('delisting-after-data');
    // A run that ends before the data's last session (to 2024-01-02) ends before the delisting: nothing to say, as of any after its end.
    const early = scenario(pastData(lastDay), { 0: orders({ symbol: 'A', quantity: 100 }) }, { initialCash: 10_000, to: '2024-01-02' });
    expect(early.caveats.map((x) => x.code)).not.toContain('delisting-after-data');
  });

  it('is sized by |shares × last close × r| over the final NAV, and names the NAV with the return applied (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -300, max: 300 }).filter((q) => q !== 0), fc.double({ min: -1, max: 3, noNaN: true }), (q, r) => {
        const result = scenario(pastData(lastDay, r), { 0: orders({ symbol: 'A', quantity: q }) }, { account: MARGIN, initialCash: 10_000 });
        // q A at 10: cash 10,000 − 10q; final NAV 10,000 + 2q at the last close 12; the return changes it by q × 12 × r.
        const c = result.caveats.find((x) => x.code === 'delisting-after-data')!;
        const nav = 10_000 + 2 * q;
        expect(c.size).toBeCloseTo(Math.abs(q * 12 * r) / nav, 12);
        expect(c.message).toContain(`it would be ${(nav + q * 12 * r).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
      }),
      { numRuns: 100, seed: 20261201 },
    );
  });
});

describe('a delisting return without a delisting (a Market built in code)', () => {
  it('is refused, naming the symbol, its last bar and the fix: the exit would be a data end and the return never apply', () => {
    // A's prices end after t2 (2024-01-03), delistedAfter -1, delistReturn -0.25: it would be sold at 12 as a data end.
    const market = fixtureMarket({ symbols: ['A', 'B'], closes, delistReturn: { 0: -0.25 } });
    expect(() => scenario(market, buy, { initialCash: 10_000 })).toThrow(
      new UserError(
        'A: market.delistReturn[0] is -0.25, but market.delistedAfter[0] is -1 (not delisted) and its prices end on 2024-01-03, before the market\'s: the position would close there as a data end and the return would never apply — set delistedAfter[0] to the session it was delisted after (2, 2024-01-03, if that is when it stopped trading), or delistReturn[0] to NaN',
      ),
    );
  });
});

describe('delisting after a halt (no close on the last listed session)', () => {
  // A is halted on t2 (no price) and delisted after it. Its last price is the t1 close, 11:
  // the position must close at 11 × (1 − 0.5) = 5.50, not at NaN.
  const market = fixtureMarket({
    symbols: ['A', 'B'],
    closes: [
      [10, 5],
      [11, 5],
      [NaN, 5],
      [NaN, 5],
    ],
    delistedAfter: { 0: 2 },
    delistReturn: { 0: -0.5 },
  });
  const result = scenario(market, { 0: orders({ symbol: 'A', quantity: 100 }) }, { initialCash: 10_000 });

  it('closes at the last available close × (1 + r) and keeps NAV finite', () => {
    // Bought 100 @ 11 at the t1 open (cash 8 900); t2 marked at 11; t3: 8 900 + 100 × 5.50 = 9 450.
    expect(fillRows(result).map((f) => [f.session, f.quantity, f.price])).toEqual([
      [1, 100, 11],
      [3, -100, 5.5],
    ]);
    expectColumn(result.daily.nav, [10_000, 10_000, 10_000, 9_450]);
  });
});

describe('a split on the delisting session', () => {
  // Hold 100 A (bought at 10); A's last close is 12 on t2; a 2:1 split has its ex-date on t3,
  // the session the position is closed. The split only relabels: 200 shares at 12 / 2 = 6 are
  // the same 1 200 as 100 at 12. Cash after: 9 000 + 1 200 = 10 200.
  const market = fixtureMarket({
    symbols: ['A', 'B'],
    closes,
    delistedAfter: { 0: 2 },
    splits: [{ session: 3, symbol: 0, value: 2 }],
  });
  const result = scenario(market, { 0: orders({ symbol: 'A', quantity: 100 }) }, { initialCash: 10_000 });

  it('pays the same proceeds as without the split', () => {
    const close = fillRows(result).find((f) => f.reason === 'delisting');
    expect(close && close.quantity * close.price).toBe(-1_200);
    expectColumn(result.daily.nav, [10_000, 10_000, 10_200, 10_200, 10_200]);
  });
});

describe('nothing trades a symbol after it left the market', () => {
  // A delisted after t2 (last close 12), data for B ends after t2 with no record; C goes on.
  const market = fixtureMarket({
    symbols: ['A', 'B', 'C'],
    closes: [
      [10, 20, 5],
      [10, 20, 5],
      [12, 20, 5],
      [NaN, NaN, 5],
      [NaN, NaN, 5],
    ],
    delistedAfter: { 0: 2 },
  });
  const strategy = scripted({
    3: { weights: { A: 0.4, B: 0.4, C: 0.2 } },
    4: orders({ symbol: 'A', quantity: 10 }, { symbol: 'B', quantity: 10 }),
  });
  const result = scenario(market, strategy, { initialCash: 10_000 });

  it('defers their targets as delisted / data-end, and cancels explicit orders for them at once', () => {
    expect(deferralRows(result)).toEqual([
      { session: 3, symbol: 'A', reason: 'delisted', remaining: NaN },
      { session: 3, symbol: 'B', reason: 'data-end', remaining: NaN },
      { session: 4, symbol: 'A', reason: 'delisted', remaining: 10 },
      { session: 4, symbol: 'B', reason: 'data-end', remaining: 10 },
    ]);
    expect(orderRows(result).filter((o) => o.symbol !== 'C').map((o) => [o.session, o.symbol, o.status, o.end, o.endSession])).toEqual([
      [4, 'A', 'cancelled', 'delisting', 4],
      [4, 'B', 'cancelled', 'data-end', 4],
    ]);
    // Only C trades: 0.2 × 10 000 / 5 = 400 shares at the t4 open.
    expect(fillRows(result).map((f) => [f.session, f.symbol, f.quantity])).toEqual([[4, 'C', 400]]);
  });

  it('says which symbols were asked for after they left', () => {
    const said = result.caveats.filter((c) => c.code === 'deferred').map((c) => c.message);
    expect(said).toEqual([
      '2 order-sessions deferred: delisted — targets or orders named A after their delisting; nothing was traded for them',
      '2 order-sessions deferred: data-end — targets or orders named B after their data ended; nothing was traded for them',
    ]);
  });
});

describe('nothing trades a symbol after its delisting (property)', () => {
  it('for random delisting dates, prices that go on after them (a reused ticker) and random targets every session', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 11 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 3, maxLength: 3 }), { minLength: 12, maxLength: 12 }),
        (lastSessions, weights) => {
          // Prices on every session for every symbol, so only the delisting can stop a trade.
          const closes = weights.map((_, t) => [10 + t, 20 - t / 2, 30 + (t % 3)]);
          const delistedAfter = Object.fromEntries(lastSessions.flatMap((t, i) => (t < 11 ? [[i, t]] : [])));
          const market = fixtureMarket({ symbols: ['A', 'B', 'C'], closes, delistedAfter });
          const script = Object.fromEntries(weights.map((w, t) => [t, { weights: Object.fromEntries(['A', 'B', 'C'].map((s, i) => [s, w[i] / 20])) }]));
          const result = scenario(market, scripted(script), { initialCash: 100_000 });
          for (const f of fillRows(result)) {
            const last = delistedAfter[['A', 'B', 'C'].indexOf(f.symbol)];
            if (last === undefined) continue;
            expect(f.session, `${f.symbol} ${f.reason} fill at session ${f.session}, delisted after ${last}`).toBeLessThanOrEqual(last + 1);
            if (f.session === last + 1) expect(f.reason).toBe('delisting');
          }
        },
      ),
      { numRuns: 150, seed: 20261129 },
    );
  });
});
