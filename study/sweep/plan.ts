// Planning a sweep: every run of the study expanded by its sweep block into points, each point
// validated as a study run would be (strategy, params, engine settings, benchmark — errors name
// the key path and the point), and turned into a trial spec with its key. Points that come out
// as the same trial (same key) are tried once.

import type { Market } from '../../data/market.ts';
import type { StudyConfig } from '../config.ts';
import { prepareRun } from '../runStudy.ts';
import { expandSweep } from './expand.ts';
import { type TrialSpec, trialSpecOf } from './trial.ts';

export interface SweepPlan {
  readonly trials: TrialSpec[];
  /** Notes about the study as a whole (a risk-free series the data lacks…). */
  readonly notes: string[];
}

/** The trials of every run of `config` (only `runs` when given) on `market`. */
export async function planSweep(config: StudyConfig, market: Market, where: string, baseDir?: string, runs?: readonly string[]): Promise<SweepPlan> {
  const notes: string[] = [];
  const trials: TrialSpec[] = [];
  const seen = new Set<string>();
  for (const [k, run] of config.runs.entries()) {
    if (runs && !runs.includes(run.name)) continue;
    for (const point of expandSweep(run, run.sweep ?? config.sweep, config.engine)) {
      const prepared = await prepareRun(point.spec, k, config, market, point.name === run.name ? where : `${where} (trial ${point.name})`, notes, baseDir);
      const trial = trialSpecOf(prepared, config.riskFree, market, { name: point.name, group: run.name, seq: trials.length, values: point.values });
      if (seen.has(trial.key)) continue;
      seen.add(trial.key);
      trials.push(trial);
    }
  }
  return { trials, notes };
}
