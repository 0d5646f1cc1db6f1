// Schema step V12 (a step of MIGRATIONS in schema.ts, documented in reports/SCHEMA.md): whether a
// session's NAV only carried earlier closes (`daily.nav_carried`, the engine's daily `navCarried`:
// 1 where no position held into its close had a bar). Such a session observes nothing new of
// the book's value, so the relative metrics pair the NAV and the benchmark across it, as across a
// benchmark holiday (probe r48c: a book of STRAT on a day STRAT had no bar read a 0 % return
// beside the benchmark's −2.9 %: beta 0.77, alpha +56 %). NULL in runs stored before V12, which
// keep the pairing they were measured with.

export const V12 = `
ALTER TABLE daily ADD COLUMN nav_carried REAL;
`;
