// No volume limit: an order fills whole on any bar that traded.

import type { VolumeLimit } from '../types.ts';

/** Any quantity fills on a bar that traded. */
export const unlimitedVolume = {
  create: (): VolumeLimit => ({ name: 'none', maxShares: () => Infinity }),
};
