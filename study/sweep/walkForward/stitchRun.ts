// The out-of-sample half of a walk-forward test: choose each window's in-sample best among its
// stored trials, run the choices out of sample as ONE stitched run (stitched.ts), store it as an
// ordinary run with the caveats of the test as a whole (the period asked against the data's, a
// window that fell back to the first point), and store the windows with their figures
// (windowFigures.ts).

import { isoDay } from '../../../data/dates.ts';
import type { Market } from '../../../data/market.ts';
import { type Caveat, caveat, rankCaveats } from '../../../engine/caveats/caveats.ts';
import { walkForwardEfficiency } from '../../../reports/metrics/index.ts';
import { recordedTrials, saveWindows, type Store, sweepFailures, sweepTrials, type WindowRecord, writeRun } from '../../../reports/store/index.ts';
import { instantiate } from '../../../strategies/api.ts';
import { userCodeSettled } from '../../../strategies/asyncFault.ts';
import { loadStrategyDefinition } from '../../../strategies/registry.ts';
import type { StudyConfig } from '../../config.ts';
import { measureRun, resolveRiskFree } from '../../measure.ts';
import { backtestStudyRun } from '../../missingRates.ts';
import { loadModelFiles } from '../../models.ts';
import { noResultError } from '../noResult.ts';
import { bestTrial, checkMetric, score, trialMetricNames } from '../select.ts';
import { stitchedStrategy } from './stitched.ts';
import type { TrialSpec } from '../trial.ts';
import { outOfSampleFigures } from './windowFigures.ts';
import { pointName } from './windowNotes.ts';
import type { Window } from './windows.ts';

export interface StitchInput {
  readonly store: Store;
  readonly config: StudyConfig;
  readonly market: Market;
  /** The run's index in the study, and where errors point (the study file). */
  readonly k: number;
  readonly where: string;
  /** The walk-forward's sweep id in the store: its in-sample trials. */
  readonly sweepId: number;
  readonly windows: readonly Window[];
  /** Each window's in-sample trial specs, in grid order. */
  readonly perWindow: readonly (readonly TrialSpec[])[];
  /** The metric that chooses. */
  readonly metric: string;
  /**
   * The period the test was asked for (ISO days; null: the data's start or end), kept in the
   * stitched run's manifest (its strategy's `requested`), and the caveats of its sessions against
   * it (engine/calendar/requestedPeriod.ts: late start, early end), which the stitched run carries.
   */
  readonly requested: { readonly from: string | null; readonly to: string | null; readonly caveats: readonly Caveat[] };
}

/**
 * Choose per window, run the choices out of sample as one run, store it and the windows. Returns
 * the windows and the stitched run: its id, metrics and caveats (ranked, as stored).
 */
export async function stitch({ store, config, market, k, where, sweepId, windows, perWindow, metric, requested }: StitchInput) {
  const all = sweepTrials(store, sweepId);
  checkMetric(trialMetricNames(all), metric, `${where}: runs[${k}].walkForward.metric`);
  const stored = new Map(all.map((t) => [t.key, t]));
  const day = (t: number): string => isoDay(market.dates[t]);
  const choices = perWindow.map((specs, w) => {
    const trials = specs.map((s) => stored.get(s.key)).filter((t) => t !== undefined);
    if (trials.length === 0) {
      const keys = new Set(specs.map((s) => s.key));
      throw noResultError(`${where}: runs[${k}].walkForward's in-sample window ${day(windows[w].isFirst)}..${day(windows[w].isLast)}`, sweepFailures(store, sweepId).filter((f) => keys.has(f.key)));
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
  const strategy = stitchedStrategy(parts, { requested: { from: requested.from, to: requested.to }, walkForward: windowsParams });
  const engine = { ...choices[0].spec.engine, from: day(windows[0].oosFirst), to: day(windows[windows.length - 1].oosLast) };
  const models = Object.keys(choices[0].spec.models).length ? await loadModelFiles(choices[0].spec.models, market, `${where}: runs[${k}]`) : {};
  const ran = backtestStudyRun(market, strategy, engine, models);
  await userCodeSettled();
  const ofTheTest = [...requested.caveats, ...(fallbacks.length === 0 ? [] : [fallbackCaveat(fallbacks, metric, pointName(perWindow[0][0].name))])];
  const result = ofTheTest.length === 0 ? ran : { ...ran, caveats: rankCaveats([...ran.caveats, ...ofTheTest]) };
  const p = choices[0].spec;
  const recorded = recordedTrials(store, strategy.name, market.fingerprint);
  const riskFree = resolveRiskFree(p.riskFree, market);
  const metrics = measureRun(result, market, { benchmark: p.benchmark, periodsPerYear: p.periodsPerYear, riskFree: p.riskFree, trials: recorded });
  const runId = writeRun(store, { result, metrics, label: `${config.runs[k].name}-walk-forward` });

  // Per window, out of sample: the stitched run's returns over the window's sessions, with the window's own P (windowFigures.ts).
  const given = p.periodsPerYear ?? result.manifest.config.periodsPerYear;
  const records: WindowRecord[] = windows.map((w, i) => {
    const oos = outOfSampleFigures(result.daily.nav, market.dates, result.sessions[0], w, given, riskFree);
    const isAnnual = choices[i].trial.metrics.annual_return ?? null;
    const efficiency = walkForwardEfficiency(oos.annualReturn, isAnnual);
    return {
      isFrom: day(w.isFirst),
      isTo: day(w.isLast),
      oosFrom: day(w.oosFirst),
      oosTo: day(w.oosLast),
      trialKey: choices[i].trial.key,
      params: choices[i].spec.params,
      values: choices[i].spec.values,
      fallback: choices[i].fallback,
      cut: w.cut,
      isMetric: Number.isFinite(score(choices[i].trial, metric)) ? (choices[i].trial.metrics[metric] ?? null) : null,
      isAnnualReturn: isAnnual,
      isSharpe: choices[i].trial.metrics.sharpe ?? null,
      oosAnnualReturn: oos.annualReturn,
      oosSharpe: oos.sharpe,
      efficiency: efficiency.value,
      efficiencyNote: efficiency.note,
    };
  });
  saveWindows(store, sweepId, records, runId);
  return { records, runId, metrics: metrics.metrics, caveats: rankCaveats([...result.caveats, ...metrics.caveats]) };
}

/** The caveat of windows where no in-sample trial had a value of the metric, so the first point (`point`) ran. */
function fallbackCaveat(spans: readonly string[], metric: string, point: string): Caveat {
  return caveat('walk-forward', 'high', `no in-sample trial has a value of ${metric} for the out-of-sample window${spans.length === 1 ? '' : 's'} ${spans.join(', ')}: ${spans.length === 1 ? 'it runs' : 'they run'} the first point, ${point}, as a fallback — not a choice`, { value: spans.length, unit: 'count' });
}
