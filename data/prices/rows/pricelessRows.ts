// Rows with an empty price field, read once per such row: is there a price at all? None, with
// every event empty or 0, is a priceless row (yfinance's stacked download writes one for each
// ticker on every date, before its first trade too; a long file skips and counts it); a dividend
// or split alone is an events-only row, its events moved onto the ticker's next bar (eventRows.ts).

import { parseNumberBytes } from '../../formats/fields.ts';
import type { Role } from '../files/priceColumns.ts';
import { isEvent, type EventField } from './eventRows.ts';
import { ADJ_CLOSE, EVENT, PRICE, VOLUME } from './fieldKinds.ts';

// What a row with an empty price field holds.
export const UNREAD = -1;
const HAS_PRICE = 0;
export const PRICELESS = 1;
export const EVENTS_ONLY = 2;

/**
 * What the row in bytes[start, end) holds (fields split by `separator`, of the given kinds and
 * roles): PRICELESS when every price field is empty and no event field holds an event (isEvent:
 * blank or 0 cash, a split ratio of 0 or 1 are none), EVENTS_ONLY when only a dividend or split is
 * given, HAS_PRICE otherwise.
 */
export function priceStateOf(bytes: Buffer, start: number, end: number, separator: number, kinds: readonly number[], roles: readonly (Role | null)[]): number {
  let events = false;
  for (let k = 0, from = start, q = start; q <= end; q++) {
    if (q < end && bytes[q] !== separator) continue;
    const kind = kinds[k];
    if (q > from && (kind === PRICE || kind === ADJ_CLOSE || kind === VOLUME)) return HAS_PRICE;
    if (q > from && kind === EVENT) {
      // Text the number reader does not take ("2:1") is read, or refused, with the row's fields.
      const value = parseNumberBytes(bytes, from, q);
      if (Number.isNaN(value) || isEvent(roles[k] as EventField, value)) events = true;
    }
    k++;
    from = q + 1;
  }
  return events ? EVENTS_ONLY : PRICELESS;
}

/** The events of an EVENTS_ONLY row, as read into `targets` (per field position) at `row`. */
export function eventsOfRow(roles: readonly (Role | null)[], kinds: readonly number[], targets: readonly Float64Array[], row: number): [EventField, number][] {
  const events: [EventField, number][] = [];
  roles.forEach((role, k) => {
    if (kinds[k] === EVENT && isEvent(role as EventField, targets[k][row])) events.push([role as EventField, targets[k][row]]);
  });
  return events;
}
