// When Treynor is shown: below |β| = 0.2 the excess return divided by β is noise divided by almost
// zero (a market-neutral book), so every surface — computed metrics, stored ones read back by
// export, the tear sheet and the compare page — withholds it with the same note.

/** Below this |β|, Treynor (excess return / β) explodes and says nothing. */
export const TREYNOR_MIN_BETA = 0.2;

/** The note withholding Treynor at this β, or null where it is shown (|β| ≥ 0.2, or β unknown). */
export function treynorWithheld(beta: number | null | undefined): string | null {
  if (beta === null || beta === undefined || !(Math.abs(beta) < TREYNOR_MIN_BETA)) return null;
  return `not shown: |beta| = ${Number(Math.abs(beta).toPrecision(3))}, below ${TREYNOR_MIN_BETA}, so excess return / beta is meaningless`;
}

/** A stored metric set with Treynor withheld (value null, the note) where its β is below the bound; runs stored before the rule get it too. */
export function withholdTreynor<M extends { name: string; value: number | null; note?: string | null }>(metrics: readonly M[]): M[] {
  const note = treynorWithheld(metrics.find((m) => m.name === 'beta')?.value);
  return note === null ? [...metrics] : metrics.map((m) => (m.name === 'treynor' && m.value !== null ? { ...m, value: null, note } : m));
}
