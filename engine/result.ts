// The Result of a run: daily columns, the fills ledger, decision snapshots, deferrals, leverage
// breaches and the manifest. Everything reports need, nothing they must recompute by replaying.

import type { Caveat } from './caveats/caveats.ts';
import type { EngineConfig, ExecutionConvention } from './config.ts';
import type { ModelConcern } from './models/types.ts';
import type { TargetWait } from './execution/pendingTargets.ts';

/** A user's model in the manifest: path (as the study names it) and sha256 of its file when it came from one. */
export interface UserModelRecord {
  readonly concern: ModelConcern;
  readonly name: string;
  readonly path: string | null;
  readonly sourceHash: string | null;
  readonly params: unknown;
}

/** A daily column's snake_case name, as the store and the metrics name it: borrowFee → borrow_fee. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Daily columns, one value per session of the run. Currency unless stated. */
export const DAILY_COLUMNS = [
  'nav',
  'cash',
  'longValue',
  'shortValue',
  'longCount',
  'shortCount',
  'tradedNotional',
  'longPnl',
  'shortPnl',
  'dividends',
  'interestReceived',
  'borrowRebate',
  'commission',
  'slippage',
  'borrowFee',
  'shortDividends',
  'interestPaid',
  /** Σ|value| of positions marked at a price older than `staleMarkSessions` (see staleMarks.ts). */
  'staleValue',
  /**
   * 1 where no position the book held into the session's close had a bar on it (at least one
   * held): every mark is an earlier close, so the NAV observes nothing new and returns are paired
   * with a benchmark across the session (reports/navObservations.ts); else 0.
   */
  'navCarried',
] as const;
export type DailyColumn = (typeof DAILY_COLUMNS)[number];

/** Ledger lines that reduce NAV, and those that add to it besides price P&L. */
export const COST_LINES = ['commission', 'slippage', 'borrowFee', 'shortDividends', 'interestPaid'] as const;
/** Ledger lines that add to NAV besides price P&L: dividends, interest received on cash, the short-sale borrow rebate (Result.daily columns, currency, ≥ 0). */
export const INCOME_LINES = ['dividends', 'interestReceived', 'borrowRebate'] as const;
export type CostLine = (typeof COST_LINES)[number];
export type IncomeLine = (typeof INCOME_LINES)[number];

/**
 * Why a fill happened: an order; a delisting (closed at the last price × (1 + delisting
 * return)); the data of the symbol ended before the run did with no delisting record (closed at
 * its last price on the next session); cash in lieu of a fractional share after a split.
 */
export const FillReason = { order: 0, delisting: 1, dataEnd: 2, splitCash: 3 } as const;
export type FillReason = (typeof FillReason)[keyof typeof FillReason];
/** FillReason's names, by its code (FillReason.splitCash = 3 → 'split-cash'): why a fill happened. */
export const FILL_REASON_NAMES = ['order', 'delisting', 'data-end', 'split-cash'] as const;

/** The fills ledger, columnar. quantity is signed shares; costs are currency; orderId 0 = no order (a delisting, data end or split's cash in lieu). */
export interface Fills {
  readonly session: Int32Array;
  readonly symbol: Int32Array;
  readonly quantity: Float64Array;
  readonly price: Float64Array;
  readonly referencePrice: Float64Array;
  readonly commission: Float64Array;
  readonly slippage: Float64Array;
  readonly orderId: Int32Array;
  readonly reason: Uint8Array;
}

/**
 * Every order the broker accepted, columnar, in id order (id k is row k − 1). Names of the coded
 * columns: ORDER_TYPE_NAMES, TIF_NAMES, ORDER_ORIGIN_NAMES, ORDER_STATUS_NAMES, ORDER_END_NAMES
 * (engine/execution/orders.ts). Fills name their order in `fills.orderId`.
 */
export interface Orders {
  readonly id: Int32Array;
  /** Market session of the decision that placed it. */
  readonly session: Int32Array;
  /** Market session of the last decision that amended it (a rebalance order for the same symbol and direction), −1 when none. */
  readonly amendedAt: Int32Array;
  readonly symbol: Int32Array;
  /** Requested signed shares, as decided — as last amended, when it was (before any split); a buy the planner cut to the cash asks for the uncut size (RestingOrder.cut). */
  readonly quantity: Float64Array;
  /** Signed shares as first decided, before any amendment (= quantity for an order never amended). */
  readonly decided: Float64Array;
  readonly type: Uint8Array;
  /** Limit price (limit orders) and stop price (stop orders), as decided; NaN otherwise. */
  readonly limit: Float64Array;
  readonly stop: Float64Array;
  readonly tif: Uint8Array;
  /** targets (the planner's net rebalance order) or explicit (the strategy asked for it). */
  readonly origin: Uint8Array;
  /** Signed shares filled in all, as traded (Σ of its fills' quantities). */
  readonly filled: Float64Array;
  readonly status: Uint8Array;
  /** How it ended (why it stopped short of filled). */
  readonly end: Uint8Array;
  /** Market session it ended on (the run's last session for orders still open). */
  readonly endSession: Int32Array;
}

/**
 * Holdings at each decision's close (before its orders), with the weight the decision targeted.
 * A holding's weight is shares × price / that session's NAV (daily.nav).
 */
export interface Snapshots {
  readonly session: Int32Array;
  readonly symbol: Int32Array;
  readonly shares: Float64Array;
  readonly price: Float64Array;
  /** Target weight set by the decision (NaN for explicit orders or share/value targets without a price). */
  readonly targetWeight: Float64Array;
}

/**
 * The splits of the run's sessions, as the engine applied them: at the open of the ex-date
 * session, before that session's fills, shares × ratio and prices ÷ ratio. Sorted by session.
 */
export interface Splits {
  /** Market session of the ex-date. */
  readonly session: Int32Array;
  readonly symbol: Int32Array;
  /** New shares per old share: 2 for a 2-for-1 split, 0.25 for a 1-for-4 reverse split. */
  readonly ratio: Float64Array;
}

/** Orders that could not fill (fully) on a session, and why (see DEFERRAL_NAMES). */
export interface Deferrals {
  readonly session: Int32Array;
  readonly symbol: Int32Array;
  readonly reason: Uint8Array;
  readonly remaining: Float64Array;
  /** The symbol's close on the deferral's session (NaN without a bar): what its remaining shares are worth there. Absent in results built without it. */
  readonly close?: Float64Array;
}

/**
 * The planner's skip rules, as SkippedTrades.rule codes (SKIP_RULE_NAMES: the engine settings that
 * set them): a trade whose notional is below `minTradeNotional`, or whose commission is above
 * `maxCommissionRate` of its notional.
 */
export const SkipRule = { minTradeNotional: 0, maxCommissionRate: 1 } as const;
export type SkipRule = (typeof SkipRule)[keyof typeof SkipRule];
export const SKIP_RULE_NAMES = ['minTradeNotional', 'maxCommissionRate'] as const;

/**
 * Trades a plan wanted and the skip rules dropped (closing a position is never dropped), one row
 * per trade and plan: the plan's market session (a decision's, or a waiting target's first price),
 * the symbol, the rule (SkipRule), `share` = |shares| × the plan's price / its NAV (what the trade
 * would have moved, ≥ 0) and `gross`, the change it would have made to gross exposure in the same
 * unit (> 0 for a trade that adds to a position, < 0 for one that reduces it). The holding stays
 * as it was until a later plan trades it.
 */
export interface SkippedTrades {
  readonly session: Int32Array;
  readonly symbol: Int32Array;
  readonly rule: Uint8Array;
  readonly share: Float64Array;
  readonly gross: Float64Array;
}

/**
 * Targets or a fill the account would not take. `rejected`: a decision whose targets breach the
 * limits (or short in a cash account) is dropped whole, as if the strategy had not decided;
 * gross and net are the targets'. `deferred`: a margin account cut a fill at its limit (symbol
 * names it; the rest of the order is a `margin-limit` deferral); gross and net are what the whole
 * fill would have reached (× NAV after it), the figures past the limit that explain the cut.
 * `closed`: a fill that only closed positions (never cut) took the book past a limit — a cover
 * whose funding sale rested; gross and net are where it went.
 */
export interface LeverageBreach {
  readonly session: number;
  readonly date: string;
  readonly gross: number;
  readonly net: number;
  /** The limits in force. */
  readonly maxGross: number;
  readonly maxNet: number;
  readonly action: 'rejected' | 'deferred' | 'closed';
  /** The symbol of a fill cut or closed at the limits, or of a waiting target rejected at its price (engine/execution/pendingTargets.ts: one row per target rejected); null for a rejected decision. */
  readonly symbol: string | null;
}

/** A position marked stale (see staleMarks.ts), with names and dates. */
export interface StaleMark {
  readonly symbol: string;
  readonly firstStaleDate: string;
  readonly sessions: number;
  /** Position value at the stale mark (signed currency). */
  readonly value: number;
  /** Largest |value| / NAV while stale. */
  readonly peakShare: number;
}

/** What happened in the run beyond its daily columns: when it really started, and how it ended. */
export interface RunFacts {
  /** The `from` the run asked for (null: from the data's start). */
  readonly requestedFrom: string | null;
  /** First session holding a position (null: never invested). */
  readonly firstInvestedDate: string | null;
  /** Sessions from the run's first session to its first investment (all of them when never invested). */
  readonly sessionsInCash: number;
  /** First session whose NAV was ≤ 0; no order was placed or filled after it. */
  readonly ruinDate: string | null;
  readonly staleMarks: readonly StaleMark[];
  /** Positions closed because their symbol's data ended before the run (fills with reason data-end). */
  readonly dataEndExits: readonly { readonly symbol: string; readonly date: string; readonly value: number }[];
  /**
   * Positions closed because their symbol was delisted (fills with reason delisting): the session
   * of the exit, the proceeds (signed, currency: negative for a short), the delisting return
   * applied to the last close, a fraction (null where the data gave none: closed at the last close),
   * and that last close (split-adjusted: the position's mark), which a −100 % return leaves no
   * other trace of.
   */
  readonly delistingExits: readonly { readonly symbol: string; readonly date: string; readonly value: number; readonly delistingReturn: number | null; readonly lastClose: number }[];
}

/** What a run was: engine version, strategy (name, params, schedule, source hash), data, period, execution convention (and whether it is look-ahead-prone), engine config, cost and user models, account and seed; stored with the run, enough to reproduce it. */
export interface Manifest {
  readonly engine: { readonly name: 'breadth'; readonly version: string };
  readonly strategy: { readonly name: string; readonly params: unknown; readonly schedule: string; readonly sourceHash: string | null };
  readonly data: {
    readonly name: string;
    readonly fingerprint: string;
    readonly synthetic: boolean;
    readonly sources: readonly { path: string; format: string; fingerprint: string; notes: readonly string[] }[];
  };
  readonly period: { readonly from: string; readonly to: string; readonly sessions: number };
  readonly execution: ExecutionConvention;
  /** True for same-close execution: decisions and fills on the same close. */
  readonly lookAheadProne: boolean;
  readonly config: EngineConfig;
  /** Each concern's execution model, by name (runs stored before issue 16 name commission and slippage only). */
  readonly costModels: Readonly<Record<ModelConcern, string>>;
  /**
   * The models a user brought (a model file, or an instance given to backtest()): each replaces
   * its concern's config setting, which stays at its default in `config` and is not used.
   */
  readonly userModels: readonly UserModelRecord[];
  /** The account kind (`cash` or `margin`) — also in config.account with its limits. */
  readonly account: string;
  readonly seed: number;
  /**
   * Symbols whose bars a year differ from the run's P (a weekday stock in a seven-day calendar:
   * 252 of 365; an illiquid name), read at the run's last session (engine/market/listing.ts): each
   * lookback counted on a symbol's own bars spans w × barsPerYear / P of them for a window of w
   * sessions (strategies/blocks/series.ts ownBars). Absent when every symbol trades on the calendar.
   */
  readonly ownBars?: { readonly periodsPerYear: number; readonly barsPerYear: Readonly<Record<string, number>> };
}

/**
 * A run's output (backtest): its manifest, symbols and session dates, the daily columns (NAV,
 * exposures, each cost and income line in currency), the fills and orders ledgers, decision
 * snapshots, deferrals, splits, leverage breaches, P&L, income and costs by symbol, and caveats.
 * Everything reports need, without replaying the run.
 */
export interface Result {
  readonly manifest: Manifest;
  readonly symbols: readonly string[];
  /** Session dates (epoch days) of the run. */
  readonly dates: Int32Array;
  /** Market session index of each run session. */
  readonly sessions: Int32Array;
  readonly daily: Readonly<Record<DailyColumn, Float64Array>>;
  readonly fills: Fills;
  readonly orders: Orders;
  readonly snapshots: Snapshots;
  /** Market sessions whose decision returned targets, ascending (accepted or not; a decision to hold nothing leaves no snapshot row). Absent in results built before it was recorded. */
  readonly decisionSessions?: Int32Array;
  /**
   * Market sessions whose decision returned explicit orders, ascending: each clears the standing
   * targets (RebalancePlanner.clearTargets), so from the first session its fills can reach until
   * the next decision with targets no target stands — the book is compared with none. Absent in
   * results built before it was recorded.
   */
  readonly clearedSessions?: Int32Array;
  /**
   * Whole-share runs: one row per accepted plan — a decision's targets, or targets that waited for
   * their symbol's price and were sized once it had one — with its market session and the share
   * of NAV (a fraction ≥ 0) that rounding the standing targets to whole shares left out of the
   * book: Σ |target shares − whole shares| × price / NAV, each symbol's at the plan that sized it
   * (RebalancePlanner.roundedAway). A row stands until the next. Absent with fractional shares and
   * in results built before it was recorded.
   */
  readonly roundedAway?: { readonly session: Int32Array; readonly share: Float64Array };
  readonly deferrals: Deferrals;
  /** Trades the planner's skip rules dropped. Absent in results built before it was recorded. */
  readonly skippedTrades?: SkippedTrades;
  /** Targets that waited for their symbol's price, each from its decision until ordered or replaced (engine/execution/pendingTargets.ts). Absent in results built without it. */
  readonly targetWaits?: readonly TargetWait[];
  /** Splits between the run's first and last sessions (fills before one are in pre-split shares). */
  readonly splits: Splits;
  readonly breaches: readonly LeverageBreach[];
  /** Cumulative price P&L per symbol over the run (excludes costs and dividends). */
  readonly pnlBySymbol: Float64Array;
  /** Per symbol: dividends received (long) minus paid (short), and costs charged. */
  readonly incomeBySymbol: Float64Array;
  readonly costBySymbol: Float64Array;
  readonly facts: RunFacts;
  /** What a reader must know before trusting the numbers, ranked most severe first (caveats.ts). */
  readonly caveats: readonly Caveat[];
}
