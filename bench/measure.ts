// What the benchmarks share: how a measured process runs, and the median of repeated timings.

/** Node flags of a measured process: the source tree on Node's own type stripping, as `npm run breadth` runs breadth. */
export const SOURCE_NODE_ARGS: readonly string[] = ['--conditions=breadth-source'];

/** The median of `values` (the upper one of an even count). */
export const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1];
