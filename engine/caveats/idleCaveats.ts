// Caveats for time the run could not have been invested as asked, which the data-end exits
// (held positions only) do not cover: a symbol the run traded leaving the market while not held,
// and a long stretch in cash after the first investment.

import { isoDay } from '../../data/dates.ts';
import type { Market } from '../../data/market.ts';
import { type Caveat, caveat, type CaveatSeverity, listSymbols } from './caveats.ts';
import { lastListedSession } from '../market/corporateActions.ts';
import { FillReason, type Deferrals, type Fills, type Orders, type Snapshots } from '../result.ts';

/** What the idle caveats read of a run: sessions [first, last] of `market`, and what the replay recorded. */
export interface IdleRecordings {
  readonly market: Market;
  readonly first: number;
  readonly last: number;
  /** Positions held at each session's close (daily columns, index k = session first + k). */
  readonly longCount: Float64Array;
  readonly shortCount: Float64Array;
  /** Session of the first close with a position; −1 when the run never invested. */
  readonly firstInvested: number;
  readonly fills: Fills;
  readonly orders: Pick<Orders, 'symbol'>;
  readonly snapshots: Pick<Snapshots, 'symbol' | 'targetWeight'>;
  readonly deferrals: Pick<Deferrals, 'symbol'>;
}

/** Share of the run's sessions in one stretch of cash above which it is reported (medium), and high. */
const IDLE_SHARE = 0.2;
const IDLE_HIGH_SHARE = 0.4;
/** Share of the run left after a symbol's last session above which its end is high (medium above the second). */
const LEFT_HIGH_SHARE = 0.25;
const LEFT_MEDIUM_SHARE = 0.05;
const DAYS_PER_MONTH = 365.25 / 12;

const pct = (x: number): string => `${Math.round(x * 100)} %`;

/**
 * Symbols the run's strategy named: placed an order for (targets or explicit, filled or not),
 * targeted at a non-zero weight, or had an order deferred for. Returns a 0/1 flag per symbol.
 */
function namedSymbols(r: IdleRecordings): Uint8Array {
  const named = new Uint8Array(r.market.symbols.length);
  for (const i of r.orders.symbol) named[i] = 1;
  for (const i of r.deferrals.symbol) named[i] = 1;
  const s = r.snapshots;
  for (let k = 0; k < s.symbol.length; k++) if (s.targetWeight[k] !== 0 && !Number.isNaN(s.targetWeight[k])) named[s.symbol[k]] = 1;
  return named;
}

/**
 * Symbols the run named (namedSymbols) whose data ends — or which are delisted — inside the run,
 * before its last session, while the run did not hold them (so no exit fill says so). One caveat
 * listing them, each with its last session and how long before the run's end that was:
 * "CCC's data ends 2022-06-30, about 18 months (391 sessions) before the run's end (not held
 * then: no exit)". Size: the run's sessions after the earliest such last session.
 * Severity: when at least half the named symbols have left this way, high above 25 % of the run
 * left, medium above 5 %, else low; when fewer than half have, low (a wide universe losing some
 * names it no longer held is routine).
 */
export function unheldEndCaveats(r: IdleRecordings): Caveat[] {
  const { market, first, last } = r;
  const named = namedSymbols(r);
  const exited = new Uint8Array(market.symbols.length);
  for (let k = 0; k < r.fills.reason.length; k++) if (r.fills.reason[k] === FillReason.dataEnd || r.fills.reason[k] === FillReason.delisting) exited[r.fills.symbol[k]] = 1;
  const sessions = last - first + 1;
  const ended: { symbol: number; after: number; delisted: boolean }[] = [];
  let namedCount = 0;
  for (let i = 0; i < named.length; i++) {
    if (named[i] === 0) continue;
    namedCount++;
    const delisted = market.delistedAfter[i] >= 0;
    const after = lastListedSession(market, i);
    if (after >= first && after < last && exited[i] === 0) ended.push({ symbol: i, after, delisted });
  }
  if (ended.length === 0) return [];
  ended.sort((a, b) => a.after - b.after);
  const share = (last - ended[0].after) / sessions;
  const severity: CaveatSeverity = 2 * ended.length < namedCount ? 'low' : share > LEFT_HIGH_SHARE ? 'high' : share > LEFT_MEDIUM_SHARE ? 'medium' : 'low';
  const end = market.dates[last];
  const describe = ({ symbol, after, delisted }: (typeof ended)[number]): string => {
    const months = Math.round((end - market.dates[after]) / DAYS_PER_MONTH);
    const left = last - after;
    const before = months >= 2 ? `about ${months} months (${left} sessions)` : `${left} session${left === 1 ? '' : 's'}`;
    return `${market.symbols[symbol]}${delisted ? ' is delisted after' : "'s data ends"} ${isoDay(market.dates[after])}, ${before} before the run's end`;
  };
  const names = ended.map((e) => market.symbols[e.symbol]);
  const shown = ended.slice(0, 3).map(describe).join('; ');
  const more = ended.length > 3 ? `; and ${listSymbols(names.slice(3))}` : '';
  return [caveat('left-unheld', severity, `${shown}${more} (not held then: no exit) — the run could not trade ${ended.length === 1 ? 'it' : 'them'} after that`, { value: last - ended[0].after, unit: 'sessions' }, names)];
}

/**
 * The longest stretch of sessions after the first investment with no position at all, when it is
 * more than IDLE_SHARE (20 %) of the run's sessions: "in cash 2022-07-01 → 2023-12-29, 391
 * sessions (33 % of the run)". Medium up to 40 %, high above. A stretch runs from the first close
 * with no position to the last one before a position is held again (or the run's end).
 */
export function idleStretchCaveats(r: Pick<IdleRecordings, 'market' | 'first' | 'last' | 'longCount' | 'shortCount' | 'firstInvested'>): Caveat[] {
  if (r.firstInvested < 0) return [];
  const sessions = r.last - r.first + 1;
  let best = { start: -1, length: 0 };
  let start = -1;
  for (let k = r.firstInvested - r.first; k <= sessions; k++) {
    const idle = k < sessions && r.longCount[k] + r.shortCount[k] === 0;
    if (idle && start < 0) start = k;
    if (!idle && start >= 0) {
      if (k - start > best.length) best = { start, length: k - start };
      start = -1;
    }
  }
  const share = best.length / sessions;
  if (!(share > IDLE_SHARE)) return [];
  const day = (k: number): string => isoDay(r.market.dates[r.first + k]);
  return [
    caveat('idle', share > IDLE_HIGH_SHARE ? 'high' : 'medium', `in cash ${day(best.start)} → ${day(best.start + best.length - 1)}, ${best.length} sessions (${pct(share)} of the run) after first investing — the metrics count that time`, {
      value: best.length,
      unit: 'sessions',
    }),
  ];
}
