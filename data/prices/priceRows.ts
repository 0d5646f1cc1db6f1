// The fast path for price CSVs: a hand-written byte scanner fed chunk by chunk (so a 200 MB
// gzip stream never sits in memory whole), writing straight into typed columns. It validates as
// it goes (field count, numbers, dates, positive prices, ascending unique dates per ticker) and
// reports the file and line of the first problem. Layouts: per-symbol files (the ticker is the
// file name) and long files (one row per ticker and date; tickers may be interleaved).

import { dateOrderError, matchLayout, wrongFieldCountError } from '../formats/csvTable.ts';
import { DataError } from '../errors.ts';
import { badDateError, notANumberError, parseIsoDayBytes, parseNumberBytes } from '../formats/fields.ts';
import { LONG_LAYOUTS, PER_SYMBOL_LAYOUTS, type PriceField, type PriceLayout, type Role } from './priceLayouts.ts';

/** Rows grouped by ticker: ticker k owns rows rowStart[k] .. rowStart[k+1]-1, dates ascending. */
export interface ParsedPrices {
  readonly file: string;
  readonly layout: PriceLayout;
  readonly tickers: readonly string[];
  readonly rowStart: Int32Array;
  readonly day: Int32Array;
  readonly fields: Readonly<Partial<Record<PriceField, Float64Array>>>;
  /** Per ticker: line of the first row with an empty AdjClose, or -1. */
  readonly firstBlankAdjCloseLine: Int32Array;
  /** Per ticker: rows with an empty AdjClose. */
  readonly blankAdjCloseRows: Int32Array;
}

// Field kinds, as small integers so the per-row dispatch stays monomorphic.
const TICKER = 0;
const DATE = 1;
const PRICE = 2;
const ADJ_CLOSE = 3;
const VOLUME = 4;
const KIND_OF_ROLE: Readonly<Record<Role, number>> = { ticker: TICKER, date: DATE, open: PRICE, high: PRICE, low: PRICE, close: PRICE, adjClose: ADJ_CLOSE, volume: VOLUME };

const COMMA = 44;
const NEWLINE = 10;
const CR = 13;
const MIN_CAPACITY = 1024;

export interface PriceRowParserOptions {
  /** Per-symbol files: the symbol (from the file name). Long files: leave undefined. */
  readonly symbol?: string;
  /** Long files: keep only tickers for which this returns true. */
  readonly keepTicker?: (ticker: string) => boolean;
  /** Expected decoded size in bytes, to size the columns once instead of growing them. */
  readonly sizeHint?: number;
}

export class PriceRowParser {
  readonly #file: string;
  readonly #options: PriceRowParserOptions;
  #layout: PriceLayout | undefined;
  #columnNames: readonly string[] = [];
  #kinds: number[] = [];
  /** Per field position: the column it is written to (unused for ticker and date). */
  #targets: Float64Array[] = [];
  #line = 0;
  #carry: Buffer | undefined;
  /** Rows stored (kept tickers only) and data lines seen (all tickers). */
  #rows = 0;
  #dataLines = 0;
  #capacity = 0;
  #day: Int32Array = new Int32Array(0);
  #tickerOfRow: Int32Array = new Int32Array(0);
  #fields: Partial<Record<PriceField, Float64Array>> = {};
  // Per ticker id.
  #tickers: string[] = [];
  #tickerIds = new Map<string, number>();
  #kept: boolean[] = [];
  #lastDay: number[] = [];
  #lastLine: number[] = [];
  #firstBlankAdj: number[] = [];
  #blankAdj: number[] = [];
  #current = -1;
  #currentBytes: Buffer = Buffer.alloc(0);
  #interleaved = false;

  constructor(file: string, options: PriceRowParserOptions = {}) {
    this.#file = file;
    this.#options = options;
    if (options.symbol !== undefined) this.#current = this.#tickerId(options.symbol);
  }

  /** Parses every complete line in `chunk`; a trailing partial line waits for the next chunk. */
  push(chunk: Buffer): void {
    let bytes = chunk;
    if (this.#carry) {
      // Complete the carried partial line with the head of this chunk only (no big copy).
      const nl = chunk.indexOf(NEWLINE);
      if (nl < 0) {
        this.#carry = Buffer.concat([this.#carry, chunk]);
        return;
      }
      const joined = Buffer.concat([this.#carry, chunk.subarray(0, nl + 1)]);
      this.#carry = undefined;
      this.#parseLines(joined, joined.length);
      bytes = chunk.subarray(nl + 1);
    }
    const lastNewline = bytes.lastIndexOf(NEWLINE);
    if (lastNewline < 0) {
      if (bytes.length > 0) this.#carry = Buffer.from(bytes);
      return;
    }
    this.#parseLines(bytes, lastNewline + 1);
    if (lastNewline + 1 < bytes.length) this.#carry = Buffer.from(bytes.subarray(lastNewline + 1));
  }

  /** Parses the last line (a file need not end with a newline) and groups rows by ticker. */
  finish(): ParsedPrices {
    if (this.#carry) {
      const last = Buffer.concat([this.#carry, Buffer.from([NEWLINE])]);
      this.#carry = undefined;
      this.#parseLines(last, last.length);
    }
    if (!this.#layout) throw new DataError(this.#file, undefined, 'file is empty', 'a price file starts with a header line such as Date,AdjClose');
    if (this.#dataLines === 0) throw new DataError(this.#file, 2, 'the header is not followed by any data rows', 'add at least one row, or remove the file');
    const perTicker = this.#tickers.map((_, k) => k).filter((k) => this.#kept[k] && this.#lastDay[k] !== undefined);
    return this.#grouped(perTicker);
  }

  #tickerId(ticker: string): number {
    let id = this.#tickerIds.get(ticker);
    if (id === undefined) {
      id = this.#tickers.length;
      this.#tickers.push(ticker);
      this.#tickerIds.set(ticker, id);
      this.#kept.push(this.#options.keepTicker ? this.#options.keepTicker(ticker) : true);
      this.#firstBlankAdj.push(-1);
      this.#blankAdj.push(0);
    } else if (id !== this.#current) this.#interleaved = true;
    return id;
  }

  #readHeader(bytes: Buffer, start: number, end: number): void {
    const header = bytes.toString('utf8', start, end).split(',').map((h) => h.trim());
    const layouts = this.#options.symbol === undefined ? LONG_LAYOUTS : PER_SYMBOL_LAYOUTS;
    this.#layout = matchLayout(this.#file, 1, header, layouts);
    this.#columnNames = this.#layout.columns;
    this.#kinds = this.#layout.roles.map((role) => KIND_OF_ROLE[role]);
    for (const role of this.#layout.roles) if (role !== 'ticker' && role !== 'date') this.#fields[role] = new Float64Array(0);
    this.#grow(Math.max(MIN_CAPACITY, Math.ceil((this.#options.sizeHint ?? 0) / (header.length * 8))));
  }

  #grow(capacity: number): void {
    const growInt = (a: Int32Array): Int32Array => {
      const b = new Int32Array(capacity);
      b.set(a.subarray(0, this.#rows));
      return b;
    };
    this.#day = growInt(this.#day);
    if (this.#options.symbol === undefined) this.#tickerOfRow = growInt(this.#tickerOfRow);
    for (const [name, column] of Object.entries(this.#fields) as [PriceField, Float64Array][]) {
      const b = new Float64Array(capacity);
      b.set(column.subarray(0, this.#rows));
      this.#fields[name] = b;
    }
    this.#targets = this.#layout!.roles.map((role) => (role === 'ticker' || role === 'date' ? new Float64Array(0) : this.#fields[role]!));
    this.#capacity = capacity;
  }

  /** Lines in bytes[0, end), where bytes[end-1] is a newline. */
  #parseLines(bytes: Buffer, end: number): void {
    let p = 0;
    while (p < end) {
      const nl = bytes.indexOf(NEWLINE, p);
      let lineEnd = nl;
      if (lineEnd > p && bytes[lineEnd - 1] === CR) lineEnd--;
      this.#line++;
      if (!this.#layout) this.#readHeader(bytes, p, lineEnd);
      else if (lineEnd > p) {
        this.#dataLines++;
        this.#parseRow(bytes, p, lineEnd);
      }
      p = nl + 1;
    }
  }

  #parseRow(bytes: Buffer, start: number, end: number): void {
    if (this.#rows === this.#capacity) this.#grow(this.#capacity * 2);
    const kinds = this.#kinds;
    const fieldCount = kinds.length;
    const row = this.#rows;
    let p = start;
    let day = NaN;
    for (let k = 0; k < fieldCount; k++) {
      let q = p;
      while (q < end && bytes[q] !== COMMA) q++;
      if (k === fieldCount - 1 ? q !== end : q === end) throw this.#fieldCountError(bytes, start, end);
      const kind = kinds[k];
      if (kind === TICKER) {
        if (!this.#selectTicker(bytes, p, q)) return;
      } else if (kind === DATE) {
        day = parseIsoDayBytes(bytes, p, q);
        if (Number.isNaN(day)) throw badDateError(this.#place(this.#columnNames[k]), bytes.toString('utf8', p, q));
      } else this.#targets[k][row] = this.#parseValue(kind, k, bytes, p, q);
      p = q + 1;
    }
    this.#acceptDay(day);
    if (this.#options.symbol === undefined) this.#tickerOfRow[row] = this.#current;
    this.#day[row] = day;
    this.#rows++;
  }

  /** Switches the current ticker; false when this ticker is filtered out. */
  #selectTicker(bytes: Buffer, start: number, end: number): boolean {
    if (end === start) throw new DataError(this.#file, this.#line, 'Ticker is empty', 'every row of a long-format file names its ticker');
    if (!this.#isCurrentTicker(bytes, start, end)) {
      this.#current = this.#tickerId(bytes.toString('utf8', start, end));
      this.#currentBytes = Buffer.from(bytes.subarray(start, end));
    }
    return this.#kept[this.#current];
  }

  #isCurrentTicker(bytes: Buffer, start: number, end: number): boolean {
    const current = this.#currentBytes;
    if (this.#current < 0 || end - start !== current.length) return false;
    // A byte loop: tickers are a few bytes, where Buffer.compare's call overhead dominates.
    for (let k = 0; k < current.length; k++) if (bytes[start + k] !== current[k]) return false;
    return true;
  }

  #parseValue(kind: number, field: number, bytes: Buffer, start: number, end: number): number {
    const column = this.#columnNames[field];
    if (start === end) {
      if (kind === VOLUME) return NaN; // unknown volume: no participation cap
      if (kind === ADJ_CLOSE) {
        const id = this.#current;
        if (this.#firstBlankAdj[id] < 0) this.#firstBlankAdj[id] = this.#line;
        this.#blankAdj[id]++;
        return NaN;
      }
      throw new DataError(this.#file, this.#line, `${column} is empty`, 'fill in the price or remove the row');
    }
    const value = parseNumberBytes(bytes, start, end);
    if (Number.isNaN(value)) throw notANumberError(this.#place(column), bytes.toString('utf8', start, end));
    if (kind === VOLUME ? value < 0 : value <= 0) {
      const rule = kind === VOLUME ? 'negative' : 'zero or negative';
      throw new DataError(this.#file, this.#line, `${column} is ${rule} (${value})`, 'prices must be positive and volumes non-negative; correct the value or remove the row');
    }
    return value;
  }

  #acceptDay(day: number): void {
    const id = this.#current;
    const previous = this.#lastDay[id];
    if (previous !== undefined && day <= previous) {
      throw dateOrderError(this.#file, this.#line, day, previous, this.#lastLine[id], this.#options.symbol === undefined ? this.#tickers[id] : undefined);
    }
    this.#lastDay[id] = day;
    this.#lastLine[id] = this.#line;
  }

  #fieldCountError(bytes: Buffer, start: number, end: number): DataError {
    let fields = 1;
    for (let q = start; q < end; q++) if (bytes[q] === COMMA) fields++;
    return wrongFieldCountError(this.#file, this.#line, this.#kinds.length, fields);
  }

  #place(column: string): { file: string; line: number; column: string } {
    return { file: this.#file, line: this.#line, column };
  }

  /** Rows grouped by ticker (a stable counting sort when the file interleaves tickers). */
  #grouped(tickerIds: readonly number[]): ParsedPrices {
    const n = this.#rows;
    const rowStart = new Int32Array(tickerIds.length + 1);
    const slot = new Int32Array(this.#tickers.length).fill(-1);
    tickerIds.forEach((id, k) => (slot[id] = k));
    const count = (row: number): number => (this.#options.symbol === undefined ? slot[this.#tickerOfRow[row]] : 0);
    for (let r = 0; r < n; r++) rowStart[count(r) + 1]++;
    for (let k = 0; k < tickerIds.length; k++) rowStart[k + 1] += rowStart[k];
    const fields: Partial<Record<PriceField, Float64Array>> = {};
    let day = this.#day.subarray(0, n);
    if (this.#interleaved) {
      const next = rowStart.slice(0, tickerIds.length);
      const order = new Int32Array(n);
      for (let r = 0; r < n; r++) order[next[count(r)]++] = r;
      day = day.map((_, k) => this.#day[order[k]]);
      for (const [name, column] of Object.entries(this.#fields) as [PriceField, Float64Array][]) fields[name] = Float64Array.from(order, (r) => column[r]);
    } else {
      for (const [name, column] of Object.entries(this.#fields) as [PriceField, Float64Array][]) fields[name] = column.subarray(0, n);
    }
    return {
      file: this.#file,
      layout: this.#layout!,
      tickers: tickerIds.map((id) => this.#tickers[id]),
      rowStart,
      day,
      fields,
      firstBlankAdjCloseLine: Int32Array.from(tickerIds, (id) => this.#firstBlankAdj[id]),
      blankAdjCloseRows: Int32Array.from(tickerIds, (id) => this.#blankAdj[id]),
    };
  }
}
