// Volume limits called directly: the most shares a symbol may fill in a session.

import { describe, expect, it } from 'vitest';
import { volumeLimit } from '../../../engine/models/volume/index.ts';
import { fill } from './context.ts';

describe('volume limits', () => {
  it('a participation cap of 10 % of 1 000 shares is 100 shares (the broker subtracts what filled already)', () => {
    const cap = volumeLimit(0.1);
    expect(cap.maxShares(fill({ volume: 1_000, filledToday: 40 }))).toBe(100);
    expect(cap.name).toBe('10% of session volume');
  });

  it('no limit where the data has no volume, or without a cap', () => {
    expect(volumeLimit(0.1).maxShares(fill({ volume: NaN }))).toBe(Infinity);
    expect(volumeLimit(undefined).maxShares(fill({ volume: 10 }))).toBe(Infinity);
  });
});
