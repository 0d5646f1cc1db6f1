// The runs `--runs` asks a sweep or walk-forward test for, checked against the study's before
// anything loads or runs: a name the study does not have is refused in one line naming it and the
// study's runs (with the nearest, for a typo), never left out in silence or blamed on the study
// (probe r64b F4: `--runs p,nope` ran p alone and said nothing of nope).

import { UserError } from '../../data/errors.ts';
import { nearestName } from '../../data/nearestName.ts';
import type { RunSpec, StudyConfig } from '../config.ts';

/** `"nope"`, `"nope" (did you mean p?)`. */
function named(typed: string, known: readonly string[]): string {
  const near = nearestName(typed, known);
  return `"${typed}"${near === undefined ? '' : ` (did you mean ${near}?)`}`;
}

/**
 * The runs of `config` named by `runs` (all of them when it is undefined), in the study's order,
 * each with its index k. Throws UserError naming every name (case-sensitive) that no run of the
 * study at `where` has: `--runs: no run named "nope" in w1.yaml (runs: p)`.
 */
export function askedRuns(config: StudyConfig, runs: readonly string[] | undefined, where: string): { run: RunSpec; k: number }[] {
  const all = config.runs.map((run, k) => ({ run, k }));
  if (runs === undefined) return all;
  const known = config.runs.map((r) => r.name);
  const unknown = [...new Set(runs.filter((name) => !known.includes(name)))];
  if (unknown.length > 0) {
    throw new UserError(`--runs: no run named ${unknown.map((n) => named(n, known)).join(', ')} in ${where} (runs: ${known.join(', ')})`);
  }
  return all.filter(({ run }) => runs.includes(run.name));
}
