/**
 * tiered-per-share — an example commission model to copy.
 *
 * Idea: brokers price large orders lower per share. Here an order's shares are charged in tiers
 * (by default the first 500 at 0.005, the next 4 500 at 0.003, the rest at 0.002), at least
 * `minimum` per order and at most `maxRate` of the fill's notional. (Interactive Brokers' tiered
 * plan tiers by the month's volume instead; this one tiers by the order's size, so it needs no
 * state beyond what the engine hands it.)
 *
 * Use it:   in a study, under `models:` (for every run, or per run):
 *             models:
 *               commission: { file: models/tieredCommission.ts, params: { minimum: 1 } }
 *           from code:
 *             const commission = tieredCommission.create(tieredCommission.params.parse({}), market);
 *             backtest(market, strategy, config, { models: { commission } });
 *
 * How a model file works:
 *  - It imports only from 'breadth' (zod's `z` included), like a strategy file.
 *  - Export one definition (default export, or `export const model`) built with `defineModel`:
 *    its `concern` (commission, slippage, fill, volume, borrow or cash), a kebab-case `name`, a
 *    one-line `description`, a zod `params` schema (defaults and `.describe()` on every field) and
 *    `create(params, market)`, called once per run.
 *  - The model answers one question per call, given ONE parameter object the engine reuses
 *    (engine/models/types.ts): read it, never keep it. A commission model sees the order — its
 *    shares filled and commission paid before this fill — and this fill's quantity and price, so
 *    a minimum or a tier can apply per order even when the order fills in parts.
 *  - The same question is asked for fills that are only being considered (the account check
 *    tries smaller sizes, the planner estimates costs): answer from the parameter object alone.
 */

import { defineModel, z } from 'breadth';

const tier = z.object({
  upTo: z.number().positive().nullable().describe('the tier covers the order’s shares up to this count (null: all the rest)'),
  perShare: z.number().min(0).describe('currency per share in this tier'),
});

export default defineModel({
  concern: 'commission',
  name: 'tiered-per-share',
  description: 'per-share commission in tiers of the order’s size, with a minimum per order and a cap on notional',
  params: z.object({
    tiers: z
      .array(tier)
      .min(1)
      .default([
        { upTo: 500, perShare: 0.005 },
        { upTo: 5_000, perShare: 0.003 },
        { upTo: null, perShare: 0.002 },
      ])
      .describe('tiers in increasing order of upTo; the last has upTo null'),
    minimum: z.number().min(0).default(1).describe('currency, at least this per order'),
    maxRate: z.number().gt(0).default(0.01).describe('at most this share of a fill’s notional'),
  }),
  create({ tiers, minimum, maxRate }) {
    /** The tiered charge of an order's first `shares` shares. */
    const tiered = (shares: number): number => {
      let charge = 0;
      let from = 0;
      for (const { upTo, perShare } of tiers) {
        const to = upTo === null ? shares : Math.min(shares, upTo);
        if (to > from) charge += (to - from) * perShare;
        if (upTo === null || shares <= upTo) break;
        from = upTo;
      }
      return charge;
    };
    return {
      name: `tiered ${tiers.map((t) => `${t.perShare}${t.upTo === null ? '' : ` to ${t.upTo}`}`).join(', ')}/share, min ${minimum} per order, max ${maxRate * 100}% of notional`,
      commission({ order, quantity, price }) {
        // What the order owes with this fill, less what its earlier fills paid, within the cap.
        const owed = Math.max(minimum, tiered(Math.abs(order.filled) + Math.abs(quantity))) - order.commission;
        return Math.min(Math.max(0, owed), maxRate * Math.abs(quantity) * price);
      },
    };
  },
});
