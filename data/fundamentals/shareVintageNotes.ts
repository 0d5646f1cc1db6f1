// What the share-vintage reconciliation (shareVintages.ts) did, in the annual balance file's
// source notes: `data inspect` shows them, and a run that reads fundamentals carries them as
// caveats (engine/caveats/warnings.ts), the lists restated for the symbols it read (listedNotes.ts).

import { listedNote, type ListedNote, type NoteEntry } from '../listedNotes.ts';
import type { VintageReconciliation, VintageYear } from './shareVintages.ts';

/** A ratio of share counts as read in a note: ×10, ×0.1, ×1.385, ×3.758e-4. */
const times = (ratio: number): string => `×${ratio >= 1e-3 ? Number(ratio.toPrecision(4)) : ratio.toExponential(3)}`;

/** "FY2021 ×9.603e-8 (15 / 156,208,000)": one year's ratio with its two counts. */
const yearRatio = (y: VintageYear): string => `FY${y.fiscalYear} ${times(y.ratio)} (${y.quarterly.toLocaleString('en-US')} / ${y.annual.toLocaleString('en-US')})`;

/** The note listing `years`' tickers (one entry each: both years' ratios), worded `one` / `many`; none when there are none. */
function yearsNote(years: ReadonlyMap<number, readonly [VintageYear, VintageYear]>, tickerOf: (symbol: number) => string, one: string, many: string): ListedNote[] {
  if (years.size === 0) return [];
  const entries: NoteEntry[] = [...years]
    .map(([symbol, [latest, before]]) => ({ symbol: tickerOf(symbol), text: `${tickerOf(symbol)} ${yearRatio(latest)}, ${yearRatio(before)}` }))
    .sort((a, b) => a.symbol.localeCompare(b.symbol));
  return [listedNote(one, many, entries)];
}

/**
 * The notes of a reconciliation: how many tickers' annual counts a split's ratio restated; and,
 * listing them, those a ratio measured alike by two years restated, and those whose annual units
 * are unknown (counts dropped). `tickerOf` names a symbol index. Empty when nothing changed.
 */
export function shareVintageNotes(done: VintageReconciliation, tickerOf: (symbol: number) => string): { notes: string[]; listed: ListedNote[] } {
  const n = done.split.size;
  const notes =
    n === 0 ? [] : [`Shares (Basic) of ${n} ticker${n === 1 ? '' : 's'} put in the quarterly file's share units: the latest fiscal year both files report differs by a split's ratio (the annual file predates a split the quarterly file and the split-adjusted prices include)`];
  const listed = [
    ...yearsNote(
      done.measured,
      tickerOf,
      "Shares (Basic) of 1 ticker put in the quarterly file's share units by the ratio (quarterly / annual) its two latest fiscal years in both files measure alike, which is no split's: {list}",
      "Shares (Basic) of {n} tickers put in the quarterly file's share units by the ratio (quarterly / annual) their two latest fiscal years in both files measure alike, which is no split's: {list}",
    ),
    ...yearsNote(
      done.unknown,
      tickerOf,
      'Shares (Basic) of 1 ticker left unknown (NaN) in the annual file, so its market cap is unknown while an annual filing is its newest: no year both files report shows a split or the same units, and its two latest measure different ratios (quarterly / annual): {list}',
      'Shares (Basic) of {n} tickers left unknown (NaN) in the annual file, so their market caps are unknown while an annual filing is their newest: no year both files report shows a split or the same units, and the two latest measure different ratios (quarterly / annual): {list}',
    ),
  ];
  return { notes: [...notes, ...listed.map((l) => l.note)], listed };
}
