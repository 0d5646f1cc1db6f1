// The holdings log (engine/accounting/holdingLog.ts) on a bare portfolio: one row per position a session's
// trades or splits changed, with its shares at that close; nothing for a session that changed none.

import { describe, expect, it } from 'vitest';
import { HoldingLog } from '../../engine/accounting/holdingLog.ts';
import { Portfolio } from '../../engine/accounting/portfolio.ts';

const rows = (log: HoldingLog): [number, number, number][] => {
  const h = log.holdings();
  return Array.from(h.session, (t, k) => [t, h.symbol[k], h.shares[k]]);
};

describe('HoldingLog', () => {
  it('logs each changed position once a session, at its shares after the last change; a split of an unheld symbol is none', () => {
    const p = new Portfolio(3, 10_000);
    const log = new HoldingLog();
    // Session 1: buy 10 of symbol 0 and 5 of symbol 1, then 5 more of symbol 0: two rows, 15 and 5.
    p.trade(0, 10, 100, 100, 1);
    p.trade(1, 5, 50, 50, 1);
    p.trade(0, 5, 100, 100, 1);
    log.observe(1, p);
    // Session 2 changes nothing: no row.
    log.observe(2, p);
    // Session 3: symbol 1 splits 2-for-1 (5 → 10), symbol 2 (not held) splits too, symbol 0 is sold out (0).
    p.split(1, 2);
    p.split(2, 2);
    p.trade(0, -15, 101, 101, 3);
    log.observe(3, p);
    expect(rows(log)).toEqual([
      [1, 0, 15],
      [1, 1, 5],
      [3, 1, 10],
      [3, 0, 0],
    ]);
  });
});
