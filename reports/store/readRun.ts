// Reading runs back: the catalogue (listRuns, findRuns), one whole run (getRun: enough to
// re-render its report from SQLite alone), and deleteRun (the foreign keys cascade).
import type { Caveat } from '../../engine/caveats/caveats.ts';
import { DAILY_COLUMNS, type DailyColumn, type Manifest } from '../../engine/result.ts';
import type { DecompositionLine, ReturnDecomposition } from '../attribution/decomposition.ts';
import type { SymbolContribution } from '../attribution/contributors.ts';
import type { FactorRegression } from '../attribution/factorRegression.ts';
import type { DrawdownEpisode, Metric } from '../metrics/index.ts';
import { parseCanonicalJson } from './canonicalJson.ts';
import { readFloat64Blob } from './float64Blob.ts';
import { type Store, withStoreErrors } from './openStore.ts';
import { DAILY_SQL_COLUMNS } from './schema.ts';
import * as q from './queries.ts';

export type { RunRecord, StoredBreach, StoredDeferral, StoredFill, StoredOrder, StoredPosition, StoredSplit, StoredStaleMark, StoredSymbolInfo } from './queries.ts';

/** Daily series of a stored run, aligned with `dates` (NaN where SQLite holds NULL). */
export interface StoredDaily {
  dates: string[];
  /** NAV_k / NAV_{k−1} − 1 (NaN at the first session), and the benchmark and risk-free returns beside it. */
  navReturn: Float64Array;
  benchmarkReturn: Float64Array;
  /** The benchmark's value level on each session (NaN where it has none, or without a benchmark). */
  benchmarkLevel: Float64Array;
  riskFreeReturn: Float64Array;
  /** Fractions of NAV. */
  grossExposure: Float64Array;
  netExposure: Float64Array;
  columns: Record<DailyColumn, Float64Array>;
}

/** One whole stored run (getRun): its record, manifest, daily series, fills, orders, positions, metrics, drawdowns, attribution, deferrals, breaches, splits and caveats — enough to re-render its report from SQLite alone. */
export interface StoredRun {
  run: q.RunRecord;
  manifest: Manifest;
  daily: StoredDaily;
  fills: q.StoredFill[];
  /** Every order in id order; each fill names its order in `orderId`. */
  orders: q.StoredOrder[];
  positions: q.StoredPosition[];
  metrics: Metric[];
  drawdowns: DrawdownEpisode[];
  regressions: FactorRegression[];
  decomposition: ReturnDecomposition;
  /** Every symbol with P&L, income or cost, largest total first. */
  contributions: SymbolContribution[];
  deferrals: q.StoredDeferral[];
  breaches: q.StoredBreach[];
  staleMarks: q.StoredStaleMark[];
  /** The splits the run applied, in session order (none for runs stored before schema v7). */
  splits: q.StoredSplit[];
  /** Ranked, most severe first. */
  caveats: Caveat[];
  /** Sector and industry of the symbols the run traded, where the data has them. */
  symbols: q.StoredSymbolInfo[];
}

export interface RunFilter {
  strategy?: string;
  label?: string;
  dataFingerprint?: string;
  configHash?: string;
}

/** Every stored run, oldest first. */
export function listRuns(store: Store): q.RunRecord[] {
  return findRuns(store, {});
}

/** Runs matching every given field, oldest first. */
export function findRuns(store: Store, filter: RunFilter): q.RunRecord[] {
  const where: string[] = [];
  const params: Record<string, string> = {};
  const fields: [keyof RunFilter, string][] = [
    ['strategy', 'strategy'],
    ['label', 'label'],
    ['dataFingerprint', 'data_fingerprint'],
    ['configHash', 'config_hash'],
  ];
  for (const [key, column] of fields) {
    const value = filter[key];
    if (value === undefined) continue;
    where.push(`${column} = @${key}`);
    params[key] = value;
  }
  const sql = `${q.RUN_SELECT} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`;
  return withStoreErrors(store, () => store.db.prepare<Record<string, string>, q.RunRow>(sql).all(params).map(q.runRecord));
}

/** Delete a run and all its rows; false when there was no such run. */
export function deleteRun(store: Store, id: number): boolean {
  return withStoreErrors(store, () => store.db.prepare('DELETE FROM runs WHERE id = ?').run(id).changes > 0);
}

const nan = (x: number | null): number => x ?? NaN;

function readDaily(store: Store, id: number): StoredDaily {
  const extra = ['nav_return', 'benchmark_return', 'risk_free_return', 'gross_exposure', 'net_exposure', 'benchmark_level'];
  const names = [...extra, ...DAILY_SQL_COLUMNS];
  const rows = store.db
    .prepare<[number], (number | null)[]>(`SELECT ${names.join(', ')} FROM daily WHERE run_id = ? ORDER BY session`)
    .raw()
    .all(id);
  const column = (j: number): Float64Array => Float64Array.from(rows, (r) => nan(r[j]));
  const columns = {} as Record<DailyColumn, Float64Array>;
  DAILY_COLUMNS.forEach((c, j) => (columns[c] = column(extra.length + j)));
  const dates = store.db.prepare<[number], string>('SELECT date FROM daily WHERE run_id = ? ORDER BY session').pluck().all(id);
  return { dates, navReturn: column(0), benchmarkReturn: column(1), benchmarkLevel: column(5), riskFreeReturn: column(2), grossExposure: column(3), netExposure: column(4), columns };
}

function readRegressions(store: Store, id: number): FactorRegression[] {
  const loadings = store.db.prepare<[number], q.LoadingRow>(q.LOADING_SELECT).all(id);
  return store.db
    .prepare<[number], q.ModelRow>(q.MODEL_SELECT)
    .all(id)
    .map(({ note, ...model }) => ({
      ...model,
      loadings: loadings.filter((l) => l.model === model.model).map(({ factor, loading, stdError, tStat, mean }) => ({ factor, loading, stdError, tStat, mean })),
      ...(note === null ? {} : { note }),
    }));
}

function readDecomposition(store: Store, run: q.RunRecord): ReturnDecomposition {
  const lines = store.db.prepare<[number], DecompositionLine>(q.DECOMPOSITION_SELECT).all(run.id);
  const endNav = run.finalNav ?? run.initialCash;
  const navChange = endNav - run.initialCash;
  return { startNav: run.initialCash, endNav, navChange, lines, residual: navChange - lines.reduce((s, l) => s + l.amount, 0) };
}

/**
 * Every decision's holdings: the stored rows, and for a decision that repeated an earlier book the
 * earlier rows re-dated with that close's marks (`decisions.marks`), valued against that close's
 * NAV (`nav`, by session). Runs stored before schema v5 have no decisions rows: their positions
 * are all stored; before v9 a repeated book has no marks (price, value and weight null).
 */
function expandPositions(stored: q.StoredPosition[], decisions: q.DecisionRow[], nav: Float64Array): q.StoredPosition[] {
  if (decisions.length === 0) return stored;
  const bySession = new Map<number, q.StoredPosition[]>();
  for (const row of stored) {
    const rows = bySession.get(row.session);
    if (rows) rows.push(row);
    else bySession.set(row.session, [row]);
  }
  return decisions.flatMap((d) => {
    const rows = bySession.get(d.positionsSession) ?? [];
    if (d.positionsSession === d.session) return rows;
    const marks = d.marks === null ? undefined : readFloat64Blob(d.marks);
    if (marks !== undefined && marks.length !== rows.length) throw new RangeError(`decision of ${d.date} holds ${marks.length} marks for the ${rows.length} rows of ${rows[0]?.date ?? 'its book'}; the store is damaged`);
    return rows.map((r, j) => ({
      ...r,
      session: d.session,
      date: d.date,
      ...(marks === undefined ? { price: null, value: null, weight: null } : q.markedPosition(r.shares, marks[j], nav[d.session])),
      unchangedSince: r.date,
    }));
  });
}

/** One run, whole; undefined when there is no run with that id. */
export function getRun(store: Store, id: number): StoredRun | undefined {
  return withStoreErrors(store, () =>
    // One read transaction: a concurrent writer cannot slip rows in between the queries.
    store.db.transaction((): StoredRun | undefined => {
      const row = store.db.prepare<[number], q.RunRow>(`${q.RUN_SELECT} WHERE id = ?`).get(id);
      if (row === undefined) return undefined;
      const run = q.runRecord(row);
      const all = <T>(sql: string): T[] => store.db.prepare<[number], T>(sql).all(id);
      const daily = readDaily(store, id);
      return {
        run,
        manifest: parseCanonicalJson(row.manifest) as Manifest,
        daily,
        fills: all<q.StoredFill>(q.FILL_SELECT),
        orders: all<q.StoredOrder>(q.ORDER_SELECT),
        positions: expandPositions(all<q.StoredPosition>(q.POSITION_SELECT), all<q.DecisionRow>(q.DECISION_SELECT), daily.columns.nav),
        metrics: all<q.MetricRow>(q.METRIC_SELECT).map(({ note, ...m }) => (note === null ? m : { ...m, note })),
        drawdowns: all<q.DrawdownRow>(q.DRAWDOWN_SELECT).map((d) => ({ ...d, open: d.open === 1 })),
        regressions: readRegressions(store, id),
        decomposition: readDecomposition(store, run),
        contributions: all<SymbolContribution>(q.CONTRIBUTION_SELECT),
        deferrals: all<q.StoredDeferral>(q.DEFERRAL_SELECT),
        breaches: all<q.StoredBreach>(q.BREACH_SELECT),
        staleMarks: all<q.StoredStaleMark>(q.STALE_MARK_SELECT),
        splits: all<q.StoredSplit>(q.SPLIT_SELECT),
        caveats: all<q.CaveatRow>(q.CAVEAT_SELECT).map((c) => ({ ...c, symbols: JSON.parse(c.symbols) as string[] })),
        symbols: all<q.StoredSymbolInfo>(q.SYMBOL_SELECT),
      };
    })(),
  );
}
