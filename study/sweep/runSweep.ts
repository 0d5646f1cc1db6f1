// Running a sweep: the coordinator. It opens the market once and shares it with the worker pool,
// plans the trials, skips those the registry holds (--resume), feeds the pool a few trials ahead
// and writes each finished trial in its own transaction — the only process that writes (a second
// coordinator of the sweep is refused: soleCoordinator.ts), so a kill at any moment leaves every
// finished trial stored once and nothing half-written. When the trials are in, it measures the
// sweep (best trial, DSR over the registry, PBO by CSCV) and keeps the best K trials in full as
// ordinary runs (fills, positions, tear sheet).

import { UserError } from '../../data/errors.ts';
import type { Market } from '../../data/market.ts';
import { DEFAULT_PBO_BLOCKS, type Metric, pboBlocksProblem, type SharpeTrials } from '../../reports/metrics/index.ts';
import { canonicalJson, fillsHash, keepTrialRun, MIGRATIONS, openStore, recordedTrials, recordSweep, sha256, type Store, type StoredTrial, sweepFailures, sweepTrials, type TrialFailure, writeRun, writeTrialFailures } from '../../reports/store/index.ts';
import { executeTrials, type TrialExecutor } from './execute.ts';
import { localExecutor } from './pool.ts';
import { marketRequest, type QueueSettings } from './queue/protocol.ts';
import type { RunSpec, StudyConfig } from '../config.ts';
import { openStudyMarket, type StudyLoadOptions } from '../market.ts';
import { measuredMetricNames, resolveRiskFree, trialRiskFree } from '../measure.ts';
import { planSweep } from './plan.ts';
import { askedRuns } from './runNames.ts';
import { bestTrial, caveatNotes, checkMetric, pboNotes, ranked, score, type SweepPbo, sweepPbo, trialDsr, trialMetricNames } from './select.ts';
import { openSharedMarket, shareMarket, type SharedMarket } from './sharedMarket.ts';
import { type HeldSweep, holdSweep } from './soleCoordinator.ts';
import { replayTrial, type TrialSpec } from './trial.ts';
import { DEFAULT_TRIAL_TIMEOUT_MS, trialTimeoutMs } from './trialTimeout.ts';

export interface SweepOptions {
  /** The study file (names errors; recorded with the sweep). */
  readonly where: string;
  readonly db: string;
  readonly baseDir?: string;
  /** Worker threads here (ignored with `queue`). */
  readonly workers: number;
  /** Run the trials on the workers of a Redis queue instead (queue/): other machines, one writer here. */
  readonly queue?: QueueSettings;
  /** `--trial-timeout`, ms (default 10 minutes): a trial running longer fails (trialTimeout.ts), here or on the queue. */
  readonly trialTimeoutMs?: number;
  /** Skip trials the registry holds already (else a stored trial is an error). */
  readonly resume?: boolean;
  /** Keep this many best trials in full as runs (default 3). */
  readonly keep?: number;
  /** The metric that ranks trials (default sharpe). */
  readonly metric?: string;
  /** PBO blocks S (default 16). */
  readonly blocks?: number;
  /** Only these runs of the study. */
  readonly runs?: readonly string[];
  /** Aborting stops feeding the pool; trials already running finish (each within its timeout) and are stored. */
  readonly signal?: AbortSignal;
  /** How real data is loaded (the market cache, and what it reports). */
  readonly load?: StudyLoadOptions;
  onTrial?(done: number, total: number, name: string): void;
}

export interface SweepOutcome {
  readonly sweepId: number;
  readonly db: string;
  readonly market: { readonly name: string; readonly synthetic: boolean; readonly fingerprint: string };
  /** Grid points: trials, and points the strategy's parameter check refused. */
  readonly planned: number;
  /** Points the strategy's parameter check refused (among `failed`, never run). */
  readonly refused: number;
  /** Trials run now, and trials found stored (resume). */
  readonly ran: number;
  readonly skipped: number;
  /** Trials that failed for the user's reason before, in this sweep or another (among `failed`; not run again). */
  readonly failedBefore: number;
  /** True when stopped before every trial was in. */
  readonly interrupted: boolean;
  /** Trials that failed (a user's error, or attempts run out on a queue), with their messages. */
  readonly failed: TrialFailure[];
  readonly metric: string;
  readonly trials: StoredTrial[];
  readonly best: { readonly trial: StoredTrial; readonly dsr: Metric } | null;
  /** Each trial's DSR (by key) over the trials the registry holds for its strategy and data. */
  readonly dsr: ReadonlyMap<string, Metric>;
  /** The registry's count and Sharpe variance per strategy, as the DSRs used them. */
  readonly recorded: ReadonlyMap<string, SharpeTrials | undefined>;
  readonly pbo: SweepPbo;
  /** Trials kept in full: their run ids. */
  readonly kept: { readonly key: string; readonly name: string; readonly runId: number }[];
  readonly notes: string[];
}

const DEFAULT_KEEP = 3;

/** What openExecution needs of a sweep's or walk-forward test's options. */
interface ExecutionOptions {
  readonly db: string;
  readonly workers: number;
  readonly queue?: QueueSettings;
  readonly trialTimeoutMs?: number;
}

/** Where the trials run: a Redis queue's workers (BullMQ loads only then), or worker threads here; each past `trialTimeoutMs` fails. */
async function trialExecutor(options: ExecutionOptions, config: StudyConfig, market: Market, shared: SharedMarket): Promise<TrialExecutor> {
  const timeoutMs = options.trialTimeoutMs ?? DEFAULT_TRIAL_TIMEOUT_MS;
  trialTimeoutMs(timeoutMs / 1000); // in range, as --trial-timeout is checked
  if (!options.queue) return localExecutor(shared, options.workers, timeoutMs);
  const { queueExecutor } = await import('./queue/coordinator.ts');
  return queueExecutor(options.queue, marketRequest(config), market.fingerprint, timeoutMs);
}

/**
 * The executor, then the results store: a queue that does not answer fails the sweep before
 * anything is written. The caller closes both.
 */
export async function openExecution(options: ExecutionOptions, config: StudyConfig, market: Market, shared: SharedMarket): Promise<{ executor: TrialExecutor; store: Store }> {
  const executor = await trialExecutor(options, config, market, shared);
  try {
    // A new store that ends with no trial in it (Ctrl-C before the first ended, every one refused at once) is removed as it is closed.
    return { executor, store: openStore(options.db, MIGRATIONS, { discardEmpty: true }) };
  } catch (err) {
    await executor.close();
    throw err;
  }
}

/** Open the study's market once, in shared memory (the coordinator reads the same bytes as the workers); `load` as openStudyMarket. */
export async function openSweepMarket(config: StudyConfig, load?: StudyLoadOptions): Promise<{ market: Market; shared: SharedMarket }> {
  const shared = shareMarket(await openStudyMarket(config, load));
  return { market: openSharedMarket(shared), shared };
}

/**
 * Throws UserError when none of the runs to sweep (`runs`, else every run: askedRuns) has a sweep
 * block, its own or the study's: a sweep of it would be one backtest of each run, which is
 * `breadth run` (walk-forward refuses a study without its block alike).
 */
function requireSweepBlock(config: StudyConfig, runs: readonly string[] | undefined, where: string): void {
  const swept = (run: RunSpec): boolean => (run.sweep ?? config.sweep) !== undefined;
  const asked = askedRuns(config, runs, where);
  if (asked.some(({ run }) => swept(run))) return;
  const withOne = config.runs.filter(swept).map((run) => run.name);
  if (withOne.length > 0) {
    const names = asked.map(({ run }) => `"${run.name}"`);
    throw new UserError(`--runs: ${names.length === 1 ? 'run' : 'runs'} ${names.join(', ')} of ${where} ${names.length === 1 ? 'has' : 'have'} no sweep: block (runs with one: ${withOne.join(', ')})`);
  }
  throw new UserError(`${where}: no run has a sweep: block, so there is nothing to sweep — add one at the top of the study or under a run (see examples/sweep.yaml), or use \`breadth run ${where}\` for one backtest of each run`);
}

export async function runSweep(config: StudyConfig, options: SweepOptions): Promise<SweepOutcome> {
  const metric = options.metric ?? 'sharpe';
  const keep = options.keep ?? DEFAULT_KEEP;
  if (!(Number.isInteger(keep) && keep >= 0)) throw new UserError(`--keep must be a whole number ≥ 0, got ${keep}`);
  const blocks = options.blocks ?? DEFAULT_PBO_BLOCKS;
  const blocksProblem = pboBlocksProblem(blocks);
  if (blocksProblem !== null) throw new UserError(`--blocks: ${blocksProblem}`);
  requireSweepBlock(config, options.runs, options.where); // before the data loads, as a --runs name the study lacks is refused
  const { market, shared } = await openSweepMarket(config, options.load);
  // Before any trial runs: a mistyped metric would be found only once every trial had.
  checkMetric(measuredMetricNames(market), metric, '--metric');
  const plan = await planSweep(config, market, options.where, options.baseDir, options.runs);
  if (plan.trials.length === 0) throw new UserError(`${options.where}: no trials to run${options.runs ? ` for runs ${options.runs.join(', ')}` : ''}`);
  const { executor, store } = await openExecution(options, config, market, shared);
  let held: HeldSweep | null = null;
  try {
    const sweepId = recordSweep(store, {
      key: sha256(canonicalJson({ kind: 'sweep', trials: [...plan.trials, ...plan.invalid].map((t) => t.key).sort() })),
      kind: 'sweep',
      name: config.title,
      study: options.where,
      spec: { runs: config.runs.filter((r) => plan.trials.some((t) => t.group === r.name)).map((r) => ({ name: r.name, strategy: r.strategy, sweep: r.sweep ?? config.sweep ?? null })), metric },
      dataName: market.name,
      dataFingerprint: market.fingerprint,
      planned: plan.trials.length + plan.invalid.length,
    });
    held = holdSweep(store, sweepId, `sweep ${sweepId}`, options.db);
    writeTrialFailures(store, sweepId, plan.invalid);
    const { ran, stored: skipped, failedBefore, interrupted } = await executeTrials(store, sweepId, executor, plan.trials, options);
    const trials = sweepTrials(store, sweepId);
    checkMetric(trialMetricNames(trials), metric, '--metric');
    const best = bestTrial(trials, metric);
    // A trial without a value of the metric (never invested, or undefined) is not among the best.
    const valued = ranked(trials, metric).filter((t) => score(t, metric) > -Infinity);
    const kept = interrupted ? [] : await keepBest(store, market, plan.trials, valued.slice(0, keep));
    const unranked = trials.length - valued.length;
    const keepNote = !interrupted && valued.length < keep && unranked > 0 ? [`kept ${valued.length} of --keep ${keep}: ${unranked} trial${unranked === 1 ? ' has' : 's have'} no ${metric} (never invested, or undefined) and ${unranked === 1 ? 'is' : 'are'} not ranked`] : [];
    const recorded = new Map(trials.map((t) => [t.strategy, recordedTrials(store, t.strategy, t.dataFingerprint)]));
    const riskFree = resolveRiskFree(config.riskFree, market);
    const dsr = new Map(trials.map((t) => [t.key, trialDsr(t, recorded.get(t.strategy), trialRiskFree(t, market, riskFree))]));
    const pbo = sweepPbo(trials, best, blocks, (t) => trialRiskFree(t, market, riskFree));
    return {
      sweepId,
      db: options.db,
      market: { name: market.name, synthetic: market.synthetic, fingerprint: market.fingerprint },
      planned: plan.trials.length + plan.invalid.length,
      refused: plan.invalid.length,
      ran,
      skipped,
      failedBefore,
      interrupted,
      failed: sweepFailures(store, sweepId),
      metric,
      trials: sweepTrials(store, sweepId),
      best: best === null ? null : { trial: best, dsr: dsr.get(best.key) as Metric },
      dsr,
      recorded,
      pbo,
      kept,
      notes: [...plan.notes, ...pboNotes(pbo), ...keepNote, ...caveatNotes(trials)],
    };
  } finally {
    held?.release();
    store.close();
    await executor.close();
  }
}

/**
 * Re-run the best trials in the coordinator and store them as ordinary runs. A trial and its run
 * must agree: a re-run whose fills hash differs from its trial's is refused (a UserError naming
 * the trial) before anything of it is stored.
 */
async function keepBest(store: Store, market: Market, specs: readonly TrialSpec[], best: readonly StoredTrial[]): Promise<SweepOutcome['kept']> {
  const kept: { key: string; name: string; runId: number }[] = [];
  for (const trial of best) {
    if (trial.runId !== null) {
      kept.push({ key: trial.key, name: trial.name, runId: trial.runId });
      continue;
    }
    const spec = specs.find((s) => s.key === trial.key);
    if (!spec) continue;
    const { result, metrics } = await replayTrial(spec, market, recordedTrials(store, trial.strategy, trial.dataFingerprint));
    const replayed = fillsHash(result.fills, result);
    if (replayed !== trial.fillsHash) {
      throw new UserError(
        `trial ${trial.name} re-ran here to fills hash ${replayed.slice(0, 12)}…, not the ${trial.fillsHash.slice(0, 12)}… stored for it: it was computed by another breadth build, or it is not reproducible (a strategy reading the clock or unseeded random numbers); nothing was kept for it`,
      );
    }
    // The coordinator of another sweep sharing this trial may have kept it meanwhile: its run stays the only one.
    const runId = keepTrialRun(store, trial.key, () => writeRun(store, { result, metrics, label: trial.name }));
    kept.push({ key: trial.key, name: trial.name, runId });
  }
  return kept;
}
