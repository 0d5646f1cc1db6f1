// Splits that met a held position, said in the run (not only in the fills' split-cash rows): the
// shares before and after, and the cash paid (or, for a short, charged) in lieu of the fraction a
// whole-share book cannot hold — "RSPL 1:4 reverse split on 2024-01-05: 15 → 3 shares, 6.00 paid as
// cash in lieu". Low, as the position's value is unchanged but for that cash; medium when that cash
// was more than 1 % of NAV (the book's exposure fell by as much).

import { isoDay } from '../../data/dates.ts';
import type { Market } from '../../data/market.ts';
import { type Caveat, caveat, priceText, shareCount } from './caveats.ts';
import type { AppliedSplit } from '../market/corporateActions.ts';
import { ratioFraction } from '../accounting/shares.ts';

/** Splits described one by one before "…". */
const SHOWN = 3;
/** Cash in lieu above this share of NAV (on its session) moved the book's exposure: medium. */
const MATERIAL_CASH = 0.01;


/**
 * A split as a reader names it: 0.25 → "1:4 reverse split", 1.5 → "3:2 split" (new shares : old,
 * whole terms up to 1000: shares.ts ratioFraction); an odd ratio as "split of 0.3333 new shares per
 * old". The one name of a split in the run's caveats and its order listing (cli/orderListing.ts), so
 * a 7:5 split is never "1.4:1" in one and "7:5" in the other. Not data/prices/series/priceSeries.ts
 * splitName, which gives the data notes' bare "1:4" (the smaller term at most 4).
 */
export function splitLabel(ratio: number): string {
  const terms = ratioFraction(ratio);
  if (terms === null) return `split of ${ratio.toPrecision(4)} new shares per old`;
  return `${terms[0]}:${terms[1]} ${ratio < 1 ? 'reverse split' : 'split'}`;
}

/** One split of a held position: "RSPL 1:4 reverse split on 2024-01-05: 15 → 3 shares, 6.00 paid as cash in lieu". */
function describeSplit(market: Market, x: AppliedSplit): string {
  const lieu = x.cashInLieu > 0 ? `, ${priceText(x.cashInLieu)} paid as cash in lieu` : x.cashInLieu < 0 ? `, ${priceText(-x.cashInLieu)} charged as cash in lieu (a short)` : '';
  return `${market.symbols[x.symbol]} ${splitLabel(x.ratio)} on ${isoDay(market.dates[x.session])}: ${shareCount(x.before)} → ${shareCount(x.after)} share${Math.abs(x.after) === 1 ? '' : 's'}${lieu}`;
}

/**
 * The caveat of the splits that met a held position (`applied`, in session order): each described
 * up to three, then a count and the cash in lieu paid and charged in all. `nav(session)` is the NAV at a session's
 * close. Size: the largest cash in lieu as a share of that NAV (medium above 1 %), or the number
 * of splits when none paid cash. None when no split met a position.
 */
export function splitCaveats(market: Market, applied: readonly AppliedSplit[], nav: (session: number) => number): Caveat[] {
  if (applied.length === 0) return [];
  const k = applied.length;
  const shown = applied.slice(0, SHOWN).map((x) => describeSplit(market, x)).join('; ');
  const received = applied.reduce((sum, x) => sum + Math.max(x.cashInLieu, 0), 0);
  const charged = applied.reduce((sum, x) => sum - Math.min(x.cashInLieu, 0), 0);
  const rest = k > SHOWN ? `; … (${k} splits in all: cash in lieu ${priceText(received)} paid to longs, ${priceText(charged)} charged to shorts)` : '';
  const message = `${k} split${k === 1 ? '' : 's'} applied to ${k === 1 ? 'a held position' : 'held positions'}: ${shown}${rest}`;
  const largest = Math.max(...applied.map((x) => Math.abs(x.cashInLieu) / nav(x.session)).filter(Number.isFinite), 0);
  const size = largest > 0 ? { value: largest, unit: 'nav-share' as const } : { value: k, unit: 'count' as const };
  return [caveat('split', largest > MATERIAL_CASH ? 'medium' : 'low', message, size, [...new Set(applied.map((x) => market.symbols[x.symbol]))])];
}
