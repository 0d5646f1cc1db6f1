// What a load asked for, applied to a market built whole: the one path by which loadMarket (a
// path's source, from the cache or built) and loadSampleMarket (the generated sample) narrow a
// market to its symbols, period and calendar, fill its roles and restate its fingerprint. One
// path, so `symbols: [SYN_SMALL]` on the sample holds what `symbols: [IWM]` holds on real data.

import { createHash } from 'node:crypto';
import { notAnIsoDay, parseIsoDay } from './dates.ts';
import { UserError } from './errors.ts';
import type { Market } from './market.ts';
import { selectMarket, type Selection } from './prices/select.ts';
import { ROLE_CANDIDATES } from './roles.ts';

/** What a load selects of a market built whole: symbols, period (ISO dates, inclusive), calendar, and roles set or overridden. */
export interface LoadSelection {
  /** Only these symbols (an unknown one is an error; an empty list is refused). */
  readonly symbols?: readonly string[];
  /** First and last session, ISO YYYY-MM-DD (inclusive); absent: everything the market holds. */
  readonly from?: string;
  readonly to?: string;
  /** 'union' of every symbol's sessions (default), or a symbol whose sessions are the calendar. */
  readonly calendar?: string;
  /** Roles to set or override, e.g. { smallCap: 'IJR' } (each symbol must be among those selected). */
  readonly roles?: Readonly<Record<string, string>>;
}

function isoOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const day = parseIsoDay(value);
  if (Number.isNaN(day)) throw new UserError(`${name} "${value}" is ${notAnIsoDay(value)}`);
  return day;
}

/**
 * The Selection (epoch days) of `options`, checked before anything is read or built.
 * @throws UserError for `symbols: []` (names nothing: refused here, not blamed on the period when
 *   nothing comes back, probe r54a), a from/to that is not an ISO date, or a from after to.
 */
export function selectionOf(options: LoadSelection): Selection {
  if (options.symbols !== undefined && options.symbols.length === 0) {
    throw new UserError(`symbols: [] names no symbol: list the symbols to load (symbols: ['AAA', 'BBB']), or leave symbols out to load every symbol`);
  }
  const selection: Selection = { from: isoOption('from', options.from), to: isoOption('to', options.to), symbols: options.symbols, calendar: options.calendar };
  if (selection.from !== undefined && selection.to !== undefined && selection.from > selection.to) {
    throw new UserError(`from ${options.from} is after to ${options.to}: swap them, or drop to`);
  }
  return selection;
}

const hashOf = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/**
 * `whole` (a market built whole, or its symbolSubset: `partial`, see selectMarket) named `name`
 * and narrowed to `options` (selectMarket): only the symbols asked (`selectedSymbols` set, and
 * `sourceSymbols`: every symbol of the source, `whole`'s unless a partial one gives them), the
 * period asked (`requested` set), the calendar; roles filled from what is left (roles.ts
 * ROLE_CANDIDATES, then `options.roles`); the calendar alignment note restated; a selection's
 * fingerprint is the whole's hashed with it (no selection: the whole's).
 * @throws UserError as selectionOf; for a symbol the market lacks (selectMarket, naming `name`);
 *   for a symbol asked with no price in the period; for a role override naming a symbol not kept.
 */
export function selectLoaded(whole: Market, name: string, options: LoadSelection, partial = false, sourceSymbols: readonly string[] = whole.symbols): Market {
  const selection = selectionOf(options);
  const { market, emptySymbols } = selectMarket({ ...whole, name }, selection, { partial });
  if (options.symbols) {
    const empty = options.symbols.filter((s) => emptySymbols.includes(s));
    if (empty.length > 0) throw new UserError(`no prices for ${empty.join(', ')} in ${name} between ${options.from ?? 'its start'} and ${options.to ?? 'its end'}; widen from/to`);
  }
  const selected = options.from !== undefined || options.to !== undefined || options.symbols !== undefined || (options.calendar ?? 'union') !== 'union';
  return {
    ...market,
    ...(options.symbols ? { selectedSymbols: options.symbols, sourceSymbols } : {}),
    ...(options.from !== undefined || options.to !== undefined ? { requested: { ...(options.from !== undefined ? { from: options.from } : {}), ...(options.to !== undefined ? { to: options.to } : {}) } } : {}),
    roles: roles(market, name, options.roles),
    sources: market.sources.map((s) => (s.format === 'calendar alignment' ? selectionSource(s, market, emptySymbols, options.calendar ?? 'union') : s)),
    fingerprint: selected ? hashOf({ whole: whole.fingerprint, selection: { ...selection, symbols: options.symbols ? [...options.symbols].sort() : null } }) : whole.fingerprint,
  };
}

function roles(market: Market, name: string, overrides: Readonly<Record<string, string>> = {}): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [role, candidates] of Object.entries(ROLE_CANDIDATES)) {
    const present = candidates.find((symbol) => market.symbols.includes(symbol));
    if (present) result[role] = present;
  }
  for (const [role, symbol] of Object.entries(overrides)) {
    if (!market.symbols.includes(symbol)) throw new UserError(`role ${role}: symbol ${symbol} is not in ${name}`);
    result[role] = symbol;
  }
  return result;
}

/** The alignment note, restated for what this load selected. */
function selectionSource(whole: Market['sources'][number], market: Market, emptySymbols: readonly string[], calendar: string): Market['sources'][number] {
  const T = market.dates.length;
  const N = market.symbols.length;
  const notes = [`${T} sessions × ${N} symbols on the ${calendar === 'union' ? 'union of all sessions' : `sessions of ${calendar}`}`, ...whole.notes.slice(1)];
  if (emptySymbols.length > 0) notes.push(`${emptySymbols.length} symbols without a bar in the selected period (no prices there)`);
  return { ...whole, notes };
}
