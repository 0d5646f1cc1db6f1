// `data inspect`: what a Market holds, per symbol and per source, as a value (for tests and
// JSON output) and as plain text for the terminal.

import { isoDay } from './dates.ts';
import { printable } from './errors.ts';
import { signedPercent } from './folder/delistingReturn.ts';
import { powerOfTen } from './formats/fields.ts';
import { IMPLAUSIBLE_CAP_MULTIPLE, largeNumberText } from './fundamentals/capPlausibility.ts';
import { type ImplausibleCapSpan, implausibleCapSpans } from './fundamentals/implausibleCapSpans.ts';
import { AssetClass, PriceKind, type Market, type SourceInfo } from './market.ts';
import { REVERSAL_BARS, REVERSAL_FACTOR } from './prices/series/reversals.ts';

export interface SymbolSummary {
  readonly symbol: string;
  /** First and last session with a price (ISO), '' when none. */
  readonly first: string;
  readonly last: string;
  /** Sessions with a price. */
  readonly sessions: number;
  /** Sessions inside [first, last] without a price. */
  readonly missing: number;
  readonly dividends: number;
  readonly splits: number;
  /**
   * e.g. fund, total-return, delisted after 2019-03-01 at -30% (its delisting return, when the data
   * gives one), delisted 2024-01-12 at -50%, on the data's last session: no exit in the data, no volume.
   */
  readonly flags: readonly string[];
}

/** A delisting dated on or after the data's last session (Market.delistingAfterData): no exit in the data, so no run applies its return. */
export interface DelistingAfterData {
  readonly symbol: string;
  /** The delisting date (ISO). */
  readonly date: string;
  /** The delisting return as a fraction (−0.5 = −50 %); null when the data gives none. */
  readonly delistingReturn: number | null;
}

/** What a market holds, as `breadth data inspect` shows it (renderInspection) and `--json` writes it: its span and sessions, each symbol's summary, dividends, splits, delistings, fundamentals, rates, roles, sources, and the moves and market caps it flags. */
export interface MarketInspection {
  readonly name: string;
  readonly synthetic: boolean;
  readonly fingerprint: string;
  readonly sessions: number;
  readonly first: string;
  readonly last: string;
  readonly symbolCount: number;
  readonly stocks: number;
  readonly funds: number;
  readonly symbols: readonly SymbolSummary[];
  readonly dividends: number;
  readonly splits: number;
  /** Symbols with a delisting: inside the data (an exit) or on or after its last session (delistingsAfterData). */
  readonly delisted: number;
  readonly delistingsAfterData: readonly DelistingAfterData[];
  readonly fundamentals: { readonly rows: number; readonly symbols: number };
  readonly rates: readonly { readonly name: string; readonly first: string; readonly last: string; readonly values: number }[];
  readonly roles: Readonly<Record<string, string>>;
  readonly sources: readonly SourceInfo[];
  /** Single-session moves that revert (Market.revertingMoves), oldest first. */
  readonly revertingMoves: readonly RevertingMove[];
  /** Symbols with market caps that cannot be true (fundamentals/capPlausibility.ts), served as unknown to strategies. */
  readonly implausibleCaps: readonly ImplausibleCapSpan[];
}

export interface RevertingMove {
  readonly symbol: string;
  /** ISO dates of the jump and of the bar that takes it back. */
  readonly date: string;
  readonly revertedOn: string;
  /** close / previous close at the jump (e.g. 1620 for 0.03 → 48.6). */
  readonly ratio: number;
}

/** Every flagged reverting move of a market, in date order. */
export function revertingMoves(market: Market): RevertingMove[] {
  const moves = market.revertingMoves;
  if (!moves) return [];
  return Array.from(moves.session, (t, k) => ({
    symbol: market.symbols[moves.symbol[k]],
    date: isoDay(market.dates[moves.moveSession[k]]),
    revertedOn: isoDay(market.dates[t]),
    ratio: moves.value[k],
  }));
}

/**
 * A move's ratio as "×4.00" or "÷1.00e+301"; where the inverse of a tiny ratio leaves binary64 (÷ a
 * subnormal 1e-310), from its power of ten (formats/fields.ts powerOfTen); a ratio beyond 1.8e308,
 * or one whose quotient underflowed to 0, says so.
 */
function ratioText(ratio: number): string {
  const sign = ratio >= 1 ? '×' : '÷';
  const size = ratio >= 1 ? ratio : 1 / ratio;
  if (Number.isFinite(size)) return `${sign}${size.toPrecision(3)}`;
  if (ratio === Infinity || ratio === 0) return `${sign}more than 1.8e308`;
  const { mantissa, power } = powerOfTen(-Math.log10(ratio), 2);
  return `÷${mantissa}e+${power}`;
}

/** "DEN 2019-03-04 ×1.62e+3 (back 2019-03-05)": one flagged move, for warnings and the terminal. */
export function describeMove(move: RevertingMove): string {
  return `${move.symbol} ${move.date} ${ratioText(move.ratio)} (back ${move.revertedOn})`;
}

/** "CETX 2018-09-07 → 2024-09-20, 1,490 sessions; worst 2021-02-17: 274,889 shares × 30,870,000 = 8.5e12, 139,503× its filing's scale 60,829,148". */
function describeCapSpan(span: ImplausibleCapSpan): string {
  const { date, cap, shares, close, scale } = span.worst;
  return `${span.symbol} ${span.first} → ${span.last}, ${count(span.sessions)} session${span.sessions === 1 ? '' : 's'}; worst ${date}: ${count(shares)} shares × ${count(close)} = ${largeNumberText(cap)}, ${largeNumberText(cap / scale)}× its filing's scale ${largeNumberText(scale)}`;
}

function eventCounts(events: { symbol: Int32Array }, symbols: number): Int32Array {
  const counts = new Int32Array(symbols);
  for (const i of events.symbol) counts[i]++;
  return counts;
}

function summarizeSymbol(market: Market, i: number, dividends: number, splits: number, moves: number): SymbolSummary {
  const N = market.symbols.length;
  const T = market.dates.length;
  let first = -1;
  let last = -1;
  let sessions = 0;
  let hasVolume = false;
  for (let t = 0; t < T; t++) {
    const k = t * N + i;
    if (Number.isNaN(market.close[k])) continue;
    if (first < 0) first = t;
    last = t;
    sessions++;
    if (!Number.isNaN(market.volume[k])) hasVolume = true;
  }
  const flags: string[] = [market.assetClass[i] === AssetClass.fund ? 'fund' : 'stock'];
  if (market.priceKind[i] === PriceKind.totalReturn) flags.push('total-return');
  const ret = market.delistReturn[i];
  const at = Number.isNaN(ret) ? '' : ` at ${signedPercent(ret)}`;
  const afterData = market.delistingAfterData?.[i] ?? NaN;
  if (market.delistedAfter[i] >= 0) flags.push(`delisted after ${isoDay(market.dates[market.delistedAfter[i]])}${at}`);
  else if (!Number.isNaN(afterData)) flags.push(`delisted ${isoDay(afterData)}${at}, ${afterData === market.dates[T - 1] ? 'on' : 'after'} the data's last session: no exit in the data`);
  // A symbol listed past its last bar (a halt before a delisting after the data, a selection ending before its next bar) has no data end: a run holds it at that close.
  if (market.delistedAfter[i] < 0 && last >= 0 && last < T - 1) flags.push(market.continuesAfter?.[i] === 1 ? `no bar after ${isoDay(market.dates[last])}: listed to the end, a holding marked at that close` : `data ends ${isoDay(market.dates[last])}`);
  if (!hasVolume) flags.push('no volume');
  if (moves > 0) flags.push(`${moves} reverting ${moves === 1 ? 'move' : 'moves'}`);
  return {
    symbol: market.symbols[i],
    first: first < 0 ? '' : isoDay(market.dates[first]),
    last: last < 0 ? '' : isoDay(market.dates[last]),
    sessions,
    missing: first < 0 ? 0 : last - first + 1 - sessions,
    dividends,
    splits,
    flags,
  };
}

/** The market's delistings dated on or after its last session (Market.delistingAfterData), in symbol order. */
function delistingsAfterDataOf(market: Market): DelistingAfterData[] {
  const after = market.delistingAfterData;
  if (!after) return [];
  return market.symbols.flatMap((symbol, i) => (Number.isNaN(after[i]) ? [] : [{ symbol, date: isoDay(after[i]), delistingReturn: Number.isNaN(market.delistReturn[i]) ? null : market.delistReturn[i] }]));
}

/** A market's inspection (MarketInspection): what it holds, per symbol and per source, and what is missing or suspicious; renderInspection prints it. Reads the market only. */
export function inspectMarket(market: Market): MarketInspection {
  const N = market.symbols.length;
  const T = market.dates.length;
  const dividends = eventCounts(market.dividends, N);
  const splits = eventCounts(market.splits, N);
  const moves = market.revertingMoves ? eventCounts(market.revertingMoves, N) : new Int32Array(N);
  const symbols = market.symbols.map((_, i) => summarizeSymbol(market, i, dividends[i], splits[i], moves[i]));
  const f = market.fundamentals;
  let withFundamentals = 0;
  for (let i = 0; i < f.symbolCount; i++) if (f.symbolStart[i + 1] > f.symbolStart[i]) withFundamentals++;
  const funds = market.assetClass.filter((a) => a === AssetClass.fund).length;
  const delistingsAfterData = delistingsAfterDataOf(market);
  return {
    name: market.name,
    synthetic: market.synthetic,
    fingerprint: market.fingerprint,
    sessions: T,
    first: T > 0 ? isoDay(market.dates[0]) : '',
    last: T > 0 ? isoDay(market.dates[T - 1]) : '',
    symbolCount: N,
    stocks: N - funds,
    funds,
    symbols,
    dividends: market.dividends.value.length,
    splits: market.splits.value.length,
    delisted: market.delistedAfter.filter((t) => t >= 0).length + delistingsAfterData.length,
    delistingsAfterData,
    fundamentals: { rows: f.rowCount, symbols: withFundamentals },
    rates: Object.values(market.rates).map((r) => ({
      name: r.name,
      first: r.dates.length > 0 ? isoDay(r.dates[0]) : '',
      last: r.dates.length > 0 ? isoDay(r.dates[r.dates.length - 1]) : '',
      values: r.dates.length,
    })),
    roles: market.roles,
    sources: market.sources,
    revertingMoves: revertingMoves(market),
    implausibleCaps: implausibleCapSpans(market),
  };
}

const pad = (text: string, width: number): string => (text.length >= width ? text : text + ' '.repeat(width - text.length));
const padLeft = (text: string, width: number): string => (text.length >= width ? text : ' '.repeat(width - text.length) + text);
const count = (n: number): string => n.toLocaleString('en-US');
/** `n` (count's digits) and `word`, plural unless one: "1 fund", "2 funds". */
const counted = (n: number, word: string): string => `${count(n)} ${word}${n === 1 ? '' : 's'}`;

export interface RenderOptions {
  /** Symbols listed individually (the rest are summarised); default 40. */
  readonly maxSymbols?: number;
  /** Source notes shown; default true. */
  readonly showSources?: boolean;
}

/** Plain-text rendering of an inspection for the terminal. */
export function renderInspection(report: MarketInspection, options: RenderOptions = {}): string {
  const maxSymbols = options.maxSymbols ?? 40;
  const out: string[] = [];
  out.push(`${report.name}${report.synthetic ? '  [SYNTHETIC]' : ''}`);
  out.push(`  ${counted(report.sessions, 'session')} ${report.first} → ${report.last}; ${counted(report.symbolCount, 'symbol')} (${counted(report.stocks, 'stock')}, ${counted(report.funds, 'fund')})`);
  const afterData = report.delistingsAfterData.length;
  const beyond = afterData > 0 ? ` (${count(afterData)} on or after the data's last session: no exit in the data)` : '';
  out.push(`  ${counted(report.dividends, 'dividend')}, ${counted(report.splits, 'split')}, ${counted(report.delisted, 'delisting')}${beyond}; fundamentals: ${counted(report.fundamentals.rows, 'row')} for ${counted(report.fundamentals.symbols, 'symbol')}`);
  for (const r of report.rates) out.push(`  rate ${r.name}: ${count(r.values)} values ${r.first} → ${r.last}`);
  const roles = Object.entries(report.roles).map(([role, symbol]) => `${role}=${symbol}`);
  if (roles.length > 0) out.push(`  roles: ${roles.join(', ')}`);
  out.push(`  fingerprint ${report.fingerprint.slice(0, 16)}`);
  out.push('');
  out.push(`  ${pad('symbol', 10)} ${pad('first', 10)}   ${pad('last', 10)} ${padLeft('sessions', 8)} ${padLeft('missing', 7)} ${padLeft('divs', 5)} ${padLeft('splits', 6)}  flags`);
  for (const s of report.symbols.slice(0, maxSymbols)) {
    out.push(`  ${pad(s.symbol, 10)} ${pad(s.first, 10)} → ${pad(s.last, 10)} ${padLeft(count(s.sessions), 8)} ${padLeft(count(s.missing), 7)} ${padLeft(String(s.dividends), 5)} ${padLeft(String(s.splits), 6)}  ${s.flags.join(', ')}`);
  }
  if (report.symbols.length > maxSymbols) out.push(`  … ${count(report.symbols.length - maxSymbols)} more symbols`);
  if (afterData > 0) {
    out.push('', `  delistings on or after the data's last session (${report.last}): their exit, the session after, is not in the data, so no run applies their return; a run holding one at its end says so: ${count(afterData)}`);
    for (const d of report.delistingsAfterData.slice(0, maxSymbols)) out.push(`    ${d.symbol} ${d.date}${d.delistingReturn === null ? ', no delisting return given' : ` at ${signedPercent(d.delistingReturn)}`}`);
    if (afterData > maxSymbols) out.push(`    … ${count(afterData - maxSymbols)} more`);
  }
  if (report.revertingMoves.length > 0) {
    out.push('', `  single-session moves that revert (×${REVERSAL_FACTOR} or more, taken back within ${REVERSAL_BARS} bars; screened by the built-in cross-sectional strategies): ${count(report.revertingMoves.length)}`);
    for (const move of report.revertingMoves.slice(0, maxSymbols)) out.push(`    ${describeMove(move)}`);
    if (report.revertingMoves.length > maxSymbols) out.push(`    … ${count(report.revertingMoves.length - maxSymbols)} more`);
  }
  if (report.implausibleCaps.length > 0) {
    out.push('', `  market caps that cannot be true (shares × close over ${count(IMPLAUSIBLE_CAP_MULTIPLE)}× the larger of the filing's total assets and trailing revenue; unknown to strategies that rank or weight by size): ${count(report.implausibleCaps.length)} symbol${report.implausibleCaps.length === 1 ? '' : 's'}`);
    for (const span of report.implausibleCaps.slice(0, maxSymbols)) out.push(`    ${describeCapSpan(span)}`);
    if (report.implausibleCaps.length > maxSymbols) out.push(`    … ${count(report.implausibleCaps.length - maxSymbols)} more`);
  }
  if (options.showSources ?? true) {
    out.push('', '  sources:');
    for (const source of report.sources) {
      out.push(`    ${printable(source.path)}  (${source.format})${source.fingerprint ? `  ${source.fingerprint.slice(0, 12)}` : ''}`);
      if (source.columns) out.push(`      columns used: ${source.columns.used.join(', ')}; ignored: ${source.columns.ignored.length > 0 ? source.columns.ignored.join(', ') : 'none'}`);
      for (const note of source.notes) out.push(`      - ${note}`);
    }
  }
  return out.join('\n');
}

