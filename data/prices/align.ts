// Per-symbol series → the Market's session-major price columns on one reference calendar.
//
// Calendar: the union of every series' dates (default), or one named symbol's dates, clipped to
// [from, to]. A symbol's bar on a date outside a named calendar is dropped and counted. Inside
// a symbol's own first..last session, a calendar session without a bar stays NaN and is counted
// as missing. Delisting: a series whose last bar comes before the calendar's last session AND
// before its source's known snapshot end (SymbolSeries.snapshotEnd: the source says a stop
// before it is a company ending) is delisted after that bar. With no known snapshot end, a
// stop is only where the data stops (the engine's `data-end` exit); a delisting record
// (folder/delistingDates.ts) says otherwise.
// Corporate actions move to the first session on or after their ex-date.
// Weekend-dated period-end bars of a load that does not trade on weekends are first read as of
// the previous session (weekendBars.ts), so they add no sessions nothing trades on.

import { basename, dirname } from 'node:path';
import { DataError, UserError } from '../errors.ts';
import { eventTable, type FlaggedMoves, type Market } from '../market.ts';
import { symbolOfFile } from './files/priceFileName.ts';
import { findReversals } from './series/reversals.ts';
import type { SymbolSeries } from './series/priceSeries.ts';
import { readWeekendBarsAsOf } from './series/weekendBars.ts';

export interface AlignOptions {
  /** 'union' (default) or the symbol whose sessions define the calendar. */
  readonly calendar?: string;
  /** Epoch days; inclusive. */
  readonly from?: number;
  readonly to?: number;
  /** The series are not used afterwards: their optional columns are released as they are copied. */
  readonly consume?: boolean;
  /**
   * Price columns in shared memory, for a worker thread to read where they are (the market cache
   * written in the background, cache/backgroundStore.ts). Off by default: V8 counts shared memory
   * as no reason to collect, so a process that drops markets should hold them in ArrayBuffers.
   */
  readonly shared?: boolean;
}

export interface AlignReport {
  /** Sessions inside a symbol's own history without a bar, summed over symbols. */
  readonly missingBars: number;
  readonly symbolsWithGaps: number;
  /** Bars on dates that are not sessions of a named calendar (dropped). */
  readonly offCalendarBars: number;
  /** Symbols with no bar inside [from, to] (left out of the market). */
  readonly emptySymbols: readonly string[];
  /** Weekend-dated bars read as of the previous session (weekendBars.ts), per symbol. */
  readonly weekendBarsReadEarlier: ReadonlyMap<string, number>;
  /** Stray weekend bars of daily series in a weekday load, kept as dated (weekendBars.ts), per symbol: their days. */
  readonly strayWeekendBars: ReadonlyMap<string, readonly number[]>;
}

/** The price part of a Market, aligned on one calendar. */
export interface AlignedPrices
  extends Pick<Market, 'dates' | 'open' | 'high' | 'low' | 'close' | 'volume' | 'priceKind' | 'assetClass' | 'splits' | 'dividends' | 'delistedAfter' | 'continuesAfter' | 'delistingAfterData'> {
  readonly revertingMoves: FlaggedMoves;
  readonly symbols: string[];
  readonly report: AlignReport;
}

type OptionalField = 'open' | 'high' | 'low' | 'volume';
const OPTIONAL_FIELDS: readonly OptionalField[] = ['open', 'high', 'low', 'volume'];

function calendarDays(series: readonly SymbolSeries[], options: AlignOptions): Int32Array {
  const from = options.from ?? -Infinity;
  const to = options.to ?? Infinity;
  const name = options.calendar ?? 'union';
  if (name !== 'union') {
    const reference = series.find((s) => s.symbol === name);
    if (!reference) throw new UserError(`calendar symbol "${name}" is not among the loaded symbols; use 'union' or one of: ${series.slice(0, 10).map((s) => s.symbol).join(', ')}${series.length > 10 ? ', …' : ''}`);
    return reference.dates.filter((d) => d >= from && d <= to);
  }
  let min = Infinity;
  let max = -Infinity;
  for (const s of series) {
    if (s.dates.length === 0) continue;
    min = Math.min(min, s.dates[0]);
    max = Math.max(max, s.dates[s.dates.length - 1]);
  }
  min = Math.max(min, from);
  max = Math.min(max, to);
  if (!(min <= max)) return new Int32Array(0);
  const seen = new Uint8Array(max - min + 1);
  // Files of one source mostly share their dates: a series with the same dates as the last one
  // marked adds nothing (compared as bytes, far cheaper than marking them again).
  let marked: Int32Array = new Int32Array(0);
  const bytes = (dates: Int32Array): Buffer => Buffer.from(dates.buffer, dates.byteOffset, dates.byteLength);
  for (const s of series) {
    const dates = s.dates;
    if (dates.length === marked.length && bytes(dates).equals(bytes(marked))) continue;
    for (let r = 0; r < dates.length; r++) {
      const d = dates[r];
      if (d >= min && d <= max) seen[d - min] = 1;
    }
    marked = dates;
  }
  const days: number[] = [];
  seen.forEach((flag, k) => flag && days.push(min + k));
  return Int32Array.from(days);
}

/** Session of each day in [first, last] of the calendar; -1 where the day is not a session. */
function sessionLookup(dates: Int32Array): { first: number; sessionOf: Int32Array } {
  const first = dates[0];
  const sessionOf = new Int32Array(dates[dates.length - 1] - first + 1).fill(-1);
  dates.forEach((d, t) => (sessionOf[d - first] = t));
  return { first, sessionOf };
}

/**
 * The fix for a symbol in two files: out of one of them (both named). Not --symbols: a source is
 * read whole before a load selects its symbols (load.ts), so it cannot choose between the two.
 */
function twiceLoadedFix(symbol: string, first: string, second: string): string {
  // A per-symbol file (named after the symbol) goes, or is renamed; a long file loses the symbol's rows.
  // The message names both paths already: in one folder, the fix names them by file name.
  const name = (file: string): string => (dirname(first) === dirname(second) ? basename(file) : file);
  const out = (file: string): string => (symbolOfFile(file) === symbol ? `remove or rename ${name(file)}` : `remove ${symbol}'s rows from ${name(file)}`);
  return `load each symbol from one file: ${out(first)}, or ${out(second)} (--symbols cannot choose between them: the folder is read whole before it selects)`;
}

/** One source per symbol, and one spelling: `bbb.csv` beside `BBB.csv` would load as two symbols. */
function checkUniqueSymbols(series: readonly SymbolSeries[]): void {
  const seen = new Map<string, SymbolSeries>();
  for (const s of series) {
    const other = seen.get(s.symbol.toLowerCase());
    if (other?.symbol === s.symbol) throw new DataError(s.source, undefined, `symbol ${s.symbol} is also loaded from ${other.source}`, twiceLoadedFix(s.symbol, other.source, s.source));
    if (other !== undefined) {
      throw new DataError(s.source, undefined, `symbol ${s.symbol} is ${other.symbol} (from ${other.source}) in another case; symbols are case-sensitive, so they would load as two symbols`, `spell the symbol one way in both (rename the file or correct its tickers, e.g. ${s.symbol.toUpperCase()})`);
    }
    seen.set(s.symbol.toLowerCase(), s);
  }
}

/** A new column of `length` cells (zeros until scatterTiles writes it), in shared memory when asked (AlignOptions.shared). */
const newColumn = (length: number, shared: boolean): Float64Array => new Float64Array(shared ? new SharedArrayBuffer(length * 8) : new ArrayBuffer(length * 8));

/**
 * Tells V8 that `bytes` of memory outside its heap were just let go. The series' columns sit in
 * the parse workers' shared slabs (prices/files/parseWorker.ts), which V8 does not count as external
 * memory, and neither are shared aligned columns (AlignOptions.shared): dropping a column's slabs
 * would not prompt a collection, and the next column would be built beside them. An ArrayBuffer of the same
 * size, never touched (its pages are never resident), is counted, and prompts it (backtrader's
 * 2,000-file set: peak RSS of a cold run 1.08 GB without this, 0.90 GB with it).
 */
function promptCollection(bytes: number): void {
  void new ArrayBuffer(bytes);
}

// Series written a tile at a time (TILE_SYMBOLS series × TILE_SESSIONS sessions): a series is
// contiguous while a session-major column strides N cells from one session to the next, and
// walking whole series would touch a new page of the column at every bar.
const TILE_SYMBOLS = 64;
const TILE_SESSIONS = 64;

/**
 * Where each series' bars go. A run (`sessions[i]` null) is a series whose bars are the
 * consecutive sessions start[i] … stop[i] - 1 (most series of a folder on the union of its own
 * dates); any other series has each bar's session in `sessions[i]` (ascending where ≥ 0; -1: a
 * bar outside the range or off the calendar).
 */
interface BarSessions {
  readonly sessions: readonly (Int32Array | null)[];
  readonly start: Int32Array;
  readonly stop: Int32Array;
  /** Every series is a run. */
  readonly allRuns: boolean;
}

/**
 * into[t * N + i] = values[i][r] where bar r of series i falls on session t, NaN everywhere else
 * (null values: the series lacks this column). `into` is new (all zeros). When every series is
 * a run, each cell is written once, NaN or value; else the column is filled with NaN first.
 */
function scatterTiles(into: Float64Array, N: number, T: number, bars: BarSessions, values: readonly (Float64Array | null)[]): void {
  const { sessions, start, stop, allRuns } = bars;
  if (!allRuns) into.fill(NaN);
  const next = new Int32Array(TILE_SYMBOLS);
  for (let i0 = 0; i0 < N; i0 += TILE_SYMBOLS) {
    const i1 = Math.min(N, i0 + TILE_SYMBOLS);
    next.fill(0);
    for (let t0 = 0; t0 < T; t0 += TILE_SESSIONS) {
      const t1 = Math.min(T, t0 + TILE_SESSIONS);
      for (let i = i0; i < i1; i++) {
        const v = values[i];
        const at = sessions[i];
        if (at === null) {
          const a = v === null ? t1 : Math.max(t0, start[i]);
          const b = v === null ? t1 : Math.min(t1, stop[i]);
          if (allRuns) {
            for (let t = t0; t < Math.min(a, t1); t++) into[t * N + i] = NaN;
            for (let t = Math.max(b, t0); t < t1; t++) into[t * N + i] = NaN;
          }
          for (let t = a, r = a - start[i]; t < b; t++, r++) into[t * N + i] = v![r];
          continue;
        }
        if (v === null) continue;
        let r = next[i - i0];
        for (; r < at.length && at[r] < t1; r++) if (at[r] >= 0) into[at[r] * N + i] = v[r];
        next[i - i0] = r;
      }
    }
  }
}

export function alignSeries(loaded: readonly SymbolSeries[], options: AlignOptions = {}): AlignedPrices {
  checkUniqueSymbols(loaded);
  const { series: allSeries, moved: weekendBarsReadEarlier, stray: strayWeekendBars } = readWeekendBarsAsOf(loaded);
  const dates = calendarDays(allSeries, options);
  const T = dates.length;
  if (T === 0) throw new UserError('no price data inside the requested date range; check from/to');
  const { first, sessionOf } = sessionLookup(dates);
  const lastDay = dates[T - 1];
  const sessionOnOrAfter = (day: number): number => {
    for (let d = Math.max(day, first); d <= lastDay; d++) if (sessionOf[d - first] >= 0) return sessionOf[d - first];
    return -1;
  };

  const inRange = (d: number): boolean => d >= first && d <= lastDay;
  function placeEvents(events: readonly { day: number; value: number }[], i: number, lastSession: number, into: { session: number; symbol: number; value: number }[]): void {
    for (const e of events) {
      if (!inRange(e.day)) continue;
      const t = sessionOnOrAfter(e.day);
      if (t >= 0 && t <= lastSession) into.push({ session: t, symbol: i, value: e.value });
    }
  }
  const emptySymbols: string[] = [];
  const series = [...allSeries]
    .filter((s) => {
      const any = s.dates.some(inRange);
      if (!any) emptySymbols.push(s.symbol);
      return any;
    })
    .sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  const N = series.length;

  const shared = options.shared ?? false;
  const close = newColumn(T * N, shared);
  const present = OPTIONAL_FIELDS.filter((f) => series.some((s) => s[f] !== null));
  // Opens, highs and lows no source provides are absent (the Market reads them as all NaN),
  // which saves T*N*8 bytes each; a volume no source provides is unknown (NaN) everywhere.
  const columns: Partial<Record<OptionalField, Float64Array>> = {};
  if (!present.includes('volume')) columns.volume = newColumn(T * N, shared).fill(NaN);

  const priceKind = new Uint8Array(N);
  const assetClass = new Uint8Array(N);
  const delistedAfter = new Int32Array(N).fill(-1);
  const splits: { session: number; symbol: number; value: number }[] = [];
  const dividends: typeof splits = [];
  const moves: { session: number; symbol: number; value: number; moveSession: number }[] = [];
  let missingBars = 0;
  let symbolsWithGaps = 0;
  let offCalendarBars = 0;

  // Each series' sessions: a run (see BarSessions) needs no table. On the union calendar every
  // date in range is a session, so a series inside the range whose last bar is as many sessions
  // after its first as it has bars is a run.
  const union = (options.calendar ?? 'union') === 'union';
  const bars: BarSessions = { sessions: new Array<Int32Array | null>(N).fill(null), start: new Int32Array(N), stop: new Int32Array(N), allRuns: true };
  for (let i = 0; i < N; i++) {
    const s = series[i];
    priceKind[i] = s.priceKind;
    assetClass[i] = s.assetClass;
    const length = s.dates.length;
    const [d0, d1] = [s.dates[0], s.dates[length - 1]];
    let firstSession = -1;
    let lastSession = -1;
    let count = 0;
    let lastBarDay = -Infinity;
    if (union && d0 >= first && d1 <= lastDay && sessionOf[d1 - first] - sessionOf[d0 - first] + 1 === length) {
      [firstSession, lastSession, count, lastBarDay] = [sessionOf[d0 - first], sessionOf[d1 - first], length, d1];
      bars.start[i] = firstSession;
      bars.stop[i] = lastSession + 1;
    } else {
      (bars as { allRuns: boolean }).allRuns = false;
      const at = ((bars.sessions as (Int32Array | null)[])[i] = new Int32Array(length));
      for (let r = 0; r < length; r++) {
        const d = s.dates[r];
        at[r] = -1;
        if (d < first || d > lastDay) continue;
        const t = sessionOf[d - first];
        if (t < 0) {
          offCalendarBars++;
          continue;
        }
        at[r] = t;
        if (firstSession < 0) firstSession = t;
        lastSession = t;
        lastBarDay = d;
        count++;
      }
    }
    const gaps = firstSession < 0 ? 0 : lastSession - firstSession + 1 - count;
    missingBars += gaps;
    if (gaps > 0) symbolsWithGaps++;
    if (lastSession >= 0 && lastSession < T - 1 && lastBarDay < s.snapshotEnd && Number.isFinite(s.snapshotEnd)) delistedAfter[i] = lastSession;
    placeEvents(s.splits, i, lastSession, splits);
    placeEvents(s.dividends, i, lastSession, dividends);
    for (const { row, backRow, ratio } of findReversals(s.close)) {
      const [moveDay, backDay] = [s.dates[row], s.dates[backRow]];
      if (!inRange(moveDay) || !inRange(backDay) || sessionOf[moveDay - first] < 0 || sessionOf[backDay - first] < 0) continue;
      moves.push({ session: sessionOf[backDay - first], symbol: i, value: ratio, moveSession: sessionOf[moveDay - first] });
    }
  }
  scatterTiles(close, N, T, bars, series.map((s) => s.close));
  // Column by column, each allocated just before it is filled; with `consume`, the series give up
  // that column once it is copied, so their buffers can go before the next one is allocated
  // (2,000 files × 5,040 bars: the peak holds one column twice, not all five).
  for (const f of present) {
    const column = (columns[f] = newColumn(T * N, shared));
    scatterTiles(column, N, T, bars, series.map((s) => s[f]));
    if (options.consume) {
      let dropped = 0;
      for (const s of series) {
        dropped += s[f]?.byteLength ?? 0;
        (s as { -readonly [K in OptionalField]: Float64Array | null })[f] = null;
      }
      promptCollection(dropped);
    }
  }
  const movesTable = eventTable(T, moves);
  const moveSession = Int32Array.from([...moves].sort((a, b) => a.session - b.session || a.symbol - b.symbol), (m) => m.moveSession);

  return {
    symbols: series.map((s) => s.symbol),
    dates,
    close,
    ...columns,
    volume: columns.volume!,
    priceKind,
    assetClass,
    splits: eventTable(T, splits),
    dividends: eventTable(T, dividends),
    revertingMoves: { ...movesTable, moveSession },
    delistedAfter,
    report: { missingBars, symbolsWithGaps, offCalendarBars, emptySymbols, weekendBarsReadEarlier, strayWeekendBars },
  };
}
