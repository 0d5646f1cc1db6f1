// Numbers as vendors print them for people rather than programs: Nasdaq.com's `$190.60` and
// Investing.com's volume `41.76M`. Read where the meaning is plain (a dollar sign before a price;
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

const DOLLAR_PRICE = /^\$(\d+(?:\.\d*)?|\.\d+)$/;
const SUFFIXED_VOLUME = /^(\d+(?:\.\d+)?)([KMB])$/i;
const EXPONENT: Readonly<Record<string, number>> = { K: 3, M: 6, B: 9 };
/** new:old or new/old, each a plain decimal: "2:1", "1/10", "2.000000/1.000000". */
const TEXT_RATIO = /^(\d+(?:\.\d*)?)\s*[:/]\s*(\d+(?:\.\d*)?)$/;

/**
 * `text` read past its marks, or undefined when it has none of those read here, or its value lies
 * beyond binary64's range (a `$` and 309 digits): never ±Infinity.
 */
export function readMarkedValue(text: string, kind: ValueKind): MarkedValue | undefined {
  const read = markedValue(text, kind);
  return read !== undefined && Number.isFinite(read.value) ? read : undefined;
}

function markedValue(text: string, kind: ValueKind): MarkedValue | undefined {
  if (kind === 'price') {
    const m = DOLLAR_PRICE.exec(text);
    return m ? { value: Number(m[1]), note: 'prices written with a $ sign (Nasdaq.com): read without it' } : undefined;
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
