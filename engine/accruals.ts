// Overnight accruals, ACT/360 (money-market convention) on the balances held since the previous
// close: interest on cash (a constant rate or a dated series, plus a spread on negative cash),
// the borrow fee on short market value (a default rate with per-symbol overrides) and the rebate
// on short proceeds.

import type { Market } from '../data/market.ts';
import { rateAsOf } from '../data/rates.ts';
import type { EngineConfig } from './config.ts';
import type { Ledger } from './ledger.ts';
import type { Portfolio } from './portfolio.ts';

const DAY_COUNT = 360;

export class Accruals {
  readonly #market: Market;
  readonly #config: EngineConfig;
  /** Annual borrow fee per symbol (decimal). */
  readonly #borrowRate: Float64Array;
  /** Sessions whose cash rate was missing from the series (reported as a warning). */
  missingRateDays = 0;

  constructor(market: Market, config: EngineConfig) {
    this.#market = market;
    this.#config = config;
    this.#borrowRate = new Float64Array(market.symbols.length).fill(config.borrow.defaultBps / 10_000);
    for (const [symbol, bps] of Object.entries(config.borrow.overrides)) {
      const i = market.symbols.indexOf(symbol);
      if (i >= 0) this.#borrowRate[i] = bps / 10_000;
    }
  }

  /** Accrue from the close of session t-1 to the close of session t. */
  accrue(t: number, portfolio: Portfolio, ledger: Ledger): void {
    const days = this.#market.dates[t] - this.#market.dates[t - 1];
    const rate = this.#cashRate(this.#market.dates[t - 1]);
    const cash = portfolio.cash;
    if (cash > 0 && rate !== 0) {
      const interest = (cash * rate * days) / DAY_COUNT;
      portfolio.cash += interest;
      if (interest >= 0) ledger.today.interestReceived += interest;
      else ledger.today.interestPaid -= interest;
    } else if (cash < 0) {
      const debitRate = rate + this.#config.cash.debitSpreadBps / 10_000;
      const charge = (-cash * debitRate * days) / DAY_COUNT;
      portfolio.cash -= charge;
      ledger.today.interestPaid += charge;
    }
    if (portfolio.shortValue === 0) return;
    const rebateRate = this.#config.borrow.rebateBps / 10_000;
    for (let k = 0; k < portfolio.heldCount; k++) {
      const i = portfolio.heldAt(k);
      const shares = portfolio.shares[i];
      if (shares >= 0) continue;
      const shortValue = -shares * portfolio.mark[i];
      const fee = (shortValue * this.#borrowRate[i] * days) / DAY_COUNT;
      const rebate = (shortValue * rebateRate * days) / DAY_COUNT;
      portfolio.cash += rebate - fee;
      ledger.cost('borrowFee', fee, i);
      ledger.income('borrowRebate', rebate, i);
    }
  }

  #cashRate(day: number): number {
    const setting = this.#config.cash.rate;
    if (setting === null) return 0;
    if (typeof setting === 'number') return setting;
    const r = rateAsOf(this.#market.rates[setting], day);
    if (Number.isNaN(r)) {
      this.missingRateDays++;
      return 0;
    }
    return r;
  }
}
