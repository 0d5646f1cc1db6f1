// Schema step V11 (a step of MIGRATIONS in schema.ts, documented in reports/SCHEMA.md):
// `daily.benchmark_return` is the benchmark's return over the row's own session, as `nav_return`
// is, so the two columns pair: NULL where the benchmark has no level on the session or on the one
// before. Runs stored before V11 held there the return since the benchmark's previous level — on
// the session after a benchmark holiday a two-session return beside a one-session `nav_return`
// (probe r45b F5: beta 1.084 from the export of a run whose stored beta was 1). This step clears
// those values in the runs that store levels (v2 on; older runs have no `benchmark_level` to tell
// them by and keep theirs). The levels, and the metrics (paired over them), are unchanged.

export const V11 = `
UPDATE daily SET benchmark_return = NULL
WHERE benchmark_return IS NOT NULL
  AND benchmark_level IS NOT NULL
  AND session > 0
  AND (SELECT prior.benchmark_level FROM daily prior WHERE prior.run_id = daily.run_id AND prior.session = daily.session - 1) IS NULL;
`;
