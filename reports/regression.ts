// Baseline regression of strategy results (the CI use case): a small, reviewable JSON file of
// every metric, the fills and orders hashes and the caveats of each run, and a comparison within
// per-metric tolerances (the hashes must match exactly; a high caveat that appears or goes is a
// difference too, a medium or low one is said beside the verdict).

import { z } from 'zod';
import { UserError } from '../data/errors.ts';
import { nearestName } from '../data/nearestName.ts';
import { foundText, parseOrThrow } from '../engine/configError.ts';
import { type CaveatChange, caveatChanges, caveatLabel, recordedCaveatSchema } from './caveats/baselineCaveats.ts';

export const BASELINE_VERSION = 1;

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
          /** Every metric the run records (METRICS.md names; older files: the headline ones). */
          metrics: z.record(z.string(), z.number().nullable()),
          /** Absent in baselines recorded before caveats were kept: not compared, and said so. */
          caveats: z.array(recordedCaveatSchema).optional(),
        })
        .strict(),
    ),
  })
  .strict();
/** A baseline file's contents (parseBaseline): per run, every metric, the fills and orders hashes and the caveats, with per-metric tolerances, for `breadth regress`. */
export type Baseline = z.output<typeof baselineSchema>;
export type BaselineRun = Baseline['runs'][number];

/**
 * A baseline file's contents, validated. A tolerance must name `default` or a metric the baseline
 * records: a misspelt key would leave its metric on the default tolerance without a word.
 * @throws UserError naming the file, the key and the nearest metric name; for contents without the
 *   top-level breadth_baseline marker, that `where` is not a baseline file at all (not each key it lacks).
 */
export function parseBaseline(raw: unknown, where: string): Baseline {
  notBaseline(raw, where);
  const baseline = parseOrThrow(baselineSchema, raw, where);
  const known = ['default', ...new Set(baseline.runs.flatMap((r) => Object.keys(r.metrics)))];
  for (const key of Object.keys(baseline.tolerances)) {
    if (known.includes(key)) continue;
    const near = nearestName(key, known);
    throw new UserError(`${where}: tolerances.${key} names no metric this baseline records${near ? `; did you mean ${near}?` : `; use default or one of ${known.slice(1, 6).join(', ')}${known.length > 6 ? ', …' : ''}`}`);
  }
  return baseline;
}

/** Throws UserError for contents without the breadth_baseline marker: what they are, and how a baseline is written. */
function notBaseline(raw: unknown, where: string): void {
  const isObject = typeof raw === 'object' && raw !== null && !Array.isArray(raw);
  if (isObject && Object.hasOwn(raw, 'breadth_baseline')) return;
  const keys = isObject ? Object.keys(raw) : [];
  const found = !isObject ? `its top level is ${foundText(raw)}` : `no breadth_baseline key at its top level${keys.length === 0 ? '' : `, whose keys are ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''}`}`;
  throw new UserError(`${where} is not a breadth baseline file (${found}): write one with \`breadth baseline save <study> --out ${where}\``);
}

/**
 * One difference. `baseline` and `current`: a metric's value (a number, null where it has none,
 * 'missing' where the run lacks it), a hash in full, how many of a high caveat the run has (0:
 * none), or 'present' / 'missing' for a run.
 */
export interface Drift {
  readonly run: string;
  /** A metric name, `fills_hash`, `orders_hash`, `run` (a run missing on one side), or a high caveat: `caveat stale-marks (high: CCC)`. */
  readonly what: string;
  readonly baseline: number | string | null;
  readonly current: number | string | null;
  readonly tolerance: string;
}

const valueOf = (x: number | null | undefined): number | string | null => (x === undefined ? 'missing' : x);

/** Every difference between a baseline and the current runs beyond its tolerance, a high caveat that appeared or went among them. */
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
    for (const c of runCaveatChanges(old, run)) {
      if (c.severity === 'high') drifts.push({ run: old.name, what: caveatLabel(c), baseline: c.baseline, current: c.current, tolerance: 'exact' });
    }
  }
  for (const run of current) {
    if (!baseline.runs.some((r) => r.name === run.name)) drifts.push({ run: run.name, what: 'run', baseline: 'missing', current: 'present', tolerance: '' });
  }
  return drifts;
}

/** Each current run beside its baseline run of the same name (runs on one side only are drifts of their own). */
function pairedRuns(baseline: Baseline, current: readonly BaselineRun[]): { old: BaselineRun; run: BaselineRun }[] {
  const recorded = new Map(baseline.runs.map((r) => [r.name, r]));
  return current.flatMap((run) => {
    const old = recorded.get(run.name);
    return old === undefined ? [] : [{ old, run }];
  });
}

/** The caveats of a run that differ from its baseline's, every severity; none where either side records none (an older file). */
function runCaveatChanges(old: BaselineRun, run: BaselineRun): CaveatChange[] {
  return old.caveats === undefined || run.caveats === undefined ? [] : caveatChanges(old.name, old.caveats, run.caveats);
}

/**
 * Every caveat of the current runs that their baseline runs hold more or fewer times, every
 * severity (the high ones are drifts too, compareToBaseline), for runs both sides record caveats of.
 */
export function baselineCaveatChanges(baseline: Baseline, current: readonly BaselineRun[]): CaveatChange[] {
  return pairedRuns(baseline, current).flatMap(({ old, run }) => runCaveatChanges(old, run));
}

/**
 * What regress cannot compare, run by run: the metrics a current run records that its baseline run
 * lacks (a trimmed or older file, a run that gained a benchmark), and the runs whose caveats one
 * side does not record (a baseline file saved before baselines kept them).
 */
export function notCompared(baseline: Baseline, current: readonly BaselineRun[]): { metrics: { run: string; metric: string }[]; caveats: string[] } {
  const both = pairedRuns(baseline, current);
  return {
    metrics: both.flatMap(({ run, old }) => Object.keys(run.metrics).filter((m) => !(m in old.metrics)).map((metric) => ({ run: run.name, metric }))),
    caveats: both.filter(({ run, old }) => old.caveats === undefined || run.caveats === undefined).map(({ run }) => run.name),
  };
}

/**
 * True when `after` is within `tol` of `before`: |after − before| ≤ abs OR ≤ rel × |before| — the
 * looser bound wins, as pytest.approx and numpy.isclose combine them (rel 0 leaves abs alone, abs
 * 0 rel alone). A value of none (null) matches only none; a metric the run lacks (undefined) never.
 */
export function withinTolerance(before: number | null, after: number | null | undefined, tol: Tolerance): boolean {
  if (before === null || after === null || after === undefined) return before === after;
  const diff = Math.abs(after - before);
  return diff <= tol.abs || diff <= tol.rel * Math.abs(before);
}
