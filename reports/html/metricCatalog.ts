// How each METRICS.md name reads in a report: a label, a unit (so 0.12 shows as "12.00%" or
// "0.12" as it should) and the table group it sits in. Names not listed still render, labelled
// from their snake_case name, so a new metric never disappears from a report.

/** The units a metric is printed in (a fraction as a percent, a ratio, money, a count of periods, a count). */
export const METRIC_KINDS = ['percent', 'ratio', 'currency', 'sessions', 'count'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

export const METRIC_GROUPS = ['Returns', 'Risk', 'Risk-adjusted', 'Relative to benchmark', 'Portfolio', 'Costs', 'Trades', 'Other'] as const;
export type MetricGroup = (typeof METRIC_GROUPS)[number];

export interface MetricInfo {
  label: string;
  kind: MetricKind;
  group: MetricGroup;
}

type Row = [name: string, label: string, kind: MetricKind];

const ROWS: Record<Exclude<MetricGroup, 'Costs' | 'Other'>, Row[]> = {
  Returns: [
    ['total_return', 'Total return', 'percent'],
    ['annual_return', 'Annual return (CAGR)', 'percent'],
    ['cagr_calendar', 'CAGR, calendar days', 'percent'],
    ['mtd', 'Month to date', 'percent'],
    ['ytd', 'Year to date', 'percent'],
    ['return_3m', '3 months', 'percent'],
    ['return_6m', '6 months', 'percent'],
    ['return_1y', '1 year', 'percent'],
    ['annual_return_3y', '3 years (annualized)', 'percent'],
    ['annual_return_5y', '5 years (annualized)', 'percent'],
    ['annual_return_10y', '10 years (annualized)', 'percent'],
    ['best_day', 'Best day', 'percent'],
    ['worst_day', 'Worst day', 'percent'],
    ['best_month', 'Best month', 'percent'],
    ['worst_month', 'Worst month', 'percent'],
    ['best_year', 'Best year', 'percent'],
    ['worst_year', 'Worst year', 'percent'],
    ['win_rate', 'Win rate (days)', 'percent'],
    ['avg_win', 'Average winning day', 'percent'],
    ['avg_loss', 'Average losing day', 'percent'],
    ['payoff_ratio', 'Payoff ratio', 'ratio'],
    ['profit_factor', 'Profit factor', 'ratio'],
  ],
  Risk: [
    ['annual_volatility', 'Annual volatility', 'percent'],
    ['downside_risk', 'Downside risk', 'percent'],
    ['max_drawdown', 'Max drawdown', 'percent'],
    ['max_drawdown_duration', 'Longest drawdown', 'sessions'],
    ['avg_drawdown_duration', 'Average drawdown length', 'sessions'],
    ['ulcer_index', 'Ulcer index', 'percent'],
    ['var_95', 'VaR 95% (daily)', 'percent'],
    ['cvar_95', 'CVaR 95% (daily)', 'percent'],
    ['var_99', 'VaR 99% (daily)', 'percent'],
    ['cvar_99', 'CVaR 99% (daily)', 'percent'],
    ['parametric_var_95', 'Parametric VaR 95%', 'percent'],
    ['skew', 'Skew', 'ratio'],
    ['kurtosis', 'Excess kurtosis', 'ratio'],
    ['tail_ratio', 'Tail ratio', 'ratio'],
  ],
  'Risk-adjusted': [
    ['sharpe', 'Sharpe ratio', 'ratio'],
    ['sortino', 'Sortino ratio', 'ratio'],
    ['calmar', 'Calmar ratio', 'ratio'],
    ['omega', 'Omega ratio', 'ratio'],
    ['stability', 'Stability (R² of log wealth)', 'ratio'],
    ['psr', 'Probabilistic Sharpe', 'percent'],
    ['dsr', 'Deflated Sharpe', 'percent'],
  ],
  'Relative to benchmark': [
    ['alpha', 'Alpha (annualized)', 'percent'],
    ['beta', 'Beta', 'ratio'],
    ['correlation', 'Correlation', 'ratio'],
    ['r_squared', 'R²', 'ratio'],
    ['tracking_error', 'Tracking error', 'percent'],
    ['information_ratio', 'Information ratio', 'ratio'],
    ['up_capture', 'Up capture', 'ratio'],
    ['down_capture', 'Down capture', 'ratio'],
    ['batting_average', 'Batting average', 'percent'],
    ['batting_average_up', 'Batting average, up days', 'percent'],
    ['batting_average_down', 'Batting average, down days', 'percent'],
    ['treynor', 'Treynor ratio', 'percent'],
  ],
  Portfolio: [
    ['turnover', 'Turnover (annualized)', 'percent'],
    ['avg_gross_exposure', 'Average gross exposure', 'percent'],
    ['avg_net_exposure', 'Average net exposure', 'percent'],
    ['avg_long_exposure', 'Average long exposure', 'percent'],
    ['avg_short_exposure', 'Average short exposure', 'percent'],
    ['avg_long_positions', 'Average long positions', 'count'],
    ['avg_short_positions', 'Average short positions', 'count'],
    ['stale_mark_mean', 'Marked at stale prices, mean share of NAV', 'percent'],
    ['stale_mark_peak', 'Marked at stale prices, peak share of NAV', 'percent'],
    ['participation_median', 'Median fill, % of ADV', 'percent'],
    ['participation_p95', '95th-percentile fill, % of ADV', 'percent'],
    ['participation_max', 'Largest fill, % of ADV', 'percent'],
    ['capacity_nav', 'NAV at 10% of ADV (p95 fill)', 'currency'],
  ],
  Trades: [
    ['trade_count', 'Round trips', 'count'],
    ['open_lots', 'Lots still open', 'count'],
    ['trade_avg_holding', 'Average holding period', 'sessions'],
    ['trade_win_rate', 'Trade win rate', 'percent'],
    ['trade_avg_win', 'Average winning trade', 'currency'],
    ['trade_avg_loss', 'Average losing trade', 'currency'],
    ['trade_payoff_ratio', 'Trade payoff ratio', 'ratio'],
    ['trade_profit_factor', 'Trade profit factor', 'ratio'],
  ],
};

const CATALOG = new Map<string, MetricInfo>();
const RANK = new Map<string, number>();
for (const [group, rows] of Object.entries(ROWS) as [MetricGroup, Row[]][]) {
  for (const [name, label, kind] of rows) {
    CATALOG.set(name, { label, kind, group });
    RANK.set(name, RANK.size);
  }
}

/** Order of a metric inside its group: catalogue order, unknown names after in given order. */
export function metricRank(name: string): number {
  return RANK.get(name) ?? RANK.size;
}

/** 'borrow_fee' → 'Borrow fee'. */
export function humanize(snake: string): string {
  const words = snake.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function metricInfo(name: string): MetricInfo {
  const known = CATALOG.get(name);
  if (known !== undefined) return known;
  const cost = /^cost_(.+?)(_drag)?$/.exec(name);
  if (cost !== null) {
    // cost_total sums the charges only (runMetrics.ts), where the summary's costs tile nets the credits.
    const charges = cost[1] === 'total';
    const line = charges ? 'Total charges' : humanize(cost[1]);
    return cost[2] === undefined
      ? { label: charges ? `${line} (interest earned excluded)` : `${line} (total)`, kind: 'currency', group: 'Costs' }
      : { label: charges ? `${line} drag (annual, interest earned excluded)` : `${line} drag (annual)`, kind: 'percent', group: 'Costs' };
  }
  return { label: humanize(name), kind: 'ratio', group: 'Other' };
}

const PER_PERIOD_WORD = 'per period';

/** One period's word and adjective at P periods a year (the buckets of engine/calendar/frequency.ts); "period" where P fits none. */
export function periodWords(periodsPerYear: number): { noun: string; adjective: string } {
  const words: Record<number, { noun: string; adjective: string }> = {
    252: { noun: 'day', adjective: 'daily' },
    365: { noun: 'day', adjective: 'daily' }, // calendar days (crypto)
    52: { noun: 'week', adjective: 'weekly' },
    12: { noun: 'month', adjective: 'monthly' },
    4: { noun: 'quarter', adjective: 'quarterly' },
    1: { noun: 'year', adjective: 'annual' },
  };
  return words[periodsPerYear] ?? { noun: 'period', adjective: PER_PERIOD_WORD };
}

/** "259 daily intervals", or "259 intervals (130 a year)" where P fits no bucket (not "259 per period intervals"). */
export function intervalsPhrase(count: number | string, periodsPerYear: number): string {
  const adjective = periodWords(periodsPerYear).adjective;
  return adjective === PER_PERIOD_WORD ? `${count} intervals (${periodsPerYear} a year)` : `${count} ${adjective} intervals`;
}

/**
 * A metric's label for a run of `periodsPerYear` periods a year: the per-period metrics (best
 * day, win rate in days, VaR, batting average on up days) name the run's period — a monthly run's
 * "Best day" is its best month — so a label never says "daily" of monthly returns.
 */
export function metricLabel(name: string, periodsPerYear = 252): string {
  const label = metricInfo(name).label;
  if (periodsPerYear === 252 || !PER_PERIOD.has(name)) return label;
  const { noun, adjective } = periodWords(periodsPerYear);
  return label.replace(/\bdaily\b/, adjective).replace(/\bdays\b/, `${noun}s`).replace(/\bday\b/, noun);
}

/** The unit of a count of periods at P a year: a daily run's "sessions", else "months", "weeks", … ("periods" where P fits none). */
export function periodCountUnit(periodsPerYear: number): string {
  return periodsPerYear === 252 ? 'sessions' : `${periodWords(periodsPerYear).noun}s`;
}

/**
 * Metrics whose value depends on the length of one period: a return of one period (best day,
 * VaR) or a count of periods (drawdown length). Two series of different periods have no
 * difference in these — a daily VaR minus a monthly one, 232 days minus 4 months, mean nothing.
 */
export function periodDependent(name: string): boolean {
  return PER_PERIOD.has(name) || metricInfo(name).kind === 'sessions';
}

/** Metrics of one period's return, whose labels name the period. */
const PER_PERIOD: ReadonlySet<string> = new Set(['best_day', 'worst_day', 'win_rate', 'avg_win', 'avg_loss', 'var_95', 'cvar_95', 'var_99', 'cvar_99', 'batting_average_up', 'batting_average_down']);

/** Metrics where more is better: returns, risk-adjusted ratios, and tail figures (negative, so higher = milder). */
const HIGHER = /^(total_return|annual_return.*|cagr_calendar|mtd|ytd|return_\w+|best_\w+|worst_\w+|win_rate|avg_win|avg_loss|payoff_ratio|profit_factor|sharpe|sortino|calmar|omega|stability|psr|dsr|alpha|information_ratio|batting_average\w*|max_drawdown|c?var_\d+|parametric_var_\d+|tail_ratio|up_capture|treynor|trade_(win_rate|avg_win|avg_loss|payoff_ratio|profit_factor)|capacity_nav)$/;
/** Metrics where less is better: dispersion, drawdown length, costs, turnover, participation. */
const LOWER = /^(annual_volatility|downside_risk|max_drawdown_duration|avg_drawdown_duration|ulcer_index|down_capture|kurtosis|turnover|cost_\w+|participation_\w+)$/;

/** Which way a metric improves, for best-in-row highlighting; null where neither is better (beta, exposure, counts). */
export function betterDirection(name: string): 'higher' | 'lower' | null {
  return HIGHER.test(name) ? 'higher' : LOWER.test(name) ? 'lower' : null;
}
