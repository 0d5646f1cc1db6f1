// A delisting return as a delistings.csv or symbols.csv writes it: a fraction of the last price
// (-0.35 for a 35 % loss, 0.3 for a 30 % premium), or a percent with its sign (-35%, 30%). A
// fraction above 1 (+100 %) is refused, not guessed: 35 is almost surely 35 % typed without its
// sign, and taken as written it is +3,500 % (probe r56c: NAV 100,500 → 1,885,500 in one session).
// A genuine rise above +100 % is written as a percent (150%). As a returns file in percent is
// refused rather than divided by 100 (data/returnSeries.ts), the value is never rescaled silently.
// A percent reads as the fraction it writes, to the bit (formats/fields.ts parseScaledNumber): -57.7%
// and -0.577 are one return, so two files giving it in either form agree (probe r57a: 57.7 / 100 was
// -0.5770000000000001, refused as a disagreement).

import { DataError } from '../errors.ts';
import { BEYOND_RANGE, outOfRange, parseNumber, parseScaledNumber } from '../formats/fields.ts';
import { type DecimalMark, plainNumberText } from '../formats/numberMarks.ts';

/** The largest delisting return a fraction may state: +100 %. Above it a fraction reads as a percent typed without its sign. */
const MAX_FRACTION = 1;

const FORMS = 'write it as a fraction of the last price (-0.35 for a 35% loss, -1 for a total loss) or as a percent with its sign (-35%); blank: unknown';

/** `text` less a trailing percent sign (spaces before it allowed), or undefined when it has none. */
const percentPart = (text: string): string | undefined => /^(.*?)\s*%$/.exec(text)?.[1];

/** "+3,500%", "-35%": a fraction as a signed percent for a message. */
export const signedPercent = (fraction: number): string => `${fraction < 0 ? '-' : '+'}${Math.abs(fraction * 100).toLocaleString('en-US', { maximumFractionDigits: 4 })}%`;

/**
 * A delisting return field, read as a fraction ≥ −1 (−0.35 = a 35 % loss): `text` is a fraction
 * of at most 1, or a percent with its sign (`-35%`, `+150%` → −0.35, 1.5), its number written
 * with `decimal` as its decimal mark (`-0,35` in a semicolon file). NaN when blank (unknown).
 * Throws DataError (file:line) for text that is not such a number, a return below −1 (−100 %),
 * which would take a long position below zero, or a fraction above 1, a percent typed without its sign.
 */
export function delistingReturn(text: string, file: string, line: number, decimal: DecimalMark = '.'): number {
  if (text === '') return NaN;
  const percent = percentPart(text);
  const numberText = percent ?? text;
  const plain = decimal === ',' ? (plainNumberText(numberText, ',') ?? numberText) : numberText;
  const value = percent === undefined ? parseNumber(plain) : parseScaledNumber(plain, -2);
  if (Number.isNaN(value)) throw new DataError(file, line, `delisting return "${text}" ${outOfRange(plain) ? `is ${BEYOND_RANGE}` : 'is not a number'}`, FORMS);
  if (value < -1) throw new DataError(file, line, `delisting return ${text} is below ${percent === undefined ? '-1' : '-100%'} (more than the whole position lost)`, FORMS);
  if (percent === undefined && value > MAX_FRACTION) {
    throw new DataError(file, line, `delisting return ${text} is a fraction above 1, ${signedPercent(value)} of the last price: almost surely a percent typed without its sign`, `write it as a fraction (${String(parseScaledNumber(plain, -2)).replace('.', decimal)}) or as a percent with its sign (${text}%)`);
  }
  return value;
}
