// Planning a sweep: every run of the study expanded by its sweep block into points, each point
// validated as a study run would be (strategy, params, engine settings, benchmark — errors name
// the key path and the point), and turned into a trial spec with its key. Points that come out
// as the same trial (same key) are tried once. A point the strategy's parameter check refuses
// (sma-crossover's fast ≥ slow in a fast × slow grid) is a failed trial, recorded with its reason
// like a trial whose strategy throws; the rest run. A run none of whose points passes is refused.

import { ParamsError } from '../../data/errors.ts';
import type { Market } from '../../data/market.ts';
import { canonicalJson, sha256, type TrialFailure } from '../../reports/store/index.ts';
import type { RunSpec, StudyConfig } from '../config.ts';
import { prepareRun } from '../runStudy.ts';
import type { SweepSpec } from './config.ts';
import { expandSweep, type SweepPoint } from './expand.ts';
import { askedRuns } from './runNames.ts';
import { type TrialSpec, trialSpecOf } from './trial.ts';

export interface SweepPlan {
  readonly trials: TrialSpec[];
  /** Points the strategy's parameter check refused: failed trials (kind `user`), never run. */
  readonly invalid: TrialFailure[];
  /** Notes about the study as a whole (a risk-free series the data lacks…). */
  readonly notes: string[];
}

/** Where a point goes: its run's index, its trial's name, and the error prefix. */
export interface PointPlace {
  readonly k: number;
  readonly name: string;
  readonly group: string;
  readonly seq: number;
  readonly where: string;
}

/**
 * One point as a trial spec, or as a failed trial when the strategy's parameter check refuses it
 * (its key: sha256 of the strategy, the given parameters, the engine settings and the data, so
 * `--resume` finds it failed). Any other error is thrown.
 */
export async function planPoint(point: SweepPoint, spec: RunSpec, place: PointPlace, config: StudyConfig, market: Market, baseDir?: string): Promise<TrialSpec | TrialFailure> {
  try {
    const prepared = await prepareRun(spec, place.k, config, market, place.where, baseDir);
    return trialSpecOf(prepared, config.riskFree, market, { name: place.name, group: place.group, seq: place.seq, values: point.values });
  } catch (err) {
    if (!(err instanceof ParamsError)) throw err;
    const key = sha256(canonicalJson({ format: 'breadth-refused-point/1', strategy: spec.strategy, params: spec.params ?? null, engine: spec.engine, data: market.fingerprint }));
    return { key, name: place.name, group: place.group, seq: place.seq, message: err.message, kind: 'user' };
  }
}

/** True for a planned trial, false for a refused point. */
export const isTrial = (x: TrialSpec | TrialFailure): x is TrialSpec => !('message' in x);

/** Throws the first refusal (a ParamsError) when a run has points and none is valid: the run as written cannot run at all. */
export function refuseIfNoneValid(planned: readonly (TrialSpec | TrialFailure)[]): void {
  const refused = planned.filter((x): x is TrialFailure => !isTrial(x));
  if (planned.length > 0 && refused.length === planned.length) throw new ParamsError(refused[0].message);
}

/** The trials of every run of `config` (only `runs` when given: a name the study lacks is refused, askedRuns) on `market`. */
export async function planSweep(config: StudyConfig, market: Market, where: string, baseDir?: string, runs?: readonly string[]): Promise<SweepPlan> {
  const notes: string[] = [];
  const trials: TrialSpec[] = [];
  const invalid: TrialFailure[] = [];
  const seen = new Set<string>();
  for (const { run, k } of askedRuns(config, runs, where)) {
    const planned: (TrialSpec | TrialFailure)[] = [];
    const sweep = run.sweep ?? config.sweep;
    const points = expandSweep(run, sweep, config.engine);
    let merged = 0;
    for (const point of points) {
      const place = { k, name: point.name, group: run.name, seq: trials.length + invalid.length, where: point.name === run.name ? where : `${where} (trial ${point.name})` };
      const trial = await planPoint(point, point.spec, place, config, market, baseDir);
      planned.push(trial);
      if (seen.has(trial.key)) {
        merged++;
        continue;
      }
      seen.add(trial.key);
      if (isTrial(trial)) trials.push(trial);
      else invalid.push(trial);
    }
    refuseIfNoneValid(planned);
    notes.push(...fewerTrialsNotes(run.name, sweep, points.length, merged));
  }
  return { trials, invalid, notes };
}

/**
 * Why a run's sweep tries fewer trials than it asks for: a random sweep's grid has fewer distinct
 * combinations than `samples` (all are tried), or `merged` of its `points` are the same trial as
 * another point of the sweep (equal trial keys: run once).
 */
function fewerTrialsNotes(run: string, sweep: SweepSpec | undefined, points: number, merged: number): string[] {
  const samples = sweep?.method === 'random' ? (sweep.samples ?? 0) : 0;
  const short = points < samples ? [`${run}: a random sweep of ${samples} samples, but its grid has ${points} distinct combination${points === 1 ? '' : 's'}: all are tried`] : [];
  const same = merged > 0 ? [`${run}: ${merged} of its ${points} points ${merged === 1 ? 'is the same trial' : 'are the same trial'} as another point of the sweep (equal trial keys: the same validated parameters, a default given or left out) and ${merged === 1 ? 'runs' : 'run'} once`] : [];
  return [...short, ...same];
}
