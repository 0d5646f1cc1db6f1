// The registry of every metric breadth computes (METRICS.md names): for each, how it reads in a
// report — a label, a unit (so 0.12 shows as "12.00%" or "0.12" as it should) and the table group
// it sits in — and a one-line definition with its formula. MetricName and METRIC_NAMES are derived
// from it (test/reports/metrics/metricNames.test.ts: exactly the names a run computes). Names not listed
// (a metric stored by an older breadth) still render, labelled from their snake_case name, so no
// metric ever disappears from a report.

import { COST_LINES, type CostLine, INCOME_LINES, snakeCase } from '../../engine/result.ts';

/**
 * The unit a metric's value is in: `percent` a decimal fraction (0.12 = 12 %, printed as a
 * percent), `ratio` a plain number, `currency` the run's account currency, `sessions` a count of
 * the run's periods (sessions of a daily calendar, months of a monthly one), `count` a count.
 */
export const METRIC_KINDS = ['percent', 'ratio', 'currency', 'sessions', 'count'] as const;
/** A metric's unit: see METRIC_KINDS. */
export type MetricKind = (typeof METRIC_KINDS)[number];

/** The table groups of a report, in order. */
export const METRIC_GROUPS = ['Returns', 'Risk', 'Risk-adjusted', 'Relative to benchmark', 'Portfolio', 'Costs', 'Trades', 'Other'] as const;
/** A metric's group: see METRIC_GROUPS. */
export type MetricGroup = (typeof METRIC_GROUPS)[number];

/** What the registry says of a metric (metricInfo). */
export interface MetricInfo {
  /** How a report labels it ("Sharpe ratio"). */
  label: string;
  /** The unit of its value (METRIC_KINDS). */
  kind: MetricKind;
  /** The report table it sits in. */
  group: MetricGroup;
  /** One line: what it measures and its formula (r the run's per-period returns, b the benchmark's over the same intervals, rf the risk-free return, P periods per year, n returns), after METRICS.md. Empty for a name the registry does not know. */
  definition: string;
}

type Row = readonly [name: string, label: string, kind: MetricKind, definition: string];

const ROWS = {
  Returns: [
    ['total_return', 'Total return', 'percent', 'Compounded return over the run: Π(1 + r) − 1.'],
    ['annual_return', 'Annual return (CAGR)', 'percent', 'Annualized return: (Π(1 + r))^(P/n) − 1, years counted as n / P.'],
    ['cagr_calendar', 'CAGR, calendar days', 'percent', 'Annualized return over calendar time: (NAV_end / NAV_start)^(365.25 / days) − 1, days from the first to the last session.'],
    ['mtd', 'Month to date', 'percent', 'Compounded return since the last close before the last session\'s calendar month.'],
    ['ytd', 'Year to date', 'percent', 'Compounded return since the last close before the last session\'s calendar year.'],
    ['return_3m', '3 months', 'percent', 'Compounded return over the 3 calendar months up to the last session.'],
    ['return_6m', '6 months', 'percent', 'Compounded return over the 6 calendar months up to the last session.'],
    ['return_1y', '1 year', 'percent', 'Compounded return over the 12 calendar months up to the last session.'],
    ['annual_return_3y', '3 years (annualized)', 'percent', 'Annualized return over the 36 calendar months up to the last session.'],
    ['annual_return_5y', '5 years (annualized)', 'percent', 'Annualized return over the 60 calendar months up to the last session.'],
    ['annual_return_10y', '10 years (annualized)', 'percent', 'Annualized return over the 120 calendar months up to the last session.'],
    ['best_day', 'Best day', 'percent', 'Largest single-period return r (a monthly run\'s best month).'],
    ['worst_day', 'Worst day', 'percent', 'Smallest single-period return r.'],
    ['best_month', 'Best month', 'percent', 'Largest calendar-month return, Π(1 + r) − 1 over the month\'s sessions.'],
    ['worst_month', 'Worst month', 'percent', 'Smallest calendar-month return.'],
    ['best_year', 'Best year', 'percent', 'Largest calendar-year return, Π(1 + r) − 1 over the year\'s sessions.'],
    ['worst_year', 'Worst year', 'percent', 'Smallest calendar-year return.'],
    ['win_rate', 'Win rate (days)', 'percent', 'Share of r > 0 among the non-zero returns.'],
    ['avg_win', 'Average winning day', 'percent', 'Mean of the positive returns.'],
    ['avg_loss', 'Average losing day', 'percent', 'Mean of the negative returns (negative).'],
    ['payoff_ratio', 'Payoff ratio', 'ratio', 'Average win / |average loss|.'],
    ['profit_factor', 'Profit factor', 'ratio', 'Σ r⁺ / |Σ r⁻|.'],
  ],
  Risk: [
    ['annual_volatility', 'Annual volatility', 'percent', 'std(r) · √P, sample standard deviation (ddof 1).'],
    ['downside_risk', 'Downside risk', 'percent', '√(mean(min(r − q, 0)²)) · √P over all n returns, target q (default 0).'],
    ['max_drawdown', 'Max drawdown', 'percent', 'Deepest fall of wealth W_t = Π(1 + r) from its running peak (the start counts as one): min(W_t / max W_s − 1), negative.'],
    ['max_drawdown_duration', 'Longest drawdown', 'sessions', 'Longest drawdown episode, peak to recovery (open episodes included), in periods.'],
    ['avg_drawdown_duration', 'Average drawdown length', 'sessions', 'Mean length of the drawdown episodes, peak to recovery (open episodes included), in periods.'],
    ['ulcer_index', 'Ulcer index', 'percent', '√(mean(dd_t²)), dd_t the drawdown at each period.'],
    ['var_95', 'VaR 95% (daily)', 'percent', 'Historical value at risk: the 5th percentile of r (linear interpolation, Hyndman–Fan type 7), negative.'],
    ['cvar_95', 'CVaR 95% (daily)', 'percent', 'Expected shortfall: mean of the k + 1 smallest returns, k = floor((n − 1) · 0.05).'],
    ['var_99', 'VaR 99% (daily)', 'percent', 'Historical value at risk: the 1st percentile of r, negative.'],
    ['cvar_99', 'CVaR 99% (daily)', 'percent', 'Expected shortfall: mean of the k + 1 smallest returns, k = floor((n − 1) · 0.01).'],
    ['parametric_var_95', 'Parametric VaR 95%', 'percent', 'Normal value at risk: mean(r) + Φ⁻¹(0.05) · std(r).'],
    ['skew', 'Skew', 'ratio', 'Sample skewness of r (moment ratio, not bias-corrected).'],
    ['kurtosis', 'Excess kurtosis', 'ratio', 'Excess (Fisher) kurtosis of r (moment ratio, not bias-corrected).'],
    ['tail_ratio', 'Tail ratio', 'ratio', '|95th percentile of r| / |5th percentile of r|.'],
  ],
  'Risk-adjusted': [
    ['sharpe', 'Sharpe ratio', 'ratio', 'mean(r − rf) / std(r − rf) · √P (arithmetic, annualized).'],
    ['sortino', 'Sortino ratio', 'ratio', 'mean(r − q) · P / downside risk(q), target q (default 0).'],
    ['calmar', 'Calmar ratio', 'ratio', 'Annual return / |max drawdown|; none without a drawdown.'],
    ['omega', 'Omega ratio', 'ratio', 'Σ x⁺ / −Σ x⁻ with x = r − rf − th, th = (1 + R)^(1/P) − 1 for the annual threshold R (default 0).'],
    ['stability', 'Stability (R² of log wealth)', 'ratio', 'R² of an OLS fit of cumsum(log(1 + r)) on 0..n − 1.'],
    ['psr', 'Probabilistic Sharpe', 'percent', 'Probability the true per-period Sharpe exceeds 0: Φ(SR · √(n − 1) / √(1 − γ3 · SR + (γ4 − 1) / 4 · SR²)) (Bailey & López de Prado).'],
    ['dsr', 'Deflated Sharpe', 'percent', 'PSR against the expected maximum Sharpe of the N trials recorded on the same data (Bailey & López de Prado, 2014).'],
  ],
  'Relative to benchmark': [
    ['alpha', 'Alpha (annualized)', 'percent', '(1 + mean((r − rf) − β · (b − rf)))^P − 1 over the paired intervals.'],
    ['beta', 'Beta', 'ratio', 'mean((b − mean b) · r) / mean((b − mean b)²) over the paired intervals.'],
    ['correlation', 'Correlation', 'ratio', 'Pearson correlation of r and b.'],
    ['r_squared', 'R²', 'ratio', 'Square of the correlation of r and b.'],
    ['tracking_error', 'Tracking error', 'percent', 'std(r − b) · √P.'],
    ['information_ratio', 'Information ratio', 'ratio', 'mean(r − b) / std(r − b) · √P.'],
    ['up_capture', 'Up capture', 'ratio', 'Annualized return of r over that of b on the intervals with b > 0 (strictly), each over its own count n_sub / P.'],
    ['down_capture', 'Down capture', 'ratio', 'Annualized return of r over that of b on the intervals with b < 0 (strictly), each over its own count n_sub / P.'],
    ['batting_average', 'Batting average', 'percent', 'Share of the paired intervals with r − b > 0.'],
    ['batting_average_up', 'Batting average, up days', 'percent', 'Share of r − b > 0 on the intervals with b ≥ 0.'],
    ['batting_average_down', 'Batting average, down days', 'percent', 'Share of r − b > 0 on the intervals with b < 0.'],
    ['treynor', 'Treynor ratio', 'percent', 'Annualized return of r − rf over beta; withheld where |β| < 0.2.'],
  ],
  Portfolio: [
    ['turnover', 'Turnover (annualized)', 'percent', 'Σ |traded notional| / 2 / mean NAV, annualized by P / n; every fill counts, forced exits (delisting, data end, cash in lieu) included.'],
    ['avg_gross_exposure', 'Average gross exposure', 'percent', 'Mean of Σ |position value| / NAV over the sessions with NAV > 0.'],
    ['avg_net_exposure', 'Average net exposure', 'percent', 'Mean of Σ position value / NAV over the sessions with NAV > 0.'],
    ['avg_long_exposure', 'Average long exposure', 'percent', 'Mean of long value / NAV over the sessions with NAV > 0.'],
    ['avg_short_exposure', 'Average short exposure', 'percent', 'Mean of short value / NAV (≤ 0) over the sessions with NAV > 0.'],
    ['avg_long_positions', 'Average long positions', 'count', 'Mean number of long positions held per session.'],
    ['avg_short_positions', 'Average short positions', 'count', 'Mean number of short positions held per session.'],
    ['stale_mark_mean', 'Marked at stale prices, mean share of NAV', 'percent', 'Mean share of NAV marked at a price older than the run\'s staleMarkSessions.'],
    ['stale_mark_peak', 'Marked at stale prices, peak share of NAV', 'percent', 'Largest share of NAV marked at a price older than the run\'s staleMarkSessions.'],
    ['participation_median', 'Median fill, % of ADV', 'percent', 'Median order fill as a share of its symbol\'s mean volume over the 20 sessions before it (ADV).'],
    ['participation_p95', '95th-percentile fill, % of ADV', 'percent', '95th percentile of the order fills\' shares of ADV.'],
    ['participation_max', 'Largest fill, % of ADV', 'percent', 'Largest order fill\'s share of ADV.'],
    ['capacity_nav', 'NAV at 10% of ADV (p95 fill)', 'currency', 'NAV at which the 95th-percentile fill would take 10 % of ADV: mean NAV × 0.1 / participation_p95.'],
  ],
  Trades: [
    ['trade_count', 'Round trips', 'count', 'Round-trip trades closed, lots matched first in first out.'],
    ['open_lots', 'Lots still open', 'count', 'Lots open at the run\'s end (not trades yet).'],
    ['trade_avg_holding', 'Average holding period', 'sessions', 'Mean sessions from a lot\'s opening fill to its closing fill.'],
    ['trade_win_rate', 'Trade win rate', 'percent', 'Share of round trips with P&L > 0 among those with non-zero P&L.'],
    ['trade_avg_win', 'Average winning trade', 'currency', 'Mean P&L of the winning round trips, fees included.'],
    ['trade_avg_loss', 'Average losing trade', 'currency', 'Mean P&L of the losing round trips (negative).'],
    ['trade_payoff_ratio', 'Trade payoff ratio', 'ratio', 'Average winning trade / |average losing trade|.'],
    ['trade_profit_factor', 'Trade profit factor', 'ratio', 'Σ winning P&L / |Σ losing P&L| over the round trips.'],
  ],
} as const satisfies Record<Exclude<MetricGroup, 'Costs' | 'Other'>, readonly Row[]>;

/** `borrowFee` → `borrow_fee`, as a type (engine/result.ts snakeCase). */
type SnakeCase<S extends string> = S extends `${infer Head}${infer Rest}` ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Rest>}` : S;

/** The charges (COST_LINES), the two credits reported as negative costs, and the total of the charges (reports/runMetrics.ts costFigures). */
type CostName = SnakeCase<CostLine> | 'interest_received' | 'borrow_rebate' | 'total';
/** The credits runMetrics reports as negative costs (income lines but dividends, which are in the returns): interest_received, borrow_rebate. */
const CREDIT_NAMES: readonly string[] = INCOME_LINES.filter((line) => line !== 'dividends').map((line) => snakeCase(line));
const COST_NAMES = [...COST_LINES.map((line) => snakeCase(line)), ...CREDIT_NAMES, 'total'] as CostName[];

/**
 * Every metric name breadth computes (METRICS.md "Names in machine-readable output"): the
 * registry's rows, and `cost_<line>` (currency) with `cost_<line>_drag` (a fraction of NAV a
 * year) for each cost line — commission, slippage, borrow_fee, short_dividends, interest_paid,
 * the credits interest_received and borrow_rebate as negative costs, and total (the charges).
 */
export type MetricName = { [G in keyof typeof ROWS]: (typeof ROWS)[G][number][0] }[keyof typeof ROWS] | `cost_${CostName}` | `cost_${CostName}_drag`;

const CATALOG = new Map<string, MetricInfo>();
const RANK = new Map<string, number>();
for (const [group, rows] of Object.entries(ROWS) as [MetricGroup, readonly Row[]][]) {
  for (const [name, label, kind, definition] of rows) {
    CATALOG.set(name, { label, kind, group, definition });
    RANK.set(name, RANK.size);
  }
}

/** Every MetricName, in report order (the cost lines last, each beside its drag). */
export const METRIC_NAMES: readonly MetricName[] = Object.freeze([...(CATALOG.keys() as Iterable<MetricName>), ...COST_NAMES.flatMap((line) => [`cost_${line}`, `cost_${line}_drag`] as const)]);

/** True when `name` is a metric breadth computes (one of METRIC_NAMES). */
export function isMetricName(name: string): name is MetricName {
  return NAME_SET.has(name);
}
const NAME_SET: ReadonlySet<string> = new Set(METRIC_NAMES);

/** Order of a metric inside its group: catalogue order, unknown names after in given order. */
export function metricRank(name: string): number {
  return RANK.get(name) ?? RANK.size;
}

/** 'borrow_fee' → 'Borrow fee'. */
export function humanize(snake: string): string {
  const words = snake.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * What the registry says of a metric: its label, unit (kind), report group and one-line
 * definition. A name it does not know (a metric stored by another breadth) reads as a ratio in
 * group Other, labelled from its snake_case name, with an empty definition.
 */
export function metricInfo(name: string): MetricInfo {
  const known = CATALOG.get(name);
  if (known !== undefined) return known;
  const cost = /^cost_(.+?)(_drag)?$/.exec(name);
  if (cost !== null) {
    // cost_total sums the charges only (runMetrics.ts), where the summary's costs tile nets the credits.
    const charges = cost[1] === 'total';
    const line = charges ? 'Total charges' : humanize(cost[1]);
    // A credit is stored as a negative cost (−488.99 of interest received is 488.99 earned): its
    // label says so, or the row reads as interest lost (probe r67c F1).
    const credit = CREDIT_NAMES.includes(cost[1]);
    const what = charges ? 'the five charges (commission, slippage, borrow fee, short dividends, interest paid), credits excluded' : credit ? `${cost[1].replace(/_/g, ' ')}, a credit, as a negative cost` : `${cost[1].replace(/_/g, ' ')}`;
    const [total, drag] = charges ? [`${line} (interest earned excluded)`, `${line} drag (annual, interest earned excluded)`] : credit ? [`${line} as a cost (total; ${CREDIT_SIGN})`, `${line} as a cost, drag (annual; ${CREDIT_SIGN})`] : [`${line} (total)`, `${line} drag (annual)`];
    return cost[2] === undefined
      ? { label: total, kind: 'currency', group: 'Costs', definition: `Total over the run, in currency, of ${what}.` }
      : { label: drag, kind: 'percent', group: 'Costs', definition: `Annual drag of ${what}: total / mean NAV · P / n.` };
  }
  return { label: humanize(name), kind: 'ratio', group: 'Other', definition: '' };
}

/** How a credit's sign reads: it is a negative cost, so a negative value is money earned. */
const CREDIT_SIGN = 'negative is income';

/**
 * A cost line's name in a table or chart of cost lines: `slippage` → "Slippage"; a credit, shown as
 * a negative cost, says so: `interest_received` → "Interest received as a cost (negative is income)".
 */
export function costLineLabel(line: string): string {
  return CREDIT_NAMES.includes(line) ? `${humanize(line)} as a cost (${CREDIT_SIGN})` : humanize(line);
}

/**
 * For a credit stored as a negative cost (`cost_interest_received`, `cost_borrow_rebate` and their
 * `_drag`), the words a table beside its bare name shows (`runs show`): "a credit as a negative
 * cost: negative is income"; undefined for any other name.
 */
export function creditNote(name: string): string | undefined {
  const line = /^cost_(.+?)(_drag)?$/.exec(name)?.[1];
  return line !== undefined && CREDIT_NAMES.includes(line) ? `a credit as a negative cost: ${CREDIT_SIGN}` : undefined;
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
