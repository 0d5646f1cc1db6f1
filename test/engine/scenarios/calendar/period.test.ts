// The period asked for: a run starts on the first session on or after `from`, with the data
// before it as history the strategy may read (warm-up) but never trade on. A start later than
// asked, and sessions spent in cash before the first investment, are recorded and reported.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureMarket, weekdays } from '../../fixtures.ts';
import { orders, scripted, scenario, type Step } from '../../helpers.ts';
import { isoDay, parseIsoDay } from '../../../../data/dates.ts';
import { createBuiltinStrategy } from '../../../../strategies/registry.ts';

// 20 weekdays from 2024-01-01; A has a price throughout, B only from session 10 (2024-01-15).
const closes = Array.from({ length: 20 }, (_, t) => [100 + t, t >= 10 ? 50 : NaN]);
const market = fixtureMarket({ symbols: ['A', 'B'], closes });

/** Holds A once it has `lookback` closes of history (a lookback strategy). */
const lookback = (symbol: string, length: number) =>
  scripted(
    Object.fromEntries(
      closes.map((_, t) => [
        t,
        (view) => {
          const i = view.resolve(symbol);
          return view.history('close', i, length).some(Number.isNaN) ? undefined : { weights: { [symbol]: 1 } };
        },
      ]),
    ),
  );

describe('warm-up: history before `from`', () => {
  it("a 5-session lookback decides on the run's first session when the data has that history", () => {
    const result = scenario(market, lookback('A', 5), { from: '2024-01-08', initialCash: 10_000 });
    expect(result.manifest.period.from).toBe('2024-01-08');
    expect(result.facts.firstInvestedDate).toBe('2024-01-09'); // decided on 01-08, filled next open
    expect(result.facts.sessionsInCash).toBe(1);
    expect(result.caveats.some((c) => c.code === 'warm-up')).toBe(false);
  });

  it('without that history it waits in cash, and says how long', () => {
    const result = scenario(market, lookback('B', 8), { from: '2024-01-08', initialCash: 10_000 });
    // B's first close is session 10 (01-15); 8 closes exist at session 17 (01-24), filled on 01-25. No target waited for B's prices:
    // the strategy set none before its lookback was full, so the caveat says that, not B's late start (which the coverage caveat gives).
    expect(result.facts.firstInvestedDate).toBe('2024-01-25');
    expect(result.facts.sessionsInCash).toBe(13);
    const c = result.caveats.find((x) => x.code === 'warm-up');
    expect(c).toMatchObject({ severity: 'high', size: 13, unit: 'sessions' });
    expect(c?.message).toBe('first investment on 2024-01-25, after 13 sessions in cash (86.7% of the run): the strategy set no target before 2024-01-24 (its warm-up or signal: cash by its own decisions) — the metrics count that time');
  });
});

describe('the reason of a wait in cash names only what held the book back', () => {
  const reason = (result: ReturnType<typeof scenario>): string | undefined => result.caveats.find((c) => c.code === 'warm-up')?.message;

  it('a symbol the strategy only read, starting late, is not the reason: its own warm-up is', () => {
    // Reads B every session (no prices before session 10, 01-15); holds A once A has 12 closes: session 11 (01-16), filled 01-17.
    const strategy = scripted(
      Object.fromEntries(closes.map((_, t) => [t, (view) => (view.history('close', view.resolve('B'), 1), view.history('close', view.resolve('A'), 12).some(Number.isNaN) ? undefined : { weights: { A: 1 } })])),
    );
    const result = scenario(market, strategy, { initialCash: 10_000 });
    expect(result.facts.sessionsInCash).toBe(12); // sessions 0..11 of 20
    expect(reason(result)).toBe('first investment on 2024-01-17, after 12 sessions in cash (60.0% of the run): the strategy set no target before 2024-01-16 (its warm-up or signal: cash by its own decisions) — the metrics count that time');
  });

  it('a target that waited for a late symbol names it', () => {
    // Targets B from the run's first session (01-08, session 5); B's first price is session 10 (01-15): ordered then, filled 01-16 — 6 sessions of 15.
    const result = scenario(market, scripted(Object.fromEntries(closes.map((_, t) => [t, { weights: { B: 1 } }]))), { from: '2024-01-08', initialCash: 10_000 });
    expect(result.facts.sessionsInCash).toBe(6);
    expect(reason(result)).toBe('first investment on 2024-01-16, after 6 sessions in cash (40.0% of the run): a target waited for prices (none for B before 2024-01-15) — the metrics count that time');
  });

  it('a strategy that sets its first target on the first price of a symbol it targets waited for that symbol, not for a warm-up (probe r22b w2)', () => {
    // Buy-and-hold of A 50 % and B 50 % waits until both trade: B's first close is session 10 (01-15), so it targets then and fills
    // on 01-16 (session 11): 11 sessions in cash of 20 = 55.0 %.
    const result = scenario(market, createBuiltinStrategy('buy-and-hold', { weights: { A: 0.5, B: 0.5 } }), { initialCash: 10_000 });
    expect(result.facts.sessionsInCash).toBe(11);
    expect(reason(result)).toBe("first investment on 2024-01-16, after 11 sessions in cash (55.0% of the run): the strategy set no target before 2024-01-15, B's first price: it waited for that symbol's prices — the metrics count that time");
    // Two symbols whose prices start together on session 10: both named.
    const late2 = fixtureMarket({ symbols: ['A', 'B', 'C'], closes: closes.map(([a, b]) => [a, b, b]) });
    const both = scenario(late2, createBuiltinStrategy('buy-and-hold', { weights: { B: 0.5, C: 0.5 } }), { initialCash: 10_000 });
    expect(reason(both)).toBe("first investment on 2024-01-16, after 11 sessions in cash (55.0% of the run): the strategy set no target before 2024-01-15, the first price of B, C: it waited for those symbols' prices — the metrics count that time");
  });

  it('a target that waited for prices is ordered at its first close, not at the next decision (r22b finding 1)', () => {
    // Targets B at the run's first decision (session 0, before B's prices): it stands, is ordered at B's first close
    // (session 10, 01-15) and fills 01-16 (session 11): 11 sessions in cash of 20 = 55.0 %. The decision of session 12 finds it held.
    const result = scenario(market, scripted({ 0: { weights: { B: 1 } }, 12: { weights: { B: 1 } } }), { initialCash: 10_000 });
    expect(result.facts.sessionsInCash).toBe(11);
    expect(reason(result)).toBe('first investment on 2024-01-16, after 11 sessions in cash (55.0% of the run): a target waited for prices (none for B before 2024-01-15) — the metrics count that time');
  });

  it('property: B is named exactly when a target for it waited for its prices or the first target came on its first price, the strategy\'s own wait exactly when it set no target at first', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 15 }), fc.constantFrom('A', 'B'), fc.boolean(), (from, symbol, every) => {
        // No target before session `from`; then `symbol` at full weight, on every session or once. B has prices from session 10.
        const script = Object.fromEntries(closes.map((_, t) => [t, t === from || (every && t > from) ? { weights: { [symbol]: 1 } } : undefined]));
        const message = reason(scenario(market, scripted(script), { initialCash: 10_000 }));
        if (message === undefined || !message.startsWith('first investment')) return;
        expect(message.includes('the strategy set no target before')).toBe(from > 0);
        expect(message.includes('none for B before 2024-01-15')).toBe(symbol === 'B' && from < 10);
        // The wait is B's exactly when the first target came on B's first close (session 10); A has prices from session 0.
        expect(message.includes("B's first price: it waited for that symbol's prices")).toBe(symbol === 'B' && from === 10);
        if (symbol === 'A') expect(message).not.toMatch(/\bB\b/);
      }),
    );
  });

  it('orders that rested on suspended sessions say so', () => {
    // A trades no volume on sessions 1..7: the order of session 0 rests 7 order-sessions and fills at session 8's open (01-11).
    const suspended = fixtureMarket({ symbols: ['A', 'B'], closes, volumes: closes.map((_, t) => [t >= 1 && t <= 7 ? 0 : 1e6, 1e6]) });
    const result = scenario(suspended, { 0: { weights: { A: 1 } } }, { initialCash: 10_000 });
    expect(result.facts.sessionsInCash).toBe(8);
    expect(reason(result)).toBe('first investment on 2024-01-11, after 8 sessions in cash (40.0% of the run): orders rested before filling (order-sessions: no-trade 7) — the metrics count that time');
  });

  it('an order withdrawn at the decision of the first order that filled: its rest on that session is its own, not the filled order\'s (probe r53b F5: 4 + 1)', () => {
    // A trades nothing on sessions 1..7: session 0's buy of 10 A rests on sessions 1–5 (5 no-trade order-sessions). Session 5's
    // decision (01-08) withdraws it and buys 10 C, which fills at session 6's open (01-09): the first investment, 6 sessions in
    // cash of 20. The filled order rested on none: its first bar is session 6.
    const twoLeg = fixtureMarket({ symbols: ['A', 'C'], closes: closes.map(([a]) => [a, 20]), volumes: closes.map((_, t) => [t >= 1 && t <= 7 ? 0 : 1e6, 1e6]) });
    const result = scenario(twoLeg, { 0: orders({ symbol: 'A', quantity: 10 }), 5: orders({ symbol: 'A', cancel: true }, { symbol: 'C', quantity: 10 }) }, { initialCash: 10_000 });
    expect(result.facts.sessionsInCash).toBe(6);
    expect(reason(result)).toBe('first investment on 2024-01-09, after 6 sessions in cash (30.0% of the run): orders rested and none filled (order-sessions: no-trade 5); the first order that filled was decided on 2024-01-08 — the metrics count that time');
  });
});

describe('the wait for prices names the symbols that held the book, not those that started after it was invested (probe r21c)', () => {
  // 20 weekdays from 2024-01-01 (Monday): A throughout; F from session 6 (01-09), D from 8 (01-11), C from 15 (01-22).
  const late = Array.from({ length: 20 }, (_, t) => [100, t >= 6 ? 40 : NaN, t >= 8 ? 10 : NaN, t >= 15 ? 20 : NaN]);
  const staggered = fixtureMarket({ symbols: ['A', 'F', 'D', 'C'], closes: late });
  const every = (step: (t: number) => Step): Record<number, Step> => Object.fromEntries(late.map((_, t) => [t, step(t)]));
  const reason = (result: ReturnType<typeof scenario>): string | undefined => result.caveats.find((c) => c.code === 'warm-up')?.message;

  it('three late targets: only F, whose first price (01-09) ended the wait, is named; D and C started after the first investment (probe r21c d2)', () => {
    // F, D, C at 0.3 each from session 0: F is ordered at its first close (session 6, 01-09) and filled at 01-10's open: 7 of 20 sessions = 35.0 %.
    const result = scenario(staggered, every(() => ({ weights: { F: 0.3, D: 0.3, C: 0.3 } })), { initialCash: 10_000 });
    expect(reason(result)).toBe('first investment on 2024-01-10, after 7 sessions in cash (35.0% of the run): a target waited for prices (none for F before 2024-01-09) — the metrics count that time');
  });

  it('two late symbols that both started by the decision of the first order that filled are both named, earliest first', () => {
    // F and D targeted on sessions 0..5, D alone from 6: D is ordered at its first close (session 8, 01-11), filled 01-12: 9 of 20 = 45.0 %.
    const result = scenario(staggered, every((t): Step => (t < 6 ? { weights: { F: 0.3, D: 0.3 } } : { weights: { D: 0.3 } })), { initialCash: 10_000 });
    expect(reason(result)).toBe('first investment on 2024-01-12, after 9 sessions in cash (45.0% of the run): a target waited for prices (none for F before 2024-01-09, D before 2024-01-11) — the metrics count that time');
  });

  it('a late target the strategy left for a priced one is named, with the decision that ended the wait', () => {
    // C (from 01-22) targeted on sessions 0..5, A from 6 (01-09): filled 01-10, 7 of 20 = 35.0 %. Only C waited for prices.
    const result = scenario(staggered, every((t): Step => (t < 6 ? { weights: { C: 1 } } : { weights: { A: 1 } })), { initialCash: 10_000 });
    expect(reason(result)).toBe('first investment on 2024-01-10, after 7 sessions in cash (35.0% of the run): a target waited for prices (none for C before 2024-01-22); the first order that filled was decided on 2024-01-09 — the metrics count that time');
  });

  it('an order that rested and was cancelled unfilled is not "the first order": the first that filled is (probe r21c su3)', () => {
    // A trades no volume on sessions 1..5. Session 0 buys A: it rests on 1, 2, 3 (3 no-trade order-sessions) and session 3's
    // all-cash decision cancels it. Session 7 (01-10) buys A again, filled at session 8's open (01-11): 8 of 20 sessions = 40.0 %.
    const suspended = fixtureMarket({ symbols: ['A'], closes: late.map(() => [100]), volumes: late.map((_, t) => [t >= 1 && t <= 5 ? 0 : 1e6]) });
    const result = scenario(suspended, { 0: { weights: { A: 1 } }, 3: { weights: {} }, 7: { weights: { A: 1 } } }, { initialCash: 10_000 });
    expect(reason(result)).toBe('first investment on 2024-01-11, after 8 sessions in cash (40.0% of the run): orders rested and none filled (order-sessions: no-trade 3); the first order that filled was decided on 2024-01-10 — the metrics count that time');
  });

  it('property: targets on every session name exactly the symbols whose first price came first, never a date after the first investment', () => {
    const days = Array.from(staggered.dates, (d) => isoDay(d));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 24 }), { minLength: 3, maxLength: 3 }), (starts) => {
        // Symbols P, Q, R start at sessions `starts` (20 or later: no price in the run), all targeted at 0.3 from session 0.
        const m = fixtureMarket({ symbols: ['P', 'Q', 'R'], closes: late.map((_, t) => starts.map((s) => (t >= s ? 50 : NaN))) });
        const result = scenario(m, every(() => ({ weights: { P: 0.3, Q: 0.3, R: 0.3 } })), { initialCash: 10_000 });
        const message = reason(result);
        const earliest = Math.min(...starts);
        if (earliest >= 19 || message === undefined) return;
        const named = ['P', 'Q', 'R'].filter((_, i) => message.includes(`none for ${'PQR'[i]} before`) || message.includes(`, ${'PQR'[i]} before`));
        expect(named).toEqual(['P', 'Q', 'R'].filter((_, i) => starts[i] === earliest));
        for (const [, date] of message.matchAll(/before (\d{4}-\d{2}-\d{2})/g)) expect(date <= result.facts.firstInvestedDate!).toBe(true);
        expect(message).toContain(`before ${days[earliest]})`);
      }),
    );
  });
});

describe('a start later than asked', () => {
  it('says "requested …, data starts …"', () => {
    const result = scenario(market, lookback('A', 1), { from: '2023-12-01' });
    expect(result.manifest.period.from).toBe('2024-01-01');
    expect(result.facts.requestedFrom).toBe('2023-12-01');
    expect(result.caveats.find((c) => c.code === 'late-start')).toMatchObject({ severity: 'high', message: 'requested 2023-12-01, data starts 2024-01-01 (31 days later)', size: 31, unit: 'days' });
  });

  it('a weekend between `from` and the first session is not a late start', () => {
    const result = scenario(market, lookback('A', 1), { from: '2024-01-06' });
    expect(result.manifest.period.from).toBe('2024-01-08');
    expect(result.caveats.some((c) => c.code === 'late-start')).toBe(false);
  });

  it('a Sunday then a holiday before the first session on or after `from` is not a late start (probe r69d F7: --from 2012-01-01)', () => {
    // Sessions Wed 2011-12-28 … Fri 12-30, then Tue 2012-01-03 … (Mon 01-02 the New Year holiday).
    const dates = Int32Array.from(['2011-12-28', '2011-12-29', '2011-12-30', '2012-01-03', '2012-01-04', '2012-01-05'], parseIsoDay);
    const holiday = { ...fixtureMarket({ symbols: ['A'], closes: Array.from({ length: 6 }, () => [10]) }), dates };
    const result = scenario(holiday, lookback('A', 1), { from: '2012-01-01' });
    expect(result.manifest.period.from).toBe('2012-01-03');
    expect(result.facts.requestedFrom).toBe('2012-01-01');
    expect(result.caveats.some((c) => c.code === 'late-start')).toBe(false);
  });
});

describe('a period shorter than asked, at either end', () => {
  // The market's 20 sessions are the weekdays 2024-01-01 (Mon) … 2024-01-26 (Fri).
  const caveatOf = (config: { from?: string; to?: string }, code: string) => scenario(market, lookback('A', 1), config).caveats.find((c) => c.code === code);

  it('a start that skipped more than 2 weekdays is late, however few calendar days', () => {
    // 2023-12-27 (Wed): Wed, Thu, Fri skipped → 3 weekdays, 5 calendar days.
    expect(caveatOf({ from: '2023-12-27' }, 'late-start')).toMatchObject({ severity: 'medium', message: 'requested 2023-12-27, data starts 2024-01-01 (5 days later)', size: 5, unit: 'days' });
    // 2023-12-28 (Thu): Thu and Fri skipped, a holiday's worth → quiet.
    expect(caveatOf({ from: '2023-12-28' }, 'late-start')).toBeUndefined();
  });

  it('an end before the asked `to` says how many weekdays it is short', () => {
    // After Fri 01-26: Jan 29, 30, 31 and Feb's 21 weekdays → 24.
    expect(caveatOf({ to: '2024-02-29' }, 'early-end')).toMatchObject({ severity: 'high', message: 'asked to 2024-02-29, the data ends 2024-01-26 (24 weekdays short)', size: 24, unit: 'weekdays' }); // weekdays, not sessions: on weekly data 4 weekdays are one bar (probe r59a F3)
    expect(caveatOf({ to: '2024-01-31' }, 'early-end')).toMatchObject({ severity: 'medium', message: 'asked to 2024-01-31, the data ends 2024-01-26 (3 weekdays short)' });
    expect(caveatOf({ to: '2024-01-30' }, 'early-end')).toBeUndefined();
    expect(caveatOf({ to: '2024-01-19' }, 'early-end')).toBeUndefined(); // the data goes on past it
  });
});

describe('a run that never invested', () => {
  it('always says so, with the symbols that had no price in its sessions', () => {
    // Nothing is ever decided (the strategy waits for B), and B has no price before session 10.
    const result = scenario(market, scripted({}), { to: '2024-01-12' });
    expect(result.caveats.find((c) => c.code === 'warm-up')).toMatchObject({
      severity: 'high',
      message: "never invested: all 10 sessions in cash — no decision returned targets; no price in the run's sessions for B",
      size: 10,
    });
  });

  it('says that its orders rested and none filled, not that no decision returned targets (probe r67a F2: an explicit limit order never reached)', () => {
    // A buy of 15 A with a limit of 50, decided on the first session; A trades at 101–109 on the 9 sessions after it, so the
    // order rests on each of them, never reached.
    const result = scenario(market, scripted({ 0: [{ symbol: 'A', quantity: 15, type: 'limit', limit: 50 }] }), { to: '2024-01-12' });
    expect(result.fills.session.length).toBe(0);
    expect(result.caveats.find((c) => c.code === 'warm-up')?.message).toBe(
      "never invested: all 10 sessions in cash — orders rested and none filled (order-sessions: price-not-reached 9); no price in the run's sessions for B",
    );
  });

  it('names a window longer than the data holds to its end (probe r28a: a 200-session average on 24 month-ends said only "never invested")', () => {
    // Each session reads A's last `length` closes and targets A only once they are all there.
    const waiting = (length: number) => scripted(Object.fromEntries(closes.map((_, t) => [t, (view) => (view.adjustedCloses(0, length).some(Number.isNaN) ? undefined : { weights: { A: 1 } })])));
    const long = scenario(market, waiting(40), { to: '2024-01-12' });
    // The run's 10 sessions are the data's first 10: 40 > 10, at 252 sessions a year 0.16 and 0.04 years.
    expect(long.caveats.find((c) => c.code === 'warm-up')?.message).toBe(
      "never invested: all 10 sessions in cash — no decision returned targets; it asked for 40 sessions of history (0.16 years at 252 sessions a year), more than the 10 the data holds up to the run's end (0.04 years at 252 sessions a year), so its window could never fill: a window counts sessions of this calendar — shorten it, or give more history; no price in the run's sessions for B",
    );
    // A window of all 10 sessions fills on the last one, too late for its next-session fill (probe r29a: slow = 30 on 30 sessions).
    expect(scenario(market, waiting(10), { to: '2024-01-12' }).caveats.find((c) => c.code === 'warm-up')?.message).toContain(
      "it asked for 10 sessions of history (0.04 years at 252 sessions a year), all the 10 the data holds up to the run's end (0.04 years at 252 sessions a year), so its window filled only on the last session, too late for an order to fill",
    );
    // In B's own bars (from session 10 on): 12 of them where B has 8 to the run's end (sessions 10–17) — probe r29a's month-end MMM, 12 bars of 9.
    const ownBars = scripted(Object.fromEntries(closes.map((_, t) => [t, (view) => (view.adjustedBars(1, 12).some(Number.isNaN) ? undefined : { weights: { B: 1 } })])));
    expect(scenario(market, ownBars, { to: '2024-01-24' }).caveats.find((c) => c.code === 'warm-up')?.message).toBe(
      "never invested: all 18 sessions in cash — no decision returned targets; it asked for 12 of B's own bars, more than the 8 B has up to the run's end, so its window could never fill: shorten it, or give more history",
    );
    // A window that fits is no reason: 5 closes are there from the 5th session, and the run invests.
    const short = scenario(market, waiting(5), { to: '2024-01-12' });
    expect(short.fills.session.length).toBeGreaterThan(0);
    expect(short.caveats.some((c) => c.message.includes('could never fill'))).toBe(false);
  });

  it('names the skip rule when every trade was below minTradeNotional, not the missing prices', () => {
    // 50 % of A at 100 with 1,000 cash is a 500 trade; minTradeNotional 600 drops it at each of the 10 decisions.
    const result = scenario(market, scripted(Object.fromEntries(closes.map((_, t) => [t, { weights: { A: 0.5 } }]))), { to: '2024-01-12', initialCash: 1000, minTradeNotional: 600 });
    expect(result.fills.session.length).toBe(0);
    expect(result.caveats.find((c) => c.code === 'warm-up')?.message).toBe(
      "never invested: all 10 sessions in cash — every trade was dropped by the skip rules (10 below minTradeNotional 600): lower minTradeNotional or raise the cash; no price in the run's sessions for B",
    );
  });

  it('names the commission cap when a commission rate above it drops every trade, and does not advise more cash (probe r31b: --commission-bps 500)', () => {
    // 500 bps is 5 % of every trade, above the default maxCommissionRate 0.01 whatever the trade's size.
    const result = scenario(market, scripted(Object.fromEntries(closes.map((_, t) => [t, { weights: { A: 0.5 } }]))), { to: '2024-01-12', initialCash: 1000, commission: { kind: 'bps', bps: 500 } });
    expect(result.fills.session.length).toBe(0);
    expect(result.caveats.find((c) => c.code === 'warm-up')?.message).toBe(
      "never invested: all 10 sessions in cash — every trade was dropped by the skip rules (10 whose commission was above maxCommissionRate 0.01): raise maxCommissionRate (engine settings in a study or config file) or lower the commission; no price in the run's sessions for B",
    );
  });
});

/** Holds `symbol` from its first close on (a buy-and-hold that waits for a late symbol). */
const holdOncePriced = (symbol: string, sessions: number) =>
  scripted(Object.fromEntries(Array.from({ length: sessions }, (_, t) => [t, (view) => (Number.isNaN(view.history('close', view.resolve(symbol), 1)[0]) ? undefined : { weights: { [symbol]: 1 } })])));

/** The last calendar day of `count` months from `year`-`month` (1-based), as epoch days. */
const monthEnds = (year: number, month: number, count: number): Int32Array => Int32Array.from({ length: count }, (_, k) => Math.floor(Date.UTC(year, month + k, 0) / 86_400_000));

/** A market of A (priced throughout) and B (from session `bFrom`) on `dates`. */
function twoSymbols(dates: Int32Array, bFrom: number) {
  const fixture = fixtureMarket({ symbols: ['A', 'B'], closes: Array.from(dates, (_, t) => [100 + t, t >= bFrom ? 50 + t : NaN]) });
  return { ...fixture, dates };
}

describe('time in cash is said by the calendar time it covers, at any spacing (probe r36a: 5 month-ends in cash said nothing)', () => {
  const warmUp = (result: ReturnType<typeof scenario>) => result.caveats.find((c) => c.code === 'warm-up');

  it('month-ends: B from the 5th (2022-05-31), decided there, filled at the next close 2022-06-30: 5 of 12 sessions in cash, 150 days', () => {
    const result = scenario(twoSymbols(monthEnds(2022, 1, 12), 4), holdOncePriced('B', 12), { initialCash: 10_000 });
    expect([result.facts.firstInvestedDate, result.facts.sessionsInCash]).toEqual(['2022-06-30', 5]);
    expect(warmUp(result)).toMatchObject({ severity: 'high', size: 5 });
    expect(warmUp(result)?.message).toMatch(/^first investment on 2022-06-30, after 5 sessions in cash \(41\.7% of the run\)/);
  });

  it('month-ends: 2 sessions in cash of 36 (2022-01-31 → 2022-03-31, 59 days, 5.6 %) is medium; the one session an order waits for its fill is nothing', () => {
    expect(warmUp(scenario(twoSymbols(monthEnds(2022, 1, 36), 1), holdOncePriced('B', 36), { initialCash: 10_000 }))).toMatchObject({ severity: 'medium', size: 2 });
    const first = scenario(twoSymbols(monthEnds(2022, 1, 36), 0), holdOncePriced('B', 36), { initialCash: 10_000 });
    expect([first.facts.sessionsInCash, warmUp(first)]).toEqual([1, undefined]);
  });

  it('weekdays: 5 sessions in cash (Mon → Mon, 7 days) are quiet, 6 (Mon → Tue, 8 days) are said — as before, a week', () => {
    const days = weekdays('2024-01-01', 60);
    const five = scenario(twoSymbols(days, 4), holdOncePriced('B', 60), { initialCash: 10_000 });
    expect([five.facts.firstInvestedDate, five.facts.sessionsInCash, warmUp(five)]).toEqual(['2024-01-08', 5, undefined]);
    const six = scenario(twoSymbols(days, 5), holdOncePriced('B', 60), { initialCash: 10_000 });
    expect([six.facts.firstInvestedDate, six.facts.sessionsInCash]).toEqual(['2024-01-09', 6]);
    expect(warmUp(six)).toMatchObject({ severity: 'low', size: 6 }); // 10 % of 60, 8 days
  });
});

describe('a date asked inside one of the data\'s own intervals is no late start or early end (probe r36a: a mid-month `from` on month-ends)', () => {
  const months = monthEnds(2022, 1, 12); // 2022-01-31 … 2022-12-31
  const caveat = (market: ReturnType<typeof twoSymbols>, config: { from?: string; to?: string }, code: string) => scenario(market, holdOncePriced('A', 12), config).caveats.find((c) => c.code === code);

  it('from 2022-02-15 on month-ends starts 2022-02-28, the next month-end: quiet; from before the data still says it', () => {
    expect(caveat(twoSymbols(months, 0), { from: '2022-02-15' }, 'late-start')).toBeUndefined();
    expect(caveat(twoSymbols(months, 0), { from: '2021-12-01' }, 'late-start')).toMatchObject({ severity: 'high', message: 'requested 2021-12-01, data starts 2022-01-31 (61 days later)' });
  });

  it('from the first of the data\'s first month is no late start either: its month-end is the first the calendar would hold (probe r39b: "data starts 2023-01-31 (30 days later)" for --from 2023-01-01)', () => {
    expect(caveat(twoSymbols(months, 0), { from: '2022-01-01' }, 'late-start')).toBeUndefined();
    // One month earlier, December 2021's month-end (12-31) lies inside the period asked and the data has none: late.
    expect(caveat(twoSymbols(months, 0), { from: '2021-12-31' }, 'late-start')).toMatchObject({ severity: 'high', message: 'requested 2021-12-31, data starts 2022-01-31 (31 days later)' });
  });

  it('vendors\' business-day dates: month-starts moved to Monday, a month-end moved before Good Friday, a week\'s bar on Thursday — a date between two of them is quiet (probe r40a)', () => {
    const starts = Int32Array.from(['2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-03', '2024-07-01'].map(parseIsoDay));
    expect(caveat(twoSymbols(starts, 0), { from: '2024-05-02' }, 'late-start')).toBeUndefined();
    // The same month-starts from 2024-06-03 alone: May's session (05-01 … 05-04) would lie before 05-02 — quiet; from 04-30 it lies inside: late.
    const fromJune = twoSymbols(starts.subarray(4), 0);
    expect(caveat(fromJune, { from: '2024-05-02' }, 'late-start')).toBeUndefined();
    expect(caveat(fromJune, { from: '2024-04-30' }, 'late-start')).toMatchObject({ severity: 'high', message: 'requested 2024-04-30, data starts 2024-06-03 (34 days later)' });
  });

  it('calendar month-ends with weekend dates: September\'s is Saturday the 30th, so from that day on data starting 2023-10-31 is late (probe r40a)', () => {
    const ends = Int32Array.from(['2023-10-31', '2023-11-30', '2023-12-31', '2024-01-31', '2024-02-29', '2024-03-31'].map(parseIsoDay));
    expect(caveat(twoSymbols(ends, 0), { from: '2023-09-30' }, 'late-start')).toMatchObject({ severity: 'high', message: 'requested 2023-09-30, data starts 2023-10-31 (31 days later)' });
    expect(caveat(twoSymbols(ends, 0), { from: '2023-10-01' }, 'late-start')).toBeUndefined();
  });

  it('a `from` or `to` on the very date the calendar names for the period the data lacks is a late start or early end (probe r57c: a Friday on Fridays, December\'s last weekday on business month-ends were quiet)', () => {
    const days = (isos: string[]) => Int32Array.from(isos.map(parseIsoDay));
    const fridays = Int32Array.from({ length: 10 }, (_, k) => parseIsoDay('2018-01-05') + 7 * k); // 2018-01-05 … 03-09
    // The week of Friday 2017-12-29 is missing: 7 days later; Thursday 12-28 was already said (8 days).
    expect(caveat(twoSymbols(fridays, 0), { from: '2017-12-29' }, 'late-start')).toMatchObject({ severity: 'medium', message: 'requested 2017-12-29, data starts 2018-01-05 (7 days later)' });
    expect(caveat(twoSymbols(fridays, 0), { from: '2017-12-30' }, 'late-start')).toBeUndefined(); // a Saturday: the first Friday after it is the data's first
    // Friday 2018-03-16, a week past the data's last: Mon 03-12 … Fri 03-16, 5 weekdays short.
    expect(caveat(twoSymbols(fridays, 0), { to: '2018-03-16' }, 'early-end')).toMatchObject({ severity: 'medium', message: 'asked to 2018-03-16, the data ends 2018-03-09 (5 weekdays short)' });
    expect(caveat(twoSymbols(fridays, 0), { to: '2018-03-15' }, 'early-end')).toBeUndefined(); // before the next Friday
    const businessEnds = days(['2018-01-31', '2018-02-28', '2018-03-29', '2018-04-30', '2018-05-31', '2018-06-29']);
    // December 2017 ended on Sunday the 31st: its business month-end is Friday the 29th, which the data lacks.
    expect(caveat(twoSymbols(businessEnds, 0), { from: '2017-12-29' }, 'late-start')).toMatchObject({ severity: 'high', message: 'requested 2017-12-29, data starts 2018-01-31 (33 days later)' });
    expect(caveat(twoSymbols(businessEnds, 0), { from: '2017-12-30' }, 'late-start')).toBeUndefined();
    // July 2018's last weekday is Tuesday the 31st: to that day, July 2 … 31 are 22 weekdays short.
    expect(caveat(twoSymbols(businessEnds, 0), { to: '2018-07-31' }, 'early-end')).toMatchObject({ severity: 'high', message: 'asked to 2018-07-31, the data ends 2018-06-29 (22 weekdays short)' });
    expect(caveat(twoSymbols(businessEnds, 0), { to: '2018-07-30' }, 'early-end')).toBeUndefined();
  });

  it('a holiday moves the session the calendar names, by NYSE\'s calendar: the trading day a user types is judged as that session (probe r58a)', () => {
    const days = (isos: string[]) => twoSymbols(Int32Array.from(isos.map(parseIsoDay)), 0);
    const step = (first: string, count: number) => days(Array.from({ length: count }, (_, k) => isoDay(parseIsoDay(first) + 7 * k)));
    // Silences before: Q1 2024 ended on Thursday 03-28 (Good Friday 03-29). Weekdays 2023-12-30 … 2024-03-28: 23 + 21 + 20 = 64.
    const quarterEnds = days(['2023-03-31', '2023-06-30', '2023-09-29', '2023-12-29']);
    expect(caveat(quarterEnds, { to: '2024-03-28' }, 'early-end')).toMatchObject({ severity: 'high', message: 'asked to 2024-03-28, the data ends 2023-12-29 (64 weekdays short)' });
    // January 2023's month-start was Tuesday 01-03 (the 1st a Sunday, the 2nd its observed holiday): 01-03 → 02-01 is 29 days.
    const starts = days(['2023-02-01', '2023-03-01', '2023-04-03', '2023-05-01', '2023-06-01', '2023-07-03', '2023-08-01', '2023-09-01', '2023-10-02', '2023-11-01', '2023-12-01']);
    expect(caveat(starts, { from: '2023-01-03' }, 'late-start')).toMatchObject({ severity: 'medium', message: 'requested 2023-01-03, data starts 2023-02-01 (29 days later)' });
    expect(caveat(starts, { from: '2023-01-04' }, 'late-start')).toBeUndefined();
    // March 2018's month-end was Thursday 03-29 (Good Friday 03-30): 21 weekdays from 03-01.
    const ends = days(['2017-10-31', '2017-11-30', '2017-12-29', '2018-01-31', '2018-02-28']);
    expect(caveat(ends, { to: '2018-03-29' }, 'early-end')).toMatchObject({ severity: 'medium', message: 'asked to 2018-03-29, the data ends 2018-02-28 (21 weekdays short)' });
    // Memorial Day week's bar on Mondays is Tuesday 2018-05-29: 6 days before 06-04.
    expect(caveat(step('2018-06-04', 8), { from: '2018-05-29' }, 'late-start')).toMatchObject({ severity: 'medium', message: 'requested 2018-05-29, data starts 2018-06-04 (6 days later)' });
    // The 15th of January 2023 was a Sunday, the 16th MLK Day: January's bar is the 17th, 29 days before 02-15.
    const mid = days(['2023-02-15', '2023-03-15', '2023-04-17', '2023-05-15', '2023-06-15', '2023-07-17', '2023-08-15', '2023-09-15', '2023-10-16', '2023-11-15', '2023-12-15']);
    expect(caveat(mid, { from: '2023-01-17' }, 'late-start')).toMatchObject({ severity: 'medium', message: 'requested 2023-01-17, data starts 2023-02-15 (29 days later)' });
    // False alarms before: nothing asked for is missing. January 2024's month-start is 01-02, after a `to` of 01-01.
    expect(caveat(starts, { to: '2024-01-01' }, 'early-end')).toBeUndefined();
    // Mondays to Memorial Day 2018, dated on sessions (MLK Day's and Presidents' Day's weeks on Tuesday): that week's bar is Tuesday 05-29, after it.
    const mondays = Array.from({ length: 20 }, (_, k) => isoDay(parseIsoDay('2018-01-08') + 7 * k)).map((d) => (d === '2018-01-15' ? '2018-01-16' : d === '2018-02-19' ? '2018-02-20' : d));
    expect(caveat(days(mondays), { to: '2018-05-28' }, 'early-end')).toBeUndefined();
    // From Good Friday 2018: March's month-end (03-29) and that week's Friday bar (03-29) fall before it.
    expect(caveat(days(['2018-04-30', '2018-05-31', '2018-06-29', '2018-07-31']), { from: '2018-03-30' }, 'late-start')).toBeUndefined();
    expect(caveat(step('2018-04-06', 8), { from: '2018-03-30' }, 'late-start')).toBeUndefined();
  });

  it('a calendar whose own dates sit on holidays is labelled, not dated on sessions: its period the data lacks is dated on the holiday (probe r59a)', () => {
    const days = (isos: string[]) => twoSymbols(Int32Array.from(isos.map(parseIsoDay)), 0);
    // Yahoo's weekly bars on every Monday, MLK Day 2024 (01-15) the week after the data ends: 01-09 … 01-15 is 5 weekdays.
    const yahoo = Array.from({ length: 32 }, (_, k) => isoDay(parseIsoDay('2023-06-05') + 7 * k)); // … holds 2023-06-19, 09-04, 12-25, 2024-01-01
    expect(caveat(days(yahoo), { to: '2024-01-15' }, 'early-end')).toMatchObject({ severity: 'medium', message: 'asked to 2024-01-15, the data ends 2024-01-08 (5 weekdays short)' });
    // pandas' business month-ends label Good Friday 2018-03-30 (and hold Memorial Day 2021-05-31): March's label is the 30th, a month before 04-30.
    const bm = ['2018-04-30', '2018-05-31', '2018-06-29', '2021-04-30', '2021-05-31', '2021-06-30'];
    expect(caveat(days(bm), { from: '2018-03-30' }, 'late-start')).toMatchObject({ severity: 'high', message: 'requested 2018-03-30, data starts 2018-04-30 (31 days later)' });
    // Wednesdays dated back to Tuesday in holiday weeks (2018-07-03, 2019-12-24): Juneteenth 2024's week is Tuesday 06-18, 4 weekdays after 06-12.
    const wednesdays = ['2018-06-27', '2018-07-03', '2018-07-11', '2019-12-18', '2019-12-24', '2020-01-08', '2024-05-29', '2024-06-05', '2024-06-12'];
    expect(caveat(days(wednesdays), { to: '2024-06-18' }, 'early-end')).toMatchObject({ severity: 'medium', message: 'asked to 2024-06-18, the data ends 2024-06-12 (4 weekdays short)' });
  });

  it('a daily calendar with a three-week hole: a `from` inside it is a late start (2024-01-05 → 2024-01-29 is no daily spacing)', () => {
    const holed = Int32Array.from([...weekdays('2024-01-01', 5), ...weekdays('2024-01-29', 10)]);
    expect(caveat(twoSymbols(holed, 0), { from: '2024-01-15' }, 'late-start')).toMatchObject({ severity: 'medium', message: 'requested 2024-01-15, first session on or after it is 2024-01-29 (14 days later)' });
  });

  it('a `to` before the next month-end the calendar expects is no early end, at the data\'s end too (probe r39b); one past it is', () => {
    expect(caveat(twoSymbols(months, 0), { to: '2022-06-15' }, 'early-end')).toBeUndefined(); // 06-30 follows (probe r37a: a study's engine `to`)
    const toNovember = twoSymbols(months.subarray(0, 11), 0); // ends 2022-11-30: the next month-end would be 12-30, a Friday
    expect(caveat(toNovember, { to: '2022-12-15' }, 'early-end')).toBeUndefined();
    // December's 22 weekdays and January 2–13's 10: 32 short, past the month-end the data lacks.
    expect(caveat(toNovember, { to: '2023-01-15' }, 'early-end')).toMatchObject({ severity: 'high', message: 'asked to 2023-01-15, the data ends 2022-11-30 (32 weekdays short)' });
  });

  it('a `to` inside a hole is an early end: month-ends without 2022-06-30 asked to 07-05 (22 weekdays in June and Jul 1, 4, 5: 25), a daily file silent 04-09 → 04-26 asked to 04-11 (3) (probe r37a)', () => {
    const noJune = Int32Array.from(months).filter((d) => d !== months[5]);
    expect(caveat(twoSymbols(noJune, 0), { to: '2022-07-05' }, 'early-end')).toMatchObject({ severity: 'high', message: 'asked to 2022-07-05, the data ends 2022-05-31 (25 weekdays short)' });
    const holed = Int32Array.from([...weekdays('2024-04-01', 6), ...weekdays('2024-04-29', 5)]); // 04-01 … 04-08, then 04-29
    expect(caveat(twoSymbols(holed, 0), { to: '2024-04-11' }, 'early-end')).toMatchObject({ severity: 'medium', message: 'asked to 2024-04-11, the data ends 2024-04-08 (3 weekdays short)' });
  });

  it('a daily file missing Tue–Thu (2024-03-05 … 07) starts 3 weekdays late from 03-05: daily gaps are judged by the weekdays skipped, not one "interval" of up to 5 days (probe r37a)', () => {
    const midweek = Int32Array.from([...weekdays('2024-02-26', 6), ...weekdays('2024-03-08', 10)]); // … Mon 03-04, then Fri 03-08
    expect(caveat(twoSymbols(midweek, 0), { from: '2024-03-05' }, 'late-start')).toMatchObject({ severity: 'medium', message: 'requested 2024-03-05, first session on or after it is 2024-03-08 (3 days later)' });
  });
});

describe('a market selected for a period states it to a run that does not repeat it (probe r36a: loadMarket({ from }) lost the late-start caveat)', () => {
  it('requested.from before the data: the late start is said; requested.to past it: the early end', () => {
    const selected = { ...market, requested: { from: '2023-12-01', to: '2024-02-29' } };
    const result = scenario(selected, lookback('A', 1), {});
    expect(result.facts.requestedFrom).toBe('2023-12-01');
    expect(result.caveats.find((c) => c.code === 'late-start')?.message).toBe('requested 2023-12-01, data starts 2024-01-01 (31 days later)');
    expect(result.caveats.find((c) => c.code === 'early-end')?.message).toBe('asked to 2024-02-29, the data ends 2024-01-26 (24 weekdays short)');
  });

  it('a selection of month-ends from mid-February starts in its own interval: quiet; from mid-January, whose month-end it lacks, late', () => {
    const cut = { ...twoSymbols(monthEnds(2022, 2, 11), 0), requested: { from: '2022-02-15' } }; // 2022-02-28 …
    expect(scenario(cut, holdOncePriced('A', 11), {}).caveats.some((c) => c.code === 'late-start')).toBe(false);
    expect(scenario({ ...cut, requested: { from: '2022-01-15' } }, holdOncePriced('A', 11), {}).caveats.find((c) => c.code === 'late-start')?.message).toBe('requested 2022-01-15, data starts 2022-02-28 (44 days later)');
  });

  it("the run's own from and to win", () => {
    const result = scenario({ ...market, requested: { from: '2023-12-01' } }, lookback('A', 1), { from: '2024-01-06' });
    expect(result.facts.requestedFrom).toBe('2024-01-06');
    expect(result.caveats.some((c) => c.code === 'late-start')).toBe(false);
  });
});
