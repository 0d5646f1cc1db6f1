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

function number(x: number): string {
  return x === 0 ? '0' : x.toPrecision(12);
}

export function fillsHash(fills: Fills, context: FillsContext): string {
  const hash = createHash('sha256').update(`${FORMAT}\n`);
  const first = context.sessions.length > 0 ? context.sessions[0] : 0;
  // Dates of the fill sessions only: formatting every session of a long run cost more than the hash.
  let lastSession = -1;
  let lastDate = '';
  const lines: string[] = [];
  for (let k = 0; k < fills.session.length; k++) {
    if (fills.session[k] !== lastSession) {
      lastSession = fills.session[k];
      lastDate = isoDay(context.dates[lastSession - first]);
    }
    lines.push(
      `${lastDate}\t${context.symbols[fills.symbol[k]]}\t${number(fills.quantity[k])}\t${number(fills.price[k])}\t${number(fills.commission[k])}\t${number(fills.slippage[k])}\n`,
    );
    // Feed the hash in chunks: one update per line is slow, one string per ledger is large.
    if (lines.length === 4096) hash.update(lines.splice(0).join(''));
  }
  return hash.update(lines.join('')).digest('hex');
}
