// Filings whose publish date cannot be when they came out (statements.ts publishDateImplausible),
// which the point-in-time rows take as public on their filing deadline (publishGuardDays): said in
// the notes of the statement files they were merged from, so `data inspect` shows them and a run
// that reads fundamentals carries them as a caveat, restated for the symbols it read
// (engine/caveats/warnings.ts).

import { isoDay } from '../dates.ts';
import { listedNote, type ListedNote, type NoteEntry } from '../listedNotes.ts';
import { MIN_PUBLISH_LAG_DAYS, PUBLISH_GUARD_DAYS, publishDateImplausible, type Statement } from './statements.ts';

/** A merged filing as the note needs it: its ticker, period end and publish date (epoch days). */
export type GuardedFiling = Pick<Statement, 'periodEnd' | 'published'> & { readonly ticker: string };

/** "LFVN 2021-06-30 published 2021-07-01": one filing's two dates. */
const dates = (f: GuardedFiling): string => `${isoDay(f.periodEnd)} published ${isoDay(f.published)}`;

/**
 * The note of the `filings` of one frequency (`quarterly` or `annual`) whose publish date is
 * implausible: one entry per ticker, those with most such filings first ("LFVN 8, latest
 * 2021-12-31 published 2022-01-01"; "DHI 2022-09-30 published 2022-10-01"); undefined when none is.
 */
export function publishGuardNote(filings: Iterable<GuardedFiling>, frequency: 'quarterly' | 'annual'): ListedNote | undefined {
  const byTicker = new Map<string, GuardedFiling[]>();
  for (const f of filings) if (publishDateImplausible(f)) byTicker.set(f.ticker, [...(byTicker.get(f.ticker) ?? []), f]);
  if (byTicker.size === 0) return undefined;
  const entries: NoteEntry[] = [...byTicker]
    .sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b))
    .map(([ticker, list]) => {
      const latest = list.reduce((a, b) => (b.periodEnd > a.periodEnd ? b : a));
      return { symbol: ticker, text: list.length === 1 ? `${ticker} ${dates(latest)}` : `${ticker} ${list.length}, latest ${dates(latest)}` };
    });
  const deadline =
    frequency === 'annual'
      ? `${PUBLISH_GUARD_DAYS.year} days after the period end (the 10-K's)`
      : `${PUBLISH_GUARD_DAYS.quarter} days after the period end (the 10-Q's; ${PUBLISH_GUARD_DAYS.year} for a Q4, reported in the 10-K)`;
  const rule = `a Publish Date before the Report Date or under ${MIN_PUBLISH_LAG_DAYS} days after it, which no 10-Q or 10-K meets: each taken as public on its latest SEC filing deadline instead, ${deadline}`;
  return listedNote(`${frequency} filings of 1 ticker have ${rule}: {list}`, `${frequency} filings of {n} tickers have ${rule}: {list}`, entries);
}
