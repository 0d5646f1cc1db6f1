// Overnight accruals on the balances held since the previous close: interest on cash, and the
// borrow fee and rebate on each short position. The cash and borrow models (engine/models/cash,
// engine/models/borrow) say how much; this step walks the balances and books each amount on its
// own ledger line.

import type { Market } from '../data/market.ts';
import type { Ledger } from './ledger.ts';
import type { AccrualContext, BorrowModel, CashModel } from './models/types.ts';
import type { Portfolio } from './portfolio.ts';

export class Accruals {
  readonly #market: Market;
  readonly #cash: CashModel;
  readonly #borrow: BorrowModel;
  /** Reused per accrual: what the models are asked. */
  readonly #context: AccrualContext = { session: 0, day: 0, days: 0, symbol: -1, balance: 0 };

  constructor(market: Market, models: { readonly cash: CashModel; readonly borrow: BorrowModel }) {
    this.#market = market;
    this.#cash = models.cash;
    this.#borrow = models.borrow;
  }

  /** Sessions whose cash rate was missing from its series (reported as a caveat). */
  get missingRateDays(): number {
    return this.#cash.missingRateDays ?? 0;
  }

  /** Accrue from the close of session t-1 to the close of session t. */
  accrue(t: number, portfolio: Portfolio, ledger: Ledger): void {
    const a = this.#context;
    a.session = t;
    a.day = this.#market.dates[t - 1];
    a.days = this.#market.dates[t] - a.day;
    a.symbol = -1;
    const cash = portfolio.cash;
    a.balance = cash;
    const interest = this.#cash.interest(a);
    if (interest !== 0) {
      portfolio.cash += interest;
      if (cash > 0 && interest >= 0) ledger.today.interestReceived += interest;
      else ledger.today.interestPaid -= interest;
    }
    if (portfolio.shortValue === 0) return;
    for (let k = 0; k < portfolio.heldCount; k++) {
      const i = portfolio.heldAt(k);
      const shares = portfolio.shares[i];
      if (shares >= 0) continue;
      a.symbol = i;
      a.balance = -shares * portfolio.mark[i];
      const fee = this.#borrow.fee(a);
      const rebate = this.#borrow.rebate(a);
      portfolio.cash += rebate - fee;
      ledger.cost('borrowFee', fee, i);
      ledger.income('borrowRebate', rebate, i);
    }
  }
}
