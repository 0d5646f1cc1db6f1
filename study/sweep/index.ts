// Sweeps: many trials of a study's runs on every core, the trial registry, DSR and PBO; and
// walk-forward tests built on them.

export { type Axis, sweepSchema, type SweepSpec, walkForwardSchema, type WalkForwardSpec } from './config.ts';
export { expandSweep, type SweepPoint } from './expand.ts';
export { noResultError } from './noResult.ts';
export { planSweep, type SweepPlan } from './plan.ts';
export { defaultWorkers, localPool, type TrialPool } from './pool.ts';
export { sweepPageData, writeKeptTearSheets, writeSweepPage, writeWalkForwardPage } from './publish.ts';
export { openSweepMarket, runSweep, type SweepOptions, type SweepOutcome } from './runSweep.ts';
export { bestTrial, lowerIsBetter, ranked, score, sweepPbo, trialDsr } from './select.ts';
export { openSharedMarket, shareMarket, type SharedMarket } from './sharedMarket.ts';
export { configHash, replayTrial, runTrial, trialKey, type TrialResult, type TrialSpec } from './trial.ts';
export { runWalkForward, type WalkForwardOptions, type WalkForwardOutcome } from './walkForward/runWalkForward.ts';
export { walkForwardWindows, type Window } from './walkForward/windows.ts';
export { stitchedStrategy } from './walkForward/stitched.ts';
