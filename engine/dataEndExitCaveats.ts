// Positions closed because their data ended before the run (no delisting record): closed at the
// last price they saw, each example labelled with its side, shares, price and value — "ABC short
// of 35 covered at 98.06 on 2020-12-14 (worth 3,432)" — so a position's value never reads as a
// profit or loss.

import { isoDay } from '../data/dates.ts';
import type { Market } from '../data/market.ts';
import { type Caveat, caveat, money, priceText, severityBySize, shareCount } from './caveats.ts';
import type { DataEndExit } from './corporateActions.ts';

/** Exits described one by one before "…". */
const SHOWN = 3;

/** "ALXN 12 sold at 161.33 on 2020-12-14 (worth 1,936)", "ABC short of 35 covered at 98.06 on 2020-12-14 (worth 3,432)". */
function exitText(market: Market, x: DataEndExit): string {
  const side = x.shares > 0 ? `${shareCount(x.shares)} sold` : `short of ${shareCount(-x.shares)} covered`;
  return `${market.symbols[x.symbol]} ${side} at ${priceText(x.price)} on ${isoDay(market.dates[x.session])} (worth ${money(Math.abs(x.value))})`;
}

/**
 * The data-end-exit caveat (none without exits), sized by the largest share of NAV closed on one
 * session: Σ |value| of that session's exits over `navBefore(session)` (the NAV at the close before
 * the exit) — high above 5 %, medium above 0.5 %, else low.
 */
export function dataEndExitCaveats(market: Market, exits: readonly DataEndExit[], navBefore: (session: number) => number): Caveat[] {
  if (exits.length === 0) return [];
  const bySession = new Map<number, number>();
  for (const x of exits) bySession.set(x.session, (bySession.get(x.session) ?? 0) + Math.abs(x.value) / navBefore(x.session));
  const share = Math.max(...bySession.values());
  const one = exits.length === 1;
  const examples = `${exits.slice(0, SHOWN).map((x) => exitText(market, x)).join('; ')}${exits.length > SHOWN ? '; …' : ''}`;
  return [
    caveat(
      'data-end-exit',
      severityBySize(share, 0.05, 0.005),
      `${exits.length} position${one ? '' : 's'} closed at ${one ? 'its' : 'their'} last price because ${one ? 'its data ends' : 'their data ends'} before the run does, with no delisting record (${examples}): the price source stops; no delisting return is applied`,
      { value: share, unit: 'nav-share' },
      [...new Set(exits.map((x) => market.symbols[x.symbol]))],
    ),
  ];
}
