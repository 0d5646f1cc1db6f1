// Execution cost models. Each is one small interface with one job; each lands on its own
// ledger line so reports can show the drag of each.

import type { EngineConfig } from '../config.ts';

export interface CommissionModel {
  readonly name: string;
  /** Commission in currency for a fill of |shares| at price. */
  commission(shares: number, price: number): number;
}

/** Inputs a slippage model may use, measured on data up to the decision. */
export interface LiquidityEstimate {
  /** Daily return standard deviation. */
  readonly sigma: number;
  /** Average daily volume in shares. */
  readonly adv: number;
}

export interface SlippageModel {
  readonly name: string;
  /** Whether `slippageFraction` needs a liquidity estimate (sqrt impact does). */
  readonly needsLiquidity: boolean;
  /** Adverse price move as a fraction of the reference price (≥ 0). */
  slippageFraction(shares: number, liquidity: LiquidityEstimate | undefined): number;
}

export function commissionModel(config: EngineConfig['commission']): CommissionModel {
  switch (config.kind) {
    case 'none':
      return { name: 'none', commission: () => 0 };
    case 'per-share':
      return {
        name: `${config.perShare}/share, min ${config.minimum}`,
        commission: (shares) => (shares === 0 ? 0 : Math.max(config.minimum, Math.abs(shares) * config.perShare)),
      };
    case 'bps':
      return { name: `${config.bps} bps`, commission: (shares, price) => (Math.abs(shares) * price * config.bps) / 10_000 };
  }
}

export function slippageModel(config: EngineConfig['slippage']): SlippageModel {
  switch (config.kind) {
    case 'none':
      return { name: 'none', needsLiquidity: false, slippageFraction: () => 0 };
    case 'fixed-bps':
      return { name: `${config.bps} bps`, needsLiquidity: false, slippageFraction: () => config.bps / 10_000 };
    case 'half-spread':
      return { name: `half of a ${config.spreadBps} bps spread`, needsLiquidity: false, slippageFraction: () => config.spreadBps / 20_000 };
    case 'sqrt-impact':
      return {
        name: `${config.k} · σ · √(shares/ADV), ${config.window}-session window`,
        needsLiquidity: true,
        slippageFraction(shares, liquidity) {
          if (!liquidity || !(liquidity.adv > 0) || Number.isNaN(liquidity.sigma)) return 0;
          return config.k * liquidity.sigma * Math.sqrt(Math.abs(shares) / liquidity.adv);
        },
      };
  }
}
