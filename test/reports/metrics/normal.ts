// Φ from mathjs' erf and Φ⁻¹ by bisection on it: independent of the code under test.
import { erf } from 'mathjs';

export const phi = (z: number): number => 0.5 * (1 + erf(z / Math.SQRT2));

export function invPhi(p: number): number {
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (phi(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
