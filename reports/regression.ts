// Baseline regression of strategy results (the CI use case): a small, reviewable JSON file of
// headline metrics, fills and orders hashes per run, and a comparison within per-metric
// tolerances (the hashes must match exactly).

import { z } from 'zod';
import { parseOrThrow } from '../engine/configError.ts';

export const BASELINE_VERSION = 1;

/** The headline figures a baseline keeps (METRICS.md names). */
export const BASELINE_METRICS = [
  'total_return',
  'annual_return',
  'annual_volatility',
  'sharpe',
  'sortino',
  'max_drawdown',
  'calmar',
  'beta',
  'alpha',
  'information_ratio',
  'turnover',
  'avg_gross_exposure',
  'avg_net_exposure',
  'cost_total',
] as const;

const tolerance = z.object({ abs: z.number().min(0), rel: z.number().min(0) }).strict();
export type Tolerance = z.output<typeof tolerance>;

/** Same machine, same inputs → identical numbers; the tolerances absorb last-bit differences across platforms. */
export const DEFAULT_TOLERANCE: Tolerance = { abs: 1e-9, rel: 1e-7 };

export const baselineSchema = z
  .object({
    breadth_baseline: z.literal(BASELINE_VERSION),
    /** The study file, relative to the baseline file. */
    study: z.string(),
    /** "sample", or the data path relative to the baseline file. */
    data_source: z.string(),
    /** The market's name and content fingerprint when the baseline was taken. */
    data: z.string(),
    data_fingerprint: z.string(),
    tolerances: z.record(z.string(), tolerance).default({}),
    runs: z.array(
      z
        .object({
          name: z.string(),
          fills_hash: z.string(),
          /** Absent in baselines recorded before orders were hashed: reported as drift until re-recorded. */
          orders_hash: z.string().optional(),
          metrics: z.record(z.string(), z.number().nullable()),
        })
        .strict(),
    ),
  })
  .strict();
export type Baseline = z.output<typeof baselineSchema>;
export type BaselineRun = Baseline['runs'][number];

export function parseBaseline(raw: unknown, where: string): Baseline {
  return parseOrThrow(baselineSchema, raw, where);
}

export interface Drift {
  readonly run: string;
  /** A metric name, `fills_hash`, `orders_hash`, or `run` (a run missing on one side). */
  readonly what: string;
  readonly baseline: string;
  readonly current: string;
  readonly tolerance: string;
}

const shown = (x: number | null | undefined): string => (x === null ? 'null' : x === undefined ? 'missing' : String(x));

/** Every difference between a baseline and the current runs beyond its tolerance. */
export function compareToBaseline(baseline: Baseline, current: readonly BaselineRun[]): Drift[] {
  const drifts: Drift[] = [];
  const now = new Map(current.map((r) => [r.name, r]));
  for (const old of baseline.runs) {
    const run = now.get(old.name);
    if (!run) {
      drifts.push({ run: old.name, what: 'run', baseline: 'present', current: 'missing', tolerance: '' });
      continue;
    }
    for (const [name, before] of Object.entries(old.metrics)) {
      const after = run.metrics[name];
      const tol = baseline.tolerances[name] ?? baseline.tolerances.default ?? DEFAULT_TOLERANCE;
      if (!withinTolerance(before, after, tol)) {
        drifts.push({ run: old.name, what: name, baseline: shown(before), current: shown(after), tolerance: `abs ${tol.abs}, rel ${tol.rel}` });
      }
    }
    if (run.fills_hash !== old.fills_hash) {
      drifts.push({ run: old.name, what: 'fills_hash', baseline: old.fills_hash.slice(0, 16), current: run.fills_hash.slice(0, 16), tolerance: 'exact' });
    }
    if (run.orders_hash !== old.orders_hash) {
      const before = old.orders_hash?.slice(0, 16) ?? 'missing (recorded before orders were hashed)';
      drifts.push({ run: old.name, what: 'orders_hash', baseline: before, current: run.orders_hash?.slice(0, 16) ?? 'missing', tolerance: 'exact' });
    }
  }
  for (const run of current) {
    if (!baseline.runs.some((r) => r.name === run.name)) drifts.push({ run: run.name, what: 'run', baseline: 'missing', current: 'present', tolerance: '' });
  }
  return drifts;
}

export function withinTolerance(before: number | null, after: number | null | undefined, tol: Tolerance): boolean {
  if (before === null || after === null || after === undefined) return before === after;
  const diff = Math.abs(after - before);
  return diff <= tol.abs || diff <= tol.rel * Math.abs(before);
}
