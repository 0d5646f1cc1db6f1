// One trial: a pure function from a trial spec and a market to a compact trial result — its key,
// parameters, headline metrics, the moments its DSR needs, its daily returns and its fills hash.
// It knows nothing of how it was sent or where it goes: the local worker pool calls it, and so
// can a queue worker on another machine. The same spec gives the same result on any worker, in
// any order (the engine is deterministic and the strategy's randomness is seeded by the config).

import type { Market } from '../../data/market.ts';
import { changesReading, rankCaveats } from '../../engine/caveats/caveats.ts';
import type { EngineConfig } from '../../engine/config.ts';
import { ENGINE_VERSION } from '../../engine/version.ts';
import { buildFingerprint } from '../../core/buildFingerprint.ts';
import type { Result } from '../../engine/result.ts';
import { excessReturns } from '../../reports/metrics/riskFree.ts';
import { type SharpeTrials, sharpeMoments } from '../../reports/metrics/index.ts';
import { navReturns, type RunMetrics } from '../../reports/runMetrics.ts';
// The pure parts of the store, not its index: a worker thread never loads the SQLite addon (pool.ts).
import { canonicalJson, sha256 } from '../../reports/store/canonicalJson.ts';
import { fillsHash } from '../../reports/store/fillsHash.ts';
import type { TrialPlace, TrialRecord } from '../../reports/store/trials.ts';
import { instantiate } from '../../strategies/api.ts';
import { userCodeSettled } from '../../strategies/asyncFault.ts';
import { loadStrategyDefinition } from '../../strategies/registry.ts';
import type { ModelConcern } from '../../engine/models/types.ts';
import { measureRun } from '../measure.ts';
import { backtestStudyRun } from '../missingRates.ts';
import { loadModelFiles, type ModelFile } from '../models.ts';
import { CopyMismatch } from './mismatch.ts';
import type { PreparedRun } from '../runStudy.ts';

/** A trial, ready to run anywhere: everything validated, nothing but plain data (structured-cloneable). */
export interface TrialSpec extends TrialPlace {
  /** A built-in strategy's name or the absolute path of a strategy file. */
  readonly strategy: string;
  /** The strategy source's sha256 as planned: a different copy is refused (mismatch.ts). */
  readonly sourceHash: string | null;
  /** A symbol, "cash", or null. */
  readonly benchmark: string | null;
  readonly periodsPerYear: number | undefined;
  /** A constant annual rate or the name of one of the market's rate series. */
  readonly riskFree: number | string;
  /** Model files the run names, by concern (study/models.ts), loaded again by the trial. */
  readonly models: Partial<Record<ModelConcern, ModelFile>>;
}

/** The compact result of a trial: what the registry stores (reports/store/trials.ts). */
export type TrialResult = TrialRecord;

/** What makes a trial that trial. */
export interface TrialIdentity {
  readonly strategy: string;
  readonly sourceHash: string | null;
  readonly params: unknown;
  readonly engine: EngineConfig;
  readonly dataFingerprint: string;
  readonly benchmark: string | null;
  readonly periodsPerYear: number | undefined;
  readonly riskFree: number | string;
  readonly models: Partial<Record<ModelConcern, ModelFile>>;
}

export const configHash = (engine: EngineConfig): string => sha256(canonicalJson(engine));

/** The trial of a prepared run (a sweep point, or a walk-forward window's point), with its key. */
export function trialSpecOf(prepared: PreparedRun, riskFree: number | string, market: Market, place: Omit<TrialPlace, 'key' | 'params' | 'engine'>): TrialSpec {
  const { strategy, engine, benchmark, periodsPerYear } = prepared;
  const id: TrialIdentity = { strategy: strategy.name, sourceHash: strategy.sourceHash ?? null, params: strategy.params, engine, dataFingerprint: market.fingerprint, benchmark, periodsPerYear, riskFree, models: prepared.models.files };
  return { key: trialKey(id), ...place, strategy: prepared.strategySource, sourceHash: id.sourceHash, params: id.params, engine, benchmark, periodsPerYear, riskFree, models: id.models };
}

/**
 * sha256 of the canonical JSON of: breadth's version and build fingerprint (core/buildFingerprint.ts),
 * the strategy (name and source hash), its validated parameters,
 * the engine config hash (which holds the requested period, from/to), the data fingerprint, and
 * the measurement (benchmark, risk-free, P) its stored metrics depend on. Documented in reports/SWEEPS.md.
 */
export function trialKey(id: TrialIdentity): string {
  return sha256(
    canonicalJson({
      format: 'breadth-trial/1',
      // Results depend on the engine's code: a trial of another breadth version or build is another trial.
      breadth: ENGINE_VERSION,
      build: buildFingerprint(),
      strategy: id.strategy,
      sourceHash: id.sourceHash,
      params: id.params,
      configHash: configHash(id.engine),
      data: id.dataFingerprint,
      period: { from: id.engine.from ?? null, to: id.engine.to ?? null },
      measurement: { benchmark: id.benchmark, periodsPerYear: id.periodsPerYear ?? null, riskFree: id.riskFree },
      // A model file is its contents and parameters, wherever it lies (absent when none: older keys stay valid).
      ...(Object.keys(id.models).length ? { models: Object.fromEntries(Object.entries(id.models).map(([concern, m]) => [concern, { sourceHash: m.sourceHash, params: m.params }])) } : {}),
    }),
  );
}

/**
 * The backtest and metrics of a trial spec (also what `--keep` re-runs to store a trial in full),
 * returned a turn of the event loop after the replay: an error its strategy or model left to
 * fail later has reached the process by then (strategies/asyncFault.ts userCodeSettled).
 */
export async function replayTrial(spec: TrialSpec, market: Market, trials?: SharpeTrials): Promise<{ result: Result; metrics: RunMetrics }> {
  const loaded = await loadStrategyDefinition(spec.strategy);
  if ((loaded.sourceHash ?? null) !== spec.sourceHash) {
    throw new CopyMismatch(`strategy ${spec.strategy} here (sha256 ${loaded.sourceHash?.slice(0, 12) ?? 'none'}…) is not the one the sweep planned with (${spec.sourceHash?.slice(0, 12) ?? 'none'}…): use the same file and breadth version`);
  }
  const strategy = instantiate(loaded.definition, spec.params, loaded.sourceHash, loaded.origin);
  const models = Object.keys(spec.models).length ? await loadModelFiles(spec.models, market, `trial ${spec.name}`) : {};
  const result = backtestStudyRun(market, strategy, spec.engine, models);
  const metrics = measureRun(result, market, { benchmark: spec.benchmark, periodsPerYear: spec.periodsPerYear, riskFree: spec.riskFree, trials });
  await userCodeSettled();
  return { result, metrics };
}

/** Run one trial: (spec, market) → compact result. Throws what the engine throws (UserError for bad input). */
export async function runTrial(spec: TrialSpec, market: Market): Promise<TrialResult> {
  const { result, metrics } = await replayTrial(spec, market);
  const m = result.manifest;
  const { returns } = navReturns(result);
  const moments = sharpeMoments(excessReturns(returns, metrics.riskFreeReturns));
  return {
    key: spec.key,
    name: spec.name,
    group: spec.group,
    seq: spec.seq,
    strategy: m.strategy.name,
    params: m.strategy.params,
    engine: spec.engine,
    configHash: configHash(spec.engine),
    dataName: m.data.name,
    dataFingerprint: m.data.fingerprint,
    periodFrom: m.period.from,
    periodTo: m.period.to,
    sessions: m.period.sessions,
    benchmark: metrics.benchmark,
    periodsPerYear: metrics.periodsPerYear,
    fillsHash: fillsHash(result.fills, result),
    ordersHash: null,
    fillCount: result.fills.session.length,
    metrics: Object.fromEntries(metrics.metrics.map((x) => [x.name, x.value])),
    moments: 'note' in moments ? null : moments,
    returns,
    values: spec.values,
    caveats: rankCaveats([...result.caveats, ...metrics.caveats])
      .filter(changesReading)
      .map(({ code, severity, message }) => ({ code, severity, message })),
  };
}
