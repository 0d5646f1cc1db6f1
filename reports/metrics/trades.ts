// Round-trip trades from a fills list, matched FIFO per symbol (METRICS.md "Portfolio and cost
// figures": count, win rate, average holding period, profit factor, average win / loss).
import { type Metric, unavailable, valued } from './metric.ts';
import { winLossMetrics } from './returns.ts';
import { mean } from './stats.ts';

export interface TradeFill {
  symbol: string | number;
  /** Session index of the fill; fills must be in session order. */
  session: number;
  /** Signed quantity: > 0 buys, < 0 sells. */
  quantity: number;
  price: number;
  /** All costs of the fill in currency (commission, fees); default 0. */
  fee?: number;
}

/** One opening lot closed (in whole or part) by one later fill. */
export interface RoundTrip {
  symbol: string | number;
  entrySession: number;
  exitSession: number;
  /** Signed quantity matched: > 0 a long lot, < 0 a short lot. */
  quantity: number;
  entryPrice: number;
  exitPrice: number;
  /** (exit − entry)·quantity minus the matched share of both fills' fees. */
  pnl: number;
  /** exitSession − entrySession. */
  holding: number;
}

interface Lot {
  session: number;
  quantity: number; // signed, shrinks toward 0 as it is closed
  price: number;
  feePerUnit: number;
}

/** Quantities this close to zero are float residue from partial closes, not open shares. */
const QUANTITY_EPS = 1e-9;

/**
 * Match fills FIFO per symbol: a fill against the open lots' direction closes the oldest lots
 * first (one RoundTrip per lot touched); any remainder opens a new lot in its own direction, so a
 * fill crossing through flat both closes and opens. Fees are shared in proportion to quantity.
 */
export function roundTrips(fills: readonly TradeFill[]): { trips: RoundTrip[]; openLots: number } {
  const books = new Map<string | number, { lots: Lot[]; head: number }>();
  const trips: RoundTrip[] = [];
  let lastSession = -Infinity;
  for (const f of fills) {
    if (f.session < lastSession) throw new RangeError(`fills must be in session order: session ${f.session} after ${lastSession}`);
    lastSession = f.session;
    if (f.quantity === 0) continue;
    const feePerUnit = (f.fee ?? 0) / Math.abs(f.quantity);
    let book = books.get(f.symbol);
    if (book === undefined) {
      book = { lots: [], head: 0 };
      books.set(f.symbol, book);
    }
    let left = f.quantity;
    while (Math.abs(left) > QUANTITY_EPS * Math.abs(f.quantity) && book.head < book.lots.length) {
      const lot = book.lots[book.head];
      if (Math.sign(lot.quantity) === Math.sign(left)) break; // same direction: adds, not closes
      const matched = Math.sign(lot.quantity) * Math.min(Math.abs(lot.quantity), Math.abs(left));
      trips.push({
        symbol: f.symbol,
        entrySession: lot.session,
        exitSession: f.session,
        quantity: matched,
        entryPrice: lot.price,
        exitPrice: f.price,
        pnl: (f.price - lot.price) * matched - Math.abs(matched) * (lot.feePerUnit + feePerUnit),
        holding: f.session - lot.session,
      });
      lot.quantity -= matched;
      left += matched;
      if (Math.abs(lot.quantity) <= QUANTITY_EPS * Math.abs(matched)) book.head++;
    }
    if (Math.abs(left) > QUANTITY_EPS * Math.abs(f.quantity)) book.lots.push({ session: f.session, quantity: left, price: f.price, feePerUnit });
  }
  let openLots = 0;
  for (const book of books.values()) openLots += book.lots.length - book.head;
  return { trips, openLots };
}

/**
 * trade_count, trade_avg_holding (sessions), and the win/loss family on trade P&L in currency:
 * trade_win_rate, trade_avg_win, trade_avg_loss, trade_payoff_ratio, trade_profit_factor.
 * Lots still open at the end are not trades yet; open_lots says how many there are.
 */
export function tradeMetrics(fills: readonly TradeFill[]): Metric[] {
  const { trips, openLots } = roundTrips(fills);
  const k = trips.length;
  const pnl = new Float64Array(k);
  const holding = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    pnl[i] = trips[i].pnl;
    holding[i] = trips[i].holding;
  }
  return [
    valued('trade_count', k, k),
    valued('open_lots', openLots, openLots),
    k > 0 ? valued('trade_avg_holding', mean(holding), k) : unavailable('trade_avg_holding', 0, 'no closed trades'),
    ...winLossMetrics(pnl, 'trade_'),
  ];
}
