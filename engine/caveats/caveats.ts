// Caveats: what a reader must know before trusting a run's numbers, each with a severity and,
// where it has one, a size — so reports can rank them and say how much they matter.

/** How much a caveat can change the reading of a run. */
export type CaveatSeverity = 'high' | 'medium' | 'low';
export const CAVEAT_SEVERITIES: readonly CaveatSeverity[] = ['high', 'medium', 'low'];

/** The unit of a caveat's size. */
export type CaveatUnit = 'nav-share' | 'sessions' | 'days' | 'weekdays' | 'count' | 'currency';

/**
 * Stable machine codes. Engine codes describe what happened in the run; `data-note` carries a
 * source file's caveat (survivorship, missing opens, …) for what the run read (warnings.ts
 * RunScope); `strategy-note` a step of the strategy that could not apply as asked (MarketView.caveat);
 * `signal-unknown` decisions made without their signal or data they asked for (engine/decisions/signalGaps.ts);
 * `factors` a factor model asked for (a study's `factors:`, `metrics --factors`) and not fitted;
 * `free-financing` a debit balance or shorts the cost models charged nothing for (financingCaveats.ts).
 */
export type CaveatCode =
  | 'look-ahead'
  | 'synthetic'
  | 'data-note'
  | 'late-start'
  | 'early-end'
  | 'partial-coverage'
  | 'warm-up'
  | 'data-end-exit'
  | 'delisting-exit'
  | 'delisting-after-data'
  | 'left-unheld'
  | 'idle'
  | 'stale-marks'
  | 'ruin'
  | 'cash-limited'
  | 'leverage-breach'
  | 'deferred'
  | 'deferred-notional'
  | 'exposure-gap'
  | 'skipped-trades'
  | 'short-sample'
  | 'no-opens'
  | 'blank-volume'
  | 'open-orders'
  | 'split'
  | 'no-impact'
  | 'strategy-note'
  | 'signal-unknown'
  | 'missing-rate'
  | 'free-financing'
  | 'frequency'
  | 'benchmark'
  | 'walk-forward'
  | 'factors';

/**
 * One caveat. `message` is one sentence for people; `size` (in `unit`) says how large it is
 * (e.g. 0.248 = 24.8 % of NAV), null when it has no size; `symbols` are those it concerns.
 */
export interface Caveat {
  readonly code: CaveatCode;
  readonly severity: CaveatSeverity;
  readonly message: string;
  readonly size: number | null;
  readonly unit: CaveatUnit | null;
  readonly symbols: readonly string[];
}

export function caveat(code: CaveatCode, severity: CaveatSeverity, message: string, size: { value: number; unit: CaveatUnit } | null = null, symbols: readonly string[] = []): Caveat {
  return { code, severity, message, size: size?.value ?? null, unit: size?.unit ?? null, symbols };
}

/**
 * Most severe first; within a severity, those measured on this run (with a size) before those
 * without one (a data source's generic note), larger sizes of the same unit first, else as given.
 */
export function rankCaveats(caveats: readonly Caveat[]): Caveat[] {
  const rank = (c: Caveat): number => CAVEAT_SEVERITIES.indexOf(c.severity);
  const unsized = (c: Caveat): number => (c.size === null ? 1 : 0);
  return caveats
    .map((c, k) => ({ c, k }))
    .sort((a, b) => rank(a.c) - rank(b.c) || unsized(a.c) - unsized(b.c) || (a.c.unit !== null && a.c.unit === b.c.unit ? Math.abs(b.c.size ?? 0) - Math.abs(a.c.size ?? 0) : 0) || a.k - b.k)
    .map(({ c }) => c);
}

/**
 * Whether a caveat changes how a run reads: high and medium ones, but for the SYNTHETIC-data note
 * every page and line already carries as a badge. What the terminal shows of a run, and what a
 * sweep's trial keeps.
 */
export const changesReading = (c: { readonly severity: string; readonly code: string }): boolean => c.severity !== 'low' && c.code !== 'synthetic';

/** A fraction as a percentage for a message, to 0.1: 0.1234 → "12.3%". */
export const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** A number grouped, with `least` to `most` decimals: (49.125, 2, 4) → "49.125". */
const grouped = (x: number, least: number, most: number): string => x.toLocaleString('en-US', { minimumFractionDigits: least, maximumFractionDigits: most });

/** An amount of currency for a message, rounded to a whole unit and grouped: 20000.4 → "20,000". */
export const money = (x: number): string => Math.round(x).toLocaleString('en-US');

/**
 * A setting for a message as the user gave it, its integer part grouped: 2020.45 → "2,020.45",
 * 600 → "600" (money() would round 2,020.45 to "2,020", below the 2,020.41 trade it refused).
 */
export const settingText = (x: number): string => {
  const text = String(x);
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text; // 1e+21, NaN: as JavaScript writes them
  const [whole, fraction] = text.split('.');
  return `${Number(whole).toLocaleString('en-US')}${fraction === undefined ? '' : `.${fraction}`}`;
};

/** A share count for a message, grouped, to six decimals (fractional shares): 1234.5 → "1,234.5". */
export const shareCount = (x: number): string => grouped(x, 0, 6);

/** A price for a message, grouped, to the cent: 98.0617 → "98.06". */
export const priceText = (x: number): string => grouped(x, 2, 2);

/**
 * A price a position was closed at, to the cent and to four decimals where it has them (a last
 * close × (1 + a delisting return): 65.50 × 0.75 = "49.125"), so shares × price is what it paid.
 */
export const fillPriceText = (x: number): string => grouped(x, 2, 4);

/** An amount of currency itemised to the cent, grouped: 247 × 65.79 → "16,250.13" (where a reader checks the cash a position left). */
export const moneyToCent = (x: number): string => grouped(x, 2, 2);

/** "1 order-session", "3 order-sessions": an order resting (or cut) on one session counts once. */
export const orderSessions = (n: number): string => `${n.toLocaleString('en-US')} order-session${n === 1 ? '' : 's'}`;

/** A caveat's severity by its size (e.g. a share of NAV): high above `high`, medium above `medium`, else low. */
export const severityBySize = (size: number, high: number, medium: number): CaveatSeverity => (size > high ? 'high' : size > medium ? 'medium' : 'low');

/** "3 names" / "AAA, BBB" — a short list of symbols for a message. */
export function listSymbols(symbols: readonly string[], max = 5): string {
  return symbols.length <= max ? symbols.join(', ') : `${symbols.slice(0, max).join(', ')} and ${symbols.length - max} more`;
}
