// A fingerprint of the fills ledger: two runs with the same hash traded the same things at the
// same prices and costs. sha256 over one text line per fill:
//   date \t symbol \t quantity \t price \t commission \t slippage \n
// after a version line, numbers to 12 significant digits (toPrecision(12), −0 as 0): enough to
// see any real difference, and blind to last-bit noise from a reordered floating-point sum.
import { createHash } from 'node:crypto';
import { isoDay } from '../../data/dates.ts';
import type { Fills } from '../../engine/result.ts';

const FORMAT = 'breadth-fills/1';

/** What names a fill's session and symbol: a Result has all three. */
export interface FillsContext {
  readonly symbols: readonly string[];
  /** Dates of the run's sessions, and the market session index of each. */
  readonly dates: Int32Array;
  readonly sessions: Int32Array;
}

/** What toPrecision(12) appends to an integer of d digits (d < 12): a point and 12 − d zeros. */
const INTEGER_TAIL = Array.from({ length: 13 }, (_, d) => (d < 12 ? `.${'0'.repeat(12 - d)}` : ''));

/**
 * A number as the ledger hashes write it: 12 significant digits, −0 as 0, NaN as empty. Integers
 * below 10¹² (share counts) are spelled without toPrecision, which costs several times more.
 */
export function hashNumber(x: number): string {
  if (x === 0) return '0';
  if (Number.isInteger(x) && x < 1e12 && x > -1e12) {
    const digits = String(x);
    return digits + INTEGER_TAIL[x < 0 ? digits.length - 1 : digits.length];
  }
  return Number.isNaN(x) ? '' : x.toPrecision(12);
}

/** sha256 of a format line and `count` lines (`line(k)` ends with \n), fed in chunks. */
export function hashLines(format: string, count: number, line: (k: number) => string): string {
  const hash = createHash('sha256').update(`${format}\n`);
  const lines: string[] = [];
  for (let k = 0; k < count; k++) {
    lines.push(line(k));
    // Feed the hash in chunks: one update per line is slow, one string per ledger is large.
    if (lines.length === 4096) hash.update(lines.splice(0).join(''));
  }
  return hash.update(lines.join('')).digest('hex');
}

/**
 * Each market session's ISO date, by market session index (for the run's sessions), formatted on
 * first use: a long run's ledgers touch few of its sessions, and formatting them all cost more than the hash.
 */
export function sessionDates(context: FillsContext): (session: number) => string {
  const first = context.sessions.length > 0 ? context.sessions[0] : 0;
  const dates = new Array<string | undefined>(context.dates.length);
  return (session) => (dates[session - first] ??= isoDay(context.dates[session - first]));
}

/** sha256 (hex) fingerprint of a fills ledger: two runs with the same hash traded the same things at the same prices and costs (format in this file's header; numbers to 12 significant digits). */
export function fillsHash(fills: Fills, context: FillsContext): string {
  const date = sessionDates(context);
  const n = hashNumber;
  return hashLines(FORMAT, fills.session.length, (k) =>
    `${date(fills.session[k])}\t${context.symbols[fills.symbol[k]]}\t${n(fills.quantity[k])}\t${n(fills.price[k])}\t${n(fills.commission[k])}\t${n(fills.slippage[k])}\n`,
  );
}
