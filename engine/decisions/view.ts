// The causality guard. A strategy deciding at the close of session t sees the market only
// through this view, and every accessor is bounded by t: prices up to t's close, fundamentals
// published by t's date, rates known on it. The market itself sits in private fields, and
// every array handed out is a copy, so no accessor leads past t.

import { isoDay, sessionOnOrBefore } from '../../data/dates.ts';
import { UserError } from '../../data/errors.ts';
import { noRateSeries } from '../../data/folder/rateFiles.ts';
import type { FundamentalField } from '../../data/fundamentals.ts';
import { filingScale, implausibleCap } from '../../data/fundamentals/capPlausibility.ts';
import { AssetClass, type Market, PRICE_COLUMNS, type PriceColumn } from '../../data/market.ts';
import { symbolHintIn } from '../../data/nearestName.ts';
import { summariseList } from '../../data/prices/select.ts';
import { rateKnownOn } from '../../data/rates.ts';
import { roleHelp } from '../../data/roles.ts';
import { tradesAt } from '../execution/sessionVolume.ts';
import { type AdjustmentIndex, splitFactorBetween } from '../../data/adjustedCloses.ts';
import { adjustedClosesAsOf } from '../market/adjustment.ts';
import type { ImplausibleCap } from '../caveats/implausibleCaps.ts';
import { Listing } from '../market/listing.ts';
import { missingKey } from './signalGaps.ts';
import { describe } from './strategyFault.ts';
import { typedArrayLength, typedArrayName } from './typedArrayBrand.ts';
import { type NoteOptions, ViewReads } from './viewReads.ts';

/** A price column a strategy reads: open, high, low, close or volume. */
export type PriceField = PriceColumn;

let setDecisionTime: (view: MarketView, t: number) => void;
let readsOf: (view: MarketView) => ViewReads;

/** Engine only: move a view's decision time to session t. */
export function moveViewTo(view: MarketView, t: number): void {
  setDecisionTime(view, t);
}

/** Engine only: what the strategy read through a view and the notes it left (viewReads.ts). */
export function viewReads(view: MarketView): ViewReads {
  return readsOf(view);
}

/**
 * The market as a strategy sees it at a decision: every accessor is bounded by the decision's
 * session t (prices up to t's close, fundamentals public by t's day, rates known on it), and
 * every array handed out is a copy, so no read leads past t. Each accessor says its units and
 * what it adjusts for. Built by the engine; a strategy receives it in `decide`.
 *
 * A few answers are the whole data's, the same at every decision: the symbol list (symbols,
 * symbolCount, has, resolve — a symbol whose prices start later is in it from the first session,
 * its prices NaN until its first bar), hasFundamental and hasRate (whether the data has that series
 * at all), synthetic. The point-in-time list of symbols is universe(): those present at the decision.
 *
 * The methods that return an array (history, adjustedCloses, adjustedBars, carriedCloses,
 * crossSection, fundamental, sharesOutstanding, marketCap) take an optional `out` to fill
 * instead of a new one: a Float64Array of at least the values asked for (`length`, or
 * symbolCount for a cross-section), which gets them in its first cells, oldest first, and the
 * cells past them untouched. A shorter one is a RangeError naming both sizes (it would keep only
 * its first cells — a history's oldest values —, a typed array dropping writes past its end),
 * any other array a TypeError (a Float32Array would round the values, an Int32Array cut them).
 */
export class MarketView {
  readonly #market: Market;
  readonly #adjustments: AdjustmentIndex;
  readonly #symbolIndex: Map<string, number>;
  readonly #symbols: readonly string[];
  /** First bars (where an own-bars lookback stops), listed spans and last closes (engine/market/listing.ts). */
  /** hasFundamental's answers: a property of the market, asked at every decision of some strategies. */
  readonly #hasFundamental = new Map<FundamentalField, boolean>();
  readonly #listing: Listing;
  /** Per flagged symbol: its reverting moves (rows of Market.revertingMoves), in the order they became known. */
  readonly #movesKnown = new Map<number, number[]>();
  #t = -1;
  readonly #reads: ViewReads;
  /**
   * P: sessions per year of the run (the engine config's `periodsPerYear`, else inferred from the
   * run's calendar spacing, engine/calendar/frequency.ts: 252 daily, 52 weekly, 12 monthly). Unit: sessions
   * per year. Annualise a per-session statistic with it (σ·√P, μ·P) and turn a span of time into
   * sessions (a year = P sessions) — never assume 252.
   */
  readonly periodsPerYear: number;

  constructor(market: Market, adjustments: AdjustmentIndex, periodsPerYear: number, listing = new Listing(market, adjustments)) {
    if (!(periodsPerYear > 0)) throw new RangeError(`periodsPerYear must be positive, got ${periodsPerYear}`);
    this.#market = market;
    this.#adjustments = adjustments;
    this.periodsPerYear = periodsPerYear;
    this.#symbolIndex = new Map(market.symbols.map((s, i) => [s, i]));
    this.#symbols = Object.freeze([...market.symbols]);
    this.#reads = new ViewReads(market.symbols.length);
    this.#listing = listing;
    const moves = market.revertingMoves;
    if (moves) {
      moves.session.forEach((_, k) => {
        const known = this.#movesKnown.get(moves.symbol[k]);
        if (known) known.push(k);
        else this.#movesKnown.set(moves.symbol[k], [k]);
      });
    }
  }

  static {
    // The clock's setter lives outside the class, so nothing reachable from a view (not even
    // view.constructor) can move the decision time.
    setDecisionTime = (view, t) => {
      view.#t = t;
    };
    readsOf = (view) => view.#reads;
  }

  /** Decision session index (0-based in the market's calendar). */
  get session(): number {
    return this.#t;
  }
  /** Decision date as epoch day. */
  get day(): number {
    return this.#market.dates[this.#t];
  }
  /** Decision date as ISO YYYY-MM-DD. */
  get date(): string {
    return isoDay(this.day);
  }
  /**
   * Symbol names by index (frozen: a strategy cannot reorder the market's symbols): the whole
   * data's, so it holds symbols that list only later (their prices NaN until then) from the first
   * session — universe() for those present at the decision.
   */
  get symbols(): readonly string[] {
    return this.#symbols;
  }
  /** How many symbols the market has (the whole data's, as symbols): indices run 0 … symbolCount − 1, the length of a weights array. */
  get symbolCount(): number {
    return this.#market.symbols.length;
  }
  /** True on the built-in generated sample (generateSampleMarket, `--data sample`): its prices are no market history, and every report of the run says SYNTHETIC. */
  get synthetic(): boolean {
    return this.#market.synthetic;
  }

  /** Index of a symbol, or of a role written `@role` (e.g. `@smallCap`), in the whole data's list (symbols: one that lists later resolves before it does); a clear error if unknown. */
  resolve(symbolOrRole: string): number {
    const name = symbolOrRole.startsWith('@') ? this.#market.roles[symbolOrRole.slice(1)] : symbolOrRole;
    const i = name === undefined ? undefined : this.#symbolIndex.get(name);
    if (i === undefined) throw new UserError(unknownSymbol(symbolOrRole, this.#market));
    this.#reads.named[i] = 1;
    return i;
  }

  /** True when `symbolOrRole` names a symbol (or role) of this market: of the whole data, as symbols — true before a symbol lists; universe() for whether it is present. */
  has(symbolOrRole: string): boolean {
    const name = symbolOrRole.startsWith('@') ? this.#market.roles[symbolOrRole.slice(1)] : symbolOrRole;
    return name !== undefined && this.#symbolIndex.has(name);
  }

  /** A price field of symbol i, `lag` sessions before the decision (NaN before the data starts, or where the data has no such field). */
  price(field: PriceField, i: number, lag = 0): number {
    const s = this.#t - checkLag(lag);
    const k = s * this.#market.symbols.length + this.#checkSymbol(i);
    const col = this.#market[checkField(field)];
    return s < 0 || col === undefined ? NaN : col[k];
  }

  /**
   * The close of symbol i, `lag` sessions before the decision (0: the decision session), as the
   * data gives it, a price per share: on raw data (the sample, OHLCV files) the quote as traded,
   * not adjusted for splits or dividends — adjustedCloses / adjustedBars for returns across them —
   * and on adjusted-close files their adjusted close (Market.priceKind). price('close', i, lag).
   * NaN where the symbol has no bar that session (not yet listed, delisted, a holiday of its own)
   * or before the data starts.
   * @throws RangeError for a lag that is not a whole number ≥ 0 (the view cannot look ahead) or
   *   an i that is not a symbol index.
   */
  close(i: number, lag = 0): number {
    return this.price('close', i, lag);
  }

  /** True when symbol i traded at the decision close: a price and a volume that is not 0, a blank cell after a 0 none either (engine/execution/sessionVolume.ts, as the broker fills). */
  tradable(i: number): boolean {
    return tradesAt(this.#market, this.#checkSymbol(i), this.#t);
  }

  /**
   * The last `length` values (a whole number ≥ 0, else RangeError) of a field for symbol i, oldest
   * first, ending at the decision; in `out`'s first `length` cells when given (checkOut).
   */
  history(field: PriceField, i: number, length: number, out?: Float64Array): Float64Array {
    this.#checkSymbol(i);
    this.#checkLength(length);
    out = checkOut(out, length, 'history');
    const n = this.#market.symbols.length;
    const col = this.#market[checkField(field)];
    if (col === undefined) return out.fill(NaN, 0, length);
    for (let k = 0; k < length; k++) {
      const s = this.#t - length + 1 + k;
      out[k] = s < 0 ? NaN : col[s * n + i];
    }
    return out;
  }

  /**
   * Closes of the last `length` sessions adjusted for the splits and dividends known by the
   * decision (back-adjusted to the decision's price level), oldest first, NaN where symbol i has
   * no bar: session-aligned across symbols, the series for returns paired across symbols
   * (covariance, beta). For a lookback over the symbol's own bars, adjustedBars. In `out`'s first
   * `length` cells when given (checkOut).
   */
  adjustedCloses(i: number, length: number, out?: Float64Array): Float64Array {
    this.#checkSymbol(i);
    this.#checkLength(length);
    return adjustedClosesAsOf(this.#market, this.#adjustments, i, this.#t, length, checkOut(out, length, 'adjustedCloses'));
  }

  /**
   * The last `length` bars of symbol i up to the decision — sessions where it has a close; a
   * session where it has none is skipped, not an observation — adjusted like adjustedCloses,
   * oldest first, NaN-padded at the front when it has fewer bars: the series for per-symbol
   * lookbacks (moving averages, trailing returns) that count the symbol's own bars. In `out`'s
   * first `length` cells when given (checkOut).
   */
  adjustedBars(i: number, length: number, out?: Float64Array): Float64Array {
    this.#checkSymbol(i);
    if (checkLength(length) > this.#reads.longestBars) {
      this.#reads.longestBars = length;
      this.#reads.longestBarsSymbol = i;
    }
    return adjustedClosesAsOf(this.#market, this.#adjustments, i, this.#t, length, checkOut(out, length, 'adjustedBars'), this.#listing.firstBar[i]);
  }

  /**
   * Closes of the last `length` sessions adjusted like adjustedCloses, oldest first, with each
   * session where symbol i has no bar carrying its last close before it (from before the window
   * too): NaN only before its first bar and after it has left. Returns over them are 0 across a
   * gap and the whole move on the next bar — the calendar series for returns paired across
   * symbols (strategies/blocks/series.ts, the missing-bar rule). In `out`'s first `length` cells
   * when given (checkOut).
   */
  carriedCloses(i: number, length: number, out?: Float64Array): Float64Array {
    this.#checkSymbol(i);
    this.#checkLength(length);
    const into = checkOut(out, length, 'carriedCloses');
    const start = this.#t - length + 1;
    const from = this.#listing.lastBar(i, Math.max(start, 0));
    const extra = start > 0 && from >= 0 ? start - from : 0;
    const span = length + extra;
    const closes = extra > 0 ? new Float64Array(span) : into;
    adjustedClosesAsOf(this.#market, this.#adjustments, i, this.#t, span, closes);
    // Over the span's cells only: a longer `out`'s cells past `length` are no sessions of it.
    for (let k = 1; k < span; k++) {
      const s = this.#t - span + 1 + k;
      if (Number.isNaN(closes[k]) && this.#listing.listed(i, s)) closes[k] = closes[k - 1];
    }
    if (extra > 0) into.set(closes.subarray(extra));
    return into;
  }

  /** A field across all symbols at `lag` sessions before the decision (a copy; in `out`'s first symbolCount cells when given, checkOut). */
  crossSection(field: PriceField, lag = 0, out?: Float64Array): Float64Array {
    const s = this.#t - checkLag(lag);
    const n = this.symbolCount;
    const col = this.#market[checkField(field)];
    const into = checkOut(out, n, 'crossSection');
    if (s < 0 || col === undefined) return into.fill(NaN, 0, n);
    into.set(col.subarray(s * n, s * n + n));
    return this.#reads.values(into);
  }

  /**
   * Point-in-time fundamental cross-section: the newest period public by the decision date
   * (Fundamentals.latestRow); NaN where none. In `out`'s first symbolCount cells when given (checkOut).
   */
  fundamental(field: FundamentalField, out?: Float64Array): Float64Array {
    return this.#reads.fundamentalValues(this.#market.fundamentals.asOf(field, this.day, checkOut(out, this.symbolCount, 'fundamental')));
  }

  /**
   * True when the data carries `field` for some symbol at some date: whether the data set has that
   * fundamental at all (like hasRate), not whether a value is public yet — for refusing a strategy
   * that needs it on data without it.
   */
  hasFundamental(field: FundamentalField): boolean {
    let has = this.#hasFundamental.get(field);
    if (has === undefined) this.#hasFundamental.set(field, (has = this.#market.fundamentals.column(field).some((x) => !Number.isNaN(x))));
    return has;
  }

  /**
   * Shares outstanding of the newest period public by the decision date, adjusted for splits
   * since that period end. In `out`'s first symbolCount cells when given (checkOut).
   */
  sharesOutstanding(out?: Float64Array): Float64Array {
    out = checkOut(out, this.symbolCount, 'sharesOutstanding');
    const f = this.#market.fundamentals;
    const dates = this.#market.dates;
    for (let i = 0; i < this.symbolCount; i++) {
      const row = f.latestRow(i, this.day);
      const shares = f.value('sharesOutstanding', row);
      out[i] = Number.isNaN(shares)
        ? NaN
        : shares * splitFactorBetween(this.#adjustments, i, sessionOnOrBefore(dates, f.periodEnd[row]), this.#t);
    }
    return this.#reads.fundamentalValues(out);
  }

  /**
   * Market capitalisation at the decision: point-in-time shares × lastClose (NaN for a symbol not
   * present). Unit: currency. A cap that cannot be true — above IMPLAUSIBLE_CAP_MULTIPLE × the
   * larger of the same filing's total assets and trailing revenue (data/fundamentals/capPlausibility.ts):
   * shares in other units than the prices — is NaN too, so ranks and weights by size leave the name
   * out, and the run says so in a caveat (engine/caveats/implausibleCaps.ts). lastClose is the traded
   * Close where the data gives one (Market.priceKind raw); a symbol priced by an adjusted close only
   * gets a cap understated by the distributions paid since, which the run says in a caveat too
   * (engine/caveats/adjustedCloseCaps.ts). In `out`'s first symbolCount cells when given (checkOut).
   */
  marketCap(out?: Float64Array): Float64Array {
    out = checkOut(out, this.symbolCount, 'marketCap');
    this.sharesOutstanding(out);
    const f = this.#market.fundamentals;
    let served = 0;
    let sum = 0;
    let unknown: ImplausibleCap[] | undefined;
    for (let i = 0; i < this.symbolCount; i++) {
      const shares = out[i];
      const price = this.lastClose(i);
      const cap = (out[i] = shares * price);
      if (!(cap > 0)) continue;
      served++;
      sum += cap;
      const row = f.latestRow(i, this.day);
      const assets = f.value('totalAssets', row);
      const revenue = f.value('revenue', row);
      if (!implausibleCap(cap, assets, revenue)) continue;
      out[i] = NaN;
      (unknown ??= []).push({ symbol: i, cap, shares, price, scale: filingScale(assets, revenue) });
    }
    this.#reads.caps.record(this.#t, served, sum, unknown ?? []);
    this.#reads.adjustedCaps.record(out);
    return out;
  }

  /**
   * True when symbol i is present at the decision: it has a bar on or before it, has not left
   * (delisted, or its data ended) and its last bar is at most the run's staleMarkSessions old
   * (engine/market/listing.ts). A present symbol without a bar at the decision (a weekend in a seven-day
   * calendar, a short halt) stands at its lastClose.
   */
  present(i: number): boolean {
    return this.#listing.present(this.#checkSymbol(i), this.#t);
  }

  /**
   * The price symbol i stands at at the decision: its close, else its last close before it at
   * the decision's price level (splits since divided out); NaN when it is not present. The planner
   * sizes a target at the same price. Unit: currency per share.
   */
  lastClose(i: number): number {
    return this.#listing.lastClose(this.#checkSymbol(i), this.#t);
  }

  /**
   * Bars symbol i has in a year of this calendar, read from its trailing year of bars up to the
   * decision (engine/market/listing.ts): periodsPerYear where it trades on the calendar, 252 for a weekday
   * stock in a seven-day calendar, fewer for an illiquid name. Unit: bars per year.
   */
  barsPerYear(i: number): number {
    return this.#listing.barsPerYear(this.#checkSymbol(i), this.#t, this.periodsPerYear);
  }

  /**
   * Symbols of an asset class present at the decision (a bar at it, or a fresh last close before
   * it: see present) — the point-in-time list, where symbols is the whole data's; none is recorded
   * as data the decision did not get (signalGaps.ts).
   */
  universe(assetClass: AssetClass = AssetClass.stock): Int32Array {
    const picked: number[] = [];
    for (let i = 0; i < this.symbolCount; i++) {
      if (this.#market.assetClass[i] === assetClass && this.#listing.present(i, this.#t)) picked.push(i);
    }
    if (picked.length === 0) this.#reads.missed(missingKey.members(assetClass));
    return this.#reads.members(Int32Array.from(picked));
  }

  /**
   * How many single-session moves of symbol i that revert (Market.revertingMoves: bad prints,
   * uncarried corporate actions) became known in the last `window` sessions up to the decision.
   * Each move counted is recorded with the decision (ViewReads.screenedMoves): a screen on it
   * (withoutRevertingMoves) leaves the name out there, and the run's caveat says so, moves from
   * before the run included.
   */
  revertingMoves(i: number, window = Infinity): number {
    const known = this.#movesKnown.get(this.#checkSymbol(i));
    if (!known) return 0;
    const session = this.#market.revertingMoves!.session;
    let n = 0;
    for (const k of known) {
      const t = session[k];
      if (t <= this.#t && t > this.#t - window) {
        n++;
        this.#reads.screenedMoves.record(k, this.#t);
      }
    }
    return n;
  }

  sector(i: number): string {
    return this.#market.sector[this.#validSymbol(i)];
  }
  industry(i: number): string {
    return this.#market.industry[this.#validSymbol(i)];
  }

  /**
   * Tell the run that a step of this decision could not apply as asked to `symbols` (indices) out
   * of the `of` names it applied to, e.g. `view.caveat('liquidity screen minDollarVolume not
   * applied: no volume', unknown, members.length)`; `of` NaN when the step does not count them (a
   * note made per symbol, as the own-bar windows are: the caveat then says "M names", not "M of N"). The run gives one caveat per `what` (the same
   * phrase at every decision), sized and ranked by the largest share of a decision's targeted
   * gross weight those symbols made (engine/decisions/strategyNotes.ts). Nothing is recorded for an empty list.
   * `options.named` starts the caveat with the symbols ("AAA: …"), for a phrase that does not name
   * them; `options.least` is the lowest severity it may have (a rule the strategy could not apply
   * at all matters whatever weight it left in the book).
   */
  caveat(what: string, symbols: ArrayLike<number>, of: number, options?: NoteOptions): void {
    if (symbols.length === 0) return;
    this.#reads.note({ what, symbols: Array.from(symbols, (i) => this.#validSymbol(i)), of, ...(options === undefined ? {} : { options }) });
  }

  /** checkLength for a history the strategy asked for: the longest counts (ViewReads.longest). */
  #checkLength(length: number): number {
    if (checkLength(length) > this.#reads.longest) this.#reads.longest = length;
    return length;
  }

  /** A symbol index must name a symbol: an index past the end would read another session's row. */
  #validSymbol(i: number): number {
    if (!(Number.isInteger(i) && i >= 0 && i < this.#symbols.length)) {
      throw new RangeError(`symbol index ${i} is out of range (0..${this.#symbols.length - 1}); use view.resolve(name)`);
    }
    return i;
  }

  /** #validSymbol for a read of the symbol's market data: the symbol counts as read (viewReads.ts); its labels do not. */
  #checkSymbol(i: number): number {
    this.#reads.symbols[this.#validSymbol(i)] = 1;
    return i;
  }

  /** True when the market has the named rate series (e.g. `tbill3m`). */
  hasRate(name: string): boolean {
    return name in this.#market.rates;
  }

  /**
   * Annual rate (decimal) known `lagDays` calendar days before the decision date: a monthly
   * average dated on its month's first day (FRED's TB3MS) once its month is over (data/rates.ts rateKnownOn).
   * NaN where none is known yet (before the series starts), recorded as data the decision did not get (signalGaps.ts).
   */
  rate(name: string, lagDays = 0): number {
    const series = this.#market.rates[name];
    if (!series) throw new UserError(noRateSeries(this.#market, name));
    this.#reads.rates.add(name);
    const rate = rateKnownOn(series, this.day - checkLag(lagDays));
    if (Number.isNaN(rate)) this.#reads.missed(missingKey.rate(name));
    return rate;
  }

  /**
   * Tell the run that this decision could not compute its signal `what` (e.g. "breadth (no stock
   * with 50 sessions of prices)") and did `instead` ("held its neutral mix"): the run gives one
   * `signal-unknown` caveat per pair, sized by the share of decisions without it and naming the
   * data this decision asked for and did not get (engine/decisions/signalGaps.ts).
   */
  signalUnknown(what: string, instead: string): void {
    this.#reads.unknownSignal(what, instead);
  }
}

const PRICE_FIELDS: ReadonlySet<string> = new Set<PriceField>(PRICE_COLUMNS);

/** Only the price fields: any other key of the market (delistedAfter, delistReturn, dates) would read the future. Checked at run time, for strategies in JavaScript. */
function checkField(field: PriceField): PriceField {
  if (!PRICE_FIELDS.has(field)) throw new RangeError(`"${String(field)}" is not a price field (open, high, low, close, volume)`);
  return field;
}

/** A history length must be a whole number ≥ 0: a fractional one would index into the next session's row. */
function checkLength(length: number): number {
  if (!(Number.isInteger(length) && length >= 0)) throw new RangeError(`a history length must be a whole number ≥ 0, got ${length}`);
  return length;
}

/**
 * The buffer a view method fills: a new Float64Array of `length` when `out` is undefined, else
 * `out` itself, which must be a Float64Array of at least `length` (its first `length` cells are
 * filled, the rest left as they are). A shorter one would silently keep only its first cells — a
 * history's oldest values, as a typed array drops writes past its end.
 * @throws RangeError for a Float64Array shorter than `length`, TypeError for anything else.
 */
function checkOut(out: Float64Array | undefined, length: number, method: string): Float64Array {
  if (out === undefined) return new Float64Array(length);
  if (typedArrayName(out) !== 'Float64Array') {
    throw new TypeError(`view.${method}: out must be a Float64Array of at least ${length} values, got ${describe(out)}; or leave it out for a new one`);
  }
  const size = typedArrayLength(out);
  if (size < length) {
    throw new RangeError(`view.${method}: out holds ${size} value${size === 1 ? '' : 's'}, fewer than the ${length} asked for (only the first ${size} would be written); give a Float64Array of at least ${length}, or leave it out for a new one`);
  }
  return out;
}

function checkLag(lag: number): number {
  if (!(Number.isInteger(lag) && lag >= 0)) throw new RangeError(`a lag must be a whole number ≥ 0 (the view cannot look ahead), got ${lag}`);
  return lag;
}

/**
 * Why a strategy's symbol (or `@role`) is not in the market: the roles there; or, for a market
 * loaded with some symbols only, that it is not among them; with symbolHintIn, whose fix (the
 * name the market holds, or the file not read) replaces "add it to them" where it has one.
 */
function unknownSymbol(symbolOrRole: string, market: Market): string {
  if (symbolOrRole.startsWith('@')) {
    const roles = Object.keys(market.roles).map((r) => `@${r}`);
    const help = roleHelp(symbolOrRole, market.symbols, market.selectedSymbols);
    return `unknown symbol "${symbolOrRole}" in ${market.name} (roles here: ${roles.join(', ') || 'none'})${help === undefined ? '' : `: ${help}`}`;
  }
  const hint = symbolHintIn(symbolOrRole, market);
  const asked = market.selectedSymbols;
  const otherCase = market.symbols.some((s) => s.toLowerCase() === symbolOrRole.toLowerCase());
  if (asked === undefined || otherCase) return `unknown symbol "${symbolOrRole}" in ${market.name}${hint}`;
  const loadedFrom = `unknown symbol "${symbolOrRole}": not among the symbols loaded from ${market.name} (--symbols ${summariseList(asked)})`;
  // A hint names a symbol the market holds (asking for it is the fix) or a file not read (renaming it is):
  // adding the name typed to --symbols would fail either way.
  if (hint !== '') return `${loadedFrom}${hint}`;
  const widened = asked.length < 10 ? ` (--symbols ${[...asked, symbolOrRole].join(',')})` : '';
  return `${loadedFrom}; add it to them${widened}`;
}
