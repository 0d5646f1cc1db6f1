// The SELECTs behind readRun.ts, aliased to camelCase so rows come back in the shapes the rest
// of breadth uses, and the row types they produce.
import type { Caveat } from '../../engine/caveats/caveats.ts';
import type { FactorRegression } from '../attribution/index.ts';
import type { DrawdownEpisode } from '../metrics/index.ts';
import { parseCanonicalJson } from './canonicalJson.ts';
import { real } from './batchInsert.ts';

/** A stored run's catalogue entry: the `runs` row without the manifest text. */
export interface RunRecord {
  id: number;
  createdAt: string;
  label: string | null;
  strategy: string;
  schedule: string;
  params: unknown;
  engineVersion: string;
  configHash: string;
  strategySourceHash: string | null;
  dataName: string;
  dataFingerprint: string;
  fillsHash: string;
  /** sha256 of the order record (ordersHash.ts); null for runs stored before schema v3. */
  ordersHash: string | null;
  synthetic: boolean;
  execution: string;
  lookAheadProne: boolean;
  seed: number;
  periodFrom: string;
  periodTo: string;
  sessions: number;
  universeSize: number;
  initialCash: number;
  finalNav: number | null;
  metricConvention: string;
  periodsPerYear: number;
  riskFreeSource: string;
  riskFreeKind: string;
  riskFreeMean: number | null;
  benchmark: string | null;
  downsideTarget: number;
  omegaThreshold: number;
  /** `cash` or `margin` (runs stored before schema v2 read as margin: they could borrow). */
  account: string;
  /** What the run asked for and what it did: see engine/result.ts RunFacts. */
  requestedFrom: string | null;
  firstInvestedDate: string | null;
  sessionsInCash: number | null;
  ruinDate: string | null;
}

/** RunRecord as SQLite returns it: JSON as text, flags as 0/1, plus the manifest text. */
export type RunRow = Omit<RunRecord, 'params' | 'synthetic' | 'lookAheadProne'> & { params: string; synthetic: number; lookAheadProne: number; manifest: string };

export const RUN_SELECT = `SELECT id, created_at AS createdAt, label, strategy, schedule, params, manifest,
  engine_version AS engineVersion, config_hash AS configHash, strategy_source_hash AS strategySourceHash,
  data_name AS dataName, data_fingerprint AS dataFingerprint, fills_hash AS fillsHash, orders_hash AS ordersHash, synthetic, execution,
  look_ahead_prone AS lookAheadProne, seed, period_from AS periodFrom, period_to AS periodTo, sessions,
  universe_size AS universeSize, initial_cash AS initialCash, final_nav AS finalNav,
  metric_convention AS metricConvention, periods_per_year AS periodsPerYear, risk_free_source AS riskFreeSource,
  risk_free_kind AS riskFreeKind, risk_free_mean AS riskFreeMean, benchmark, downside_target AS downsideTarget,
  omega_threshold AS omegaThreshold, account, requested_from AS requestedFrom,
  first_invested_date AS firstInvestedDate, sessions_in_cash AS sessionsInCash, ruin_date AS ruinDate
FROM runs`;

export function runRecord(row: RunRow): RunRecord {
  const { manifest: _manifest, params, synthetic, lookAheadProne, ...rest } = row;
  return { ...rest, params: parseCanonicalJson(params), synthetic: synthetic === 1, lookAheadProne: lookAheadProne === 1 };
}

/** `session` is the run's session index (0 = its first session). */
export interface StoredFill {
  session: number;
  date: string;
  symbol: string;
  quantity: number;
  price: number;
  referencePrice: number;
  commission: number;
  slippage: number;
  /** The order it filled (orders.id); null for a fill no order asked for (reason delisting, data-end, split-cash). */
  orderId: number | null;
  reason: string;
}

export const FILL_SELECT = `SELECT session, date, symbol, quantity, price, reference_price AS referencePrice, commission,
  slippage, order_id AS orderId, reason FROM fills WHERE run_id = ? ORDER BY seq`;

/**
 * An order and how it ended (names in engine/execution/orders.ts). `session`/`endSession` are run session
 * indices. Runs stored before schema v4 have `unrecorded` orders: only symbol and filled are known,
 * the rest is null.
 */
export interface StoredOrder {
  id: number;
  session: number | null;
  date: string | null;
  symbol: string;
  /** Requested signed shares, as decided (as last amended, when amendedDate is set). */
  quantity: number | null;
  /** The last decision that amended it (a later rebalance for the same symbol and direction); null when none. */
  amendedSession: number | null;
  amendedDate: string | null;
  /** Signed shares its first decision asked for, when a later one amended it (v10); null when never amended, and for runs stored before v10. */
  decidedQuantity: number | null;
  type: string | null;
  limitPrice: number | null;
  stopPrice: number | null;
  tif: string | null;
  origin: string | null;
  /** Signed shares filled, as traded. */
  filled: number;
  status: string;
  /** How it ended short of filled (null when filled, and for unrecorded orders). */
  reason: string | null;
  endSession: number | null;
  endDate: string | null;
}

export const ORDER_SELECT = `SELECT id, session, date, symbol, quantity, amended_session AS amendedSession, amended_date AS amendedDate,
  decided_quantity AS decidedQuantity, type, limit_price AS limitPrice, stop_price AS stopPrice, tif, origin, filled, status, reason, end_session AS endSession, end_date AS endDate
  FROM orders WHERE run_id = ? ORDER BY id`;

/**
 * Holdings at a decision's close; price = the mark the NAV used that close (the close, or the
 * last close where the run marked stale; the last close for a target not held), value = shares ×
 * price, weight = value / that session's NAV (null where there was no mark). A decision whose
 * holdings and targets were those of an earlier decision is stored once (see writeRun): its rows
 * repeat the earlier shares and target weights with this close's marks (`decisions.marks`), and
 * `unchangedSince` names the earlier decision's date. Runs stored before schema v9 kept no marks
 * for such a decision: its price, value and weight read null.
 */
export interface StoredPosition {
  session: number;
  date: string;
  symbol: string;
  shares: number;
  price: number | null;
  value: number | null;
  weight: number | null;
  targetWeight: number | null;
  unchangedSince?: string;
}

export const DECISION_SELECT = 'SELECT session, date, positions_session AS positionsSession, marks FROM decisions WHERE run_id = ? ORDER BY session';
/** `marks`: a Float64 BLOB of this close's mark per row of the repeated book (null: own rows, or stored before v9). */
export type DecisionRow = { session: number; date: string; positionsSession: number; marks: Buffer | null };

/**
 * Price, value (shares × price, currency) and weight (value / nav, a fraction) of one holding at
 * one close, NaN stored as null: the one formula the store writes and reads positions with.
 */
export function markedPosition(shares: number, price: number, nav: number): { price: number | null; value: number | null; weight: number | null } {
  const value = shares * price;
  return { price: real(price), value: real(value), weight: real(value / nav) };
}

export const POSITION_SELECT = `SELECT session, date, symbol, shares, price, value, weight, target_weight AS targetWeight
  FROM positions WHERE run_id = ? ORDER BY seq`;

export type MetricRow = { name: string; value: number | null; n: number; note: string | null };
export const METRIC_SELECT = 'SELECT name, value, n, note FROM metrics WHERE run_id = ? ORDER BY seq';

/** A drawdown episode as SQLite returns it: the open flag as 0/1. */
export type DrawdownRow = Omit<DrawdownEpisode, 'open'> & { open: number };
export const DRAWDOWN_SELECT = `SELECT peak_session AS peak, trough_session AS trough, recovery_session AS recovery,
  peak_date AS peakDate, trough_date AS troughDate, recovery_date AS recoveryDate, depth, length,
  time_to_trough AS timeToTrough, open FROM drawdowns WHERE run_id = ? ORDER BY seq`;

/** A fitted model as SQLite returns it: no loadings (their own table), the note as NULL when absent. */
export type ModelRow = Omit<FactorRegression, 'loadings' | 'note'> & { note: string | null };
export const MODEL_SELECT = `SELECT model, frequency, periods_per_year AS periodsPerYear, n, date_from AS "from", date_to AS "to",
  alpha, alpha_std_error AS alphaStdError, alpha_t AS alphaT, alpha_annualized AS alphaAnnualized,
  r_squared AS rSquared, adj_r_squared AS adjRSquared, mean_excess AS meanExcess, note FROM attribution_models WHERE run_id = ? ORDER BY seq`;

export type LoadingRow = { model: string; factor: string; loading: number | null; stdError: number | null; tStat: number | null; mean: number | null };
export const LOADING_SELECT = `SELECT model, factor, loading, std_error AS stdError, t_stat AS tStat, factor_mean AS mean
  FROM attribution WHERE run_id = ? ORDER BY model, seq`;

export const DECOMPOSITION_SELECT = 'SELECT line, kind, amount, share FROM decomposition WHERE run_id = ? ORDER BY seq';

export const CONTRIBUTION_SELECT = `SELECT symbol, price_pnl AS pricePnl, income, cost, total
  FROM contributions WHERE run_id = ? ORDER BY rank`;

export interface StoredDeferral {
  session: number;
  date: string;
  symbol: string;
  reason: string;
  /** Shares still to trade; null when unknown (a target with no price to size it). */
  remaining: number | null;
}
export const DEFERRAL_SELECT = 'SELECT session, date, symbol, reason, remaining FROM deferrals WHERE run_id = ? ORDER BY seq';

export interface StoredBreach {
  session: number;
  date: string;
  gross: number;
  net: number;
  maxGross: number | null;
  maxNet: number | null;
  action: string;
  /** The symbol of a fill cut at the limits (action `deferred`) or of a waiting target rejected at its price (`rejected`); null for a rejected decision. */
  symbol: string | null;
}
export const BREACH_SELECT = `SELECT session, date, gross, net, max_gross AS maxGross, max_net AS maxNet, action, symbol
  FROM breaches WHERE run_id = ? ORDER BY seq`;

export type { StaleMark as StoredStaleMark } from '../../engine/result.ts';
export const STALE_MARK_SELECT = `SELECT symbol, first_stale_date AS firstStaleDate, sessions, value, peak_share AS peakShare
  FROM stale_marks WHERE run_id = ? ORDER BY seq`;

/** A split the run applied at the open of `date`: new shares per old share (2 for 2-for-1, 0.25 for 1-for-4). */
export interface StoredSplit {
  date: string;
  symbol: string;
  ratio: number;
}
export const SPLIT_SELECT = 'SELECT date, symbol, ratio FROM splits WHERE run_id = ? ORDER BY seq';

/** A caveat as SQLite returns it: symbols as JSON text. */
export type CaveatRow = Omit<Caveat, 'symbols'> & { symbols: string };
export const CAVEAT_SELECT = 'SELECT code, severity, message, size, unit, symbols FROM warnings WHERE run_id = ? ORDER BY seq';

/** Sector and industry of a symbol the run traded ("" when the data has none). */
export interface StoredSymbolInfo {
  symbol: string;
  sector: string;
  industry: string;
}
export const SYMBOL_SELECT = 'SELECT symbol, sector, industry FROM symbols WHERE run_id = ? ORDER BY symbol';
