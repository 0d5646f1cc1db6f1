// Walk-forward testing: for each window, every point of the run's sweep is a trial over the
// in-sample span (run on the pool, stored in the registry like any trial); the point that
// maximises the chosen metric in sample is the window's choice; the choices then run out of
// sample as ONE stitched run (stitchRun.ts, stitched.ts), stored as an ordinary run with its tear
// sheet and the caveats of the period asked. Per window: the choice, its in-sample and
// out-of-sample annualised return and Sharpe (each with its own span's P: windowFigures.ts), the
// walk-forward efficiency WFE = OOS annualised return / IS annualised return (reports/SWEEPS.md;
// undefined over an in-sample return ≤ 0: reports/metrics/selection/walkForwardEfficiency.ts),
// and the notes beside them (windowNotes.ts).

import { isoDay, parseIsoDay, sessionOnOrBefore } from '../../../data/dates.ts';
import { UserError } from '../../../data/errors.ts';
import type { Market } from '../../../data/market.ts';
import type { Caveat } from '../../../engine/caveats/caveats.ts';
import { walkForwardEfficiency } from '../../../reports/metrics/index.ts';
import { requestedPeriodCaveats } from '../../../engine/calendar/requestedPeriod.ts';
import { canonicalJson, getRun, readWindows, recordSweep, type Store, sha256, sweepFailures, sweepTrials, type TrialFailure, type WindowRecord, walkForwardRun, writeTrialFailures } from '../../../reports/store/index.ts';
import type { RunSpec, StudyConfig } from '../../config.ts';
import type { StudyLoadOptions } from '../../market.ts';
import { measuredMetricNames } from '../../measure.ts';
import { executeTrials, type ExecuteOptions } from '../execute.ts';
import { sweepSchema } from '../config.ts';
import { expandSweep } from '../expand.ts';
import { isTrial, planPoint, refuseIfNoneValid } from '../plan.ts';
import { openExecution, openSweepMarket } from '../runSweep.ts';
import { holdSweep } from '../soleCoordinator.ts';
import type { QueueSettings } from '../queue/protocol.ts';
import { checkMetric } from '../select.ts';
import { stitch } from './stitchRun.ts';
import type { TrialSpec } from '../trial.ts';
import { askedRuns } from '../runNames.ts';
import { efficiencyNotes, pointName, windowNotes } from './windowNotes.ts';
import { walkForwardWindows, type Window } from './windows.ts';

export interface WalkForwardOptions extends ExecuteOptions {
  /** Worker threads here (ignored with `queue`). */
  readonly workers: number;
  /** Run the in-sample trials on the workers of a Redis queue instead. */
  readonly queue?: QueueSettings;
  /** `--trial-timeout`, ms (default 10 minutes): an in-sample trial running longer fails (trialTimeout.ts), never a choice. */
  readonly trialTimeoutMs?: number;
  readonly where: string;
  readonly baseDir?: string;
  readonly runs?: readonly string[];
  /** How real data is loaded (the market cache, and what it reports). */
  readonly load?: StudyLoadOptions;
}

export interface WalkForwardOutcome {
  readonly run: string;
  readonly market: { readonly name: string; readonly synthetic: boolean; readonly fingerprint: string };
  readonly sweepId: number;
  readonly metric: string;
  readonly mode: 'rolling' | 'anchored';
  readonly windows: readonly WindowRecord[];
  /** The stitched out-of-sample run's id (null when interrupted before every window had its trials). */
  readonly runId: number | null;
  /** Stitched OOS annualised return / mean IS annualised return of the choices; null when that mean is ≤ 0 or missing (walkForwardEfficiency). */
  readonly efficiency: number | null;
  /** Why `efficiency` is null ("mean in-sample annual return -7.7% ≤ 0: efficiency undefined …"); null when it has a value. */
  readonly efficiencyNote: string | null;
  readonly oosAnnualReturn: number | null;
  readonly oosSharpe: number | null;
  readonly trials: number;
  /** In-sample points the strategy's parameter check refused (failed trials, never run; not in `trials`). */
  readonly refused: readonly TrialFailure[];
  /** In-sample trials that ran and failed (their strategy threw, a queue's attempts ran out): among `trials`, never a choice. */
  readonly failed: readonly TrialFailure[];
  readonly interrupted: boolean;
  /** True when the store held this walk-forward complete (`--resume` after it finished): nothing was stored now. */
  readonly complete: boolean;
  /**
   * The stitched run's caveats, ranked, as stored (its own, its measurement's, and the test's: a
   * period that starts later or ends earlier than asked, a fallback window); none when interrupted.
   */
  readonly caveats: readonly Caveat[];
  /** What the windows say beside the table (windowNotes.ts): an efficiency undefined (the test's, a window's), a span cut short, a P that is a best guess, each window's in-sample trials' caveats. */
  readonly notes: readonly string[];
}

/**
 * The period a run asks for — its engine's `from`/`to`, the study's, else the period the market
 * was loaded for, as the engine reads a run's (ISO days; null: the data's own start or end) — and
 * the market sessions it covers, `first` … `last`.
 */
function runPeriod(market: Market, spec: RunSpec, config: StudyConfig): { first: number; last: number; from: string | null; to: string | null } {
  const asked = (value: unknown, loaded: string | undefined): string | null => (typeof value === 'string' ? value : (loaded ?? null));
  const from = asked(spec.engine.from ?? config.engine.from ?? config.from, market.requested?.from);
  const to = asked(spec.engine.to ?? config.engine.to ?? config.to, market.requested?.to);
  const dates = market.dates;
  const first = from === null ? 0 : sessionOnOrBefore(dates, parseIsoDay(from) - 1) + 1;
  const last = to === null ? dates.length - 1 : sessionOnOrBefore(dates, parseIsoDay(to));
  return { first, last, from, to };
}

/** Each window's stored in-sample trials, named by this run's own sweep points (a trial another run of the command stored carries that run's name). */
function windowTrials(store: Store, sweepId: number, perWindow: readonly (readonly TrialSpec[])[]) {
  const stored = new Map(sweepTrials(store, sweepId).map((t) => [t.key, t]));
  return perWindow.map((specs) => specs.flatMap((s) => {
    const trial = stored.get(s.key);
    return trial === undefined ? [] : [{ ...trial, name: pointName(s.name) }];
  }));
}

/**
 * The in-sample trials of every window: each sweep point over each window's in-sample span; with
 * the points the strategy's parameter check refused (failed trials, never run).
 */
async function planWindows(config: StudyConfig, market: Market, k: number, windows: readonly Window[], options: WalkForwardOptions): Promise<{ perWindow: TrialSpec[][]; refused: TrialFailure[] }> {
  const run = config.runs[k];
  const own = (run.walkForward ?? config.walkForward)?.params;
  const sweep = own ? sweepSchema.parse({ params: own }) : (run.sweep ?? config.sweep);
  if (sweep && (Object.keys(sweep.engine).length > 0 || sweep.periods)) {
    throw new UserError(`${options.where}: runs[${k}].sweep: a walk-forward test chooses strategy parameters, but this sweep also varies engine settings or periods; give walkForward its own params to choose among`);
  }
  const day = (t: number): string => isoDay(market.dates[t]);
  const perWindow: TrialSpec[][] = [];
  const refused: TrialFailure[] = [];
  for (const w of windows) {
    const planned: (TrialSpec | TrialFailure)[] = [];
    for (const point of expandSweep(run, sweep, config.engine)) {
      const spec = { ...point.spec, engine: { ...point.spec.engine, from: day(w.isFirst), to: day(w.isLast) } };
      const place = { k, name: `${point.name} IS ${day(w.isFirst)}..${day(w.isLast)}`, group: run.name, seq: 0, where: `${options.where} (trial ${point.name})` };
      planned.push(await planPoint(point, spec, place, config, market, options.baseDir));
    }
    refuseIfNoneValid(planned);
    perWindow.push(planned.filter(isTrial));
    refused.push(...planned.filter((x): x is TrialFailure => !isTrial(x)));
  }
  return { perWindow, refused };
}

/**
 * The runs to test: those `options.runs` names (askedRuns: a name the study lacks is refused), else
 * every run with a walkForward block (its own or the study's). Throws UserError when a run named
 * has none, or no run has one.
 */
function testedRuns(config: StudyConfig, options: WalkForwardOptions): { run: RunSpec; k: number }[] {
  const asked = askedRuns(config, options.runs, options.where);
  const tested = asked.filter(({ run }) => run.walkForward ?? config.walkForward);
  const testable = config.runs.filter((run) => run.walkForward ?? config.walkForward).map((run) => run.name);
  const untestable = asked.filter(({ run }) => !(run.walkForward ?? config.walkForward)).map(({ run }) => `"${run.name}"`);
  if (options.runs && untestable.length > 0) {
    throw new UserError(`--runs: ${untestable.length === 1 ? 'run' : 'runs'} ${untestable.join(', ')} of ${options.where} ${untestable.length === 1 ? 'has' : 'have'} no walkForward block (${testable.length ? `runs with one: ${testable.join(', ')}` : 'add one at the top of the study or under the run'})`);
  }
  if (tested.length === 0) throw new UserError(`${options.where}: no run has a walkForward block (add one at the top of the study or under a run)`);
  return tested;
}

export async function runWalkForward(config: StudyConfig, options: WalkForwardOptions): Promise<WalkForwardOutcome[]> {
  const tested = testedRuns(config, options);
  const { market, shared } = await openSweepMarket(config, options.load);
  // Before any trial runs: a mistyped metric would be found only once every in-sample trial had.
  const names = measuredMetricNames(market);
  for (const { run, k } of tested) {
    const spec = run.walkForward ?? config.walkForward;
    if (spec) checkMetric(names, spec.metric, `${options.where}: runs[${k}].walkForward.metric`);
  }
  // Every run's windows and trials are planned before the store opens: a refusal in planning leaves no store behind (probe r60c).
  const plans = [];
  for (const { run, k } of tested) {
    const spec = run.walkForward ?? config.walkForward;
    if (!spec) continue;
    const period = runPeriod(market, run, config);
    const windows = walkForwardWindows(market.dates, period.first, period.last, spec, `${options.where}: runs[${k}].walkForward`);
    plans.push({ run, k, spec, period, windows, ...(await planWindows(config, market, k, windows, options)) });
  }
  const { executor, store } = await openExecution(options, config, market, shared);
  try {
    const outcomes: WalkForwardOutcome[] = [];
    // In-sample trials this command stored: a later run sharing one reuses it (it runs once).
    const earlier = new Set<string>();
    for (const { run, k, spec, period, windows, perWindow, refused: refusedPoints } of plans) {
      if (options.signal?.aborted) break;
      const all = perWindow.flat().map((t, seq) => ({ ...t, seq }));
      const refused = refusedPoints.map((f, j) => ({ ...f, seq: all.length + j }));
      const sweepId = recordSweep(store, {
        key: sha256(canonicalJson({ kind: 'walk-forward', run: run.name, spec, trials: all.map((t) => t.key), ...(refused.length ? { refused: refused.map((f) => f.key) } : {}) })),
        kind: 'walk-forward',
        name: `${config.title} — ${run.name}`,
        study: options.where,
        spec: { run: run.name, walkForward: spec, sweep: run.sweep ?? config.sweep ?? null },
        dataName: market.name,
        dataFingerprint: market.fingerprint,
        planned: all.length + refused.length,
      });
      const held = holdSweep(store, sweepId, `walk-forward ${sweepId}`, options.db);
      try {
        writeTrialFailures(store, sweepId, refused);
        const { ran, failed, interrupted } = await executeTrials(store, sweepId, executor, all, { ...options, earlier, what: 'walk-forward' });
        for (const t of all) earlier.add(t.key);
        const planned = new Set(all.map((t) => t.key));
        const failedTrials = sweepFailures(store, sweepId).filter((f) => planned.has(f.key));
        const base = { run: run.name, market: { name: market.name, synthetic: market.synthetic, fingerprint: market.fingerprint }, sweepId, metric: spec.metric, mode: spec.mode, trials: all.length, refused, failed: failedTrials };
        if (interrupted) {
          outcomes.push({ ...base, windows: [], runId: null, efficiency: null, efficiencyNote: null, oosAnnualReturn: null, oosSharpe: null, interrupted: true, complete: false, caveats: [], notes: [] });
          break;
        }
        const notes = windowNotes({ dates: market.dates, windows, outOfSample: spec.outOfSample, periodsPerYear: perWindow[0][0].periodsPerYear ?? perWindow[0][0].engine.periodsPerYear, trials: windowTrials(store, sweepId, perWindow) });
        const storedRun = ran + failed === 0 ? walkForwardRun(store, sweepId) : null;
        const told = (s: ReturnType<typeof summary>) => [...efficiencyNotes(s.windows, { value: s.efficiency, note: s.efficiencyNote }), ...notes];
        if (storedRun !== null) {
          const stored = storedOutcome(store, sweepId, storedRun);
          outcomes.push({ ...base, ...stored, interrupted: false, complete: true, notes: told(stored) });
        } else {
          // A single run over the period says when the data starts later or ends earlier than asked: so does the test, with the same caveats.
          const requested = { from: period.from, to: period.to, caveats: requestedPeriodCaveats(market.dates, period.first, period.last, period) };
          const stitched = await stitch({ store, config, market, k, where: options.where, sweepId, windows, perWindow, metric: spec.metric, requested });
          const made = summary(stitched.records, stitched.runId, stitched.metrics, stitched.caveats);
          outcomes.push({ ...base, ...made, interrupted: false, complete: false, notes: told(made) });
        }
      } finally {
        held.release();
      }
    }
    return outcomes;
  } finally {
    store.close();
    await executor.close();
  }
}

/** A finished walk-forward as the store holds it: its windows and stitched run (nothing is written). */
function storedOutcome(store: Store, sweepId: number, runId: number) {
  const stored = getRun(store, runId);
  return summary(readWindows(store, sweepId), runId, stored?.metrics ?? [], stored?.caveats ?? []);
}

/**
 * The windows, the stitched run's annualised return and Sharpe (its metrics) and caveats, and the
 * walk-forward efficiency: stitched OOS annualised return / mean IS annualised return of the
 * choices, null with its note when that mean is ≤ 0 (walkForwardEfficiency; reports/SWEEPS.md).
 */
function summary(windows: WindowRecord[], runId: number, metrics: readonly { name: string; value: number | null }[], caveats: readonly Caveat[]) {
  const oosAnnualReturn = metrics.find((m) => m.name === 'annual_return')?.value ?? null;
  const isAnnuals = windows.flatMap((r) => (r.isAnnualReturn === null ? [] : [r.isAnnualReturn]));
  const meanIs = isAnnuals.length ? isAnnuals.reduce((a, b) => a + b, 0) / isAnnuals.length : null;
  const efficiency = walkForwardEfficiency(oosAnnualReturn, meanIs, 'mean in-sample annual return');
  return {
    windows,
    runId,
    oosAnnualReturn,
    oosSharpe: metrics.find((m) => m.name === 'sharpe')?.value ?? null,
    efficiency: efficiency.value,
    efficiencyNote: efficiency.note,
    caveats,
  };
}

