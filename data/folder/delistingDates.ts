// Delisting dates given by a file (delistings.csv, symbols.csv) applied to aligned prices: the
// symbol is delisted after its last bar on or before the date, and bars after the date are not
// that symbol's — a ticker reused by another company, or a file that kept going — so they are
// dropped (NaN prices and volume; their splits, dividends and flagged moves go too). No strategy,
// planner or broker can then see or trade the symbol after its delisting.

import { isoDay } from '../dates.ts';
import { eventTable, type EventTable, PRICE_COLUMNS } from '../market.ts';
import type { AlignedPrices } from '../prices/align.ts';

/** Indexes of a table's events that are not after their symbol's cut (`cut[i]` = last kept session; -1: none kept). */
function keptEvents(table: EventTable, cut: Int32Array): number[] {
  const kept: number[] = [];
  for (let k = 0; k < table.session.length; k++) {
    const i = table.symbol[k];
    if (table.session[k] <= cut[i]) kept.push(k);
  }
  return kept;
}

/** True when symbol i has a bar at a session before `end`. */
function hasBarBefore(aligned: AlignedPrices, i: number, end: number): boolean {
  const N = aligned.symbols.length;
  for (let t = 0; t < end; t++) if (aligned.close[t * N + i] === aligned.close[t * N + i]) return true;
  return false;
}

const subTable = (table: EventTable, kept: readonly number[], sessions: number): EventTable =>
  eventTable(sessions, kept.map((k) => ({ session: table.session[k], symbol: table.symbol[k], value: table.value[k] })));

/**
 * Sets `aligned.delistedAfter` from `delistedOn` (symbol → epoch day of its last trading day) and
 * drops every bar and event after the delisting date, in place. delistedAfter is the last session
 * on or before that date — not the symbol's last bar: a stock halted before its delisting is held
 * (and stale-marked) until the delisting is public, never closed at its delisting return before
 * it; a symbol delisted on or after the data's last session is listed to its end (continuesAfter),
 * its date kept in delistingAfterData. Returns one note per symbol that had bars dropped, e.g. "BBB: 11 bars after its delisting on
 * 2024-01-12 dropped (a reused ticker?)".
 */
export function applyDelistingDates(aligned: AlignedPrices, delistedOn: ReadonlyMap<string, number>): string[] {
  const T = aligned.dates.length;
  const N = aligned.symbols.length;
  const cut = new Int32Array(N).fill(T - 1);
  const notes: string[] = [];
  aligned.symbols.forEach((symbol, i) => {
    const day = delistedOn.get(symbol);
    if (day === undefined) return;
    let last = -1;
    while (last + 1 < T && aligned.dates[last + 1] <= day) last++;
    if (last === T - 1) {
      // Delisted on or after the data's last session: listed to its end, whatever its last bar (a halt before the delisting is held,
      // stale-marked), as its exit would come on the session after that date, which the data does not hold. Its date is kept, so
      // what no run applies is said (data inspect, a run holding it at its end).
      if (day >= aligned.dates[T - 1]) {
        const writable = aligned as { continuesAfter?: Uint8Array; delistingAfterData?: Float64Array };
        (writable.continuesAfter ??= new Uint8Array(N))[i] = 1;
        (writable.delistingAfterData ??= new Float64Array(N).fill(NaN))[i] = day;
      }
      return;
    }
    // No bar on or before the date (a reused ticker, or a delisting before the calendar starts):
    // every bar is after it, so all go. With no session on or before the date, none is its last.
    if (last >= 0) (aligned.delistedAfter as Int32Array)[i] = last;
    let dropped = 0;
    for (let t = last + 1; t < T; t++) {
      const k = t * N + i;
      if (aligned.close[k] === aligned.close[k]) dropped++;
      for (const field of PRICE_COLUMNS) {
        const column = aligned[field];
        if (column) column[k] = NaN;
      }
    }
    if (dropped === 0) return;
    cut[i] = last;
    const none = hasBarBefore(aligned, i, last + 1) ? '' : `; none is left, so ${symbol} cannot trade`;
    notes.push(`${symbol}: ${dropped} bars after its delisting on ${isoDay(day)} dropped (a reused ticker?)${none}`);
  });
  if (notes.length === 0) return notes;
  const writable = aligned as { -readonly [K in 'splits' | 'dividends' | 'revertingMoves']: AlignedPrices[K] };
  writable.splits = subTable(aligned.splits, keptEvents(aligned.splits, cut), T);
  writable.dividends = subTable(aligned.dividends, keptEvents(aligned.dividends, cut), T);
  const moves = aligned.revertingMoves;
  const keptMoves = keptEvents(moves, cut);
  writable.revertingMoves = { ...subTable(moves, keptMoves, T), moveSession: Int32Array.from(keptMoves, (k) => moves.moveSession[k]) };
  return notes;
}
