// The trial registry: every trial of a sweep or walk-forward in the results store (schema v3,
// reports/SCHEMA.md). A trial is stored once under its key, in its own write transaction, so a
// sweep killed at any moment keeps every trial it finished and none half-written. The registry is
// also what a deflated Sharpe ratio counts: the trials recorded for a strategy on a dataset.

import type { EngineConfig } from '../../engine/config.ts';
import { type SharpeMoments, type SharpeTrials, sharpeTrialsOf } from '../metrics/index.ts';
import { canonicalJson, parseCanonicalJson } from './canonicalJson.ts';
import { float64Blob, readFloat64Blob } from './float64Blob.ts';
import { type Store, withStoreErrors } from './openStore.ts';

/** What a trial is called and where it sits: shared by the spec that runs it and the record it leaves. */
export interface TrialPlace {
  /** Stable identity (study/sweep/trial.ts trialKey): stored once; `--resume` skips it. */
  readonly key: string;
  /** `<run>[axis=value …]`. */
  readonly name: string;
  /** The study run the trial varies. */
  readonly group: string;
  /** Position in its sweep. */
  readonly seq: number;
  /** Validated strategy parameters. */
  readonly params: unknown;
  /** Validated engine settings (from/to included). */
  readonly engine: EngineConfig;
  /** The swept values, by axis. */
  readonly values: Readonly<Record<string, unknown>>;
}

/** A trial as the registry keeps it (what a trial runner returns). */
export interface TrialRecord extends TrialPlace {
  /** The strategy's name. */
  readonly strategy: string;
  readonly configHash: string;
  readonly dataName: string;
  readonly dataFingerprint: string;
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly sessions: number;
  readonly benchmark: string | null;
  readonly periodsPerYear: number;
  readonly fillsHash: string;
  readonly ordersHash: string | null;
  readonly fillCount: number;
  /** Every metric by name (null where it cannot be computed). */
  readonly metrics: Readonly<Record<string, number | null>>;
  /** Per-period SR, skew, non-excess kurtosis and n of the excess returns. */
  readonly moments: SharpeMoments | null;
  /** NAV returns, one per session after the first. */
  readonly returns: Float64Array;
  /** The run's high and medium caveats (late start, stale marks, cash cuts…), most severe first. */
  readonly caveats: readonly TrialCaveat[];
}

export interface TrialCaveat {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
}

/** A trial read back, with the run that keeps it in full (null when only the trial row exists). */
export interface StoredTrial extends TrialRecord {
  readonly runId: number | null;
  readonly createdAt: string;
}

export interface SweepToRecord {
  /** Identity of the sweep (study, run, sweep block, data): a resumed sweep finds its row again. */
  readonly key: string;
  readonly kind: 'sweep' | 'walk-forward';
  readonly name: string;
  readonly study: string | null;
  readonly spec: unknown;
  readonly dataName: string;
  readonly dataFingerprint: string;
  readonly planned: number;
}

/** The sweep's id: its row, created on the first run and found again by `--resume`. */
export function recordSweep(store: Store, sweep: SweepToRecord): number {
  return withStoreErrors(store, () => {
    store.db
      .prepare(
        `INSERT INTO sweeps (key, kind, created_at, name, study, spec, data_name, data_fingerprint, planned)
         VALUES (@key, @kind, @createdAt, @name, @study, @spec, @dataName, @dataFingerprint, @planned)
         ON CONFLICT (key) DO UPDATE SET planned = excluded.planned`,
      )
      .run({ ...sweep, createdAt: new Date().toISOString(), spec: canonicalJson(sweep.spec) });
    return store.db.prepare<[string], number>('SELECT id FROM sweeps WHERE key = ?').pluck().get(sweep.key) as number;
  });
}

/** Which of these keys the registry holds. */
export function storedTrialKeys(store: Store, keys: readonly string[]): Set<string> {
  const has = store.db.prepare<[string], number>('SELECT 1 FROM trials WHERE key = ?').pluck();
  return withStoreErrors(store, () => new Set(keys.filter((k) => has.get(k) !== undefined)));
}

/**
 * Store one trial and link it to its sweep, in one write transaction. A key stored before (by this
 * or another sweep) keeps its row; only the link is added.
 */
export function writeTrial(store: Store, sweepId: number, trial: TrialRecord): void {
  writeTrials(store, sweepId, [trial]);
}

/**
 * Store trials and link them to their sweep in one write transaction: all or none of them, so a
 * killed writer leaves each trial stored once or not at all (a coordinator absorbing many results
 * a second writes what arrived together at once).
 */
export function writeTrials(store: Store, sweepId: number, trials: readonly TrialRecord[]): void {
  if (trials.length === 0) return;
  const rows = trials.map(trialRow);
  withStoreErrors(store, () =>
    store.db
      .transaction(() => {
        const insert = store.db.prepare(
          `INSERT OR IGNORE INTO trials (key, created_at, name, strategy, params, engine, config_hash, data_name, data_fingerprint,
             period_from, period_to, sessions, benchmark, periods_per_year, fills_hash, orders_hash, fill_count, sharpe, annual_return,
             annual_volatility, max_drawdown, total_return, sr, skew, kurtosis, n, metrics, returns)
           VALUES (@key, @createdAt, @name, @strategy, @params, @engine, @configHash, @dataName, @dataFingerprint, @periodFrom, @periodTo,
             @sessions, @benchmark, @periodsPerYear, @fillsHash, @ordersHash, @fillCount, @sharpe, @annualReturn, @annualVolatility,
             @maxDrawdown, @totalReturn, @sr, @skew, @kurtosis, @n, @metrics, @returns)`,
        );
        const link = linkStatement(store);
        trials.forEach((trial, k) => {
          insert.run(rows[k]);
          link.run(sweepId, trial.key, trial.seq, trial.group);
        });
      })
      .immediate(),
  );
}

function trialRow(trial: TrialRecord) {
  const m = trial.metrics;
  return {
    key: trial.key,
    createdAt: new Date().toISOString(),
    name: trial.name,
    strategy: trial.strategy,
    params: canonicalJson(trial.params ?? null),
    engine: canonicalJson(trial.engine),
    configHash: trial.configHash,
    dataName: trial.dataName,
    dataFingerprint: trial.dataFingerprint,
    periodFrom: trial.periodFrom,
    periodTo: trial.periodTo,
    sessions: trial.sessions,
    benchmark: trial.benchmark,
    periodsPerYear: trial.periodsPerYear,
    fillsHash: trial.fillsHash,
    ordersHash: trial.ordersHash,
    fillCount: trial.fillCount,
    sharpe: m.sharpe ?? null,
    annualReturn: m.annual_return ?? null,
    annualVolatility: m.annual_volatility ?? null,
    maxDrawdown: m.max_drawdown ?? null,
    totalReturn: m.total_return ?? null,
    sr: trial.moments?.sr ?? null,
    skew: trial.moments?.skew ?? null,
    kurtosis: trial.moments?.kurtosis ?? null,
    n: trial.moments?.n ?? trial.returns.length,
    metrics: canonicalJson({ metrics: m, values: trial.values, caveats: trial.caveats }),
    returns: float64Blob(trial.returns),
  };
}

const linkStatement = (store: Store) => store.db.prepare('INSERT OR IGNORE INTO sweep_trials (sweep_id, trial_key, seq, grp) VALUES (?, ?, ?, ?)');

/** Link trials the registry already holds (a resumed sweep, or one that repeats another's trials). */
export function linkTrials(store: Store, sweepId: number, trials: readonly { key: string; seq: number; group: string }[]): void {
  withStoreErrors(store, () =>
    store.db.transaction(() => {
      const link = linkStatement(store);
      for (const t of trials) link.run(sweepId, t.key, t.seq, t.group);
    })(),
  );
}

/** A trial that failed: for a user's reason (the strategy threw, a bad parameter for the data), or its attempts ran out. */
export interface TrialFailure {
  readonly key: string;
  readonly name: string;
  readonly group: string;
  readonly seq: number;
  /** One line, as the user would read it. */
  readonly message: string;
  /**
   * `user`: the user's error, never retried; `exhausted`: attempts ran out — a queue's crashes or
   * timeouts, or the one attempt here past `--trial-timeout` (its message then ends with
   * study/sweep/trialTimeout.ts timeoutReason).
   */
  readonly kind: 'user' | 'exhausted';
}

/** Record failed trials of a sweep (once per sweep and key), in one transaction. */
export function writeTrialFailures(store: Store, sweepId: number, failures: readonly TrialFailure[]): void {
  if (failures.length === 0) return;
  withStoreErrors(store, () =>
    store.db
      .transaction(() => {
        const insert = store.db.prepare(
          `INSERT INTO trial_failures (sweep_id, trial_key, seq, name, grp, message, kind, failed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (sweep_id, trial_key) DO UPDATE SET message = excluded.message, kind = excluded.kind, failed_at = excluded.failed_at`,
        );
        const at = new Date().toISOString();
        for (const f of failures) insert.run(sweepId, f.key, f.seq, f.name, f.group, f.message, f.kind, at);
      })
      .immediate(),
  );
}

/** A failure row `f` whose trial the registry does not hold: a stored trial supersedes its failures (kept as history). */
const UNSTORED = 'NOT EXISTS (SELECT 1 FROM trials t WHERE t.key = f.trial_key)';

/**
 * The failures these trials had in any sweep (this one on `--resume`, or another that planned the
 * same key) that would happen again — `failsAgain` (default: the user's failures): the most
 * recent such row of each trial. A trial that would fail so again is not run by `--resume`: it is
 * this sweep's failure too, named as here (`name`, `group`, `seq` of `places`) with the earlier
 * message and kind, for the caller to record under its sweep. A trial the registry holds is none
 * (a success supersedes a failure).
 */
export function failuresBefore(
  store: Store,
  places: readonly { key: string; name: string; group: string; seq: number }[],
  failsAgain: (failure: Pick<TrialFailure, 'message' | 'kind'>) => boolean = (f) => f.kind === 'user',
): TrialFailure[] {
  const rows = store.db.prepare<[string], Pick<TrialFailure, 'message' | 'kind'>>(`SELECT message, kind FROM trial_failures f WHERE trial_key = ? AND ${UNSTORED} ORDER BY failed_at DESC`);
  return withStoreErrors(store, () =>
    places.flatMap((p) => {
      const row = rows.all(p.key).find(failsAgain);
      return row === undefined ? [] : [{ key: p.key, name: p.name, group: p.group, seq: p.seq, message: row.message, kind: row.kind }];
    }),
  );
}

/**
 * A sweep's failed trials, in its order — less those the registry holds: a trial whose attempts
 * ran out and that `--resume` (or another sweep) then stored succeeded, and its failure row stays
 * only as history (reports/SCHEMA.md).
 */
export function sweepFailures(store: Store, sweepId: number): TrialFailure[] {
  return withStoreErrors(store, () =>
    store.db
      .prepare<[number], TrialFailure>(
        `SELECT trial_key AS key, name, grp AS "group", seq, message, kind FROM trial_failures f
         WHERE sweep_id = ? AND ${UNSTORED} ORDER BY seq`,
      )
      .all(sweepId),
  );
}

/**
 * The run that holds trial `key` in full (fills, positions, tear sheet): the one stored already,
 * else the one `write` stores now (its id), linked to the trial — both in one write transaction,
 * so two writers keeping the same trial store one run (the second finds the first's and writes nothing).
 */
export function keepTrialRun(store: Store, key: string, write: () => number): number {
  return withStoreErrors(store, () =>
    store.db
      .transaction(() => {
        const held = store.db.prepare<[string], number | null>('SELECT run_id FROM trials WHERE key = ?').pluck().get(key);
        if (held !== null && held !== undefined) return held;
        const runId = write();
        store.db.prepare('UPDATE trials SET run_id = ? WHERE key = ?').run(runId, key);
        return runId;
      })
      .immediate(),
  );
}

/**
 * The trials recorded for a strategy on a dataset, whatever sweep or walk-forward recorded them,
 * for the deflated Sharpe ratio: N = their number, V = the pooled within-period variance of their
 * per-period Sharpe ratios (trials grouped by their period, from..to: sharpeTrialsOf), and how
 * many periods it pooled. Undefined when none is recorded.
 */
export function recordedTrials(store: Store, strategy: string, dataFingerprint: string): SharpeTrials | undefined {
  const rows = withStoreErrors(store, () =>
    store.db
      .prepare<[string, string], { period: string; sr: number }>(
        `SELECT period_from || '..' || period_to AS period, sr FROM trials WHERE strategy = ? AND data_fingerprint = ? AND sr IS NOT NULL ORDER BY key`,
      )
      .all(strategy, dataFingerprint),
  );
  return sharpeTrialsOf(rows);
}

interface TrialRow {
  key: string;
  createdAt: string;
  name: string;
  strategy: string;
  params: string;
  engine: string;
  configHash: string;
  dataName: string;
  dataFingerprint: string;
  periodFrom: string;
  periodTo: string;
  sessions: number;
  benchmark: string | null;
  periodsPerYear: number;
  fillsHash: string;
  ordersHash: string | null;
  fillCount: number;
  sr: number | null;
  skew: number | null;
  kurtosis: number | null;
  n: number;
  metrics: string;
  returns: Buffer;
  runId: number | null;
  seq: number;
  grp: string;
}

function storedTrial(row: TrialRow): StoredTrial {
  const { metrics, values, caveats } = parseCanonicalJson(row.metrics) as { metrics: Record<string, number | null>; values: Record<string, unknown>; caveats?: TrialCaveat[] };
  const returns = readFloat64Blob(row.returns);
  return {
    key: row.key,
    name: row.name,
    group: row.grp,
    seq: row.seq,
    strategy: row.strategy,
    params: parseCanonicalJson(row.params),
    engine: parseCanonicalJson(row.engine) as EngineConfig,
    configHash: row.configHash,
    dataName: row.dataName,
    dataFingerprint: row.dataFingerprint,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    sessions: row.sessions,
    benchmark: row.benchmark,
    periodsPerYear: row.periodsPerYear,
    fillsHash: row.fillsHash,
    ordersHash: row.ordersHash,
    fillCount: row.fillCount,
    metrics,
    moments: row.sr === null || row.skew === null || row.kurtosis === null ? null : { sr: row.sr, skew: row.skew, kurtosis: row.kurtosis, n: row.n },
    returns,
    values,
    caveats: caveats ?? [],
    runId: row.runId,
    createdAt: row.createdAt,
  };
}

/** Every trial of a sweep, in sweep order. */
export function sweepTrials(store: Store, sweepId: number): StoredTrial[] {
  return withStoreErrors(store, () =>
    store.db
      .prepare<[number], TrialRow>(
        `SELECT t.key, t.created_at AS createdAt, t.name, t.strategy, t.params, t.engine, t.config_hash AS configHash, t.data_name AS dataName,
           t.data_fingerprint AS dataFingerprint, t.period_from AS periodFrom, t.period_to AS periodTo, t.sessions, t.benchmark,
           t.periods_per_year AS periodsPerYear, t.fills_hash AS fillsHash, t.orders_hash AS ordersHash, t.fill_count AS fillCount,
           t.sr, t.skew, t.kurtosis, t.n, t.metrics, t.returns, t.run_id AS runId, s.seq, s.grp
         FROM sweep_trials s JOIN trials t ON t.key = s.trial_key WHERE s.sweep_id = ? ORDER BY s.seq`,
      )
      .all(sweepId)
      .map(storedTrial),
  );
}
