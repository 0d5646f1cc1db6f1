// Sector-neutral variants: apply a cross-sectional transform within each group (sector) instead
// of across the whole universe, so a score compares a company with its peers only.

import { rank } from './rank.ts';
import { zscore } from './zscore.ts';

type CrossSectional = (values: Float64Array, out: Float64Array) => Float64Array;

/** `transform` run separately on each group's values; `groups[i]` labels symbol i. */
export function withinGroups(transform: CrossSectional) {
  return (values: Float64Array, groups: readonly string[], out: Float64Array = new Float64Array(values.length)): Float64Array => {
    const members = new Map<string, number[]>();
    for (let i = 0; i < values.length; i++) {
      const list = members.get(groups[i]);
      if (list) list.push(i);
      else members.set(groups[i], [i]);
    }
    for (const indices of members.values()) {
      const local = Float64Array.from(indices, (i) => values[i]);
      transform(local, local);
      indices.forEach((i, k) => (out[i] = local[k]));
    }
    return out;
  };
}

/** Average ranks within each group (1 = lowest in its group). */
export const rankWithin = withinGroups(rank);
/** Z-scores against each group's own mean and sd. */
export const zscoreWithin = withinGroups(zscore);

/** The sector label of every symbol in the view, for the *Within transforms. */
export function sectorsOf(view: { readonly symbolCount: number; sector(i: number): string }): string[] {
  return Array.from({ length: view.symbolCount }, (_, i) => view.sector(i));
}
