// Names a cross-sectional strategy leaves out because their fundamentals are unknown at the
// decision — no share count public yet (so no market cap), or an input of a score blank in the
// public filings — said through view.caveat, never a silent narrowing of the universe asked for
// (probe r60b: quality-long-short scored 834 of its 1,872 small caps on 2021-06-01 and said
// nothing). Each note gives the decision's count and share of the names the step applied to, a
// few names, and is at least medium where the step kept under half of them: the book is then
// drawn from a minority of the universe asked for, more a product of the data's coverage than of
// the strategy's rule. Above half it is low: a part of any real universe lacks filings.

import type { MarketView } from '../../engine/decisions/view.ts';
import { filterMembers } from './universe.ts';

/** Names a detail lists. */
const SHOWN = 3;
/** Inputs a detail names as most often missing. */
const SHOWN_INPUTS = 3;

const percent = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)}%`;

/** "AAA, BBB, CCC" — the first SHOWN of `symbols` by name, "…" after them when there are more. */
function someNames(view: MarketView, symbols: readonly number[]): string {
  return `${symbols.slice(0, SHOWN).map((i) => view.symbols[i]).join(', ')}${symbols.length > SHOWN ? ', …' : ''}`;
}

/** The note's lowest severity: medium where the step kept under half of the `of` names it applied to. */
const leastFor = (kept: number, of: number): { least?: 'medium' } => (kept * 2 < of ? { least: 'medium' } : {});

/**
 * The members with a market cap at the decision (`caps` from view.marketCap(): > 0). Those without
 * a share count public (view.sharesOutstanding NaN: no filing public yet, or none with one) are
 * left out, and the decision says so ("stocks without a share count public … left out of `outOf`
 * (on 2021-06-01: 317 of 2,072 (15.3%), e.g. AAA, AAC, AACG, …)"); a cap that cannot be true
 * (MarketView.marketCap) is left out too, and said by its own caveat.
 */
export function membersWithCaps(view: MarketView, members: ArrayLike<number>, caps: Float64Array, outOf: string): Int32Array {
  const shares = view.sharesOutstanding();
  const unknown = Array.from(filterMembers(members, (i) => !(shares[i] > 0)));
  if (unknown.length > 0) {
    view.caveat(`stocks without a share count public at the decision (no filing public yet, or none reporting its shares) have no market cap: left out of ${outOf}`, unknown, members.length, {
      ...leastFor(members.length - unknown.length, members.length),
      detail: `on ${view.date}: ${unknown.length.toLocaleString('en-US')} of ${members.length.toLocaleString('en-US')} (${percent(unknown.length, members.length)}), e.g. ${someNames(view, unknown)}`,
    });
  }
  return filterMembers(members, (i) => caps[i] > 0);
}

/**
 * Tells the run which `members` a cross-sectional score left out (those not in `scored`) for an
 * input it lacked (NaN in one of `inputs`, by name): the phrase `what`, detailed with their count
 * and share of the members, their share of the members' market cap (`caps`, known for every
 * member, as it is for the members of capRankBand and membersWithCaps), the inputs most
 * often missing among them with their counts, and the largest of them ("on 2021-06-01: 756 of
 * 1,872 (40.4%), 26.5% of their market cap; most often missing: gross profitability (400), …;
 * largest: AAA, BBB, CCC").
 */
export function noteUnscored(view: MarketView, what: string, members: ArrayLike<number>, scored: ArrayLike<number>, inputs: Readonly<Record<string, Float64Array>>, caps: Float64Array): void {
  const inScore = new Set(Array.from(scored));
  const left = Array.from(filterMembers(members, (i) => !inScore.has(i)));
  if (left.length === 0) return;
  const capOf = (list: ArrayLike<number>): number => Array.from(list).reduce((sum, i) => sum + caps[i], 0);
  const missing = Object.entries(inputs)
    .map(([name, x]) => ({ name, count: left.filter((i) => Number.isNaN(x[i])).length }))
    .filter((m) => m.count > 0)
    .sort((a, b) => b.count - a.count)
    .slice(0, SHOWN_INPUTS);
  const largest = [...left].sort((a, b) => caps[b] - caps[a] || a - b);
  const n = members.length;
  const often = missing.length === 0 ? '' : `; most often missing: ${missing.map((m) => `${m.name} (${m.count.toLocaleString('en-US')})`).join(', ')}`;
  view.caveat(what, left, n, {
    ...leastFor(n - left.length, n),
    detail:
      `on ${view.date}: ${left.length.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} (${percent(left.length, n)}), ${percent(capOf(left), capOf(members))} of their market cap` +
      `${often}; largest: ${someNames(view, largest)}`,
  });
}
