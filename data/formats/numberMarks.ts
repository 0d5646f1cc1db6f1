// Decimal marks and thousands separators: `1,234,567.89` and `1.234.567,89`. Which mark is the
// decimal one is read from a file's numbers, never from its locale or name: a mark followed by
// other than exactly three digits, or the last of two different marks in one number, is the
// decimal mark; the other mark may only separate groups of three digits, and is removed. In
// scientific notation (`1,005E+02`, as a spreadsheet in a decimal-comma locale writes it) the
// mantissa's one mark is the decimal one: nothing groups digits before an exponent.

import { DataError } from '../errors.ts';
import { spaceGroupedError, type FieldPlace } from './fields.ts';

export type DecimalMark = '.' | ',';

const otherMark = (mark: DecimalMark): DecimalMark => (mark === '.' ? ',' : '.');

/** The exponent that ends a number in scientific notation (`E+02` of `1,005E+02`). */
const EXPONENT = /[eE][+-]?\d+$/;

/** A field made of digits and marks (a sign allowed): the only kind that says anything about marks. */
const MARKED_NUMBER = /^[+-]?\d*[.,][\d.,]*$/;

/**
 * The decimal mark a number shows, or undefined when it shows none (`575.325` may be either).
 * `02.01.2024` (a repeated mark not in groups of three) is no evidence either.
 */
export function decimalMarkOf(text: string): DecimalMark | undefined {
  const exponent = EXPONENT.exec(text);
  // `1,005E+02` (a spreadsheet's scientific notation): a mantissa has no thousands separator, so its one mark is the decimal one.
  if (exponent !== null) return /^[+-]?\d*([.,])\d+$/.exec(text.slice(0, exponent.index))?.[1] as DecimalMark | undefined;
  if (!MARKED_NUMBER.test(text)) return undefined;
  const dot = text.lastIndexOf('.');
  const comma = text.lastIndexOf(',');
  if (dot >= 0 && comma >= 0) return dot > comma ? '.' : ',';
  const mark: DecimalMark = dot >= 0 ? '.' : ',';
  const at = Math.max(dot, comma);
  if (text.indexOf(mark) !== at) return GROUPED_INTEGER[otherMark(mark)].test(text) ? otherMark(mark) : undefined;
  // `1,234` may be a thousand and more; `1,5`, `12,3456`, `1234,567` and `0,125` may not.
  const integerDigits = text.replace(/^[+-]/, '').indexOf(mark);
  const groupLike = text.length - at - 1 === 3 && integerDigits >= 1 && integerDigits <= 3 && !/^[+-]?0/.test(text);
  return groupLike ? undefined : mark;
}

/** Integers grouped by the thousands separator of a decimal mark: `1.234.567` for ','. */
const GROUPED_INTEGER: Readonly<Record<DecimalMark, RegExp>> = {
  '.': /^[+-]?\d{1,3}(?:,\d{3})+$/,
  ',': /^[+-]?\d{1,3}(?:\.\d{3})+$/,
};

/** Sign, integer part (plain, or grouped by the other mark) and optional fraction, per decimal mark. */
const GROUPED: Readonly<Record<DecimalMark, RegExp>> = {
  '.': /^([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/,
  ',': /^([+-]?)(\d{1,3}(?:\.\d{3})+|\d*)(?:,(\d*))?$/,
};

/** A mantissa before an exponent, per decimal mark: sign, integer digits (never grouped) and optional fraction. */
const MANTISSA: Readonly<Record<DecimalMark, RegExp>> = {
  '.': /^([+-]?)(\d*)(?:\.(\d*))?$/,
  ',': /^([+-]?)(\d*)(?:,(\d*))?$/,
};

/** True when a field needs plainNumberText to be read: it holds a mark other than a decimal point. */
export function needsMarksRead(text: string, decimal: DecimalMark): boolean {
  return text.includes(',') || (decimal === ',' && text.includes('.'));
}

/**
 * `text` written with `decimal` as its decimal mark, as a plain decimal (`1.234.567,89` with ','
 * → `1234567.89`; `1,005E+02` → `1.005E+02`); undefined when its marks break the rule (a
 * separator outside groups of three or before an exponent, a second decimal mark, the other mark
 * used as a decimal one).
 */
export function plainNumberText(text: string, decimal: DecimalMark): string | undefined {
  const exponent = EXPONENT.exec(text)?.[0] ?? '';
  const m = (exponent === '' ? GROUPED : MANTISSA)[decimal].exec(text.slice(0, text.length - exponent.length));
  if (!m || (m[2] === '' && !m[3])) return undefined;
  return `${m[1]}${m[2].replaceAll(otherMark(decimal), '')}${m[3] === undefined ? '' : `.${m[3]}`}${exponent}`;
}

/** The number in a field: sign, digits and marks, and an exponent (`1,234.5` of `1,234.5 USD`). */
const NUMBER_PART = /[+-]?[\d.,]*\d[\d.,]*(?:[eE][+-]?\d+)?/;

/**
 * The refusal of a field that plainNumberText refused, saying what the field breaks, never a rule
 * it already keeps: characters besides its number (`6,000.00 USD`: write the number alone), a
 * thousands separator in scientific notation, or marks that do not fit the file's decimal mark
 * (`basis`: where that mark came from, formats/fileMark.ts markBasis); digits grouped by spaces
 * are spaceGroupedError's. `judged`: the part plainNumberText was given, when a reader set a
 * mark it reads apart (Nasdaq.com's `$`: formats/markedValues.ts dollarNumber); `text` is shown.
 */
export function numberMarksError(at: FieldPlace, text: string, decimal: DecimalMark, basis: string, judged = text): DataError {
  const spaced = spaceGroupedError(at, judged);
  if (spaced !== undefined) return spaced;
  const number = NUMBER_PART.exec(judged)?.[0];
  const marks = `"${decimal}" before the decimals and "${otherMark(decimal)}" only between groups of three digits (${decimal === ',' ? '1.234.567,89' : '1,234,567.89'}), or no thousands separator`;
  if (number !== judged) {
    const besides = number === undefined ? 'no digits' : `"${judged.replace(number, '').trim()}" besides its number ${number}`;
    const fits = number !== undefined && plainNumberText(number, decimal) !== undefined;
    return new DataError(at.file, at.line, `${at.column} "${text}" holds ${besides}`, `write the number alone${fits ? ` (${number})` : `, with ${marks}`}: no currency signs, units or text`);
  }
  const exponent = EXPONENT.exec(judged);
  const place = `${at.column} "${text}" does not fit this file's numbers, whose decimal mark is "${decimal}" (${basis})`;
  if (exponent !== null) {
    return new DataError(at.file, at.line, place, `in scientific notation write no thousands separator, and "${decimal}" as the one mark before the decimals (1${decimal}005E+02)`);
  }
  return new DataError(at.file, at.line, place, `write every number one way: ${marks}`);
}
