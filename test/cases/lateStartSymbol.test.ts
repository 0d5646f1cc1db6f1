// late-start-symbol — symbols that start (or stop) inside the period. BBB starts two sessions
// after AAA; a rebalancing strategy over both must run, and buy BBB once it trades. (It crashed
// storing a deferral whose size was NaN: a target with no price to size it; that size is now
// NULL — unknown — in the store.)

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getRun, openStore } from '../../reports/store/index.ts';
import { breadth, expectOk, hasSharedData, scratch, sharedData } from '../cli/helpers.ts';
import { inputs } from './helpers.ts';

describe('late-start-symbol', () => {
  it('fixed weights every session over AAA and BBB: runs, and buys BBB once it trades', async () => {
    const dir = scratch();
    const args = ['run', '--data', inputs('late-start-symbol'), '--strategy', 'fixed-weights', '--param', 'weights={"AAA":0.5,"BBB":0.5}', '--param', 'schedule=every-session', '--db', 'out.db'];
    expectOk(await breadth(args, { cwd: dir }));
    const store = openStore(join(dir, 'out.db'));
    try {
      const run = getRun(store, 1);
      const firstBuy = (symbol: string) => run?.fills.find((f) => f.symbol === symbol && f.quantity > 0)?.date;
      expect(firstBuy('AAA')).toBe('2024-01-03');
      expect(firstBuy('BBB')).toBe('2024-01-05'); // decided at BBB's first close, 01-04
      expect(run?.deferrals.filter((d) => d.symbol === 'BBB').map((d) => [d.date, d.reason, d.remaining])).toEqual([
        ['2024-01-02', 'no-price', null],
        ['2024-01-03', 'no-price', null],
        // Decided at 01-04's close (BBB 50): 502,500 / 50 = 10,050 shares. Filled at 01-05's price
        // (no opens: its close, 51) after selling 24 AAA at 101: cash 500,100 + 2,424 = 502,524
        // buys 9,853; the cash account cuts the other 197 (no sale left to fund them).
        ['2024-01-05', 'cash', 197],
      ]);
      expect(run?.fills.find((f) => f.symbol === 'BBB')?.quantity).toBe(9_853);
      // The half of NAV meant for BBB waited in cash on the 01-02 and 01-03 decisions: sized by that weight, not a bare count.
      const waited = run?.caveats.find((c) => c.message.includes('deferred: no-price'));
      expect(waited).toMatchObject({ severity: 'high', size: 0.5, unit: 'nav-share' });
      expect(waited?.message).toContain('2 targets deferred: no-price'); // one per decision (01-02, 01-03), not sessions waited (probe r72b F2)
      expect(waited?.message).toContain('largest 50.0% of NAV on 2024-01-02');
      // The decisions' targets name BBB's weight even before it has a price.
      expect(run?.positions.filter((p) => p.symbol === 'BBB' && p.date < '2024-01-04').map((p) => [p.date, p.shares, p.targetWeight])).toEqual([
        ['2024-01-02', 0, 0.5],
        ['2024-01-03', 0, 0.5],
      ]);
    } finally {
      store.close();
    }
  });

  it.skipIf(!hasSharedData)('size-tilt on the real ETF folder without --from runs (IWM starts years after SPY)', async () => {
    expectOk(await breadth(['run', '--strategy', 'size-tilt', '--data', join(sharedData, 'etf', 'adjclose'), '--db', 'out.db'], { cwd: scratch(), timeoutMs: 120_000 }));
  });
});
