// Holdings from the stored positions (the book at each decision's close, weights of NAV) and
// fills: the largest positions at the last decision, concentration over time, sector weights
// over time, and per symbol the side it was held on, its mean weight at decisions and its holding dates.

import type { SplitRow } from '../caveats/bookCaveats.ts';
import type { HoldingsData, SymbolPnl } from './model.ts';

/** What this file reads of a stored position: one holding at one decision. */
export interface PositionRow {
  date: string;
  symbol: string;
  shares: number;
  weight: number | null;
}

/** What this file reads of a stored fill. */
export interface FillRow {
  date: string;
  symbol: string;
  quantity: number;
}


/**
 * Replays `splits` (in date order) against a holding rebuilt from fills, which are each in the
 * shares of their own day: `advance(date, apply)` calls `apply(symbol, ratio)` once for every split
 * with its ex-date on or before `date` not applied yet — call it before that date's fills.
 */
function splitReplay(splits: readonly SplitRow[]): (date: string, apply: (symbol: string, ratio: number) => void) => void {
  let next = 0;
  return (date, apply) => {
    for (; next < splits.length && splits[next].date <= date; next++) apply(splits[next].symbol, splits[next].ratio);
  };
}

const TOP = 10;
/** Sectors drawn by name; the rest are summed as 'Other'. */
const SECTORS_SHOWN = 8;

/** Positions grouped by decision date, in date order (rows arrive in date order from the store). */
function byDecision(positions: readonly PositionRow[]): { date: string; rows: PositionRow[] }[] {
  const out: { date: string; rows: PositionRow[] }[] = [];
  for (const p of positions) {
    if (p.shares === 0 || p.weight === null || !Number.isFinite(p.weight)) continue;
    const last = out[out.length - 1];
    if (last !== undefined && last.date === p.date) last.rows.push(p);
    else out.push({ date: p.date, rows: [p] });
  }
  return out;
}

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  return n === 0 ? NaN : n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** Largest positions, concentration and sector weights; undefined when the run never held anything. */
export function holdingsData(positions: readonly PositionRow[], sectorOf: ReadonlyMap<string, string> = new Map()): HoldingsData | undefined {
  const decisions = byDecision(positions);
  const last = decisions[decisions.length - 1];
  if (last === undefined) return undefined;
  const weights = last.rows.map((p) => ({ symbol: p.symbol, weight: p.weight as number }));
  const concentration = { dates: [] as string[], max: [] as number[], median: [] as number[], top10: [] as number[] };
  for (const d of decisions) {
    const sizes = d.rows.map((p) => Math.abs(p.weight as number)).sort((a, b) => b - a);
    const gross = sizes.reduce((s, v) => s + v, 0);
    concentration.dates.push(d.date);
    concentration.max.push(sizes[0]);
    concentration.median.push(median([...sizes].reverse()));
    concentration.top10.push(gross > 0 ? sizes.slice(0, TOP).reduce((s, v) => s + v, 0) / gross : NaN);
  }
  return {
    asOf: last.date,
    topLong: weights.filter((w) => w.weight > 0).sort((a, b) => b.weight - a.weight).slice(0, TOP),
    topShort: weights.filter((w) => w.weight < 0).sort((a, b) => a.weight - b.weight).slice(0, TOP),
    concentration,
    ...(sectorOf.size === 0 ? {} : { sectors: sectorWeights(decisions, sectorOf) }),
  };
}

/** Net weight per sector at each decision: the SECTORS_SHOWN largest by mean gross weight, then 'Other'. */
function sectorWeights(decisions: readonly { date: string; rows: PositionRow[] }[], sectorOf: ReadonlyMap<string, string>): NonNullable<HoldingsData['sectors']> {
  const label = (symbol: string): string => sectorOf.get(symbol) || 'Unknown';
  const size = new Map<string, number>();
  for (const d of decisions) for (const p of d.rows) size.set(label(p.symbol), (size.get(label(p.symbol)) ?? 0) + Math.abs(p.weight as number));
  const ranked = [...size].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  const shown = ranked.slice(0, SECTORS_SHOWN);
  const names = ranked.length > SECTORS_SHOWN ? [...shown, 'Other'] : shown;
  const slot = new Map(names.map((n, k) => [n, k]));
  const weights = names.map(() => [] as number[]);
  for (const d of decisions) {
    const net = new Array<number>(names.length).fill(0);
    for (const p of d.rows) net[slot.get(label(p.symbol)) ?? names.length - 1] += p.weight as number;
    net.forEach((v, k) => weights[k].push(v));
  }
  return { dates: decisions.map((d) => d.date), names, weights };
}

/**
 * Side, mean weight at decisions and holding dates of each symbol, from its positions and fills
 * (with the splits between them). The weight is the mean over the decision closes that held the
 * symbol of its weight of NAV there (before that close's trades): the store has no per-symbol
 * price between decisions, so no average over every session (SymbolPnl.avgWeight).
 */
export function symbolHoldings(positions: readonly PositionRow[], fills: readonly FillRow[], splits: readonly SplitRow[] = []): Map<string, Required<Pick<SymbolPnl, 'side' | 'avgWeight' | 'from' | 'to'>>> {
  const stats = new Map<string, { long: boolean; short: boolean; weight: number; k: number; from: string | null; to: string | null; shares: number }>();
  const entry = (symbol: string) => {
    let s = stats.get(symbol);
    if (s === undefined) stats.set(symbol, (s = { long: false, short: false, weight: 0, k: 0, from: null, to: null, shares: 0 }));
    return s;
  };
  for (const p of positions) {
    if (p.shares === 0) continue;
    const s = entry(p.symbol);
    if (p.shares > 0) s.long = true;
    else s.short = true;
    if (p.weight !== null && Number.isFinite(p.weight)) {
      s.weight += p.weight;
      s.k++;
    }
  }
  const advance = splitReplay(splits);
  for (const f of fills) {
    advance(f.date, (symbol, ratio) => {
      const held = stats.get(symbol);
      if (held !== undefined) held.shares *= ratio;
    });
    const s = entry(f.symbol);
    const before = s.shares;
    s.shares += f.quantity;
    if (before === 0 && s.from === null) s.from = f.date;
    if (before === 0 && s.shares !== 0) (s.shares > 0 ? (s.long = true) : (s.short = true));
    // A position back to (about) zero shares is closed on this fill; reopening clears it again.
    if (Math.abs(s.shares) < 1e-9) {
      s.shares = 0;
      s.to = f.date;
    } else s.to = null;
  }
  const out = new Map<string, Required<Pick<SymbolPnl, 'side' | 'avgWeight' | 'from' | 'to'>>>();
  for (const [symbol, s] of stats) {
    const side = s.long && s.short ? 'both' : s.short ? 'short' : 'long';
    out.set(symbol, { side, avgWeight: s.k > 0 ? s.weight / s.k : null, from: s.from, to: s.to });
  }
  return out;
}

/**
 * What dominated the book after each day with fills: the symbol with the largest position value
 * at its fill price ('' when flat), recorded where it changes — the ribbon of a switching strategy.
 */
export function dominantHoldings(fills: readonly (FillRow & { price: number })[], splits: readonly SplitRow[] = []): { dates: string[]; symbols: string[] } {
  const shares = new Map<string, number>();
  const price = new Map<string, number>();
  const advance = splitReplay(splits);
  const out = { dates: [] as string[], symbols: [] as string[] };
  const record = (date: string): void => {
    let best = '';
    let size = 0;
    for (const [symbol, q] of shares) {
      const value = Math.abs(q * (price.get(symbol) ?? 0));
      if (value > size) [best, size] = [symbol, value];
    }
    if (out.symbols[out.symbols.length - 1] !== best) {
      out.dates.push(date);
      out.symbols.push(best);
    }
  };
  fills.forEach((f, k) => {
    advance(f.date, (symbol, ratio) => {
      if (shares.has(symbol)) shares.set(symbol, (shares.get(symbol) as number) * ratio);
      if (price.has(symbol)) price.set(symbol, (price.get(symbol) as number) / ratio);
    });
    const held = (shares.get(f.symbol) ?? 0) + f.quantity;
    if (Math.abs(held) < 1e-9) shares.delete(f.symbol);
    else shares.set(f.symbol, held);
    price.set(f.symbol, f.price);
    if (k === fills.length - 1 || fills[k + 1].date !== f.date) record(f.date);
  });
  return out;
}
