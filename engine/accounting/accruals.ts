// Accruals on the balances held from the close of session t−1 to the close of t: the borrow fee and
// rebate on each short position, and interest on cash net of the short-sale proceeds. The cash and
// borrow models (engine/models/cash, engine/models/borrow) say how much; this step walks the
// balances and books each amount on its own ledger line.
//
// Which balance earns what: a short sale's proceeds sit in cash but belong to the lender's
// collateral, so they earn the borrow model's rebate (DESIGN.md), not the cash rate. The cash
// model sees cash + short market value (short value ≤ 0): 10 000 of equity plus 5 000 of proceeds
// earns interest on 10 000; a negative net balance is a debit (rate + spread).
//
// When: the borrow lines at the open of t (constant rates, known then); the interest at the close
// of t, because a dated rate is read as of t — the rf_t METRICS.md pairs with the return of t —
// and that rate is known only at t's close. The interest is figured on the net balance of close t−1.
//
// How much time: the periods of P from t−1 to t — one a session, more where t closes a gap of
// dates missing from a coarser calendar (month-ends without June: two months to July) — by the
// calendar's own spacing, whatever P the run annualises with (engine/calendar/rowPeriods.ts
// accrualPeriods): a P given changes the figures' annualisation, not the interest.

import type { Market } from '../../data/market.ts';
import { accrualPeriods } from '../calendar/rowPeriods.ts';
import type { Ledger } from './ledger.ts';
import type { AccrualContext, BorrowModel, CashModel } from '../models/types.ts';
import type { Portfolio } from './portfolio.ts';

export class Accruals {
  readonly #market: Market;
  readonly #cash: CashModel;
  readonly #borrow: BorrowModel;
  /** Reused per accrual: what the models are asked. */
  readonly #context: AccrualContext;
  /** Cash net of short proceeds at the previous close (currency, signed), set by `accrueBorrow`. */
  #netCash = 0;

  /** Periods of P each session after `#first` lasts (engine/calendar/rowPeriods.ts accrualPeriods), by session − first − 1. */
  readonly #periods: Float64Array;
  readonly #first: number;

  /**
   * `periodsPerYear`: P of the run, for the per-session conversion of annual rates; `first`: the
   * run's first session, whose calendar (sessions first … last) gives the periods each lasts — its
   * own spacing's, in periods of P (a weekday session 52/252 of one with P = 52 given).
   */
  constructor(market: Market, models: { readonly cash: CashModel; readonly borrow: BorrowModel }, periodsPerYear: number, first: number, last: number) {
    this.#market = market;
    this.#cash = models.cash;
    this.#borrow = models.borrow;
    this.#periods = accrualPeriods(market.dates.subarray(first, last + 1), periodsPerYear);
    this.#first = first;
    this.#context = { session: 0, day: 0, days: 0, periodsPerYear, periods: 1, symbol: -1, balance: 0 };
  }

  /** Sessions accrued at the cash rate series' last rate after its end (reported as a caveat). */
  get carriedRate(): CashModel['carriedRate'] {
    return this.#cash.carriedRate;
  }

  /** Sessions whose cash rate was missing from its series (reported as a caveat). */
  get missingRateDays(): number {
    return this.#cash.missingRateDays ?? 0;
  }

  /**
   * At the open of t, before any corporate action or fill: note the net cash balance of close t−1
   * for `creditInterest`, and charge the borrow fee and credit the rebate on each short held since.
   */
  accrueBorrow(t: number, portfolio: Portfolio, ledger: Ledger): void {
    this.#netCash = portfolio.cash + portfolio.shortValue;
    if (portfolio.shortValue === 0) return;
    const a = this.#begin(t);
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

  /**
   * At the close of t, before the mark: interest on the net cash balance of close t−1. A credit
   * goes on `interestReceived`, a charge on `interestPaid` (both ≥ 0), whatever the balance's sign:
   * a negative deposit rate is interest paid, a debit at a negative rate + spread interest received.
   */
  creditInterest(t: number, portfolio: Portfolio, ledger: Ledger): void {
    const a = this.#begin(t);
    a.balance = this.#netCash;
    const interest = this.#cash.interest(a);
    if (interest === 0) return;
    portfolio.cash += interest;
    if (interest > 0) ledger.today.interestReceived += interest;
    else ledger.today.interestPaid -= interest;
  }

  #begin(t: number): AccrualContext {
    const a = this.#context;
    a.session = t;
    a.day = this.#market.dates[t];
    a.days = this.#market.dates[t] - this.#market.dates[t - 1];
    a.periods = this.#periods[t - this.#first - 1];
    a.symbol = -1;
    return a;
  }
}
