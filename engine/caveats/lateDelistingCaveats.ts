// Positions the run ends holding in a symbol whose delisting its files date on or after the data's
// last session (Market.delistingAfterData): its exit, on the session after that date, is not in
// the data, so the symbol is listed to the end, marked at its last close, and the delisting return
// the user gave never reaches the NAV (probe r57a: AAA delisted on the last session at −50 %, a
// final NAV of 106,930 where the return applied at the next open gives 79,930, and no word of it).
// One caveat lists them with what the return would take off (or add), sized by that share of the
// final NAV as the delisting-exit caveat is sized (high above 5 %, medium above 0.5 %). A run that
// ends before the data's last session (engine `to`; a market selected with `to` keeps no such date)
// ends before the delisting too, and says nothing of it, as of any delisting after its end.

import { isoDay } from '../../data/dates.ts';
import { signedPercent } from '../../data/folder/delistingReturn.ts';
import type { Market } from '../../data/market.ts';
import { type Caveat, caveat, fillPriceText, moneyToCent, severityBySize, shareCount } from './caveats.ts';

/** Positions described one by one before "…". */
const SHOWN = 3;

/** A position held at the run's end in a symbol delisted on or after the data's last session. */
export interface HeldPastData {
  readonly symbol: number;
  /** Signed shares held (negative for a short). */
  readonly shares: number;
  /** Its last mark: the last close, rescaled by any split since (a halted symbol's stale close). */
  readonly lastClose: number;
}

/** The positions of a book (`shares`, `marks`: per symbol) in symbols whose delisting falls on or after the data's last session. */
export function heldPastData(market: Market, shares: Float64Array, marks: Float64Array): HeldPastData[] {
  const after = market.delistingAfterData;
  if (!after) return [];
  const held: HeldPastData[] = [];
  for (let i = 0; i < shares.length; i++) if (shares[i] !== 0 && !Number.isNaN(after[i])) held.push({ symbol: i, shares: shares[i], lastClose: marks[i] });
  return held;
}

/** What the delisting return would change of the position's value at its last close: shares × last close × r (0 where none is given). */
const returnEffect = (market: Market, x: HeldPastData): number => (Number.isNaN(market.delistReturn[x.symbol]) ? 0 : x.shares * x.lastClose * market.delistReturn[x.symbol]);

/** "AAA 500 held, delisted 2024-01-12 at -50%, on the data's last session: 54,000.00 at its last close of 108.00, which the return would take 27,000.00 off". */
function heldText(market: Market, last: number, x: HeldPastData): string {
  const i = x.symbol;
  const day = market.delistingAfterData![i];
  const r = market.delistReturn[i];
  const side = x.shares > 0 ? `${shareCount(x.shares)} held` : `short of ${shareCount(-x.shares)}`;
  const when = day === market.dates[last] ? "on the data's last session" : `after the data's last session (${isoDay(market.dates[last])})`;
  const effect = returnEffect(market, x);
  const change = Number.isNaN(r) ? 'no delisting return given: it would close at that close' : `which the return would ${effect < 0 ? `take ${moneyToCent(-effect)} off` : `add ${moneyToCent(effect)} to`}`;
  return `${market.symbols[i]} ${side}, delisted ${isoDay(day)}${Number.isNaN(r) ? '' : ` at ${signedPercent(r)}`}, ${when}: ${moneyToCent(Math.abs(x.shares * x.lastClose))} at its last close of ${fillPriceText(x.lastClose)}, ${change}`;
}

/**
 * The caveat (none without such positions, or where the run's end, session `last`, is not the
 * data's last) naming each position `held` at the end whose delisting is dated on or after the
 * data's last session: its shares, delisting date and return, value at its last close and what
 * the return would take off or add; then the final NAV `nav` and what the returns, applied at the
 * next open, would make it. Sized by
 * Σ |shares × last close × r| / nav: high above 5 %, medium above 0.5 %, else low (a delisting
 * with no return given changes nothing); high with no size where nav is not positive.
 */
export function lateDelistingCaveats(market: Market, held: readonly HeldPastData[], nav: number, last: number): Caveat[] {
  if (held.length === 0 || last !== market.dates.length - 1) return [];
  const effects = held.map((x) => returnEffect(market, x));
  const unapplied = effects.reduce((sum, e) => sum + Math.abs(e), 0);
  const share = nav > 0 ? unapplied / nav : null;
  const one = held.length === 1;
  const examples = `${held.slice(0, SHOWN).map((x) => heldText(market, last, x)).join('; ')}${held.length > SHOWN ? '; …' : ''}`;
  const withReturns = effects.reduce((sum, e) => sum + e, nav);
  return [
    caveat(
      'delisting-after-data',
      share === null ? 'high' : severityBySize(share, 0.05, 0.005),
      `${held.length} position${one ? '' : 's'} held at the run's end in ${one ? 'a symbol' : 'symbols'} delisted on or after the data's last session, whose exit the data holds no session for (${examples}): the final NAV of ${moneyToCent(nav)} marks ${one ? 'it' : 'them'} at the last close; with the delisting return${one ? '' : 's'} applied at the next open it would be ${moneyToCent(withReturns)}`,
      share === null ? null : { value: share, unit: 'nav-share' },
      held.map((x) => market.symbols[x.symbol]),
    ),
  ];
}
