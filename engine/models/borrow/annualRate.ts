// Borrow fee and rebate as annual rates on the short's market value, accrued per session as
// (1 + R)^(k/P) − 1, k the periods of P it covers (data/rates.ts perPeriodRate, the convention of the cash model and of
// METRICS.md's rf): a default fee with per-symbol overrides (hard-to-borrow names), and one rebate
// rate on short proceeds (which earn no cash interest: engine/accounting/accruals.ts).

import { z } from 'zod';
import { UserError } from '../../../data/errors.ts';
import type { Market } from '../../../data/market.ts';
import { symbolHintIn } from '../../../data/nearestName.ts';
import { perPeriodRate } from '../../../data/rates.ts';
import type { BorrowModel } from '../types.ts';
import { bps } from '../units.ts';

const schema = z
  .object({
    /** Annual borrow fee on short market value, in bps. */
    defaultBps: bps.default(0),
    /** Annual fee by symbol, in bps, over the default; every symbol must be in the data. */
    overrides: z.record(z.string(), bps).default({}),
    /** Annual rebate paid on short market value, in bps. */
    rebateBps: bps.default(0),
  })
  .strict();

/**
 * fee = value × ((1 + fee rate(symbol))^(k/P) − 1); rebate = value × ((1 + rebate rate)^(k/P) − 1),
 * k = AccrualContext.periods; currency ≥ 0. Throws a UserError, one line naming each override ("; " between), for overrides naming a symbol the
 * market lacks (a typo would otherwise charge the default).
 */
export const annualRateBorrow = {
  schema,
  create(config: z.output<typeof schema>, market: Market): BorrowModel {
    const rate = new Float64Array(market.symbols.length).fill(config.defaultBps / 10_000);
    const index = new Map(market.symbols.map((s, i) => [s, i]));
    const unknown: string[] = [];
    for (const [symbol, bps] of Object.entries(config.overrides)) {
      const i = index.get(symbol);
      if (i === undefined) unknown.push(unknownSymbol(symbol, market));
      else rate[i] = bps / 10_000;
    }
    if (unknown.length > 0) throw new UserError(unknown.join('; '));
    const rebate = config.rebateBps / 10_000;
    const overridden = Object.keys(config.overrides).length;
    return {
      name: `${config.defaultBps} bps/yr default${overridden > 0 ? ` (${overridden} override${overridden === 1 ? '' : 's'})` : ''}, rebate ${config.rebateBps} bps/yr`,
      fee: (a) => a.balance * perPeriodRate(rate[a.symbol], a.periodsPerYear, a.periods),
      rebate: (a) => a.balance * perPeriodRate(rebate, a.periodsPerYear, a.periods),
    };
  },
};

/** `engine config: borrow.overrides.BBBB: no symbol "BBBB" in d1 (did you mean BBB?); …` */
function unknownSymbol(symbol: string, market: Market): string {
  return `engine config: borrow.overrides.${symbol}: no symbol "${symbol}" in ${market.name}${symbolHintIn(symbol, market)}; name a symbol of the data, or drop the override`;
}
