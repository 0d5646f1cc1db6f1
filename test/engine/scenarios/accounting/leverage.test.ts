// Account limits at the decision: targets that breach a margin account's maxGross or maxNet, or
// short in a cash account, are rejected whole (not clipped); the breach is recorded with its gross
// and net, and the run's caveats say so.

import { describe, expect, it } from 'vitest';
import { fixtureMarket } from '../../fixtures.ts';
import { expectNear, messages, orders, trades, scenario } from '../../helpers.ts';

const market = fixtureMarket({
  symbols: ['A', 'B'],
  closes: [
    [100, 50],
    [100, 50],
    [100, 50],
    [100, 50],
  ],
});

describe('leverage limits', () => {
  it('rejects gross 2.0 under maxGross 1.5: no trades, a breach, a caveat', () => {
    const result = scenario(market, { 0: { weights: { A: 1, B: -1 } } }, { initialCash: 10_000, account: { kind: 'margin', maxGross: 1.5 } });
    expect(trades(result)).toEqual([]);
    expect(result.breaches.length).toBe(1);
    const b = result.breaches[0];
    // gross = (|10 000| + |−10 000|) / 10 000 = 2.0; net = 0.
    expect([b.session, b.date, b.maxGross, b.maxNet, b.action, b.symbol]).toEqual([0, '2024-01-01', 1.5, 1, 'rejected', null]); // maxNet defaults to 1
    expectNear(b.gross, 2);
    expectNear(b.net, 0);
    expect(messages(result)).toContain('every decision rejected, first on 2024-01-01: their targets breach the margin limits gross 1.5, net 1 (targeted gross 2.00, net 0.00 × NAV)');
  });

  it('a run held in cash by rejected targets blames the account, not the strategy, and the rejection is graded by the sessions it held the book (high)', () => {
    // Cash account, 20 sessions (weekdays from 2024-01-01): A at 150 % of NAV on sessions 0–13 (rejected: over 100 %), 100 % on 14
    // (2024-01-19, accepted), filled at 15's open. The book stood as before (cash) from 0 to 14: 14 sessions, 14 / 20 = 70 % > 10 %: high.
    // In cash on sessions 0–14: 15 of 20 (75.0 %).
    const script = Object.fromEntries(Array.from({ length: 15 }, (_, t) => [t, { weights: { A: t < 14 ? 1.5 : 1 } }]));
    const result = scenario({ symbols: ['A'], closes: Array.from({ length: 20 }, () => [100]) }, script, { initialCash: 10_000 });
    const of = (code: string) => result.caveats.filter((c) => c.code === code).map((c) => [c.severity, c.message]);
    expect(of('warm-up')).toEqual([
      ['high', "first investment on 2024-01-22, after 15 sessions in cash (75.0% of the run): the account rejected the strategy's targets on 14 decisions from 2024-01-01 (the first targeted gross 1.50, net 1.50 × NAV: see the leverage-breach caveat); the first it accepted was on 2024-01-19 — the metrics count that time"],
    ]);
    expect(of('leverage-breach')).toEqual([
      ['high', '14 of 15 decisions rejected, first on 2024-01-01: their targets short or exceed 100% of NAV (targeted gross 1.50, net 1.50 × NAV), which a cash account does not allow (set account: { kind: margin, maxGross, maxNet } to allow it); the book stood as before them on 14 sessions (70.0% of the run)'],
    ]);
  });

  it('one rejected decision followed by an accepted one the next session is medium: 1 session of 20 (5.0 %)', () => {
    const script = { 0: { weights: { A: 0.5 } }, 5: { weights: { A: 2 } }, 6: { weights: { A: 0.5 } } };
    const result = scenario({ symbols: ['A'], closes: Array.from({ length: 20 }, () => [100]) }, script, { initialCash: 10_000 });
    expect(result.caveats.filter((c) => c.code === 'leverage-breach').map((c) => [c.severity, c.message])).toEqual([
      ['medium', '1 of 3 decisions rejected, first on 2024-01-08: their targets short or exceed 100% of NAV (targeted gross 2.00, net 2.00 × NAV), which a cash account does not allow (set account: { kind: margin, maxGross, maxNet } to allow it); the book stood as before them on 1 session (5.0% of the run)'],
    ]);
  });

  it('rejects net 0.8 under maxNet 0.5, and net −0.8 too', () => {
    const long = scenario(market, { 0: { weights: { A: 0.8 } } }, { account: { kind: 'margin', maxNet: 0.5 } });
    expect(trades(long)).toEqual([]);
    expectNear(long.breaches[0].net, 0.8);
    expectNear(long.breaches[0].gross, 0.8);
    const short = scenario(market, { 0: { weights: { B: -0.8 } } }, { account: { kind: 'margin', maxNet: 0.5 } });
    expect(trades(short)).toEqual([]);
    expectNear(short.breaches[0].net, -0.8);
  });

  it('trades targets within the limits (gross 1.5 exactly)', () => {
    const result = scenario(market, { 0: { weights: { A: 0.75, B: -0.75 } } }, { initialCash: 10_000, account: { kind: 'margin', maxGross: 1.5 } });
    // A: 0.75 × 10 000 / 100 = 75; B: −0.75 × 10 000 / 50 = −150.
    expect(trades(result)).toEqual([
      [1, 'A', 75, 100],
      [1, 'B', -150, 50],
    ]);
    expect(result.breaches).toEqual([]);
  });

  it('leaves existing holdings untouched when a later decision breaches', () => {
    // t0: 50 % A → 50 shares (filled t1). t1: gross 2.0 → rejected: still 50 A, nothing sold.
    const result = scenario(market, { 0: { weights: { A: 0.5 } }, 1: { weights: { A: 1, B: -1 } } }, {
      initialCash: 10_000,
      account: { kind: 'margin', maxGross: 1.5 },
    });
    expect(trades(result)).toEqual([[1, 'A', 50, 100]]);
    expect(result.breaches.map((b) => b.session)).toEqual([1]);
    expect(result.daily.longValue[3]).toBe(5_000);
  });
});

describe('a book that prices carry past the margin limits is said to be past them (probe r54b F2, its d6 repro)', () => {
  // SQZ 50, 50, 70, 80, 80, 80 (open = close) on 2024-01-02 … 01-09; a −1 short decided on 01-02
  // fills at the 01-03 open 50: −2,000 shares, cash 200,000; NAV = 200,000 − 2,000 × close:
  // 100,000, 100,000, 60,000, 40,000 × 3. Gross = 2,000 × close / NAV: 1.0 on 01-03 (within 1.5),
  // 140,000 / 60,000 = 2.33 on 01-04, 160,000 / 40,000 = 4.00 on 01-05 … 01-09; net = −gross.
  const squeeze = fixtureMarket({ symbols: ['SQZ'], closes: [[50], [50], [70], [80], [80], [80]], start: '2024-01-02' });
  const result = scenario(squeeze, { 0: { weights: { SQZ: -1 } } }, { initialCash: 100_000, account: { kind: 'margin', maxGross: 1.5, maxNet: 1 } });

  it('trades as before: no cut, no liquidation (breadth makes no margin calls)', () => {
    expect(trades(result)).toEqual([[1, 'SQZ', -2000, 50]]);
    expect(Array.from(result.daily.nav)).toEqual([100_000, 100_000, 60_000, 40_000, 40_000, 40_000]);
  });

  it('a caveat names the limits, how far past, the closes and the first date: 4 of 6, first 01-04 at 2.33, up to 4.00 (2.50 past 1.5; 3.00 past 1)', () => {
    const said = result.caveats.find((c) => c.message.startsWith('the book was past the margin limits'));
    expect(said?.message).toBe(
      'the book was past the margin limits at 4 of 6 closes (first 2024-01-04: gross 2.33, net -2.33 × NAV): gross up to 4.00 against max-gross 1.5 (2.50 past it, 4 closes), |net| up to 4.00 against max-net 1 (3.00 past it, 4 closes); prices carried it there after the fills were checked — breadth makes no margin calls, so nothing was cut or liquidated for it, where a broker would have called for margin',
    );
    expect(said?.severity).toBe('high'); // 4.00 is more than twice the gross limit 1.5
    expect(said?.size).toBe(4);
  });

  it('a long book bought with its own cash that prices carry past max-net borrowed nothing: no margin call is claimed (probe r55a)', () => {
    // 1,000 A at 50 of 100,000 (net 0.5 = max-net, cash 50,000); A closes at 100: net 100,000 / 150,000 = 0.67 at 2 of 4 closes,
    // 0.17 past 0.5 — cash stays +50,000, no short: nothing for a broker to call.
    const rally = fixtureMarket({ symbols: ['A'], closes: [[50], [50], [100], [100]], start: '2024-01-02' });
    const held = scenario(rally, { 0: orders({ symbol: 'A', quantity: 1_000 }) }, { initialCash: 100_000, account: { kind: 'margin', maxGross: 2, maxNet: 0.5 }, execution: 'same-close' });
    expect(messages(held).filter((m) => m.includes('past the margin limits'))).toEqual([
      'the book was past the margin limits at 2 of 4 closes (first 2024-01-04: gross 0.67, net 0.67 × NAV): |net| up to 0.67 against max-net 0.5 (0.17 past it, 2 closes); prices carried it there after the fills were checked — breadth makes no margin calls, so nothing was cut or liquidated for it (the book borrowed nothing there — no loan, no short — so no broker would have called for margin either)',
    ]);
  });

  it('a book within its limits at every close says nothing: max-gross 4, max-net 4', () => {
    const within = scenario(squeeze, { 0: { weights: { SQZ: -1 } } }, { initialCash: 100_000, account: { kind: 'margin', maxGross: 4, maxNet: 4 } });
    expect(messages(within).filter((m) => m.includes('past the margin limits'))).toEqual([]);
  });
});
