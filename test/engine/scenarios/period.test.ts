// The period asked for: a run starts on the first session on or after `from`, with the data
// before it as history the strategy may read (warm-up) but never trade on. A start later than
// asked, and sessions spent in cash before the first investment, are recorded and reported.

import { describe, expect, it } from 'vitest';
import { fixtureMarket } from '../fixtures.ts';
import { scripted, scenario } from '../helpers.ts';

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
    // B's first close is session 10 (01-15); 8 closes exist at session 17 (01-24), filled on 01-25.
    expect(result.facts.firstInvestedDate).toBe('2024-01-25');
    expect(result.facts.sessionsInCash).toBe(13);
    const c = result.caveats.find((x) => x.code === 'warm-up');
    expect(c).toMatchObject({ severity: 'high', size: 13, unit: 'sessions' });
    expect(c?.message).toBe('first investment on 2024-01-25, after 13 sessions in cash (86.7% of the run) — the metrics count that time');
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
});
