// Baseline regression of strategy results (the CI use case): a small, reviewable JSON file of
// headline metrics, fills and orders hashes per run, and a comparison within per-metric
// tolerances (the hashes must match exactly).

import { z } from 'zod';
import { UserError } from '../data/errors.ts';
import { nearestName } from '../data/nearestName.ts';
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

/**
 * A baseline file's contents, validated. A tolerance must name `default` or a metric the baseline
 * records: a misspelt key would leave its metric on the default tolerance without a word.
 * @throws UserError naming the file, the key and the nearest metric name.
 */
export function parseBaseline(raw: unknown, where: string): Baseline {
  const baseline = parseOrThrow(baselineSchema, raw, where);
  const known = ['default', ...new Set(baseline.runs.flatMap((r) => Object.keys(r.metrics)))];
  for (const key of Object.keys(baseline.tolerances)) {
    if (known.includes(key)) continue;
    const near = nearestName(key, known);
    throw new UserError(`${where}: tolerances.${key} names no metric this baseline records${near ? `; did you mean ${near}?` : `; use default or one of ${known.slice(1, 6).join(', ')}${known.length > 6 ? ', …' : ''}`}`);
  }
  return baseline;
}

/**
 * One difference. `baseline` and `current`: a metric's value (a number, null where it has none,
 * 'missing' where the run lacks it), a hash in full, or 'present' / 'missing' for a run.
 */
export interface Drift {
  readonly run: string;
  /** A metric name, `fills_hash`, `orders_hash`, or `run` (a run missing on one side). */
  readonly what: string;
  readonly baseline: number | string | null;
  readonly current: number | string | null;
  readonly tolerance: string;
}

const valueOf = (x: number | null | undefined): number | string | null => (x === undefined ? 'missing' : x);

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
        drifts.push({ run: old.name, what: name, baseline: valueOf(before), current: valueOf(after), tolerance: `abs ${tol.abs}, rel ${tol.rel}` });
      }
    }
    if (run.fills_hash !== old.fills_hash) {
      drifts.push({ run: old.name, what: 'fills_hash', baseline: old.fills_hash, current: run.fills_hash, tolerance: 'exact' });
    }
    if (run.orders_hash !== old.orders_hash) {
      const before = old.orders_hash ?? 'missing (recorded before orders were hashed)';
      drifts.push({ run: old.name, what: 'orders_hash', baseline: before, current: run.orders_hash ?? 'missing', tolerance: 'exact' });
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
