// Daily factor returns and the T-bill path of the sample universe, driven by a regime table.
// Regimes are placed at fractions of the sample so any start date and length gets them; with
// the default calendar (2005-01-03, 20 years) they land near their real-world counterparts.

import { Random } from '../random.ts';

const DAYS_PER_YEAR = 252;

/** Annualised mean and volatility of one factor. */
type MeanVol = readonly [mean: number, vol: number];

export interface Regime {
  readonly name: string;
  /** Fractions of the sample, [from, to). */
  readonly from: number;
  readonly to: number;
  readonly mkt: MeanVol;
  readonly smb: MeanVol;
  readonly qmj: MeanVol;
  readonly lev: MeanVol;
  /** Multiplier on bankruptcy hazards: credit stress comes with bear markets. */
  readonly distress: number;
}

/** Outside every listed regime. QMJ +3%/yr; the levered-minus-unlevered factor −3%/yr. */
export const NORMAL_REGIME: Regime = {
  name: 'normal',
  from: 0,
  to: 1,
  mkt: [0.1, 0.16],
  smb: [0.015, 0.09],
  qmj: [0.03, 0.06],
  lev: [-0.03, 0.08],
  distress: 1,
};

export const REGIMES: readonly Regime[] = [
  // ≈ 2008-03 .. 2009-04: credit crisis; quality rallies, levered names crash.
  { name: 'bear market', from: 0.16, to: 0.215, mkt: [-0.45, 0.4], smb: [-0.06, 0.14], qmj: [0.15, 0.1], lev: [-0.25, 0.16], distress: 3 },
  // ≈ 2009-04 .. 2010-08: junk-led recovery.
  { name: 'recovery', from: 0.215, to: 0.28, mkt: [0.25, 0.22], smb: [0.06, 0.1], qmj: [-0.04, 0.07], lev: [0.1, 0.1], distress: 1.5 },
  // ≈ 2020-02 .. 2020-03: a short, violent crash.
  { name: 'crash', from: 0.755, to: 0.762, mkt: [-1.5, 0.7], smb: [-0.4, 0.2], qmj: [0.4, 0.15], lev: [-0.8, 0.25], distress: 3 },
  // The last ~11 months: small caps break out.
  { name: 'small-cap breakout', from: 0.955, to: 1, mkt: [0.15, 0.15], smb: [0.25, 0.1], qmj: [0, 0.06], lev: [0.05, 0.08], distress: 1 },
];

/** Idiosyncratic sector shocks: every stock in a sector shares them. */
const SECTOR_VOL = 0.1;

export interface FactorPaths {
  readonly mkt: Float64Array;
  readonly smb: Float64Array;
  readonly qmj: Float64Array;
  readonly lev: Float64Array;
  /** Session-major, `t * sectorCount + sector`. */
  readonly sector: Float64Array;
  readonly distress: Float64Array;
}

export function regimeAt(t: number, sessions: number): Regime {
  const x = t / sessions;
  return REGIMES.find((r) => x >= r.from && x < r.to) ?? NORMAL_REGIME;
}

export function simulateFactors(sessions: number, sectorCount: number, seed: number): FactorPaths {
  const rng = new Random(seed, 'factors');
  const paths = {
    mkt: new Float64Array(sessions),
    smb: new Float64Array(sessions),
    qmj: new Float64Array(sessions),
    lev: new Float64Array(sessions),
    sector: new Float64Array(sessions * sectorCount),
    distress: new Float64Array(sessions),
  };
  const draw = ([mean, vol]: MeanVol): number => mean / DAYS_PER_YEAR + (vol / Math.sqrt(DAYS_PER_YEAR)) * rng.normal();
  for (let t = 0; t < sessions; t++) {
    const regime = regimeAt(t, sessions);
    paths.mkt[t] = draw(regime.mkt);
    paths.smb[t] = draw(regime.smb);
    paths.qmj[t] = draw(regime.qmj);
    paths.lev[t] = draw(regime.lev);
    paths.distress[t] = regime.distress;
    for (let s = 0; s < sectorCount; s++) paths.sector[t * sectorCount + s] = draw([0, SECTOR_VOL]);
  }
  return paths;
}

/** The policy-rate story as (fraction of sample, 3-month bill in percent) waypoints. */
const TBILL_WAYPOINTS: readonly (readonly [number, number])[] = [
  [0, 2.2],
  [0.1, 5.0], // hiking cycle
  [0.13, 4.9],
  [0.2, 0.1], // cutting cycle into the crisis
  [0.55, 0.1], // years at zero
  [0.7, 2.4], // slow hikes
  [0.72, 2.3],
  [0.76, 0.1], // emergency cuts
  [0.855, 0.1],
  [0.925, 5.3], // fast hikes
  [0.98, 5.2],
  [1, 4.3], // cutting cycle
];

/**
 * Daily 3-month T-bill yield in percent, rounded to 0.01 like FRED's DTB3: an Ornstein-Uhlenbeck
 * walk that tracks the waypoints, kept within [0, 6].
 */
export function simulateTbillPercent(sessions: number, seed: number): Float64Array {
  const rng = new Random(seed, 'tbill');
  const out = new Float64Array(sessions);
  let level = TBILL_WAYPOINTS[0][1];
  for (let t = 0; t < sessions; t++) {
    const target = waypointAt(t / sessions);
    level += 0.05 * (target - level) + 0.03 * rng.normal();
    level = Math.min(6, Math.max(0, level));
    out[t] = Math.round(level * 100) / 100;
  }
  return out;
}

function waypointAt(x: number): number {
  for (let k = 1; k < TBILL_WAYPOINTS.length; k++) {
    const [x1, y1] = TBILL_WAYPOINTS[k];
    if (x <= x1) {
      const [x0, y0] = TBILL_WAYPOINTS[k - 1];
      return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return TBILL_WAYPOINTS[TBILL_WAYPOINTS.length - 1][1];
}
