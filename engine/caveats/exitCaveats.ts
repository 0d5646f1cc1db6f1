// Positions closed because their symbol left the market, each kind one caveat listing its exits:
// - data end (no delisting record): closed at the last price they saw, "ABC short of 35 covered
//   at 98.06 on 2020-12-14 (worth 3,432.10)", so a position's value never reads as a profit or loss;
// - delisting: closed at the last close × (1 + the delisting return the data gives), "P1 199 sold
//   at 134.55 on 2024-01-08 (last close 103.50 × (1 + 30%); proceeds 26,775.45)", so a return that
//   moves the NAV (a percent typed as a fraction: +3,500 %) is seen where the run's caveats are.
// Money is itemised to the cent and prices to four decimals where they have them (probe r57a:
// "proceeds 16,250" for 247 × 65.79 = 16,250.13), so a reader can check the cash an exit left.

import { isoDay } from '../../data/dates.ts';
import type { Market } from '../../data/market.ts';
import { type Caveat, caveat, fillPriceText, moneyToCent, pct, severityBySize, shareCount } from './caveats.ts';
import type { PositionExit } from '../market/corporateActions.ts';

/** Exits described one by one before "…". */
const SHOWN = 3;

/** How a position left the market: its data ended, or it was delisted. */
export type ExitKind = 'data-end' | 'delisting';

/** "+ 30%", "− 50%", "+ 3,500%": a delisting return as the percent it is, its sign apart (read in "× (1 + 30%)"). */
const returnText = (r: number): string => `${r < 0 ? '−' : '+'} ${(Math.abs(r) * 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}%`;

/** How each kind is coded, names an exit's price and value, says what its exits are, and what that means. */
const KINDS: Readonly<Record<ExitKind, { code: 'data-end-exit' | 'delisting-exit'; detail: (x: PositionExit) => string; what: (one: boolean) => string; meaning: string }>> = {
  'data-end': {
    code: 'data-end-exit',
    detail: (x) => `worth ${moneyToCent(Math.abs(x.value))}`,
    what: (one) => `closed at ${one ? 'its' : 'their'} last price because ${one ? 'its data ends' : 'their data ends'} before the run does, with no delisting record`,
    meaning: 'the price source stops; no delisting return is applied',
  },
  delisting: {
    code: 'delisting-exit',
    detail: (x) => {
      const price = Number.isNaN(x.delistReturn) ? 'its last close, no delisting return given' : `last close ${fillPriceText(x.lastClose)} × (1 ${returnText(x.delistReturn)})`;
      return `${price}; ${x.shares > 0 ? 'proceeds' : 'cost'} ${moneyToCent(Math.abs(x.value))}`;
    },
    what: (one) => `closed at ${one ? 'its' : 'their'} delisting`,
    meaning: 'a delisting closes a position at its last close × (1 + the delisting return its data gives), at the last close where it gives none',
  },
};

/** "ALXN 12 sold at 161.33 on 2020-12-14 (worth 1,935.96)", "ABC short of 35 covered at 98.06 on 2020-12-14 (worth 3,432.10)". */
function exitText(market: Market, kind: ExitKind, x: PositionExit): string {
  const side = x.shares > 0 ? `${shareCount(x.shares)} sold` : `short of ${shareCount(-x.shares)} covered`;
  return `${market.symbols[x.symbol]} ${side} at ${fillPriceText(x.price)} on ${isoDay(market.dates[x.session])} (${KINDS[kind].detail(x)})`;
}

/**
 * The caveat of one kind of exit (none without exits), listing the first exits with their shares,
 * prices and values, sized by the largest share of NAV closed on one session: Σ over that
 * session's exits of the larger of the position's value at its last close and its proceeds, over
 * `navBefore(session)` (the NAV at the close before the exit) — so a delisting return sizes it
 * whichever way it moves the NAV: −100 % by the value lost, +3,500 % by the proceeds (a data end's
 * two are one). High above 5 %, medium above 0.5 %, else low.
 *
 * Given the run's traded notional `traded` (Σ daily traded notional, currency), it says what the
 * exits add to it: turnover counts every fill, forced exits included (engine/accounting/ledger.ts
 * fill; METRICS.md "Σ|traded notional|", as pyfolio counts zipline's auto-closes), so a run with
 * many data ends would read as trading more than it chose to without it (size-tilt 2020-09-01 →
 * 2021-02-26: 795 data-end closes, 175,637.92 of notional, probe r73c) — "; turnover counts
 * their notional, 175,637.92, as traded: 11.5% of the run's traded notional".
 */
export function exitCaveats(market: Market, kind: ExitKind, exits: readonly PositionExit[], navBefore: (session: number) => number, traded?: number): Caveat[] {
  if (exits.length === 0) return [];
  const bySession = new Map<number, number>();
  for (const x of exits) {
    const worth = Math.max(Math.abs(x.shares * x.lastClose), Math.abs(x.value));
    bySession.set(x.session, (bySession.get(x.session) ?? 0) + worth / navBefore(x.session));
  }
  const share = Math.max(...bySession.values());
  const one = exits.length === 1;
  const examples = `${exits.slice(0, SHOWN).map((x) => exitText(market, kind, x)).join('; ')}${exits.length > SHOWN ? '; …' : ''}`;
  // Each exit's fill adds |shares| × its price to the traded notional, as the ledger counts it.
  const notional = exits.reduce((s, x) => s + Math.abs(x.shares * x.price), 0);
  const inTurnover = traded !== undefined && traded > 0 ? `; turnover counts ${one ? 'its' : 'their'} notional, ${moneyToCent(notional)}, as traded: ${pct(notional / traded)} of the run's traded notional` : '';
  return [
    caveat(
      KINDS[kind].code,
      severityBySize(share, 0.05, 0.005),
      `${exits.length} position${one ? '' : 's'} ${KINDS[kind].what(one)} (${examples}): ${KINDS[kind].meaning}${inTurnover}`,
      { value: share, unit: 'nav-share' },
      [...new Set(exits.map((x) => market.symbols[x.symbol]))],
    ),
  ];
}
