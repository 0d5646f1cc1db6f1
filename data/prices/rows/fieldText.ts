// One field's text where the scanner's fast reads (a plain decimal, a YYYY-MM-DD date) did not
// take it: a number with marks ($, a volume's M suffix, a "2:1" split; said once in the notes),
// a price that must be positive (and normal: not below 2.2e-308) and a volume or event that may not be negative, and a date in the
// other forms, `01/18/2024` among them in the order the file shows.

import { DataError } from '../../errors.ts';
import { badBarDateError, BELOW_NORMAL, MIN_NORMAL, notANumberError, parseIsoDayBytes, parseNumberBytes, parseSlashedDate, underflows } from '../../formats/fields.ts';
import { readMarkedValue, type ValueKind } from '../../formats/markedValues.ts';
import type { PriceRowParserOptions } from './parsedPrices.ts';

type DateOptions = Pick<PriceRowParserOptions, 'slashedDates' | 'slashedDatesSaid' | 'slashedDatesReason'>;

/** Plain decimals a refusal's fix shows for each kind of field: a price is positive, a volume a count. */
const EXAMPLES: Readonly<Record<ValueKind, string>> = { price: '12.5 or 0.0625', volume: '1200', split: '2 or 0.5', event: '0.25' };

/** Reads fields of one file; how values were read beyond plain decimals goes into `notes`. */
export class FieldText {
  readonly #file: string;
  readonly #options: DateOptions;
  readonly #notes: Set<string>;

  constructor(file: string, options: DateOptions, notes: Set<string>) {
    this.#file = file;
    this.#options = options;
    this.#notes = notes;
  }

  /**
   * A non-empty price, volume or event field, on `line` in `column`; `written`: the field as the
   * file has it where bytes hold its plain reading (the general path's `1,8e308` as `1.8e308`), for refusals;
   * `range`: an Open, High or Low, which may be left empty where it is not known (a 0 there is
   * how some vendors write one they do not have: the refusal says so).
   */
  value(bytes: Buffer, start: number, end: number, kind: ValueKind, line: number, column: string, written?: string, range = false): number {
    let value = parseNumberBytes(bytes, start, end);
    if (Number.isNaN(value)) {
      const text = bytes.toString('utf8', start, end);
      const marked = readMarkedValue(text, kind);
      if (marked === undefined) throw notANumberError({ file: this.#file, line, column }, text, EXAMPLES[kind], written);
      value = marked.value;
      this.#notes.add(marked.note);
    }
    if (kind !== 'price' ? value < 0 : value <= 0) {
      // The text as the file has it: 1e-400 and -0 both read as 0, which alone would not show the fault.
      const text = bytes.toString('utf8', start, end);
      const shown = written ?? text;
      const fix = 'prices must be positive and volumes non-negative; correct the value or remove the row';
      if (underflows(text)) throw new DataError(this.#file, line, `${column} "${shown}" is below the smallest positive number (5e-324) and reads as 0`, fix);
      if (range && value === 0) throw new DataError(this.#file, line, `${column} is zero (${shown}), as some vendors write a range price they do not have`, `leave ${column} empty where it is not known (on a symbol's earliest rows, or on every row), correct the value, or remove the row`);
      throw new DataError(this.#file, line, `${column} is ${kind !== 'price' ? 'negative' : 'zero or negative'} (${shown})`, fix);
    }
    if (kind === 'price' && value < MIN_NORMAL) throw new DataError(this.#file, line, `${column} "${written ?? bytes.toString('utf8', start, end)}" ${BELOW_NORMAL}`, 'a bad print: correct the value or remove the row');
    return value;
  }

  /** A date: ISO and the other forms parseDateText reads, or `01/18/2024` in the order the file shows (options.slashedDates). */
  date(bytes: Buffer, start: number, end: number, line: number, column: string): number {
    let day = parseIsoDayBytes(bytes, start, end);
    const order = this.#options.slashedDates;
    if (day !== day && order !== undefined) {
      day = parseSlashedDate(bytes.toString('latin1', start, end), order);
      const why = this.#options.slashedDatesReason ?? `the file's dates show it (a number above 12 in the ${order === 'monthFirst' ? 'second' : 'first'} place, never in the other)`;
      if (day === day && !this.#options.slashedDatesSaid) this.#notes.add(`dates read as ${order === 'monthFirst' ? 'month/day/year' : 'day/month/year'}: ${why}`);
    }
    if (Number.isNaN(day)) throw badBarDateError({ file: this.#file, line, column }, bytes.toString('utf8', start, end), order);
    return day;
  }
}
