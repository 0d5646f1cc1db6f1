// Each position's shares at the close of every session a trade or split changed them: with the
// closes, the book at any close (a position's shares stand from one row of its symbol to the
// next). Caveats about what a run held between its decisions read it (engine/caveats/flatPriceCaveats.ts),
// where the decision snapshots see the book only when the strategy decides. Work per session
// follows the positions that changed (Portfolio.changedAt), never the whole book.

import { GrowableTable } from './growable.ts';
import type { Portfolio } from './portfolio.ts';

/** Rows in session order: at the close of `session`, `symbol` held `shares` (signed; 0: its position closed), until its next row. */
export interface Holdings {
  readonly session: Int32Array;
  readonly symbol: Int32Array;
  readonly shares: Float64Array;
}

export class HoldingLog {
  readonly #rows = new GrowableTable({ session: Int32Array, symbol: Int32Array, shares: Float64Array });

  /** After session t's last fill: log the shares of the positions its trades and splits changed. */
  observe(t: number, portfolio: Portfolio): void {
    const count = portfolio.changedCount;
    if (count === 0) return;
    for (let k = 0; k < count; k++) {
      const i = portfolio.changedAt(k);
      const row = this.#rows.add();
      const c = this.#rows.columns;
      c.session[row] = t;
      c.symbol[row] = i;
      c.shares[row] = portfolio.shares[i];
    }
    portfolio.clearChanged();
  }

  /** The log, as views of its storage (the run is over when it is read). */
  holdings(): Holdings {
    return this.#rows.views();
  }
}
