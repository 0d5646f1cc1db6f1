// Borrow fee and rebate as annual rates on the short's market value, ACT/360: a default fee with
// per-symbol overrides (hard-to-borrow names), and one rebate rate on short proceeds.

import { z } from 'zod';
import type { Market } from '../../../data/market.ts';
import type { BorrowModel } from '../types.ts';
import { bps } from '../units.ts';

const DAY_COUNT = 360;

const schema = z
  .object({
    /** Annual borrow fee on short market value, in bps. */
    defaultBps: bps.default(0),
    /** Annual fee by symbol, in bps, over the default. */
    overrides: z.record(z.string(), bps).default({}),
    /** Annual rebate paid on short market value, in bps. */
    rebateBps: bps.default(0),
  })
  .strict();

/** fee = value × rate(symbol) × days / 360; rebate = value × rebate rate × days / 360. */
export const annualRateBorrow = {
  schema,
  create(config: z.output<typeof schema>, market: Market): BorrowModel {
    const rate = new Float64Array(market.symbols.length).fill(config.defaultBps / 10_000);
    for (const [symbol, bps] of Object.entries(config.overrides)) {
      const i = market.symbols.indexOf(symbol);
      if (i >= 0) rate[i] = bps / 10_000;
    }
    const rebate = config.rebateBps / 10_000;
    const overridden = Object.keys(config.overrides).length;
    return {
      name: `${config.defaultBps} bps/yr default${overridden > 0 ? ` (${overridden} overrides)` : ''}, rebate ${config.rebateBps} bps/yr`,
      fee: (a) => (a.balance * rate[a.symbol] * a.days) / DAY_COUNT,
      rebate: (a) => (a.balance * rebate * a.days) / DAY_COUNT,
    };
  },
};
