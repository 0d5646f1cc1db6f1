// Symbols a run read or targeted whose prices cover only part of it: a fund that starts years
// into the run (SMLF from 2015-04-30 in a run from 1999) could not be traded before, so a
// "switch" between it and IWM only held IWM until then; a stock that listed or left mid-run is
// how a universe grows and shrinks. One caveat names them with how far in they start (or how
// long before the end they stop), and the warm-up caveat gives a late start as its reason.

import { isoDay } from '../data/dates.ts';
import type { Market } from '../data/market.ts';
import { type Caveat, caveat, type CaveatSeverity } from './caveats.ts';

/** A run that read more symbols than this is a cross-section, which picks among the names priced at each decision. */
const CROSS_SECTION_SYMBOLS = 20;
/** Symbols named before "…". */
const SHOWN = 5;

/** Symbol `symbol`'s sessions without prices in the run [first, last]: before its first bar (`late`) and after its last (`early`). */
export interface Coverage {
  readonly symbol: number;
  /** Session of its first bar (last + 1 when it has none up to the run's end). */
  readonly start: number;
  /** Session of its last bar (first − 1 when it has none from the run's start). */
  readonly end: number;
  /** Run sessions before its first bar, and after its last. */
  readonly late: number;
  readonly early: number;
}

/** The coverage of each symbol in `symbols` that lacks prices at the run's start or end (by symbol index). */
export function partialCoverage(market: Market, symbols: Iterable<number>, first: number, last: number): Coverage[] {
  const n = market.symbols.length;
  const out: Coverage[] = [];
  for (const i of symbols) {
    let start = first;
    while (start <= last && Number.isNaN(market.close[start * n + i])) start++;
    let end = last;
    while (end >= start && Number.isNaN(market.close[end * n + i])) end--;
    if (start === first && end === last) continue;
    // No bar in the run: the whole run is "before its start" (late), and none of it is also counted as after its end (early = 0).
    out.push(start > last ? { symbol: i, start, end: first - 1, late: last - first + 1, early: 0 } : { symbol: i, start, end, late: start - first, early: last - end });
  }
  return out;
}

/**
 * The caveat of symbols the run read or targeted (`symbols`) that have no prices for part of it
 * [first, last], e.g. "1 symbol the run read or targeted has no prices for part of it
 * (2015-01-02 → 2016-12-30): SMLF from 2015-04-30 (81 sessions in, 16.1% of the run)". Severity
 * by the largest share of the run a symbol lacks (medium above 10 %, high above 50 %), low for a
 * cross-section (more than 20 symbols read): a universe grows and shrinks over a run.
 * Size: that symbol's sessions without prices. None when every symbol is priced throughout.
 */
export function symbolCoverageCaveats(market: Market, symbols: ReadonlySet<number>, first: number, last: number): Caveat[] {
  const partial = partialCoverage(market, symbols, first, last);
  if (partial.length === 0) return [];
  const sessions = last - first + 1;
  const share = (c: Coverage): number => (c.late + c.early) / sessions;
  partial.sort((a, b) => share(b) - share(a) || a.symbol - b.symbol);
  const day = (t: number): string => isoDay(market.dates[t]);
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const describe = (c: Coverage): string => {
    const name = market.symbols[c.symbol];
    if (c.start > last) return `${name} none in the run`;
    const from = c.late > 0 ? `from ${day(c.start)} (${c.late} session${c.late === 1 ? '' : 's'} in)` : '';
    const to = c.early > 0 ? `to ${day(c.end)} (${c.early} session${c.early === 1 ? '' : 's'} before its end)` : '';
    return `${name} ${[from, to].filter(Boolean).join(' ')}, ${pct(share(c))} of the run`;
  };
  const crossSection = symbols.size > CROSS_SECTION_SYMBOLS;
  const worst = share(partial[0]);
  const severity: CaveatSeverity = crossSection ? 'low' : worst > 0.5 ? 'high' : worst > 0.1 ? 'medium' : 'low';
  const k = partial.length;
  const counted = crossSection ? `${k.toLocaleString('en-US')} of the ${symbols.size.toLocaleString('en-US')} symbols the run read have` : `${k} symbol${k === 1 ? '' : 's'} the run read or targeted ha${k === 1 ? 's' : 've'}`;
  const shown = `${partial.slice(0, SHOWN).map(describe).join('; ')}${k > SHOWN ? '; …' : ''}`;
  const why = crossSection ? ' — the universe grows and shrinks over the run (listings, delistings, data that starts or ends): each decision picks among the names priced then' : ' — where a symbol has no prices it cannot be traded, and a strategy reading it sees nothing there';
  const starts = partial.filter((c) => c.late > 0).length;
  const ends = partial.filter((c) => c.early > 0).length;
  const split = k > 1 ? ` (${starts.toLocaleString('en-US')} start after its first session, ${ends.toLocaleString('en-US')} end before its last)` : '';
  const message = `${counted} no prices for part of it (${day(first)} → ${day(last)})${split}: ${shown}${why}`;
  return [caveat('partial-coverage', severity, message, { value: partial[0].late + partial[0].early, unit: 'sessions' }, partial.map((c) => market.symbols[c.symbol]))];
}
