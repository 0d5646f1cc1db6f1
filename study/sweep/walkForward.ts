// Walk-forward testing: for each window, every point of the run's sweep is a trial over the
// in-sample span (run on the pool, stored in the registry like any trial); the point that
// maximises the chosen metric in sample is the window's choice; the choices then run out of
// sample as ONE stitched run (stitched.ts), stored as an ordinary run with its tear sheet. Per
// window: the choice, its in-sample and out-of-sample annualised return and Sharpe, and the
// walk-forward efficiency WFE = OOS annualised return / IS annualised return (reports/SWEEPS.md).

import { isoDay, parseIsoDay, sessionOnOrBefore } from '../../data/dates.ts';
import { UserError } from '../../data/errors.ts';
import type { Market } from '../../data/market.ts';
import { backtest } from '../../engine/backtest.ts';
import { type Caveat, caveat, rankCaveats } from '../../engine/caveats.ts';
import { canonicalJson, getRun, readWindows, recordedTrials, recordSweep, saveWindows, type Store, sha256, sweepFailures, sweepTrials, type TrialFailure, type WindowRecord, walkForwardRun, writeRun, writeTrialFailures } from '../../reports/store/index.ts';
import { instantiate } from '../../strategies/api.ts';
import { loadModelFiles } from '../models.ts';
import { loadStrategyDefinition } from '../../strategies/registry.ts';
import type { RunSpec, StudyConfig } from '../config.ts';
import type { StudyLoadOptions } from '../market.ts';
import { measuredMetricNames, measureRun, resolveRiskFree } from '../measure.ts';
import { executeTrials, type ExecuteOptions } from './execute.ts';
import { sweepSchema } from './config.ts';
import { expandSweep } from './expand.ts';
import { noResultError } from './noResult.ts';
import { isTrial, planPoint, refuseIfNoneValid } from './plan.ts';
import { openExecution, openSweepMarket } from './runSweep.ts';
import { holdSweep } from './soleCoordinator.ts';
import type { QueueSettings } from './queue/protocol.ts';
import { bestTrial, checkMetric, score, trialMetricNames } from './select.ts';
import { stitchedStrategy } from './stitched.ts';
import type { TrialSpec } from './trial.ts';
import { outOfSampleFigures } from './windowFigures.ts';
import { walkForwardWindows, type Window } from './windows.ts';

export interface WalkForwardOptions extends ExecuteOptions {
  /** Worker threads here (ignored with `queue`). */
  readonly workers: number;
  /** Run the in-sample trials on the workers of a Redis queue instead. */
  readonly queue?: QueueSettings;
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
  /** Stitched OOS annualised return / mean IS annualised return of the choices. */
  readonly efficiency: number | null;
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
}

function runPeriod(market: Market, spec: RunSpec, config: StudyConfig): [number, number] {
  const from = spec.engine.from ?? config.engine.from ?? config.from;
  const to = spec.engine.to ?? config.engine.to ?? config.to;
  const dates = market.dates;
  const first = typeof from === 'string' ? sessionOnOrBefore(dates, parseIsoDay(from) - 1) + 1 : 0;
  const last = typeof to === 'string' ? sessionOnOrBefore(dates, parseIsoDay(to)) : dates.length - 1;
  return [first, last];
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
      planned.push(await planPoint(point, spec, place, config, market, [], options.baseDir));
    }
    refuseIfNoneValid(planned);
    perWindow.push(planned.filter(isTrial));
    refused.push(...planned.filter((x): x is TrialFailure => !isTrial(x)));
  }
  return { perWindow, refused };
}

export async function runWalkForward(config: StudyConfig, options: WalkForwardOptions): Promise<WalkForwardOutcome[]> {
  const { market, shared } = await openSweepMarket(config, options.load);
  const chosen = config.runs.map((run, k) => ({ run, k })).filter(({ run }) => !options.runs || options.runs.includes(run.name));
  const tested = chosen.filter(({ run }) => run.walkForward ?? config.walkForward);
  if (tested.length === 0) throw new UserError(`${options.where}: no run has a walkForward block (add one at the top of the study or under a run)`);
  // Before any trial runs: a mistyped metric would be found only once every in-sample trial had.
  const names = measuredMetricNames(market);
  for (const { run, k } of tested) {
    const spec = run.walkForward ?? config.walkForward;
    if (spec) checkMetric(names, spec.metric, `${options.where}: runs[${k}].walkForward.metric`);
  }
  const { executor, store } = await openExecution(options, config, market, shared);
  try {
    const outcomes: WalkForwardOutcome[] = [];
    // In-sample trials this command stored: a later run sharing one reuses it (it runs once).
    const earlier = new Set<string>();
    for (const { run, k } of tested) {
      if (options.signal?.aborted) break;
      const spec = run.walkForward ?? config.walkForward;
      if (!spec) continue;
      const [first, last] = runPeriod(market, run, config);
      const windows = walkForwardWindows(market.dates, first, last, spec, `${options.where}: runs[${k}].walkForward`);
      const { perWindow, refused: refusedPoints } = await planWindows(config, market, k, windows, options);
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
          outcomes.push({ ...base, windows: [], runId: null, efficiency: null, oosAnnualReturn: null, oosSharpe: null, interrupted: true, complete: false });
          break;
        }
        const storedRun = ran + failed === 0 ? walkForwardRun(store, sweepId) : null;
        if (storedRun !== null) outcomes.push({ ...base, ...storedOutcome(store, sweepId, storedRun), interrupted: false, complete: true });
        else outcomes.push({ ...base, ...(await stitch(store, config, market, k, sweepId, windows, perWindow, spec.metric, options)), interrupted: false, complete: false });
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

/** Choose per window, run the choices out of sample as one run, store it and the windows. */
async function stitch(store: Store, config: StudyConfig, market: Market, k: number, sweepId: number, windows: readonly Window[], perWindow: readonly TrialSpec[][], metric: string, options: WalkForwardOptions) {
  const all = sweepTrials(store, sweepId);
  checkMetric(trialMetricNames(all), metric, `${options.where}: runs[${k}].walkForward.metric`);
  const stored = new Map(all.map((t) => [t.key, t]));
  const day = (t: number): string => isoDay(market.dates[t]);
  const choices = perWindow.map((specs, w) => {
    const trials = specs.map((s) => stored.get(s.key)).filter((t) => t !== undefined);
    if (trials.length === 0) {
      const keys = new Set(specs.map((s) => s.key));
      throw noResultError(`${options.where}: runs[${k}].walkForward's in-sample window ${day(windows[w].isFirst)}..${day(windows[w].isLast)}`, sweepFailures(store, sweepId).filter((f) => keys.has(f.key)));
    }
    const best = bestTrial(trials, metric);
    const trial = best ?? trials[0];
    // This run's own point (a trial stored by another run of the command carries that run's name and values).
    return { trial, spec: specs.find((s) => s.key === trial.key) as TrialSpec, fallback: best === null };
  });
  const fallbacks = choices.flatMap((c, w) => (c.fallback ? [`${day(windows[w].oosFirst)}..${day(windows[w].oosLast)}`] : []));
  const loaded = await loadStrategyDefinition(choices[0].spec.strategy);
  const parts = choices.map((c, w) => ({ from: windows[w].oosFirst, strategy: instantiate(loaded.definition, c.spec.params, loaded.sourceHash, loaded.origin) }));
  const windowsParams = choices.map((c, w) => ({ from: day(windows[w].oosFirst), to: day(windows[w].oosLast), params: c.spec.params }));
  const strategy = stitchedStrategy(parts, { walkForward: windowsParams });
  const engine = { ...choices[0].spec.engine, from: day(windows[0].oosFirst), to: day(windows[windows.length - 1].oosLast) };
  const models = Object.keys(choices[0].spec.models).length ? await loadModelFiles(choices[0].spec.models, market, `${options.where}: runs[${k}]`) : {};
  const ran = backtest(market, strategy, engine, models);
  const result = fallbacks.length === 0 ? ran : { ...ran, caveats: rankCaveats([...ran.caveats, fallbackCaveat(fallbacks, metric, perWindow[0][0].name)]) };
  const p = choices[0].spec;
  const recorded = recordedTrials(store, strategy.name, market.fingerprint);
  const riskFree = resolveRiskFree(p.riskFree, market, []);
  const metrics = measureRun(result, market, { benchmark: p.benchmark, periodsPerYear: p.periodsPerYear, riskFree, trials: recorded });
  const runId = writeRun(store, { result, metrics, label: `${config.runs[k].name}-walk-forward` });

  // Per window, out of sample: the stitched run's returns over the window's sessions, with the window's own P (windowFigures.ts).
  const given = p.periodsPerYear ?? result.manifest.config.periodsPerYear;
  const records: WindowRecord[] = windows.map((w, i) => {
    const oos = outOfSampleFigures(result.daily.nav, market.dates, result.sessions[0], w, given, riskFree);
    const isAnnual = choices[i].trial.metrics.annual_return ?? null;
    return {
      isFrom: day(w.isFirst),
      isTo: day(w.isLast),
      oosFrom: day(w.oosFirst),
      oosTo: day(w.oosLast),
      trialKey: choices[i].trial.key,
      params: choices[i].spec.params,
      values: choices[i].spec.values,
      fallback: choices[i].fallback,
      isMetric: Number.isFinite(score(choices[i].trial, metric)) ? (choices[i].trial.metrics[metric] ?? null) : null,
      isAnnualReturn: isAnnual,
      isSharpe: choices[i].trial.metrics.sharpe ?? null,
      oosAnnualReturn: oos.annualReturn,
      oosSharpe: oos.sharpe,
      efficiency: oos.annualReturn !== null && isAnnual !== null && isAnnual !== 0 ? oos.annualReturn / isAnnual : null,
    };
  });
  saveWindows(store, sweepId, records, runId);
  return summary(records, runId, metrics.metrics);
}

/** A finished walk-forward as the store holds it: its windows and stitched run (nothing is written). */
function storedOutcome(store: Store, sweepId: number, runId: number) {
  return summary(readWindows(store, sweepId), runId, getRun(store, runId)?.metrics ?? []);
}

/**
 * The windows, the stitched run's annualised return and Sharpe (its metrics), and the walk-forward
 * efficiency: stitched OOS annualised return / mean IS annualised return of the choices (reports/SWEEPS.md).
 */
function summary(windows: WindowRecord[], runId: number, metrics: readonly { name: string; value: number | null }[]) {
  const oosAnnualReturn = metrics.find((m) => m.name === 'annual_return')?.value ?? null;
  const isAnnuals = windows.flatMap((r) => (r.isAnnualReturn === null ? [] : [r.isAnnualReturn]));
  const meanIs = isAnnuals.length ? isAnnuals.reduce((a, b) => a + b, 0) / isAnnuals.length : NaN;
  return {
    windows,
    runId,
    oosAnnualReturn,
    oosSharpe: metrics.find((m) => m.name === 'sharpe')?.value ?? null,
    efficiency: oosAnnualReturn !== null && Number.isFinite(meanIs) && meanIs !== 0 ? oosAnnualReturn / meanIs : null,
  };
}

/** The caveat of windows where no in-sample trial had a value of the metric, so the first point ran. */
function fallbackCaveat(spans: readonly string[], metric: string, firstName: string): Caveat {
  const point = firstName.replace(/ IS .*$/, '');
  return caveat('walk-forward', 'high', `no in-sample trial has a value of ${metric} for the out-of-sample window${spans.length === 1 ? '' : 's'} ${spans.join(', ')}: ${spans.length === 1 ? 'it runs' : 'they run'} the first point, ${point}, as a fallback — not a choice`, { value: spans.length, unit: 'count' });
}

