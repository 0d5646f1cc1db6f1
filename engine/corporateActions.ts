// Open-phase corporate actions: splits rescale positions and resting orders, dividends pay
// holders of record (shorts pay), delistings close positions at the last price (times one plus
// the delisting return when the data gives one). Splits come first, so a split on the delisting
// session is already in the position's shares and mark.

import type { Market } from '../data/market.ts';
import type { Broker } from './broker.ts';
import type { Ledger } from './ledger.ts';
import type { Portfolio } from './portfolio.ts';
import { FillReason } from './result.ts';

export class CorporateActions {
  readonly #market: Market;
  /** delistStart[t] .. delistStart[t+1]-1 index #delisted: symbols whose positions close at session t. */
  readonly #delistStart: Int32Array;
  readonly #delisted: Int32Array;

  constructor(market: Market) {
    this.#market = market;
    const sessions = market.dates.length;
    const order = [...market.delistedAfter.keys()]
      .filter((i) => market.delistedAfter[i] >= 0 && market.delistedAfter[i] + 1 < sessions)
      .sort((a, b) => market.delistedAfter[a] - market.delistedAfter[b]);
    this.#delisted = Int32Array.from(order);
    this.#delistStart = new Int32Array(sessions + 1);
    let k = 0;
    for (let t = 0; t <= sessions; t++) {
      while (k < order.length && market.delistedAfter[order[k]] + 1 < t) k++;
      this.#delistStart[t] = k;
    }
  }

  apply(t: number, portfolio: Portfolio, broker: Broker, ledger: Ledger): void {
    const m = this.#market;
    const splits = m.splits;
    for (let e = splits.sessionStart[t]; e < splits.sessionStart[t + 1]; e++) {
      portfolio.split(splits.symbol[e], splits.value[e]);
      broker.applySplit(splits.symbol[e], splits.value[e]);
    }
    const dividends = m.dividends;
    for (let e = dividends.sessionStart[t]; e < dividends.sessionStart[t + 1]; e++) {
      const i = dividends.symbol[e];
      const amount = portfolio.shares[i] * dividends.value[e];
      if (amount === 0) continue;
      portfolio.cash += amount;
      if (amount > 0) ledger.income('dividends', amount, i);
      else ledger.cost('shortDividends', -amount, i);
    }
    for (let k = this.#delistStart[t]; k < this.#delistStart[t + 1]; k++) {
      const i = this.#delisted[k];
      broker.cancelSymbol(i);
      const held = portfolio.shares[i];
      if (held === 0) continue;
      // The mark is the last close the position saw, rescaled by any split applied since.
      const ret = m.delistReturn[i];
      const price = portfolio.mark[i] * (1 + (Number.isNaN(ret) ? 0 : ret));
      portfolio.trade(i, -held, price, price);
      ledger.fill(t, i, -held, price, price, 0, 0, 0, FillReason.delisting);
    }
  }
}
