// Everything a strategy author needs, from one import: the definition API, the registry and
// the shared building blocks.

export { defineStrategy, instantiate, parseParams, type ParamSchema, type StrategyDefinition, type StrategyLogic } from './api.ts';
export { builtinDefinition, builtinNames, createBuiltinStrategy, createStrategy, listStrategies, loadStrategyDefinition, type StrategyInfo } from './registry.ts';
export type { LoadedDefinition } from './loader.ts';
export type { ParamDoc } from './paramDocs.ts';
export { withinBand } from './blocks/bands.ts';
export { rankWithin, sectorsOf, withinGroups, zscoreWithin } from './blocks/groups.ts';
export { betaNeutral, dollarNeutral, neutralize } from './blocks/neutralize.ts';
export { durationParam, grossParam, onlyWith, sessionsParam, symbolWeightsParam, unresolved } from './blocks/params.ts';
export { durationSessions, months, tradingDays, type Duration } from './blocks/durations.ts';
export { quantileBuckets } from './blocks/quantileBuckets.ts';
export { presentCount, rank } from './blocks/rank.ts';
export { scheduleNamed, scheduleParam, type ScheduleName } from './blocks/schedules.ts';
export { dailyReturns, movingAverage, trailingBeta, trailingBetas, trailingReturn, trailingReturns } from './blocks/series.ts';
export { ownBars, ownWindow, ownWindowsOrdered, type SessionWindow } from './blocks/ownWindows.ts';
export { regimeWeights, sleeveParams, sleeveWeights, tiltedSmallShare, type SleeveParams } from './blocks/sleeves.ts';
export { olsBeta, sortedFinite, sortedQuantile, stdev } from './blocks/stats.ts';
export { membersWithCaps, noteUnscored } from './blocks/missingFundamentals.ts';
export { averageDollarVolume, capRankBand, filterMembers, liquidMembers, tradedOnLastBar, withoutRevertingMoves } from './blocks/universe.ts';
export { cap, capPower, equal, inverseVol, proportional, score, weights } from './blocks/weights.ts';
export { winsorize } from './blocks/winsorize.ts';
export { zscore } from './blocks/zscore.ts';
