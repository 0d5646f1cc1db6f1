// Metrics of a return series following ../shared/METRICS.md (convention 'breadth-metrics/1').
export { computeMetrics, type MetricSet, type MetricsInput } from './computeMetrics.ts';
export { type Pairing, pairingOf } from './pairing.ts';
export { drawdownDurations, type DrawdownEpisode, drawdownEpisodes, drawdownSeries, maxDrawdown, ulcerIndex, wealthSeries } from './drawdown.ts';
export { INSUFFICIENT, type Metric, MIN_STAT_N, unavailable, valued } from './metric.ts';
export { bestWorstPeriods, levelChange, monthIndex, type PeriodReturn, periodReturns, trailingReturns } from './periods.ts';
export { activeRisk, alignOnDates, alpha, battingAverage, beta, betaOf, capture, chainsOf, correlation, levelsOf, type PairedIntervals, pairedIntervals, treynor } from './relative.ts';
export { type Frequency, givenFrequency, inferFrequency } from '../../engine/frequency.ts';
export { annualize, annualReturn, bestWorstPeriod, cagrCalendar, growth, totalReturn, winLossMetrics } from './returns.ts';
export { annualVolatility, conditionalValueAtRisk, downsideDeviation, downsideRisk, parametricVaR, skewKurtosis, tailRatio, valueAtRisk } from './risk.ts';
export { calmar, dsr, dsrOfMoments, expectedMaxSharpe, omega, psr, psrOf, type SharpeMoments, type SharpeTrials, sharpe, sharpeMoments, sharpeOf, sortino, stability } from './riskAdjusted.ts';
export { perPeriodRate } from '../../data/rates.ts';
export { excessReturns, type RiskFree, riskFreeCaveats, riskFreeFromRates } from './riskFree.ts';
export { type RangeStatistic, rollingAlpha, rollingBeta, rollingMetric, rollingSharpe, rollingSortino, rollingVolatility } from './rolling.ts';
export { type SharpeDifference, sharpeDifference } from './sharpeDifference.ts';
export { nonNaNCount, mean, normCdf, normInv, percentileSorted, sampleStd, type Series, sortedNonNaN } from './stats.ts';
export { type OpenLot, type RoundTrip, roundTrips, type TradeFill, type TradeHistory, type TradeSplit, tradeMetrics } from './trades.ts';
export { DEFAULT_PBO_BLOCKS, type LineFit, lineFit, type PboInput, type PboResult, probabilityOfBacktestOverfitting } from './pbo.ts';
export { TREYNOR_MIN_BETA, treynorWithheld, withholdTreynor } from './treynorRule.ts';
