// Round-trip trades from a fills list, matched FIFO per symbol (METRICS.md "Portfolio and cost
// figures": count, win rate, average holding period, profit factor, average win / loss).
//
// Conventions:
// - One trade per lot closed: a sale that closes two lots is two trades, and an order filled in
//   three parts (three lots) and closed by one sale is three. pyfolio's extract_round_trips makes
//   one per closing transaction instead, dated from its oldest lot, so its count can be lower and
//   its average holding longer.
// - A trade's P&L is its fills' prices and fees only, as pyfolio's round_trips computes it from
//   transactions: dividends, borrow fees and interest are not in it (they are cost and income
//   lines of their own, METRICS.md). A delisting or data-end close is an exit like any other.
// - Splits rescale the open lots as the engine rescales positions (shares × ratio, price and fee
//   per share ÷ ratio), so a lot bought before a split is closed in post-split shares at its
//   split-adjusted entry price.
// - A split's cash in lieu pays out the fraction of the oldest lots: its P&L stays with the lot it
//   came from (a trade of its own only where it closes that lot in full).
import { type Metric, unavailable, valued } from './metric.ts';
import { winLossMetrics } from './returns.ts';
import { mean } from './stats.ts';

export interface TradeFill {
  symbol: string | number;
  /** Session index of the fill; fills must be in session order. */
  session: number;
  /** Signed quantity in the shares of its session: > 0 buys, < 0 sells. */
  quantity: number;
  price: number;
  /** All costs of the fill in currency (commission, fees); default 0. */
  fee?: number;
  /** Cash in lieu of the fractional share a split left (engine FillReason.splitCash); default false. */
  cashInLieu?: boolean;
}

/** A split: from its session on (before that session's fills), each share is `ratio` shares. */
export interface TradeSplit {
  symbol: string | number;
  session: number;
  /** New shares per old share: 2 for a 2-for-1 split, 0.25 for a 1-for-4 reverse split. */
  ratio: number;
}

/** Fills and the splits their symbols went through, each in session order. */
export interface TradeHistory {
  fills: readonly TradeFill[];
  splits: readonly TradeSplit[];
}

/** One opening lot closed (in whole or part) by one later fill. */
export interface RoundTrip {
  symbol: string | number;
  entrySession: number;
  exitSession: number;
  /** Signed quantity matched, in the exit's shares: > 0 a long lot, < 0 a short lot. */
  quantity: number;
  /** Entry price per share of the exit's session (split-adjusted). */
  entryPrice: number;
  exitPrice: number;
  /**
   * (exit − entry)·quantity minus the matched share of both fills' fees, plus the matched share
   * of the P&L the lot realised on cash in lieu (currency).
   */
  pnl: number;
  /** exitSession − entrySession. */
  holding: number;
}

/** A lot still open at the end, in the shares of the last split it went through. */
export interface OpenLot {
  symbol: string | number;
  session: number;
  /** Signed shares still open. */
  quantity: number;
  /** Entry price per share (split-adjusted). */
  price: number;
  feePerUnit: number;
  /** P&L already realised on the lot's cash in lieu, not yet in any trade (currency). */
  carried: number;
}

/** Quantities this close to zero are float residue from partial closes, not open shares. */
const QUANTITY_EPS = 1e-9;

/** A symbol's lots, the oldest open at `head`; `closed`: the size of the last lot closed, against which a later remainder is float dust. */
type Book = { lots: OpenLot[]; head: number; closed: number };

/**
 * Match fills FIFO per symbol: a fill against the open lots' direction closes the oldest lots
 * first (one RoundTrip per lot touched); any remainder opens a new lot in its own direction, so a
 * fill crossing through flat both closes and opens. Fees are shared in proportion to quantity.
 * Each split rescales the symbol's open lots before the fills of its session.
 * @throws RangeError when fills or splits are out of session order.
 */
export function roundTrips({ fills, splits }: TradeHistory): { trips: RoundTrip[]; open: OpenLot[] } {
  const books = new Map<string | number, Book>();
  const trips: RoundTrip[] = [];
  let nextSplit = 0;
  const splitUpTo = (session: number): void => {
    for (; nextSplit < splits.length && splits[nextSplit].session <= session; nextSplit++) {
      const s = splits[nextSplit];
      if (nextSplit > 0 && s.session < splits[nextSplit - 1].session) throw new RangeError(`splits must be in session order: session ${s.session} after ${splits[nextSplit - 1].session}`);
      const book = books.get(s.symbol);
      if (book !== undefined) for (let k = book.head; k < book.lots.length; k++) rescale(book.lots[k], s.ratio);
    }
  };
  let lastSession = -Infinity;
  for (const f of fills) {
    if (f.session < lastSession) throw new RangeError(`fills must be in session order: session ${f.session} after ${lastSession}`);
    lastSession = f.session;
    splitUpTo(f.session);
    if (f.quantity === 0) continue;
    let book = books.get(f.symbol);
    if (book === undefined) {
      book = { lots: [], head: 0, closed: 0 };
      books.set(f.symbol, book);
    }
    const left = close(book, f, trips);
    // A lot closed within float noise left its dust in the position; that dust's own exit later opens nothing.
    if (Math.abs(left) > QUANTITY_EPS * Math.max(Math.abs(f.quantity), book.closed)) {
      book.lots.push({ symbol: f.symbol, session: f.session, quantity: left, price: f.price, feePerUnit: (f.fee ?? 0) / Math.abs(f.quantity), carried: 0 });
    }
  }
  splitUpTo(Infinity);
  const open: OpenLot[] = [];
  for (const book of books.values()) open.push(...book.lots.slice(book.head));
  return { trips, open };
}

function rescale(lot: OpenLot, ratio: number): void {
  lot.quantity *= ratio;
  lot.price /= ratio;
  lot.feePerUnit /= ratio;
}

/** Close the oldest lots of `book` against fill f, pushing a trip per lot touched; returns the quantity left over. */
function close(book: Book, f: TradeFill, trips: RoundTrip[]): number {
  const feePerUnit = (f.fee ?? 0) / Math.abs(f.quantity);
  let left = f.quantity;
  while (Math.abs(left) > QUANTITY_EPS * Math.abs(f.quantity) && book.head < book.lots.length) {
    const lot = book.lots[book.head];
    if (Math.sign(lot.quantity) === Math.sign(left)) break; // same direction: adds, not closes
    const matched = Math.sign(lot.quantity) * Math.min(Math.abs(lot.quantity), Math.abs(left));
    const carried = (lot.carried * matched) / lot.quantity;
    const pnl = (f.price - lot.price) * matched - Math.abs(matched) * (lot.feePerUnit + feePerUnit) + carried;
    lot.quantity -= matched;
    lot.carried -= carried;
    left += matched;
    const closed = Math.abs(lot.quantity) <= QUANTITY_EPS * Math.abs(matched);
    if (closed) {
      book.head++;
      book.closed = Math.abs(matched);
    }
    if (f.cashInLieu === true && !closed) lot.carried += pnl;
    else trips.push({ symbol: f.symbol, entrySession: lot.session, exitSession: f.session, quantity: matched, entryPrice: lot.price, exitPrice: f.price, pnl, holding: f.session - lot.session });
  }
  return left;
}

/**
 * trade_count, trade_avg_holding (sessions), and the win/loss family on trade P&L in currency:
 * trade_win_rate, trade_avg_win, trade_avg_loss, trade_payoff_ratio, trade_profit_factor.
 * Lots still open at the end are not trades yet; open_lots says how many there are.
 */
export function tradeMetrics(history: TradeHistory): Metric[] {
  const { trips, open } = roundTrips(history);
  const k = trips.length;
  const pnl = new Float64Array(k);
  const holding = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    pnl[i] = trips[i].pnl;
    holding[i] = trips[i].holding;
  }
  return [
    valued('trade_count', k, k),
    valued('open_lots', open.length, open.length),
    k > 0 ? valued('trade_avg_holding', mean(holding), k) : unavailable('trade_avg_holding', 0, 'no closed trades'),
    ...winLossMetrics(pnl, 'trade_'),
  ];
}
