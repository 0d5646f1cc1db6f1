// Numbers as vendors print them for people rather than programs: Nasdaq.com's `$190.60` (and
// `$6,000.00`, its thousands grouped: the general path reads the marks, numberMarks.ts, around the
// `$` that dollarNumber sets apart) and Investing.com's volume `41.76M`. Read where the meaning is
// plain (a dollar sign before a price or a cash amount, after any sign: `-$1.25`;
// K, M or B after a volume: thousands, millions, billions, as rounded as printed; a split ratio
// written new:old, as yfinance's actions table, Nasdaq and EODHD (`2.000000/1.000000`) print it),
// each with the note a source shows once; anything else stays "not a number".

/** What a field holds: a price, a volume, a split ratio (new shares per old), or a cash amount (dividends). */
export type ValueKind = 'price' | 'volume' | 'split' | 'event';

export interface MarkedValue {
  readonly value: number;
  /** How it was read, for the source notes (the same text for every such field of a file). */
  readonly note: string;
}

/** A sign, a dollar sign, then the rest: `$6,000.00`, `-$1.25`. */
const DOLLAR = /^([+-]?)\$(.*)$/s;
/** A plain decimal, signed or not (no exponent: no vendor prints one after a `$`). */
const PLAIN_DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const SUFFIXED_VOLUME = /^(\d+(?:\.\d+)?)([KMB])$/i;
const EXPONENT: Readonly<Record<string, number>> = { K: 3, M: 6, B: 9 };
/** new:old or new/old, each a plain decimal: "2:1", "1/10", "2.000000/1.000000". */
const TEXT_RATIO = /^(\d+(?:\.\d*)?)\s*[:/]\s*(\d+(?:\.\d*)?)$/;

/**
 * The number of a dollar amount, its sign kept (`-$1,234.50` → `-1,234.50`, `$-5` → `-5`), or
 * undefined when `text` does not start with a `$` (after any sign).
 */
export function dollarNumber(text: string): string | undefined {
  const m = DOLLAR.exec(text);
  return m ? m[1] + m[2] : undefined;
}

/**
 * `text` read past its marks, or undefined when it has none of those read here, or its value lies
 * beyond binary64's range (a `$` and 309 digits): never ±Infinity.
 */
export function readMarkedValue(text: string, kind: ValueKind): MarkedValue | undefined {
  const read = markedValue(text, kind);
  return read !== undefined && Number.isFinite(read.value) ? read : undefined;
}

function markedValue(text: string, kind: ValueKind): MarkedValue | undefined {
  if (kind === 'price' || kind === 'event') {
    const number = dollarNumber(text);
    if (number === undefined || !PLAIN_DECIMAL.test(number)) return undefined;
    return { value: Number(number), note: `${kind === 'price' ? 'prices' : 'cash amounts'} written with a $ sign (Nasdaq.com): read without it` };
  }
  if (kind === 'split') {
    const m = TEXT_RATIO.exec(text);
    const [given, per] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
    return given > 0 && per > 0 ? { value: given / per, note: 'split ratios written as new:old or new/old ("2:1", EODHD\'s 2.000000/1.000000): read as new shares per old' } : undefined;
  }
  if (kind === 'volume') {
    const m = SUFFIXED_VOLUME.exec(text);
    // Number("41.76e6") is the correctly rounded 41,760,000: no product of two roundings.
    if (m) return { value: Number(`${m[1]}e${EXPONENT[m[2].toUpperCase()]}`), note: 'volumes written with K, M or B (Investing.com\'s 41.76M): read as thousands, millions, billions of shares, as rounded as printed' };
  }
  return undefined;
}
