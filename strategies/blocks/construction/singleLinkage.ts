// Single-linkage agglomerative clustering numbered as scipy numbers it, so that a procedure
// written against scipy's linkage matrix (López de Prado's getQuasiDiag) reads the same tree in
// the same order. Source: scipy.cluster.hierarchy.linkage(method='single'), which runs
// `mst_single_linkage` and `label` in scipy/cluster/_hierarchy.pyx:
//   1. Prim's minimum spanning tree from point 0: at each step the point not yet reached that is
//      nearest the tree joins it (the lowest index among equally near points);
//   2. the n − 1 edges are sorted by length, stably (equal lengths keep the order Prim found them);
//   3. each edge in turn merges the two clusters holding its ends (union-find): the merge's
//      children are those clusters' ids, the lower first, and the new cluster is n + k at merge k.
// Built here rather than read from ml-hclust's agnes: its tree records neither the merge order
// nor ids (only heights, which tie), and it breaks ties between equal distances by its own matrix
// scan, so neither the children's order nor, with ties, the tree itself would be scipy's.

/** One merge, as a row of scipy's linkage matrix Z (less its size column): clusters `a` < `b` joined at distance `height`. */
export interface Merge {
  readonly a: number;
  readonly b: number;
  readonly height: number;
}

/**
 * The n − 1 merges of single linkage on n points, by height (scipy's Z): `distance(i, j)` is the
 * symmetric distance between points i and j (≥ 0, not NaN). Points are 0..n−1; the cluster
 * formed at merge k is n + k.
 */
export function singleLinkage(n: number, distance: (i: number, j: number) => number): Merge[] {
  const edges: { from: number; to: number; length: number }[] = [];
  const reached = new Uint8Array(n);
  const nearest = new Float64Array(n).fill(Infinity);
  let x = 0;
  for (let k = 0; k < n - 1; k++) {
    reached[x] = 1;
    let best = Infinity;
    let y = 0;
    for (let i = 0; i < n; i++) {
      if (reached[i] === 1) continue;
      const d = distance(x, i);
      if (nearest[i] > d) nearest[i] = d;
      if (nearest[i] < best) {
        best = nearest[i];
        y = i;
      }
    }
    edges.push({ from: x, to: y, length: best });
    x = y;
  }
  edges.sort((p, q) => p.length - q.length); // Array.prototype.sort is stable
  const parent = Int32Array.from({ length: 2 * n - 1 }, (_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r];
    while (parent[i] !== r) [i, parent[i]] = [parent[i], r];
    return r;
  };
  return edges.map(({ from, to, length }, k) => {
    const [p, q] = [root(from), root(to)];
    const id = n + k;
    parent[p] = id;
    parent[q] = id;
    return { a: Math.min(p, q), b: Math.max(p, q), height: length };
  });
}

/**
 * The leaves of a linkage read from the root, each merge's children in their order (`a` before
 * `b`): López de Prado's getQuasiDiag (2016, and Advances in Financial Machine Learning, 2018,
 * snippet 16.2). Indices 0..n−1.
 */
export function leafOrder(merges: readonly Merge[]): number[] {
  const n = merges.length + 1;
  const order: number[] = [];
  const stack = [2 * n - 2];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (id < n) order.push(id);
    else stack.push(merges[id - n].b, merges[id - n].a);
  }
  return order;
}
