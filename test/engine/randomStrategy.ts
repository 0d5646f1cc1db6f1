// Random strategies for property tests: at each decision, from a seed and the session alone,
// keep the book, set random target weights (long-only or long/short), or send random explicit
// orders (market, limit, stop; day or GTC). Decisions never depend on the book, so the same
// strategy makes the same requests in runs that differ only in costs.

import type { CancelRequest, OrderRequest } from '../../engine/execution/orders.ts';
import { everySession, type Schedule } from '../../engine/calendar/schedule.ts';
import type { Decision, Strategy } from '../../engine/strategy.ts';
import { rng } from './randomMarket.ts';

export interface RandomStrategyOptions {
  seed: number;
  schedule?: Schedule;
  /** Chance of target weights at a decision. */
  weights?: number;
  /** Chance of explicit orders at a decision. */
  orders?: number;
  longOnly?: boolean;
  /** Every weights decision has at least one short (so the planner never fits buys to cash). */
  alwaysShort?: boolean;
  fractional?: boolean;
  /** Largest |weight| of one symbol. */
  maxWeight?: number;
}

export function randomStrategy(o: RandomStrategyOptions): Strategy {
  const pWeights = o.weights ?? 0.4;
  const pOrders = o.orders ?? 0.3;
  const maxWeight = o.maxWeight ?? 0.5;
  return {
    name: 'random',
    params: { seed: o.seed },
    schedule: o.schedule ?? everySession,
    decide(view): Decision {
      const r = rng(o.seed * 7_919 + view.session * 104_729 + 1);
      const n = view.symbolCount;
      const roll = r();
      if (roll < pWeights) {
        const weights: Record<string, number> = {};
        let budget = 1;
        for (let i = 0; i < n; i++) {
          if (r() < 0.3) continue;
          let w = maxWeight * (o.longOnly ? r() : 2 * r() - 0.8);
          if (o.longOnly) {
            w = Math.min(w, budget);
            budget -= w;
          }
          weights[view.symbols[i]] = w;
        }
        if (o.alwaysShort) weights[view.symbols[Math.floor(r() * n)]] = -maxWeight * (0.1 + 0.9 * r());
        return { weights };
      }
      if (roll < pWeights + pOrders) {
        const requests: (OrderRequest | CancelRequest)[] = [];
        // Now and then withdraw what rests on a symbol first (a gtc order stands until filled or withdrawn).
        if (r() < 0.2) requests.push({ symbol: view.symbols[Math.floor(r() * n)], cancel: true });
        const count = 1 + Math.floor(3 * r());
        for (let k = 0; k < count; k++) {
          const i = Math.floor(r() * n);
          const size = o.fractional ? 1 + 60 * r() : 1 + Math.floor(60 * r());
          const quantity = (r() < (o.longOnly ? 0.2 : 0.45) ? -1 : 1) * size;
          const close = view.close(i);
          const ref = Number.isNaN(close) ? 50 : close;
          const kind = r();
          const tif = r() < 0.3 ? 'day' : 'gtc';
          if (kind < 0.5) requests.push({ symbol: view.symbols[i], quantity, tif });
          else if (kind < 0.75) requests.push({ symbol: i, quantity, type: 'limit', limit: ref * (0.97 + 0.06 * r()), tif });
          else requests.push({ symbol: i, quantity, type: 'stop', stop: ref * (0.97 + 0.06 * r()), tif });
        }
        return requests;
      }
      return undefined;
    },
  };
}
