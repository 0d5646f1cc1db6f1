// Writing one run: every row of it in ONE write transaction, so a run that fails or is killed
// half-way leaves nothing behind (SQLite rolls an unfinished transaction back on the next open).
// Everything derived (hashes, dates, decomposition) is computed before the write lock is taken.
import { isoDay } from '../../data/dates.ts';
import { DEFERRAL_NAMES, ORDER_END_NAMES, ORDER_ORIGIN_NAMES, ORDER_STATUS_NAMES, ORDER_TYPE_NAMES, OrderEnd, TIF_NAMES } from '../../engine/execution/orders.ts';
import { rankCaveats } from '../../engine/caveats/caveats.ts';
import { DAILY_COLUMNS, FILL_REASON_NAMES, FillReason, type Result } from '../../engine/result.ts';
import { symbolContributions } from '../attribution/contributors.ts';
import { returnDecomposition } from '../attribution/decomposition.ts';
import type { FactorRegression } from '../attribution/factorRegression.ts';
import { wealthReturns } from '../metrics/wealthReturns.ts';
import { UserError } from '../../data/errors.ts';
import { navFingerprint } from '../navFingerprint.ts';
import type { RunMetrics } from '../runMetrics.ts';
import { BatchInsert, real } from './batchInsert.ts';
import { canonicalJson, sha256 } from './canonicalJson.ts';
import { fillsHash } from './fillsHash.ts';
import { float64Blob } from './float64Blob.ts';
import { ordersHash } from './ordersHash.ts';
import { type Store, withStoreErrors } from './openStore.ts';
import { markedPosition } from './queries.ts';
import { DAILY_SQL_COLUMNS } from './schema.ts';

export interface RunToWrite {
  result: Result;
  /** runMetrics(result, …) of this very result. */
  metrics: RunMetrics;
  /** Factor regressions (attributeRun). The decomposition and contributions come from the result. */
  attribution?: { readonly regressions: readonly FactorRegression[] };
  label?: string;
  /**
   * Sector and industry labels per symbol, aligned with `result.symbols` (the market's
   * `sector`/`industry`); the store keeps those of the symbols the run traded.
   */
  sectors?: { readonly sector: readonly string[]; readonly industry: readonly string[] };
}

const bit = (x: boolean): number => (x ? 1 : 0);

/** The metrics must be runMetrics of this very result: the same sessions and NAV (navFingerprint), else a UserError before anything is written. */
function checkMetrics(result: Result, metrics: RunMetrics): void {
  if (metrics.navFingerprint !== navFingerprint(result)) {
    const n = Math.max(result.daily.nav.length - 1, 0);
    throw new UserError(`writeRun: these metrics were measured on another result (they cover ${metrics.riskFreeReturns.length} returns; this result has ${n}, with another NAV or other dates): pass metrics: runMetrics(result) of the result you store`);
  }
}

/** Every fill that names an order names one of the result's: the check SQLite's foreign key made, done once here (see withoutForeignKeyChecks). */
function checkFillOrders(result: Result): void {
  const ids = new Set(result.orders.id);
  const f = result.fills;
  for (let k = 0; k < f.orderId.length; k++) {
    if (f.orderId[k] !== 0 && !ids.has(f.orderId[k])) throw new RangeError(`fill ${k + 1} names order ${f.orderId[k]}, which the result does not hold`);
  }
}

function insertRunRow(store: Store, run: RunToWrite, hashes: { fills: string; orders: string }): number {
  const { result, metrics } = run;
  const m = result.manifest;
  const nav = result.daily.nav;
  const row = {
    created_at: new Date().toISOString(),
    label: run.label ?? null,
    strategy: m.strategy.name,
    schedule: m.strategy.schedule,
    params: canonicalJson(m.strategy.params ?? null),
    manifest: canonicalJson(m),
    engine_version: m.engine.version,
    config_hash: sha256(canonicalJson(m.config)),
    strategy_source_hash: m.strategy.sourceHash,
    data_name: m.data.name,
    data_fingerprint: m.data.fingerprint,
    fills_hash: hashes.fills,
    orders_hash: hashes.orders,
    synthetic: bit(m.data.synthetic),
    execution: m.execution,
    look_ahead_prone: bit(m.lookAheadProne),
    seed: m.seed,
    period_from: m.period.from,
    period_to: m.period.to,
    sessions: nav.length,
    universe_size: result.symbols.length,
    initial_cash: m.config.initialCash,
    final_nav: nav.length > 0 ? real(nav[nav.length - 1]) : null,
    metric_convention: metrics.convention,
    periods_per_year: metrics.periodsPerYear,
    risk_free_source: metrics.riskFree.source,
    risk_free_kind: metrics.riskFree.kind,
    risk_free_mean: metrics.riskFree.meanPerPeriod,
    benchmark: metrics.benchmark,
    downside_target: metrics.downsideTarget,
    omega_threshold: metrics.omegaThreshold,
    account: m.account,
    requested_from: result.facts.requestedFrom,
    first_invested_date: result.facts.firstInvestedDate,
    sessions_in_cash: result.facts.sessionsInCash,
    ruin_date: result.facts.ruinDate,
  };
  const columns = Object.keys(row);
  const sql = `INSERT INTO runs (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`;
  return Number(store.db.prepare(sql).run(row).lastInsertRowid);
}

function insertDaily(store: Store, id: number, result: Result, metrics: RunMetrics, dates: readonly string[]): void {
  const d = result.daily;
  const rows = new BatchInsert(store.db, 'daily', ['session', 'date', 'nav_return', 'benchmark_return', 'benchmark_level', 'risk_free_return', 'gross_exposure', 'net_exposure', ...DAILY_SQL_COLUMNS], { run_id: id });
  const navReturn = wealthReturns(d.nav); // none after a ruin: a return from a NAV ≤ 0 flips sign
  for (let k = 0; k < d.nav.length; k++) {
    const nav = d.nav[k];
    const long = d.longValue[k];
    const short = Math.abs(d.shortValue[k]);
    const exposed = nav > 0;
    rows.add(
      k,
      dates[k],
      k > 0 ? real(navReturn[k - 1]) : null,
      k > 0 && metrics.benchmarkReturns !== null ? real(metrics.benchmarkReturns[k - 1]) : null,
      metrics.benchmarkLevels !== null ? real(metrics.benchmarkLevels[k]) : null,
      k > 0 ? real(metrics.riskFreeReturns[k - 1]) : null,
      exposed ? (long + short) / nav : null,
      exposed ? (long - short) / nav : null,
      ...DAILY_COLUMNS.map((c) => real(d[c][k])),
    );
  }
  rows.flush();
}

/** The columns of a rebalance's market order that filled, never amended, the same for all of them (most orders of most runs). */
const FILLED_REBALANCE_ORDER = { type: 'market', limit_price: null, stop_price: null, tif: 'gtc', origin: 'targets', status: 'filled', reason: null, amended_session: null, amended_date: null } as const;

/** Every order; before the fills, which reference them. */
function insertOrders(store: Store, id: number, result: Result, dates: readonly string[]): void {
  const first = result.sessions.length > 0 ? result.sessions[0] : 0;
  const o = result.orders;
  const orders = new BatchInsert(store.db, 'orders', ['id', 'session', 'date', 'symbol', 'quantity', 'amended_session', 'amended_date', 'decided_quantity', 'type', 'limit_price', 'stop_price', 'tif', 'origin', 'filled', 'status', 'reason', 'end_session', 'end_date'], { run_id: id });
  // The common shape binds 8 values instead of 15 (the rest are written into its statement).
  const filledRebalance = new BatchInsert(store.db, 'orders', ['id', 'session', 'date', 'symbol', 'quantity', 'filled', 'end_session', 'end_date'], { run_id: id, ...FILLED_REBALANCE_ORDER });
  for (let k = 0; k < o.id.length; k++) {
    const s = o.session[k] - first;
    const e = o.endSession[k] - first;
    const [type, tif, origin, status] = [ORDER_TYPE_NAMES[o.type[k]], TIF_NAMES[o.tif[k]], ORDER_ORIGIN_NAMES[o.origin[k]], ORDER_STATUS_NAMES[o.status[k]]];
    const reason = o.end[k] === OrderEnd.filled ? null : ORDER_END_NAMES[o.end[k]];
    const [limit, stop] = [real(o.limit[k]), real(o.stop[k])];
    const f = FILLED_REBALANCE_ORDER;
    const a = o.amendedAt[k] < 0 ? null : o.amendedAt[k] - first;
    if (type === f.type && limit === f.limit_price && stop === f.stop_price && tif === f.tif && origin === f.origin && status === f.status && reason === f.reason && a === null) {
      filledRebalance.add(o.id[k], s, dates[s], result.symbols[o.symbol[k]], o.quantity[k], o.filled[k], e, dates[e]);
    } else orders.add(o.id[k], s, dates[s], result.symbols[o.symbol[k]], o.quantity[k], a, a === null ? null : dates[a], a === null ? null : o.decided[k], type, limit, stop, tif, origin, o.filled[k], status, reason, e, dates[e]);
  }
  filledRebalance.flush();
  orders.flush();
}

function insertLedger(store: Store, id: number, result: Result, dates: readonly string[]): void {
  const first = result.sessions.length > 0 ? result.sessions[0] : 0;
  insertOrders(store, id, result, dates);
  const f = result.fills;
  const fills = new BatchInsert(store.db, 'fills', ['seq', 'session', 'date', 'symbol', 'quantity', 'price', 'reference_price', 'commission', 'slippage', 'order_id', 'reason'], { run_id: id });
  const orderFills = new BatchInsert(store.db, 'fills', ['seq', 'session', 'date', 'symbol', 'quantity', 'price', 'reference_price', 'commission', 'slippage', 'order_id'], { run_id: id, reason: FILL_REASON_NAMES[FillReason.order] });
  for (let k = 0; k < f.session.length; k++) {
    const s = f.session[k] - first;
    const symbol = result.symbols[f.symbol[k]];
    if (f.reason[k] === FillReason.order) orderFills.add(k, s, dates[s], symbol, f.quantity[k], f.price[k], f.referencePrice[k], f.commission[k], f.slippage[k], f.orderId[k] === 0 ? null : f.orderId[k]);
    else fills.add(k, s, dates[s], symbol, f.quantity[k], f.price[k], f.referencePrice[k], f.commission[k], f.slippage[k], f.orderId[k] === 0 ? null : f.orderId[k], FILL_REASON_NAMES[f.reason[k]]);
  }
  orderFills.flush();
  fills.flush();

  insertPositions(store, id, result, dates);

  const q = result.deferrals;
  const deferrals = new BatchInsert(store.db, 'deferrals', ['seq', 'session', 'date', 'symbol', 'reason', 'remaining'], { run_id: id });
  for (let k = 0; k < q.session.length; k++) {
    const s = q.session[k] - first;
    deferrals.add(k, s, dates[s], result.symbols[q.symbol[k]], DEFERRAL_NAMES[q.reason[k]], q.remaining[k]);
  }
  deferrals.flush();

  const breaches = new BatchInsert(store.db, 'breaches', ['seq', 'session', 'date', 'gross', 'net', 'max_gross', 'max_net', 'action', 'symbol'], { run_id: id });
  result.breaches.forEach((b, k) => breaches.add(k, b.session - first, b.date, real(b.gross), real(b.net), b.maxGross, b.maxNet, b.action, b.symbol));
  breaches.flush();
  const staleMarks = new BatchInsert(store.db, 'stale_marks', ['seq', 'symbol', 'first_stale_date', 'sessions', 'value', 'peak_share'], { run_id: id });
  result.facts.staleMarks.forEach((e, k) => staleMarks.add(k, e.symbol, e.firstStaleDate, e.sessions, e.value, real(e.peakShare)));
  staleMarks.flush();

  const sp = result.splits;
  const splits = new BatchInsert(store.db, 'splits', ['seq', 'session', 'date', 'symbol', 'ratio'], { run_id: id });
  for (let k = 0; k < sp.session.length; k++) splits.add(k, sp.session[k] - first, dates[sp.session[k] - first], result.symbols[sp.symbol[k]], sp.ratio[k]);
  splits.flush();
}

/** Sectors of the symbols the run traded (any fill), where the data labels them. */
function insertSymbols(store: Store, id: number, run: RunToWrite): void {
  const labels = run.sectors;
  if (labels === undefined) return;
  const rows = new BatchInsert(store.db, 'symbols', ['symbol', 'sector', 'industry'], { run_id: id });
  for (const i of new Set(run.result.fills.symbol)) {
    const sector = labels.sector[i] ?? '';
    const industry = labels.industry[i] ?? '';
    if (sector !== '' || industry !== '') rows.add(run.result.symbols[i], sector, industry);
  }
  rows.flush();
}

/**
 * Every decision goes to `decisions`; its holdings go to `positions` only when they differ from
 * the last stored decision's (same symbols, shares and target weights), else the decision names
 * the session whose rows it repeats and keeps only this close's mark of each (`marks`, a Float64
 * BLOB in the stored rows' order). A run that holds 2,000 names and decides every session without
 * trading stores its book once, then 16 KB of marks a session instead of 2,000 rows.
 */
function insertPositions(store: Store, id: number, result: Result, dates: readonly string[]): void {
  const first = result.sessions.length > 0 ? result.sessions[0] : 0;
  const p = result.snapshots;
  const positions = new BatchInsert(store.db, 'positions', ['seq', 'session', 'date', 'symbol', 'shares', 'price', 'value', 'weight', 'target_weight'], { run_id: id });
  const decisions = new BatchInsert(store.db, 'decisions', ['session', 'date', 'positions_session', 'marks'], { run_id: id });
  let stored = { from: 0, to: 0, session: -1 };
  for (let from = 0; from < p.session.length; ) {
    let to = from;
    while (to < p.session.length && p.session[to] === p.session[from]) to++;
    const s = p.session[from] - first;
    const repeats = stored.session >= 0 && sameBook(p, stored.from, stored.to, from, to);
    if (!repeats) {
      for (let k = from; k < to; k++) {
        const { price, value, weight } = markedPosition(p.shares[k], p.price[k], result.daily.nav[s]);
        positions.add(k, s, dates[s], result.symbols[p.symbol[k]], p.shares[k], price, value, weight, real(p.targetWeight[k]));
      }
      stored = { from, to, session: s };
    }
    decisions.add(s, dates[s], stored.session, repeats ? float64Blob(p.price.subarray(from, to)) : null);
    from = to;
  }
  positions.flush();
  decisions.flush();
}

/** Rows [a, b) and [c, d) hold the same symbols with the same shares and target weights. */
function sameBook(p: Result['snapshots'], a: number, b: number, c: number, d: number): boolean {
  if (b - a !== d - c) return false;
  for (let k = 0; k < b - a; k++) {
    if (p.symbol[a + k] !== p.symbol[c + k] || p.shares[a + k] !== p.shares[c + k]) return false;
    const x = p.targetWeight[a + k];
    const y = p.targetWeight[c + k];
    if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
  }
  return true;
}

/** The run's caveats and the measurement's, ranked together. */
function insertCaveats(store: Store, id: number, run: RunToWrite): void {
  const warnings = new BatchInsert(store.db, 'warnings', ['seq', 'message', 'code', 'severity', 'size', 'unit', 'symbols'], { run_id: id });
  rankCaveats([...run.result.caveats, ...run.metrics.caveats]).forEach((c, k) => warnings.add(k, c.message, c.code, c.severity, c.size === null ? null : real(c.size), c.unit, JSON.stringify(c.symbols)));
  warnings.flush();
}

function insertFigures(store: Store, id: number, run: RunToWrite): void {
  const { result, metrics } = run;
  const figures = new BatchInsert(store.db, 'metrics', ['seq', 'name', 'value', 'n', 'note'], { run_id: id });
  metrics.metrics.forEach((m, k) => figures.add(k, m.name, m.value, m.n, m.note ?? null));
  figures.flush();

  const drawdowns = new BatchInsert(store.db, 'drawdowns', ['seq', 'peak_session', 'trough_session', 'recovery_session', 'peak_date', 'trough_date', 'recovery_date', 'depth', 'length', 'time_to_trough', 'open'], { run_id: id });
  metrics.drawdowns.forEach((e, k) => drawdowns.add(k, e.peak, e.trough, e.recovery, e.peakDate, e.troughDate, e.recoveryDate, e.depth, e.length, e.timeToTrough, bit(e.open)));
  drawdowns.flush();

  const models = new BatchInsert(store.db, 'attribution_models', ['model', 'seq', 'frequency', 'periods_per_year', 'n', 'date_from', 'date_to', 'alpha', 'alpha_std_error', 'alpha_t', 'alpha_annualized', 'r_squared', 'adj_r_squared', 'mean_excess', 'note'], { run_id: id });
  const loadings = new BatchInsert(store.db, 'attribution', ['model', 'seq', 'factor', 'loading', 'std_error', 't_stat', 'factor_mean'], { run_id: id });
  const regressions = run.attribution?.regressions ?? [];
  regressions.forEach((r, seq) => models.add(r.model, seq, r.frequency, r.periodsPerYear, r.n, r.from, r.to, r.alpha, r.alphaStdError, r.alphaT, r.alphaAnnualized, r.rSquared, r.adjRSquared, r.meanExcess, r.note ?? null));
  models.flush(); // before the loadings: they reference their model's row
  for (const r of regressions) r.loadings.forEach((l, k) => loadings.add(r.model, k, l.factor, l.loading, l.stdError, l.tStat, l.mean));
  loadings.flush();

  const lines = new BatchInsert(store.db, 'decomposition', ['seq', 'line', 'kind', 'amount', 'share'], { run_id: id });
  returnDecomposition(result).lines.forEach((l, k) => lines.add(k, l.line, l.kind, l.amount, real(l.share)));
  lines.flush();

  const contributions = new BatchInsert(store.db, 'contributions', ['rank', 'symbol', 'price_pnl', 'income', 'cost', 'total'], { run_id: id });
  symbolContributions(result).forEach((c, k) => contributions.add(k + 1, c.symbol, c.pricePnl, c.income, c.cost, c.total));
  contributions.flush();
}

/**
 * Store a run with its metrics and attribution in one transaction; returns its id.
 * @throws UserError when `run.metrics` is not runMetrics of `run.result` (another NAV or other dates), before anything is written.
 */
export function writeRun(store: Store, run: RunToWrite): number {
  checkMetrics(run.result, run.metrics);
  checkFillOrders(run.result);
  const hashes = { fills: fillsHash(run.result.fills, run.result), orders: ordersHash(run.result.orders, run.result) };
  const dates = Array.from(run.result.dates, isoDay);
  return withStoreErrors(store, () =>
    withoutForeignKeyChecks(store, () =>
      // IMMEDIATE: take the write lock at BEGIN, so a concurrent writer waits (busy timeout)
      // instead of failing when a read transaction would have to be upgraded.
      store.db
        .transaction(() => {
          const id = insertRunRow(store, run, hashes);
          insertDaily(store, id, run.result, run.metrics, dates);
          insertLedger(store, id, run.result, dates);
          insertFigures(store, id, run);
          insertCaveats(store, id, run);
          insertSymbols(store, id, run);
          return id;
        })
        .immediate(),
    ),
  );
}

/**
 * Run `write` with SQLite's per-row foreign-key lookups off: every ledger row checks its run, and
 * every fill its order, which cost a tenth of a large run's write (bench/storeWrite.ts). writeRun
 * inserts each parent row before its children from one Result and checks the fills' orders
 * beforehand (checkFillOrders), so there is nothing for them to find; the setting is restored after, whatever happens. Inside an open transaction SQLite
 * ignores the pragma and the checks stay on.
 */
function withoutForeignKeyChecks<T>(store: Store, write: () => T): T {
  const db = store.db;
  if (db.inTransaction || db.pragma('foreign_keys', { simple: true }) !== 1) return write();
  db.pragma('foreign_keys = OFF');
  try {
    return write();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}
