// Types for the `quadprog` package (a port of R's quadprog, Goldfarb-Idnani dual method), which
// ships none. Arrays are 1-based as in the Fortran original: index 0 is unused.
declare module 'quadprog' {
  export interface QpResult {
    /** Empty on success, otherwise why it failed ("constraints are inconsistent, no solution!", …). */
    readonly message: string;
    readonly solution?: number[];
    readonly value?: number[];
    readonly iterations?: number[];
  }
  /** min −dᵀb + ½ bᵀDb subject to Aᵀb ≥ b0, the first `meq` constraints as equalities. D and d are overwritten. */
  export function solveQP(Dmat: number[][], dvec: number[], Amat: number[][], bvec: number[], meq?: number): QpResult;
  const quadprog: { solveQP: typeof solveQP };
  export default quadprog;
}
