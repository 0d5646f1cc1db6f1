// Price rows → typed columns. A hand-written byte scanner fed chunk by chunk (rows/lineChunks.ts)
// writes straight into typed columns: the fast path for plain comma-separated files. The general
// path (priceReader.ts: quoting, other delimiters, decimal commas, through csv-parse) hands it one
// normalised record at a time, so both paths share every check; a field padded with spaces sends a
// file to the general path, which trims it. It validates as it goes (field count, numbers and
// dates (rows/fieldText.ts), positive prices, bars whose Open and Close
// lie within [Low, High] (rows/barCheck.ts), one direction of dates per ticker, no duplicates) and
// reports the file and line of the first problem. Optional price columns are judged per ticker
// (rows/emptyColumns.ts). Per-symbol files (the ticker is the file name) and long files (one row
// per ticker and date; tickers may be interleaved) alike; rows in descending date order are
// accepted and turned around (rows/groupRows.ts). This file holds the scanner itself: the bytes,
// the fields' dispatch and the per-ticker state; rows/ holds what it checks and hands on.

import { wrongFieldCountError } from '../../formats/csvTable.ts';
import { isoDay } from '../../dates.ts';
import { DataError } from '../../errors.ts';
import { MIN_NORMAL, parseIsoDayBytes, readPlainDecimal } from '../../formats/fields.ts';
import { resolvePriceColumns, yfinanceLevel, type PriceColumns, type PriceField } from './priceColumns.ts';
import { AdjCloseBasisCheck } from '../rows/adjCloseBasis.ts';
import { CashSizeCheck } from '../rows/cashSize.ts';
import { barFix, barProblemOnRow, barProblemText, barsToCheck, bindBars, type BarColumns, type BarProblem, type BarSpec, type BarWording } from '../rows/barCheck.ts';
import { refuseIntradayBar } from '../rows/barPeriod.ts';
import { DateOrder } from '../rows/dateOrder.ts';
import { type EarlyEmpty, EmptyFieldCounts, emptyPriceError, type TickerColumns } from '../rows/emptyColumns.ts';
import { moveEventsToNextBar, type EventRow } from '../rows/eventRows.ts';
import { ADJ_CLOSE, BAR_PERIOD, COLUMN_NAME, DATE, EVENT, fieldKinds, IGNORED, PRICE, TICKER, valueFields, VOLUME } from '../rows/fieldKinds.ts';
import { FieldText } from '../rows/fieldText.ts';
import { groupRows } from '../rows/groupRows.ts';
import { LineCarry, type LinesSink } from '../rows/lineChunks.ts';
import { marksReadClause, type MarkRead, type ReadCell } from '../rows/marksRead.ts';
import { isMissingMarkerBytes, missingPriceError } from '../rows/missingValues.ts';
import { NeedsGeneralPath, type ParsedPrices, type PriceRowParserOptions } from '../rows/parsedPrices.ts';
import { EVENTS_ONLY, eventsOfRow, PRICELESS, priceStateOf, UNREAD } from '../rows/pricelessRows.ts';
import { repeatedHeaderError, repeatsHeader } from '../rows/repeatedHeader.ts';
import { RevertingFactorCheck } from '../rows/revertingFactor.ts';
import { TickerSpelling } from '../rows/tickerSpelling.ts';

// The parser's contract, where its users import the parser.
export { NeedsGeneralPath } from '../rows/parsedPrices.ts';
export type { ColumnStore, ParsedPrices, PriceRowParserOptions } from '../rows/parsedPrices.ts';

const COMMA = 44;
const QUOTE = 34;
const NEWLINE = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const FORM_FEED = 12;
const MIN_CAPACITY = 1024;

export class PriceRowParser {
  readonly #file: string;
  readonly #options: PriceRowParserOptions;
  #columns: PriceColumns | undefined;
  readonly #separator: number;
  /** Per field position: the header's own name (messages about a row use it). */
  #columnNames: readonly string[] = [];
  #kinds: number[] = [];
  /** Per field position: the column it is written to (unused for ticker and date). */
  #targets: Float64Array[] = [];
  #line = 0;
  #headerLine = 0;
  readonly #chunks = new LineCarry();
  /** #parseLines, bound once (per file) for #chunks. */
  readonly #lines: LinesSink = (bytes, end) => this.#parseLines(bytes, end);
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
  #firstBlankAdj: number[] = [];
  #blankAdj: number[] = [];
  #current = -1;
  #currentBytes: Buffer = Buffer.alloc(0);
  #interleaved = false;
  #long = false;
  /** Per ticker: dates one way, never repeated. */
  readonly #dateOrder: DateOrder;
  #blankRows = 0;
  /** Empty optional fields per field position and ticker id. */
  readonly #emptyCounts = new EmptyFieldCounts();
  /** Per ticker id: rows stored. */
  #rowsOf: number[] = [];
  /** The bars checked on each row (set per header), and their columns (set as they grow). */
  #barSpecs: BarSpec[] = [];
  #bars: BarColumns[] = [];
  /** Open/High/Low beside AdjClose with no Close: the rows whose AdjClose is outside [Low, High], judged at the end. */
  readonly #basisCheck = new AdjCloseBasisCheck();
  /** General path: the current record's cells as the file has them (undefined on the fast path: the line's bytes are). */
  #cells: readonly string[] | undefined;
  /** Files with both Close and AdjClose: their ratio may not step away for one row and back. */
  #factorCheck: RevertingFactorCheck | undefined;
  /** Files with Close and a cash column: a distribution may not reach the previous close. */
  #cashCheck: CashSizeCheck | undefined;
  /** General path: the file's decimal mark and its basis, for refusals that show marked cells. */
  #markRead: MarkRead | undefined;
  #close: Float64Array | undefined;
  #adjClose: Float64Array | undefined;
  readonly #spelling = new TickerSpelling();
  #priceless = new Map<string, number>();
  /** Rows with a dividend or split but no price, moved onto the next bar in finish(). */
  #eventRows: EventRow[] = [];
  #readNotes = new Set<string>();
  readonly #fieldText: FieldText;

  constructor(file: string, options: PriceRowParserOptions = {}) {
    this.#file = file;
    this.#options = options;
    this.#separator = options.separator ?? COMMA;
    this.#fieldText = new FieldText(file, options, this.#readNotes);
    this.#dateOrder = new DateOrder(file);
  }

  /** Parses every complete line in `chunk`; a trailing partial line waits for the next chunk. */
  push(chunk: Buffer): void {
    if (this.#separator === COMMA && chunk.indexOf(QUOTE) >= 0) throw new NeedsGeneralPath();
    this.#chunks.push(chunk, this.#lines);
  }

  /** Parses the last line (a file need not end with a newline) and groups rows by ticker. */
  finish(): ParsedPrices {
    this.#chunks.finish(this.#lines);
    if (!this.#columns) throw new DataError(this.#file, undefined, 'file is empty', 'a price file starts with a header line such as Date,Close');
    if (this.#dataLines === 0) throw new DataError(this.#file, 2, 'the header is not followed by any data rows', 'add at least one row, or remove the file');
    const basis = this.#basisCheck.error(this.#file, this.#rows);
    if (basis) throw basis;
    const perTicker = this.#tickers.map((_, k) => k).filter((k) => this.#kept[k] && this.#dateOrder.hasDays(k));
    const { dropped, emptyFor, emptyBefore, columns } = this.#emptyCounts.judge(this.#tickerColumns(), perTicker, (id) => this.#dateOrder.direction[id] < 0);
    this.#columns = columns;
    return this.#grouped(perTicker, dropped, emptyFor, emptyBefore);
  }

  /** An empty price where the same ticker has one on another row (rows/emptyColumns.ts). */
  #emptyPriceError(field: number, line: number, id = this.#current): DataError {
    return emptyPriceError(this.#tickerColumns(), field, line, id);
  }

  #tickerColumns(): TickerColumns {
    return { file: this.#file, long: this.#long, columns: this.#columns!, columnNames: this.#columnNames, tickers: this.#tickers, rowsOf: this.#rowsOf, fields: this.#fields };
  }

  #tickerId(ticker: string): number {
    let id = this.#tickerIds.get(ticker);
    if (id === undefined) {
      id = this.#tickers.length;
      this.#spelling.add(this.#file, this.#line, ticker, id, this.#tickers);
      this.#tickers.push(ticker);
      this.#tickerIds.set(ticker, id);
      this.#kept.push(this.#options.keepTicker ? this.#options.keepTicker(ticker) : true);
      this.#firstBlankAdj.push(-1);
      this.#blankAdj.push(0);
      this.#dateOrder.add();
      this.#rowsOf.push(0);
    } else if (id !== this.#current) this.#interleaved = true;
    return id;
  }

  /** The header's columns, once read. */
  get columns(): PriceColumns | undefined {
    return this.#columns;
  }

  /** Reads the header line (general path: the header record, already unquoted); `layout`: how the file's header was read (a source note), e.g. yfinance's multi-row header. */
  setHeader(header: readonly string[], line: number, layout?: string): void {
    const expect = this.#options.symbol === undefined ? 'long' : 'symbol';
    this.#line = line;
    this.#headerLine = line;
    const columns = resolvePriceColumns(this.#file, line, header.map((h) => h.trim()), expect, this.#options.dialectNote, this.#options.delimiter);
    this.#columns = layout === undefined ? columns : { ...columns, readAs: [layout, ...columns.readAs] };
    this.#long = this.#columns.long;
    if (this.#long) this.#dateOrder.nameTickers(this.#tickers);
    else this.#current = this.#tickerId(this.#options.symbol!);
    this.#kinds = fieldKinds(this.#columns.roles);
    this.#dateOrder.setFields({ date: this.#columns.roles.indexOf('date'), ticker: this.#columns.roles.indexOf('ticker') });
    this.#columnNames = this.#columns.header;
    for (const field of valueFields(this.#columns.roles)) this.#fields[field] = new Float64Array(0);
    if (this.#fields.close && this.#fields.adjClose) this.#factorCheck = new RevertingFactorCheck(this.#file, this.#nameOf('close'), this.#nameOf('adjClose'), this.#long ? this.#tickers : null);
    if (this.#fields.close && (this.#fields.dividend || this.#fields.capitalGain)) this.#cashCheck = new CashSizeCheck(this.#file, this.#nameOf('close'));
    this.#barSpecs = barsToCheck(this.#fields);
    this.#grow(Math.max(MIN_CAPACITY, this.#options.rowsHint ?? Math.ceil((this.#options.sizeHint ?? 0) / (header.length * 8))));
  }

  #grow(capacity: number): void {
    const store = this.#options.columnStore;
    const growInt = (a: Int32Array, b: Int32Array): Int32Array => {
      b.set(a.subarray(0, this.#rows));
      return b;
    };
    this.#day = growInt(this.#day, store ? store.days(capacity) : new Int32Array(capacity));
    if (this.#long) this.#tickerOfRow = growInt(this.#tickerOfRow, new Int32Array(capacity));
    for (const [name, column] of Object.entries(this.#fields) as [PriceField, Float64Array][]) {
      const b = store ? store.values(name, capacity) : new Float64Array(capacity);
      b.set(column.subarray(0, this.#rows));
      this.#fields[name] = b;
    }
    this.#targets = this.#columns!.roles.map((role) => this.#fields[role as PriceField] ?? new Float64Array(0));
    this.#close = this.#fields.close;
    this.#adjClose = this.#fields.adjClose;
    this.#bars = bindBars(this.#barSpecs, this.#fields);
    this.#capacity = capacity;
  }

  /** General path, after setHeader: the decimal mark the rows' numbers were read by (said beside marked cells in a refusal). */
  setMarkRead(read: MarkRead): void {
    this.#markRead = read;
  }

  /** Lines in bytes[0, end), where bytes[end-1] is a newline. A row that fails and repeats the header is said to be one (rows/repeatedHeader.ts). */
  #parseLines(bytes: Buffer, end: number): void {
    let p = 0;
    try {
      while (p < end) {
        this.#line++;
        if (!this.#columns) {
          const nl = bytes.indexOf(NEWLINE, p);
          const header = bytes.toString('utf8', p, nl > p && bytes[nl - 1] === CR ? nl - 1 : nl).split(',');
          // yf.download's multi-row header: reshaped on the general path (yfinanceHeader.ts).
          if (yfinanceLevel(header) !== undefined) throw new NeedsGeneralPath();
          this.setHeader(header, this.#line);
          p = nl + 1;
        } else p = this.#parseRowAt(bytes, p) + 1;
      }
    } catch (err) {
      const row = this.#columns && this.#line > this.#headerLine ? bytes.toString('utf8', p, this.#lineEnd(bytes, p)).split(',') : undefined;
      throw row && repeatsHeader(row, this.#columns!.header) ? repeatedHeaderError(this.#file, this.#line, this.#headerLine) : err;
    }
  }

  /**
   * General path: one record's fields joined by the separator byte and ended by a newline, on `line`
   * of the file; `cells`: the record's fields as the file has them, for messages.
   */
  pushLine(bytes: Buffer, line: number, cells: readonly string[]): void {
    this.#line = line;
    this.#cells = cells;
    this.#parseRowAt(bytes, 0);
  }

  /**
   * Parses the line starting at `start` (a newline ends it, always present) in one pass over
   * its bytes, and returns the index of that newline. Empty lines are skipped.
   */
  #parseRowAt(bytes: Buffer, start: number): number {
    const sep = this.#separator;
    const head = bytes[start];
    if (head === NEWLINE) return start;
    if (head === CR && bytes[start + 1] === NEWLINE) return start + 1;
    this.#dataLines++;
    if (this.#rows === this.#capacity) this.#grow(this.#capacity * 2);
    if ((head === sep || head <= SPACE) && this.#isBlankRow(bytes, start, this.#lineEnd(bytes, start))) return bytes.indexOf(NEWLINE, start);
    const kinds = this.#kinds;
    const fieldCount = kinds.length;
    const row = this.#rows;
    let p = start;
    let q = start;
    let day = NaN;
    let priceState = UNREAD;
    for (let k = 0; k < fieldCount; k++) {
      const kind = kinds[k];
      const last = k === fieldCount - 1;
      if (kind === PRICE || kind === VOLUME || kind === ADJ_CLOSE || kind === EVENT) {
        // A plain decimal is read as its end is found; anything else (and any field that
        // breaks a rule) is read below, which says what is wrong with it.
        const target = this.#targets[k];
        const end = readPlainDecimal(bytes, p, target, row);
        if (end >= 0) {
          const c = bytes[end];
          const ends = last ? c === NEWLINE || (c === CR && bytes[end + 1] === NEWLINE) : c === sep;
          if (ends && (kind === VOLUME || kind === EVENT || target[row] >= MIN_NORMAL)) {
            q = c === CR ? end + 1 : end;
            p = ++q;
            continue;
          }
        }
      }
      if (kind === DATE && !last && bytes[p + 10] === sep) {
        // YYYY-MM-DD then the separator: a valid date there has no separator inside.
        day = parseIsoDayBytes(bytes, p, p + 10);
        if (day === day) {
          q = p + 10;
          p = ++q;
          continue;
        }
      }
      let c = bytes[q];
      while (c !== sep && c !== NEWLINE) c = bytes[++q];
      const atNewline = c === NEWLINE;
      if (last ? !atNewline : atNewline) throw this.#fieldCountError(bytes, start, this.#lineEnd(bytes, start));
      const fieldEnd = atNewline && q > p && bytes[q - 1] === CR ? q - 1 : q;
      if (sep === COMMA && (bytes[p] === SPACE || bytes[fieldEnd - 1] === SPACE)) throw new NeedsGeneralPath();
      if (kind === TICKER) {
        if (!this.#selectTicker(bytes, p, fieldEnd)) return bytes.indexOf(NEWLINE, q);
      } else if (kind === DATE) day = this.#fieldText.date(bytes, p, fieldEnd, this.#line, this.#columnNames[k]);
      else if (kind === BAR_PERIOD) refuseIntradayBar(this.#file, this.#line, this.#columns!.roles[k] === 'time', this.#columnNames[k], bytes.toString('utf8', p, fieldEnd));
      else if (kind !== IGNORED) {
        if (p === fieldEnd && kind !== EVENT) {
          if (priceState === UNREAD) priceState = priceStateOf(bytes, start, this.#lineEnd(bytes, start), this.#separator, this.#kinds, this.#columns!.roles);
          if (priceState === EVENTS_ONLY || (priceState === PRICELESS && this.#long)) {
            this.#targets[k][row] = NaN;
            p = ++q;
            continue;
          }
        }
        this.#targets[k][row] = this.#parseValue(kind, k, bytes, p, fieldEnd, start);
      }
      p = ++q;
    }
    if (priceState === PRICELESS && this.#long) {
      const ticker = this.#tickers[this.#current];
      this.#priceless.set(ticker, (this.#priceless.get(ticker) ?? 0) + 1);
      return q - 1;
    }
    if (priceState === EVENTS_ONLY) {
      this.#dateOrder.accept(this.#current, day, this.#line);
      this.#eventRows.push({ ticker: this.#tickers[this.#current], day, line: this.#line, events: eventsOfRow(this.#columns!.roles, this.#kinds, this.#targets, row) });
      return q - 1;
    }
    for (let b = 0; b < this.#bars.length; b++) {
      const bad = barProblemOnRow(this.#bars[b], row);
      if (bad !== undefined) this.#badBar(bad, row, bytes, start, day);
    }
    this.#dateOrder.accept(this.#current, day, this.#line);
    this.#factorCheck?.check(this.#current, this.#close![row], this.#adjClose![row], this.#line, day);
    if (this.#cashCheck) {
      const cash = (this.#fields.dividend?.[row] ?? 0) + (this.#fields.capitalGain?.[row] ?? 0);
      this.#cashCheck.check(this.#current, this.#close![row], cash, day, this.#line, cash > 0 ? this.#cashText(row, bytes, start) : undefined, this.#fields.splitRatio?.[row]);
    }
    if (this.#long) this.#tickerOfRow[row] = this.#current;
    this.#day[row] = day;
    this.#rowsOf[this.#current]++;
    this.#rows++;
    return q - 1;
  }

  /**
   * A bar that cannot be true on the row at `start`: an error at once, or, for AdjClose outside
   * Open/High/Low's [Low, High] in a file with no Close, counted and judged at the end (rows/adjCloseBasis.ts).
   */
  #badBar(bad: BarProblem, row: number, bytes: Buffer, start: number, day: number): void {
    const wording: BarWording = { name: (field) => this.#nameOf(field), cell: (field) => this.#cellText(bytes, start, this.#columns!.roles.indexOf(field)) };
    const shown = [bad.spec.fields[bad.part], bad.spec.fields[bad.bound]].map((field) => this.#readCell(field, row, bytes, start));
    const problem = `${barProblemText(bad, wording)} on ${isoDay(day)}${this.#long ? ` for ${this.#tickers[this.#current]}` : ''}${marksReadClause(shown, this.#markRead)}`;
    if (bad.spec.kind !== 'besideAdjClose' || bad.part !== 'close') throw new DataError(this.#file, this.#line, problem, barFix(bad, wording));
    this.#basisCheck.add(this.#line, () => {
      const adjClose = this.#nameOf('adjClose');
      const bar = (['open', 'high', 'low'] as const).filter((f) => this.#fields[f]).map((f) => this.#nameOf(f)).join('/');
      const addClose = this.#fields.close ? `fill in ${this.#nameOf('close')}` : 'add the raw Close column';
      return { problem, outside: `${adjClose} is outside [${this.#nameOf('low')}, ${this.#nameOf('high')}]`, barFix: barFix(bad, wording), basisFix: `${bar} must be on ${adjClose}'s basis: ${addClose}, or remove ${bar}` };
    });
  }

  /** A row's cash columns with cash, as read (and as written when read by a decimal mark): `Dividends 1000 for BBB (Dividends 1.000 read as 1000: …)`. */
  #cashText(row: number, bytes: Buffer, start: number): string {
    const cells = (['dividend', 'capitalGain'] as const).filter((f) => this.#fields[f]?.[row]).map((f) => this.#readCell(f, row, bytes, start));
    return `${cells.map((c) => `${c.name} ${c.value}`).join(' + ')}${this.#long ? ` for ${this.#tickers[this.#current]}` : ''}${marksReadClause(cells, this.#markRead)}`;
  }

  /** Field `field` of the row at `start`: its name, its cell as the file has it, and the number read. */
  #readCell(field: PriceField, row: number, bytes: Buffer, start: number): ReadCell {
    return { name: this.#nameOf(field), text: this.#cellText(bytes, start, this.#columns!.roles.indexOf(field)), value: this.#fields[field]![row] };
  }

  /** The header's own name of a field (COLUMN_NAME's where the header has none). */
  #nameOf(field: PriceField): string {
    const k = this.#columns!.roles.indexOf(field);
    return k >= 0 ? this.#columnNames[k] : COLUMN_NAME[field];
  }

  /** Field `k` of the row at `start` as the file has it (`150,5`, not the 150.5 read from it). */
  #cellText(bytes: Buffer, start: number, k: number): string {
    if (this.#cells !== undefined) return this.#cells[k];
    return bytes.toString('utf8', start, this.#lineEnd(bytes, start)).split(String.fromCharCode(this.#separator))[k];
  }

  /** End of the line starting at `start`, before its CR LF or LF (for error messages and blank rows). */
  #lineEnd(bytes: Buffer, start: number): number {
    const nl = bytes.indexOf(NEWLINE, start);
    return nl > start && bytes[nl - 1] === CR ? nl - 1 : nl;
  }

  /**
   * True when every field of the row is empty: counted as a blank row when it has separators
   * (`,,,,,`); a line of white space alone (spaces, tabs, form feeds: what csv-parse's trim
   * removes) is an empty line, as csv-parse reads it.
   */
  #isBlankRow(bytes: Buffer, start: number, end: number): boolean {
    let separators = 0;
    for (let q = start; q < end; q++) {
      const c = bytes[q];
      if (c === this.#separator) separators++;
      else if (c !== SPACE && c !== TAB && c !== FORM_FEED) return false;
    }
    this.#dataLines--;
    if (separators > 0) this.#blankRows++;
    return true;
  }

  /** Switches the current ticker; false when this ticker is filtered out. */
  #selectTicker(bytes: Buffer, start: number, end: number): boolean {
    if (end === start) throw new DataError(this.#file, this.#line, `${this.#columnNames[this.#columns!.roles.indexOf('ticker')]} is empty`, 'every row of a long-format file names its ticker');
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

  /** Field `field` of kind `kind` in bytes [start, end) of the row at `rowStart`. */
  #parseValue(kind: number, field: number, bytes: Buffer, start: number, end: number, rowStart: number): number {
    const marker = start < end && isMissingMarkerBytes(bytes, start, end);
    if (marker && (kind === PRICE || kind === ADJ_CLOSE)) throw this.#missingPriceError(field, bytes, rowStart);
    if (marker) this.#readNotes.add(`${this.#columnNames[field]}: the missing-value marker "${bytes.toString('latin1', start, end)}" read as an empty cell`);
    if (start === end || marker) {
      if (kind === EVENT) return 0;
      if (kind === ADJ_CLOSE) {
        const id = this.#current;
        if (this.#firstBlankAdj[id] < 0) this.#firstBlankAdj[id] = this.#line;
        this.#blankAdj[id]++;
        return NaN;
      }
      if (this.#columns!.roles[field] === 'close') return this.#emptyClose(field);
      return this.#emptyOptional(kind, field);
    }
    const use = kind === VOLUME ? 'volume' : kind !== EVENT ? 'price' : this.#columns!.roles[field] === 'splitRatio' ? 'split' : 'event';
    const role = this.#columns!.roles[field];
    const range = role === 'open' || role === 'high' || role === 'low';
    return this.#fieldText.value(bytes, start, end, use, this.#line, this.#columnNames[field], this.#cells?.[field], range);
  }

  /** A missing-value marker in price field `field` of the row at `rowStart` (rows/missingValues.ts). */
  #missingPriceError(field: number, bytes: Buffer, rowStart: number): DataError {
    // The row as read (the general path's numbers made plain decimals, so 199,52 reads as a price).
    const cells = bytes.toString('utf8', rowStart, this.#lineEnd(bytes, rowStart)).split(String.fromCharCode(this.#separator));
    const role = this.#columns!.roles[field];
    const column = this.#columnNames[field];
    const adjClose = this.#fields.adjClose ? this.#nameOf('adjClose') : undefined;
    const absent = role !== 'close' ? ` (or leave ${column} empty on every row when it is not known)` : adjClose ? ` (or leave ${column} empty on every row: ${adjClose} is then the price)` : '';
    return missingPriceError({ file: this.#file, line: this.#line, cells, kinds: this.#kinds, columnNames: this.#columnNames }, field, absent);
  }

  /**
   * An empty Close: beside AdjClose, empty on every row of a ticker is allowed (AdjClose is then
   * its price, and its traded bar is checked around it); otherwise an error.
   */
  #emptyClose(field: number): number {
    if (!this.#fields.adjClose) throw this.#emptyPriceError(field, this.#line);
    return this.#emptyOptional(PRICE, field);
  }

  /**
   * An empty Open, High, Low or Volume: NaN (a Volume: unknown, no participation cap), counted per
   * ticker so that finish() judges a column empty on every row of a ticker, or a range column
   * empty on its earliest rows only (rows/emptyColumns.ts); an empty Close after rows of the same
   * ticker that had one is an error at once.
   */
  #emptyOptional(kind: number, field: number): number {
    const id = this.#current;
    const before = this.#emptyCounts.add(field, id, this.#line, this.#rowsOf[id]);
    // Fewer empties than the ticker's stored rows: one of them has this price.
    if (kind === PRICE && this.#columns!.roles[field] === 'close' && before < this.#rowsOf[id]) throw this.#emptyPriceError(field, this.#line);
    return NaN;
  }

  #fieldCountError(bytes: Buffer, start: number, end: number): DataError {
    let fields = 1;
    for (let q = start; q < end; q++) if (bytes[q] === this.#separator) fields++;
    const row = bytes.toString('utf8', start, end).split(String.fromCharCode(this.#separator)).join(this.#options.delimiter ?? ',');
    return wrongFieldCountError(this.#file, this.#line, this.#kinds.length, fields, row);
  }

  /** Rows grouped by ticker (rows/groupRows.ts), with their events moved onto bars and what was noticed. */
  #grouped(tickerIds: readonly number[], dropped: string[], emptyFor: Map<string, PriceField[]>, emptyBefore: Map<string, EarlyEmpty[]>): ParsedPrices {
    const stored = { file: this.#file, long: this.#long, interleaved: this.#interleaved, rows: this.#rows, tickerOfRow: this.#tickerOfRow, day: this.#day, fields: this.#fields, tickers: this.#tickers, direction: this.#dateOrder.direction };
    const { tickers, rowStart, day, fields, descending } = groupRows(stored, tickerIds);
    const moved = moveEventsToNextBar({ file: this.#file, tickers, rowStart, day, fields }, this.#eventRows);
    return {
      file: this.#file,
      columns: this.#columns!,
      descending,
      blankRows: this.#blankRows,
      tickers,
      rowStart,
      day,
      fields,
      firstBlankAdjCloseLine: Int32Array.from(tickerIds, (id) => this.#firstBlankAdj[id]),
      blankAdjCloseRows: Int32Array.from(tickerIds, (id) => this.#blankAdj[id]),
      emptyColumns: dropped,
      emptyFor,
      emptyBefore,
      pricelessRows: this.#priceless,
      readNotes: [...this.#readNotes, ...moved],
    };
  }
}
