// Holdings and stored-run checks from hand-made position and fill rows: the largest positions,
// concentration, sector weights, each symbol's side and holding dates, the ribbon of a switching
// strategy, the realised-vs-target exposure gap and the peak deferred notional.

import { describe, expect, it } from 'vitest';
import { dominantHoldings, holdingsData, symbolHoldings } from '../../../reports/html/holdings.ts';
import { exposureGap, peakDeferredNotional, targetsByDate } from '../../../reports/caveats/bookCaveats.ts';
import { holdingsSection } from '../../../reports/html/tearSheet/holdingsView.ts';
import { DECISION_WEIGHT_NOTE, pnlTable } from '../../../reports/html/tearSheet/pnl.ts';

const pos = (date: string, symbol: string, shares: number, weight: number, price = 10, targetWeight: number | null = null) => ({ date, symbol, shares, weight, price, targetWeight });

const positions = [
  pos('2024-01-31', 'AAA', 100, 0.4),
  pos('2024-01-31', 'BBB', 50, 0.2),
  pos('2024-01-31', 'CCC', -30, -0.3),
  pos('2024-02-29', 'AAA', 100, 0.5),
  pos('2024-02-29', 'CCC', -30, -0.1),
  pos('2024-02-29', 'DDD', 0, 0, 10, 0.2), // targeted, not held
];

describe('holdingsData', () => {
  const h = holdingsData(positions, new Map([['AAA', 'Tech'], ['BBB', 'Energy'], ['CCC', 'Tech']]));

  it('lists the last decision\'s largest longs and shorts', () => {
    expect(h?.asOf).toBe('2024-02-29');
    expect(h?.topLong).toEqual([{ symbol: 'AAA', weight: 0.5 }]);
    expect(h?.topShort).toEqual([{ symbol: 'CCC', weight: -0.1 }]);
  });

  it('measures concentration at each decision: largest, median |weight|, top-10 share of gross', () => {
    expect(h?.concentration.dates).toEqual(['2024-01-31', '2024-02-29']);
    expect(h?.concentration.max).toEqual([0.4, 0.5]);
    expect(h?.concentration.median).toEqual([0.3, (0.1 + 0.5) / 2]);
    expect(h?.concentration.top10).toEqual([1, 1]);
  });

  it('nets each sector\'s weight per decision', () => {
    expect(h?.sectors?.names).toEqual(['Tech', 'Energy']);
    expect(h?.sectors?.weights[0][0]).toBeCloseTo(0.1, 15); // 0.4 − 0.3
    expect(h?.sectors?.weights[0][1]).toBeCloseTo(0.4, 15);
    expect(h?.sectors?.weights[1]).toEqual([0.2, 0]);
    expect(holdingsData(positions)?.sectors).toBeUndefined();
  });

  it('is undefined for a run that never held anything', () => {
    expect(holdingsData([])).toBeUndefined();
  });
});

describe('symbolHoldings and dominantHoldings', () => {
  const fills = [
    { date: '2024-01-02', symbol: 'AAA', quantity: 100, price: 10 },
    { date: '2024-01-02', symbol: 'CCC', quantity: -30, price: 20 },
    { date: '2024-02-01', symbol: 'AAA', quantity: -100, price: 12 },
    { date: '2024-02-01', symbol: 'BBB', quantity: 300, price: 5 },
    { date: '2024-03-01', symbol: 'AAA', quantity: 50, price: 11 },
  ];

  it('gives side, mean weight and holding dates (null while still held)', () => {
    const held = symbolHoldings(positions, fills);
    expect(held.get('AAA')).toEqual({ side: 'long', avgWeight: 0.45, from: '2024-01-02', to: null });
    expect(held.get('CCC')).toEqual({ side: 'short', avgWeight: -0.2, from: '2024-01-02', to: null });
    expect(symbolHoldings([], fills.slice(0, 3)).get('AAA')).toEqual({ side: 'long', avgWeight: null, from: '2024-01-02', to: '2024-02-01' });
  });

  it('records where the largest holding changes', () => {
    expect(dominantHoldings(fills)).toEqual({ dates: ['2024-01-02', '2024-02-01'], symbols: ['AAA', 'BBB'] });
    expect(dominantHoldings([])).toEqual({ dates: [], symbols: [] });
  });
});

describe('holdings across splits (fills are in the shares of their own day)', () => {
  // The tester's fsplit: +100 FWD, 2-for-1 on 01-05, −200, +100, −100: long twice, flat at the end.
  const fsplit = [
    { date: '2024-01-03', symbol: 'FWD', quantity: 100, price: 100 },
    { date: '2024-01-09', symbol: 'FWD', quantity: -200, price: 55 },
    { date: '2024-01-10', symbol: 'FWD', quantity: 100, price: 55 },
    { date: '2024-01-11', symbol: 'FWD', quantity: -100, price: 60 },
  ];
  const split = { date: '2024-01-05', symbol: 'FWD', ratio: 2 };

  it('a symbol sold in post-split shares was long and closed, not turned short', () => {
    expect(symbolHoldings([], fsplit, [split]).get('FWD')).toEqual({ side: 'long', avgWeight: null, from: '2024-01-03', to: '2024-01-11' });
    // Without the split the 200-share sell reads as 100 long → 100 short.
    expect(symbolHoldings([], fsplit).get('FWD')?.side).toBe('both');
  });

  it('a 1-for-10 reverse split keeps each holding\'s value in the ribbon', () => {
    const fills = [
      { date: '2024-01-02', symbol: 'AAA', quantity: 100, price: 10 }, // 1,000
      { date: '2024-01-03', symbol: 'BBB', quantity: 60, price: 20 }, // 1,200: BBB leads
      { date: '2024-01-05', symbol: 'AAA', quantity: 1, price: 100 }, // after 1-for-10: 11 × 100 = 1,100 < 1,200
    ];
    expect(dominantHoldings(fills, [{ date: '2024-01-04', symbol: 'AAA', ratio: 0.1 }])).toEqual({ dates: ['2024-01-02', '2024-01-03'], symbols: ['AAA', 'BBB'] });
    // Read as 101 shares at 100, AAA would wrongly lead again on 01-05.
    expect(dominantHoldings(fills).symbols).toEqual(['AAA', 'BBB', 'AAA']);
  });

  it('prices shares left waiting after a split at the mark ÷ the ratio', () => {
    // AAA marked at 100 on 01-02; 1-for-4 on 01-03, so a share is worth 400; 10 shares wait → 4,000 of 10,000.
    const peak = peakDeferredNotional([{ date: '2024-01-03', symbol: 'AAA', remaining: 10 }], [pos('2024-01-02', 'AAA', 1, 0.01, 100)], ['2024-01-02', '2024-01-03'], [1e4, 1e4], [{ date: '2024-01-03', symbol: 'AAA', ratio: 0.25 }]);
    expect(peak).toEqual({ share: 0.4, date: '2024-01-03', sessions: 1 });
  });
});

describe('stored-run checks', () => {
  it('compares the targeted gross exposure with what the book held after the first decision', () => {
    const targeted = [pos('2024-01-02', 'AAA', 0, 0, 10, 0.6), pos('2024-01-02', 'BBB', 0, 0, 10, -0.4), pos('2024-01-04', 'AAA', 10, 0.5, 10, 0.8)];
    const gap = exposureGap(targetsByDate(targeted), ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04'], [0, 0.2, 0.8, 0.9]);
    // Targets: 1.0 and 0.8 → 0.9; held after 2024-01-02: 0.8 and 0.9 → 0.85.
    expect(gap?.target).toBeCloseTo(0.9, 15);
    expect(gap?.realised).toBeCloseTo(0.85, 15);
    expect(exposureGap(targetsByDate([pos('2024-01-02', 'AAA', 1, 0.1)]), ['2024-01-02'], [0.1])).toBeNull();
  });

  it('finds the session with the most notional waiting, at each symbol\'s last known price', () => {
    const deferrals = [
      { date: '2024-01-03', symbol: 'AAA', remaining: 100 },
      { date: '2024-01-03', symbol: 'BBB', remaining: -50 },
      { date: '2024-01-04', symbol: 'AAA', remaining: 10 },
      { date: '2024-01-04', symbol: 'ZZZ', remaining: 10 }, // never priced: no size
      { date: '2024-01-05', symbol: 'AAA', remaining: null },
    ];
    const fills = [{ date: '2024-01-02', symbol: 'AAA', quantity: 1, price: 20 }];
    const marks = [pos('2024-01-03', 'BBB', 1, 0.01, 40)];
    const peak = peakDeferredNotional(deferrals, [...marks, ...fills], ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'], [1e5, 1e5, 2e5, 2e5]);
    // 2024-01-03: 100 × 20 + 50 × 40 = 4,000 of 100,000.
    expect(peak).toEqual({ share: 0.04, date: '2024-01-03', sessions: 2 });
    expect(peakDeferredNotional([], [...marks, ...fills], [], [])).toBeNull();
  });
});

describe('holdingsSection', () => {
  it('a run whose fills all came after its last decision held what no decision close saw: not "never held" (probe r46a F3)', () => {
    // One month-start decision, filled next open: the book at that close is empty, the exposure 0, 1, 1, 1, 1, 1 (83.3 % on average).
    const invested = holdingsSection(undefined, [0, 1, 1, 1, 1, 1]);
    expect(invested).not.toContain('never held');
    expect(invested).toContain('No decision close found the book holding a position');
    expect(holdingsSection(undefined, [0, 0, 0])).toContain('The run never held a position.');
  });
});

describe('the contributors\' weight is the mean at decision closes, and says so (probe r52c F3)', () => {
  // A 60/40 drift-band book (the probe's fw-d): bought at the first close, then decisions only on
  // the two closes the book had drifted past its band, each snapshot taken before that close's trade.
  // AAA: (0.62072 + 0.61927) / 2 = 0.619995 → "62.00%"; BBB: (0.37442 + 0.37970) / 2 = 0.37706 → "37.71%".
  // Its weight over the 39 sessions held averaged 60.02 %, which the store cannot give: it has no
  // price of AAA between decisions. A 0-share row (targeted, not held) does not count.
  const rows = [
    pos('2024-01-26', 'AAA', 600, 0.62072),
    pos('2024-01-26', 'BBB', 400, 0.37442),
    pos('2024-02-01', 'AAA', 580, 0.61927),
    pos('2024-02-01', 'BBB', 410, 0.3797),
    pos('2024-02-01', 'CCC', 0, 0, 10, 0.1),
  ];
  const fills = [
    { date: '2024-01-02', symbol: 'AAA', quantity: 600, price: 10 },
    { date: '2024-01-02', symbol: 'BBB', quantity: 400, price: 10 },
  ];

  it('averages the weights of the decision closes that held the symbol', () => {
    const held = symbolHoldings(rows, fills);
    expect(held.get('AAA')?.avgWeight).toBeCloseTo(0.619995, 12);
    expect(held.get('BBB')?.avgWeight).toBeCloseTo(0.37706, 12);
    expect(held.get('CCC')).toBeUndefined();
  });

  it('the table names the column for what it is, and the note says what it is not', () => {
    const held = symbolHoldings(rows, fills);
    const html = pnlTable(['AAA', 'BBB'].map((symbol) => ({ symbol, pnl: 1_000, ...held.get(symbol) })), 1_000, 'USD');
    expect(html).toContain('>Avg weight at decisions</th>');
    expect(html).not.toContain('>Avg weight</th>');
    expect(html).toContain('<td>62.00%</td>');
    expect(html).toContain('<td>37.71%</td>');
    expect(DECISION_WEIGHT_NOTE).toMatch(/^Avg weight at decisions: the mean of the symbol’s weight of NAV at the decision closes that held it, before that close’s trades\./);
  });
});
