// Symbols a run read or targeted whose prices cover only part of it: a fund that starts years
// into the run (SMLF from 2015-04-30 in a run from 1999) could not be traded before, so a
// "switch" between it and IWM only held IWM until then; a stock that listed or left mid-run is
// how a universe grows and shrinks. One caveat names them with how far in they start (or how
// long before the end they stop), and the warm-up caveat gives a late start as its reason where a
// target waited for its prices (warmUpReason.ts).

import { isoDay } from '../../data/dates.ts';
import type { Market } from '../../data/market.ts';
import { type Caveat, caveat, type CaveatSeverity, pct, severityBySize } from './caveats.ts';

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
  /** With no bar in the run: the market session of its last bar before it (it ended), else −1 (it starts later, or has none). */
  readonly endedAt: number;
  /** With no bar in the run and none before it: the market session of its first bar after it, else −1. */
  readonly startsAt: number;
}

/** A sparse symbol's gap between bars may exceed its median by this factor (month lengths, holidays) and stay its own spacing. */
const SPACING_SLACK = 1.5;

/** The median gap, in market sessions, between symbol i's consecutive bars: 1 for a symbol on the calendar, ~21 for month-ends in a daily market; 1 with fewer than two bars. */
function ownGap(market: Market, i: number): number {
  const n = market.symbols.length;
  const gaps: number[] = [];
  let previous = -1;
  for (let t = 0; t < market.dates.length; t++) {
    if (Number.isNaN(market.close[t * n + i])) continue;
    if (previous >= 0) gaps.push(t - previous);
    previous = t;
  }
  if (gaps.length === 0) return 1;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)];
}

/**
 * The coverage of each symbol in `symbols` that lacks prices at the run's start or end (by symbol
 * index). A sparse symbol whose own bars straddle the run's start (or end) within its spacing —
 * month-end bars in a daily run from mid-month — lacks none: it is priced as often as it ever is.
 */
export function partialCoverage(market: Market, symbols: Iterable<number>, first: number, last: number): Coverage[] {
  const n = market.symbols.length;
  const out: Coverage[] = [];
  const priced = (t: number, i: number): boolean => !Number.isNaN(market.close[t * n + i]);
  for (const i of symbols) {
    let start = first;
    while (start <= last && !priced(start, i)) start++;
    let end = last;
    while (end >= start && !priced(end, i)) end--;
    if (start === first && end === last) continue;
    if (start <= last) {
      // A sparse symbol (month-end bars in a daily run) whose bar before the run is one of its own spacings before its first in it is not late: the run starts between two of its bars.
      let before = first - 1;
      while (before >= 0 && !priced(before, i)) before--;
      let after = last + 1;
      while (after < market.dates.length && !priced(after, i)) after++;
      // Its next bar past a selection's end (Market.continuesAfter) is not in the market: the end is within its spacing when the selection ends less than one spacing after its last bar.
      const next = after < market.dates.length ? after : market.continuesAfter?.[i] === 1 ? market.dates.length : Infinity;
      // The symbol's own spacing, only where a bar beyond an end could make that end its cadence.
      const gap = before >= 0 || next !== Infinity ? ownGap(market, i) : 1;
      const late = before >= 0 && gap > 1 && start - before <= SPACING_SLACK * gap ? 0 : start - first;
      const early = gap > 1 && next - end <= SPACING_SLACK * gap ? 0 : last - end;
      if (late > 0 || early > 0) out.push({ symbol: i, start, end, late, early, endedAt: -1, startsAt: -1 });
      continue;
    }
    // No bar in the run: after it ended (the whole run is after its end) or before it starts.
    let before = first - 1;
    while (before >= 0 && Number.isNaN(market.close[before * n + i])) before--;
    const sessions = last - first + 1;
    let after = last + 1;
    while (after < market.dates.length && Number.isNaN(market.close[after * n + i])) after++;
    const startsAt = after < market.dates.length ? after : -1;
    out.push(before >= 0 ? { symbol: i, start, end: first - 1, late: 0, early: sessions, endedAt: before, startsAt: -1 } : { symbol: i, start, end: first - 1, late: sessions, early: 0, endedAt: -1, startsAt });
  }
  return out;
}

/**
 * The caveat of symbols the run read or targeted (`symbols`) that have no prices for part of it
 * [first, last], e.g. "1 symbol the run read or targeted has no prices for part of it
 * (2015-01-02 → 2016-12-30): SMLF from 2015-04-30 (81 sessions in, 16.1% of the run)". Severity
 * by the largest share of the run a symbol lacks (medium above 10 %, high above 50 %, compared
 * as printed to 0.1 %); in a cross-section (more than 20 symbols) only a symbol whose target
 * waited in cash for its prices (`waited`) counts so — one bought once it listed, or only read,
 * is how a universe grows and shrinks (low). The symbols that count are named first. Size: the
 * first named symbol's sessions without prices. None when every symbol is priced throughout.
 */
export function symbolCoverageCaveats(market: Market, symbols: ReadonlySet<number>, waited: ReadonlySet<number>, first: number, last: number): Caveat[] {
  const partial = partialCoverage(market, symbols, first, last);
  if (partial.length === 0) return [];
  const sessions = last - first + 1;
  // The share as printed (to 0.1 %), so "10.0 % of the run" never reads medium nor "50.0 %" high.
  const share = (c: Coverage): number => Math.round(((c.late + c.early) / sessions) * 1000) / 1000;
  const crossSection = symbols.size > CROSS_SECTION_SYMBOLS;
  const counts = (c: Coverage): boolean => !crossSection || waited.has(c.symbol);
  partial.sort((a, b) => Number(counts(b)) - Number(counts(a)) || share(b) - share(a) || a.symbol - b.symbol);
  const day = (t: number): string => isoDay(market.dates[t]);
  const describe = (c: Coverage): string => {
    const name = market.symbols[c.symbol];
    if (c.start > last) return c.endedAt >= 0 ? `${name} none in the run (its data ends ${day(c.endedAt)})` : c.startsAt >= 0 ? `${name} none in the run (its data starts ${day(c.startsAt)})` : `${name} none in the run`;
    const from = c.late > 0 ? `from ${day(c.start)} (${c.late} session${c.late === 1 ? '' : 's'} in)` : '';
    const to = c.early > 0 ? `to ${day(c.end)} (${c.early} session${c.early === 1 ? '' : 's'} before its end)` : '';
    return `${name} ${[from, to].filter(Boolean).join(' ')}, ${pct(share(c))} of the run`;
  };
  const weighed = partial.filter(counts);
  const severity: CaveatSeverity = weighed.length === 0 ? 'low' : severityBySize(share(weighed[0]), 0.5, 0.1);
  const k = partial.length;
  const has = k === 1 ? 'has' : 'have';
  const counted = crossSection ? `${k.toLocaleString('en-US')} of the ${symbols.size.toLocaleString('en-US')} symbols the run read or targeted ${has}` : `${k} symbol${k === 1 ? '' : 's'} the run read or targeted ${has}`;
  const shown = `${partial.slice(0, SHOWN).map(describe).join('; ')}${k > SHOWN ? '; …' : ''}`;
  const why =
    crossSection && weighed.length === 0
      ? ' — the universe grows and shrinks over the run (listings, delistings, data that starts or ends): each decision picks among the names priced then'
      : ' — where a symbol has no prices it cannot be traded, and a strategy reading it sees nothing there';
  const starts = partial.filter((c) => c.late > 0).length;
  const ends = partial.filter((c) => c.early > 0).length;
  const split = k > 1 ? ` (${starts.toLocaleString('en-US')} start after its first session, ${ends.toLocaleString('en-US')} end before its last)` : '';
  const message = `${counted} no prices for part of it (${day(first)} → ${day(last)})${split}: ${shown}${why}`;
  return [caveat('partial-coverage', severity, message, { value: partial[0].late + partial[0].early, unit: 'sessions' }, partial.map((c) => market.symbols[c.symbol]))];
}
