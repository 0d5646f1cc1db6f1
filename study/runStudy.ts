// Running a study: open the market once, run every strategy and its benchmark through the engine,
// measure each run (METRICS.md), attribute it, store it in SQLite (one transaction per run) and
// render its tear sheet and the comparison pages — from the store, so anything written can be
// re-rendered later.

import { ParamsError, StrategyError, UserError } from '../data/errors.ts';
import type { Market } from '../data/market.ts';
import { symbolHintIn } from '../data/nearestName.ts';
import { roleHelp } from '../data/roles.ts';
import { engineConfigSchema, type EngineConfig } from '../engine/config.ts';
import { describeFieldIssues } from './fieldHelp.ts';
import type { Result } from '../engine/result.ts';
import type { Strategy } from '../engine/strategy.ts';
import { attributeRun } from '../reports/attribution/index.ts';
import { CASH_BENCHMARK, NO_BENCHMARK } from '../reports/benchmark/benchmark.ts';
import type { SharpeTrials } from '../reports/metrics/index.ts';
import type { RunMetrics } from '../reports/runMetrics.ts';
import { measureRun } from './measure.ts';
import { backtestStudyRun } from './missingRates.ts';
import { loadStrategyDefinition } from '../strategies/registry.ts';
import { instantiate } from '../strategies/api.ts';
import { userCodeSettled } from '../strategies/asyncFault.ts';
import type { RunSpec, StudyConfig } from './config.ts';
import { factorCaveats, type FactorFolder, studyFactors } from './factors.ts';
import { loadRunModels, type RunModels } from './models.ts';

export interface StudyRun {
  /** The run's name in the study. */
  readonly name: string;
  readonly result: Result;
  readonly metrics: RunMetrics;
  readonly attribution: ReturnType<typeof attributeRun>;
  /** The benchmark's name (a symbol, or "cash"), if any. */
  readonly benchmark: string | null;
}

/** The trial registry's count and Sharpe variance for a strategy on a dataset (undefined: none recorded). */
export type TrialsLookup = (strategy: string, dataFingerprint: string) => SharpeTrials | undefined;

export interface StudyProgress {
  /** Called before each run starts: k of total, and its name. */
  onRun?(k: number, total: number, name: string): void;
  /** Where each run's DSR finds the trials recorded for its strategy and data (the results store). */
  trials?: TrialsLookup;
}

export interface StudyRuns {
  readonly market: Market;
  readonly runs: StudyRun[];
}

/**
 * Run every strategy of the study; `where` names the config in errors. Strategy files named in
 * the study are found relative to `baseDir` (the study file's folder). Each run is measured
 * against its benchmark index over its own sessions (reports/benchmark/benchmark.ts).
 */
export async function runStudyRuns(config: StudyConfig, market: Market, where: string, progress: StudyProgress = {}, baseDir?: string): Promise<StudyRuns> {
  const factors = withWhere(where, () => studyFactors(config.factors, config.data));
  const prepared = await Promise.all(config.runs.map((run, k) => prepareRun(run, k, config, market, where, baseDir)));
  const runs: StudyRun[] = [];
  prepared.forEach((p, k) => {
    progress.onRun?.(k + 1, prepared.length, p.spec.name);
    runs.push(
      withWhere(`${where}: runs[${k}] (${p.spec.name})`, () => {
        const result = backtestStudyRun(market, p.strategy, p.engine, { models: p.models.models, modelSources: p.models.modelSources });
        return measure(p.spec.name, result, market, p.benchmark, p.periodsPerYear, config.riskFree, factors, progress.trials);
      }),
    );
  });
  await userCodeSettled();
  return { market, runs };
}

/** A run of a study, validated and ready for the engine. */
export interface PreparedRun {
  readonly spec: RunSpec;
  readonly strategy: Strategy;
  /** The strategy's definition as loaded (a built-in name or a resolved file). */
  readonly strategySource: string;
  readonly engine: EngineConfig;
  /** Model files the run names (study/models.ts), loaded. */
  readonly models: RunModels;
  /** The resolved benchmark: a symbol, "cash", or null for none. */
  readonly benchmark: string | null;
  readonly periodsPerYear: number | undefined;
}

/**
 * The run's engine settings (`merged`: the study's `engine:` under the run's own), validated; a
 * refusal names the keys where the study file writes them: the run's own `engine:`
 * (runs[k].engine) when it sets the first refused key, else the study's top-level `engine:` when
 * that does — not runs[0].engine for a key the file writes once at its top (probe r66b F3).
 */
function engineOf(merged: Record<string, unknown>, spec: RunSpec, config: StudyConfig, where: string, path: string): EngineConfig {
  const parsed = engineConfigSchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0]?.path[0];
  const written = (engine: Record<string, unknown> | undefined): boolean => engine !== undefined && typeof first === 'string' && Object.hasOwn(engine, first);
  const keys = !written(spec.engine) && written(config.engine) ? 'engine' : `${path}.engine`;
  throw new UserError(describeFieldIssues(parsed.error, where, keys, merged, engineConfigSchema));
}

/**
 * Validate one run of a study against the market: strategy and params, engine settings over the
 * study's, benchmark. Errors name `where` and the key path `path` (default runs[k]).
 */
export async function prepareRun(spec: RunSpec, k: number, config: StudyConfig, market: Market, where: string, baseDir?: string, path = `runs[${k}]`): Promise<PreparedRun> {
  const loaded = await loadStrategyDefinition(spec.strategy, baseDir).catch((err: unknown) => {
    throw err instanceof UserError ? new UserError(`${where}: ${path}.strategy: ${err.message}`) : err;
  });
  const strategy = paramsChecked(() => instantiate(loaded.definition, spec.params, loaded.sourceHash, loaded.origin), `${where}: ${path}.params`);
  const strategySource = loaded.origin === 'builtin' ? spec.strategy : loaded.origin;
  const models = await loadRunModels({ run: spec, study: config }, market, where, path, baseDir);
  const merged: Record<string, unknown> = { ...config.engine, ...spec.engine };
  for (const key of models.replaced) delete merged[key];
  if (merged.from === undefined && config.from) merged.from = config.from;
  if (merged.to === undefined && config.to) merged.to = config.to;
  const periodsPerYear = spec.periodsPerYear ?? config.periodsPerYear;
  // The strategy reads the P the metrics use; rf and cash alike accrue by the calendar's own spacing (engine/calendar/rowPeriods.ts accrualPeriods).
  if (periodsPerYear !== undefined) {
    if (merged.periodsPerYear !== undefined && merged.periodsPerYear !== periodsPerYear) {
      throw new UserError(`${where}: ${path}.engine.periodsPerYear: ${String(merged.periodsPerYear)} differs from the periodsPerYear ${periodsPerYear} the metrics use; set one`);
    }
    merged.periodsPerYear = periodsPerYear;
  }
  const engine = engineOf(merged, spec, config, where, path);
  const benchmarkName = spec.benchmark ?? config.benchmark;
  const benchmark = benchmarkName && benchmarkName !== NO_BENCHMARK ? resolveBenchmark(market, benchmarkName, config.symbols, where, `${path}.benchmark`) : null;
  return { spec, strategy, strategySource, engine, models, benchmark, periodsPerYear };
}

/** A run measured (measureRun) and attributed on the study's factor tables; each model they cannot fit is a caveat among the metrics' (study/factors.ts). */
function measure(name: string, result: Result, market: Market, benchmark: string | null, periodsPerYear: number | undefined, riskFree: StudyConfig['riskFree'], factors: FactorFolder, trials?: TrialsLookup): StudyRun {
  const measured = measureRun(result, market, { benchmark, periodsPerYear, riskFree, trials: trials?.(result.manifest.strategy.name, result.manifest.data.fingerprint) });
  const metrics = factors.unfitted.length === 0 ? measured : { ...measured, caveats: [...measured.caveats, ...factorCaveats(factors.unfitted)] };
  return { name, result, metrics, attribution: attributeRun(result, { factors: factors.tables, periodsPerYear: metrics.periodsPerYear }), benchmark: metrics.benchmark };
}

/**
 * The strategy built from its parameters, checked by the strategy's own check (strategies/api.ts
 * instantiate: a key it does not name is refused, never dropped). A refusal of the check is a
 * ParamsError prefixed with `where` (`study.yaml: runs[0].params: size-tilt: tilt must be …`); a
 * user error of its create() is a ParamsError as it is.
 */
function paramsChecked<T>(build: () => T, where: string): T {
  try {
    return build();
  } catch (err) {
    if (err instanceof ParamsError) throw new ParamsError(`${where}: ${err.message}`);
    throw err instanceof UserError ? new ParamsError(err.message) : err;
  }
}

/**
 * A user error of `read`, prefixed with `where`: the study file for its own keys, the study file
 * and the run for a run as it replays and is measured — `study.yaml: runs[1] (b-nan): strategy
 * "bad-one" failed on 2024-01-02: …`, so that among runs of one strategy the one that failed is
 * named. A StrategyError stays one.
 */
function withWhere<T>(where: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof StrategyError) throw new StrategyError(`${where}: ${err.message}`);
    throw err instanceof UserError ? new UserError(`${where}: ${err.message}`) : err;
  }
}

/**
 * A benchmark names a symbol or role of the market, or cash; else a one-line error with the key
 * path. A symbol left out by the study's `symbols` (--symbols) is not loaded, and is never added
 * behind the user's back: a universe strategy would then trade it too.
 */
function resolveBenchmark(market: Market, symbolOrRole: string, symbols: readonly string[] | undefined, where: string, path: string): string {
  if (symbolOrRole === CASH_BENCHMARK) return CASH_BENCHMARK;
  const loaded = (s: string): boolean => s.toLowerCase() === symbolOrRole.toLowerCase(); // in another case: resolveSymbol says so
  if (symbols && !symbolOrRole.startsWith('@') && !symbols.some(loaded)) {
    // A hint names a symbol the market holds (asking for it is the fix) or a file not read (renaming it is):
    // adding the name typed to --symbols would fail either way.
    const hint = symbolHintIn(symbolOrRole, market);
    const add = hint === '' ? `; add it to them (--symbols ${[...symbols, symbolOrRole].join(',')}; a strategy over the whole universe then holds it too),` : ';';
    throw new UserError(`${where}: ${path}: "${symbolOrRole}" is not among the symbols loaded (${symbols.join(', ')})${hint}${add} or use "${CASH_BENCHMARK}" or "${NO_BENCHMARK}"`);
  }
  return resolveSymbol(market, symbolOrRole, where, path);
}

function resolveSymbol(market: Market, symbolOrRole: string, where: string, path: string): string {
  const name = symbolOrRole.startsWith('@') ? market.roles[symbolOrRole.slice(1)] : symbolOrRole;
  if (name === undefined || !market.symbols.includes(name)) {
    const roles = Object.entries(market.roles).map(([r, s]) => `@${r} (${s})`);
    const help = symbolOrRole.startsWith('@') ? roleHelp(symbolOrRole, market.symbols, market.selectedSymbols) : undefined;
    const hint = symbolOrRole.startsWith('@') ? (help === undefined ? '' : `: ${help}`) : symbolHintIn(symbolOrRole, market);
    throw new UserError(`${where}: ${path}: no symbol "${symbolOrRole}" in ${market.name}${hint}${roles.length ? `; roles here: ${roles.join(', ')}` : ''}`);
  }
  return name;
}
