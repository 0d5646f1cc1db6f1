// The execution models' interfaces: six concerns, each a small interface with one job. The broker
// and the accruals run the shared steps (no fill on a bar with no trade, reductions first, the
// account check, the ledger lines); a model answers only its own question about one fill or one
// accrual. Every question comes as ONE parameter object, owned and reused by the engine (the
// replay allocates nothing per fill): read it during the call, never keep it or write to it.

import type { RestingOrder } from '../execution/orders.ts';

/** The execution concerns a model can answer (ModelDefinition.concern; a study's `models:` keys): commission, slippage, fill, volume, borrow and cash. */
export const MODEL_CONCERNS = ['commission', 'slippage', 'fill', 'volume', 'borrow', 'cash'] as const;
/** One of MODEL_CONCERNS. */
export type ModelConcern = (typeof MODEL_CONCERNS)[number];

/** σ and ADV of a symbol, measured on data up to the order's decision (engine/execution/liquidity.ts), ADV in the fill's shares. */
export interface LiquidityEstimate {
  /** Standard deviation of daily returns (NaN with fewer than two returns). */
  readonly sigma: number;
  /** Average daily volume in shares, split-adjusted to the shares `quantity` is in: the fill session's (NaN without volumes). */
  readonly adv: number;
}

/**
 * What a model is asked about one fill of one order on one bar. The broker fills it in step by
 * step: the bar first (fill and volume models), then `quantity` and `reference` (slippage), then
 * `price` (commission). Prices are as traded (raw), quantities signed shares (+ buy, − sell).
 */
export interface FillContext {
  /** Market session index of the bar. */
  session: number;
  /**
   * The order (read-only here): its symbol, remaining `quantity`, `type`, `limit`, `stop`, and
   * what it has filled (`filled`, signed shares as traded) and paid (`commission`) before this fill.
   */
  order: Readonly<RestingOrder>;
  /**
   * The bar in the fill phase. At the open: the session's open, high and low (the close where the
   * data has no open; high/low default to the larger/smaller of open and close). At a close fill,
   * open, high and low are all the close.
   */
  open: number;
  high: number;
  low: number;
  close: number;
  /** Shares traded in the session; a blank cell in a series that has volumes reads as the last volume before it; NaN where the series has none before it. */
  volume: number;
  /** Shares of this symbol already filled this session, over all orders (≥ 0). */
  filledToday: number;
  /** This fill: signed shares. */
  quantity: number;
  /** Price before slippage (what the fill model answered); the position is marked at it. */
  reference: number;
  /** Price paid per share, slippage included (set before the commission model is asked). */
  price: number;
  /** σ and ADV up to the order's decision (ADV in this fill's shares), when the slippage model asks for them; else undefined. */
  liquidity: LiquidityEstimate | undefined;
}

/** A context for `order`, every price unknown until the engine sets it. */
export function newFillContext(order: RestingOrder): FillContext {
  return { session: 0, order, open: NaN, high: NaN, low: NaN, close: NaN, volume: NaN, filledToday: 0, quantity: 0, reference: NaN, price: NaN, liquidity: undefined };
}

/**
 * What a model is asked about one accrual: a balance held from the close of session − 1 to the
 * close of session. The built-in models accrue an annual rate R as (1 + R)^(k/P) − 1, k =
 * `periods` (data/rates.ts perPeriodRate, METRICS.md's rf), read as of the session's date; `days` is there
 * for a user's model with a calendar-day convention (ACT/360: balance × R × days / 360).
 */
export interface AccrualContext {
  /** Market session index accrued to. */
  session: number;
  /** Epoch day of the session accrued to (a dated rate is read as of it, as METRICS.md's rf_t is). */
  day: number;
  /** Calendar days since the previous session. */
  days: number;
  /** Sessions per year P of the run (engine config periodsPerYear, else inferred from its calendar). */
  periodsPerYear: number;
  /**
   * Periods of P since the previous session, by the calendar's own spacing (engine/calendar/rowPeriods.ts
   * accrualPeriods): 1, or more where it closes a gap of missing dates; k · P / P_own where P was given
   * other than the calendar's own P_own (a weekday session with P = 52 given: 52/252), so (1 + R)^(k/P) is
   * the session's own time whatever P annualises.
   */
  periods: number;
  /** The symbol (borrow models); −1 for cash. */
  symbol: number;
  /**
   * Cash models: the cash balance net of short-sale proceeds (cash + short market value, signed;
   * the proceeds earn the borrow model's rebate instead). Borrow models: the short position's
   * market value (> 0).
   */
  balance: number;
}

interface Named {
  /** What it charges or does, in words, for the manifest and reports: "0.005/share, min 1 per order". */
  readonly name: string;
}

/** Commission in currency (≥ 0) for `quantity` shares at `price` of `order` (fill: FillContext). */
export interface CommissionModel extends Named {
  commission(fill: FillContext): number;
}

/** A slippage model: the adverse price move of a fill as a fraction of its reference price (≥ 0), optionally from σ and ADV over `liquidityWindow` sessions. */
export interface SlippageModel extends Named {
  /** Trailing sessions of σ and ADV this model needs in `fill.liquidity`; undefined when it needs none. */
  readonly liquidityWindow?: number;
  /** Adverse price move as a fraction of `fill.reference` (≥ 0) for `fill.quantity` shares. */
  slippage(fill: FillContext): number;
}

/**
 * The reference price of an order on a bar, or NaN when it does not fill there (a limit or stop
 * not reached). The broker sets a stop order's `triggered` once it has a price.
 */
export interface FillModel extends Named {
  referencePrice(fill: FillContext): number;
}

/** The most shares of the order's symbol the session may fill over all its orders (Infinity: no limit). */
export interface VolumeLimit extends Named {
  maxShares(fill: FillContext): number;
}

/** Borrow fee (≥ 0, charged) and rebate (≥ 0, credited) on one short position over one accrual. */
export interface BorrowModel extends Named {
  fee(accrual: AccrualContext): number;
  rebate(accrual: AccrualContext): number;
}

/**
 * Interest on the net cash balance over one accrual, signed: + credited to cash, − charged. The
 * ledger books a credit on `interestReceived` and a charge on `interestPaid`, whatever the sign of
 * the balance (a negative deposit rate charges, so its interest is paid).
 */
export interface CashModel extends Named {
  interest(accrual: AccrualContext): number;
  /** Sessions whose rate was missing (accrued as 0 and reported as a caveat). */
  readonly missingRateDays?: number;
  /** Sessions accrued at a rate series' last rate after its end (data/rates.ts RateSpan), with that end; reported as a caveat. */
  /** Sessions after `dueDay` (the last rate's day plus the series' median gap: when its next rate was due) accrued at the last rate. */
  readonly carriedRate?: { readonly sessions: number; readonly lastDay: number; readonly dueDay: number; readonly lastRate: number };
}

/** One model per concern: what a run trades and accrues with. */
export interface ExecutionModels {
  readonly commission: CommissionModel;
  readonly slippage: SlippageModel;
  readonly fill: FillModel;
  readonly volume: VolumeLimit;
  readonly borrow: BorrowModel;
  readonly cash: CashModel;
}

/** The method each concern's model must have (checked on models a user brings). */
export const MODEL_METHODS: Readonly<Record<ModelConcern, readonly string[]>> = {
  commission: ['commission'],
  slippage: ['slippage'],
  fill: ['referencePrice'],
  volume: ['maxShares'],
  borrow: ['fee', 'rebate'],
  cash: ['interest'],
};
