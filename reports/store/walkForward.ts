// Walk-forward windows in the results store (table walk_forward_windows, schema v3): per window,
// its in-sample and out-of-sample spans, the trial chosen in sample and how it did on both sides.
// The efficiency is read back as the two annual returns give it (walkForwardEfficiency), so a
// store written before an in-sample return ≤ 0 gave null reads as one written now.

import { canonicalJson, parseCanonicalJson } from './canonicalJson.ts';
import { walkForwardEfficiency } from '../metrics/selection/walkForwardEfficiency.ts';
import { type Store, withStoreErrors } from './openStore.ts';

export interface WindowRecord {
  readonly isFrom: string;
  readonly isTo: string;
  readonly oosFrom: string;
  readonly oosTo: string;
  /** The in-sample trial chosen (its key in `trials`), its strategy parameters and swept values. */
  readonly trialKey: string;
  readonly params: unknown;
  readonly values: Readonly<Record<string, unknown>>;
  /** True when no in-sample trial had a value of the metric, so the first point ran: a fallback, not a choice. */
  readonly fallback: boolean;
  /** True when the end of the run (the data's end, or the period's `to`) cut the out-of-sample span short of its step. */
  readonly cut: boolean;
  /** The choice's in-sample value of the ranking metric, annualised return and Sharpe. */
  readonly isMetric: number | null;
  readonly isAnnualReturn: number | null;
  readonly isSharpe: number | null;
  /** The stitched run's annualised return and Sharpe over this window's out-of-sample sessions. */
  readonly oosAnnualReturn: number | null;
  readonly oosSharpe: number | null;
  /** oosAnnualReturn / isAnnualReturn; null when either is null or isAnnualReturn ≤ 0 (reports/metrics/selection/walkForwardEfficiency.ts). */
  readonly efficiency: number | null;
  /** Why `efficiency` is null ("in-sample annual return -1.9% ≤ 0: efficiency undefined …"); null when it has a value. */
  readonly efficiencyNote: string | null;
}

/** Replace the windows of a walk-forward sweep (one transaction); `runId` is the stitched run. */
export function saveWindows(store: Store, sweepId: number, windows: readonly WindowRecord[], runId: number): void {
  withStoreErrors(store, () =>
    store.db
      .transaction(() => {
        store.db.prepare('DELETE FROM walk_forward_windows WHERE sweep_id = ?').run(sweepId);
        const insert = store.db.prepare(
          `INSERT INTO walk_forward_windows (sweep_id, seq, is_from, is_to, oos_from, oos_to, trial_key, params, is_metric, is_annual_return, oos_annual_return, oos_sharpe, efficiency, run_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        windows.forEach((w, k) =>
          insert.run(sweepId, k, w.isFrom, w.isTo, w.oosFrom, w.oosTo, w.trialKey, canonicalJson({ params: w.params, values: w.values, isSharpe: w.isSharpe, fallback: w.fallback, cut: w.cut }), w.isMetric, w.isAnnualReturn, w.oosAnnualReturn, w.oosSharpe, w.efficiency, runId),
        );
      })
      .immediate(),
  );
}

interface WindowRow {
  isFrom: string;
  isTo: string;
  oosFrom: string;
  oosTo: string;
  trialKey: string;
  params: string;
  isMetric: number | null;
  isAnnualReturn: number | null;
  oosAnnualReturn: number | null;
  oosSharpe: number | null;
}

/** The windows of a walk-forward sweep, in order, each efficiency from its annual returns (walkForwardEfficiency). */
export function readWindows(store: Store, sweepId: number): WindowRecord[] {
  return withStoreErrors(store, () =>
    store.db
      .prepare<[number], WindowRow>(
        `SELECT is_from AS isFrom, is_to AS isTo, oos_from AS oosFrom, oos_to AS oosTo, trial_key AS trialKey, params, is_metric AS isMetric,
           is_annual_return AS isAnnualReturn, oos_annual_return AS oosAnnualReturn, oos_sharpe AS oosSharpe
         FROM walk_forward_windows WHERE sweep_id = ? ORDER BY seq`,
      )
      .all(sweepId)
      .map(({ params, ...w }) => {
        const extra = parseCanonicalJson(params) as { params: unknown; values: Record<string, unknown>; isSharpe: number | null; fallback?: boolean; cut?: boolean };
        const efficiency = walkForwardEfficiency(w.oosAnnualReturn, w.isAnnualReturn);
        return { ...w, params: extra.params, values: extra.values, isSharpe: extra.isSharpe, fallback: extra.fallback ?? false, cut: extra.cut ?? false, efficiency: efficiency.value, efficiencyNote: efficiency.note };
      }),
  );
}

/** The stitched run of a walk-forward sweep whose windows are stored (null before it finished, or when that run is gone). */
export function walkForwardRun(store: Store, sweepId: number): number | null {
  return withStoreErrors(
    store,
    () => store.db.prepare<[number], number>('SELECT w.run_id FROM walk_forward_windows w JOIN runs r ON r.id = w.run_id WHERE w.sweep_id = ? LIMIT 1').pluck().get(sweepId) ?? null,
  );
}
