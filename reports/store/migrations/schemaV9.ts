// Schema step V9 (a step of MIGRATIONS in schema.ts, documented in reports/SCHEMA.md): the marks of
// a decision that repeated an earlier book. Its rows are not stored again (v5), but their prices
// moved: `decisions.marks` holds that close's mark of each row of the repeated book, in the stored
// rows' order, as a Float64 BLOB (8 bytes a row instead of a whole `positions` row; NaN where the
// symbol had no mark). NULL for a decision with its own rows, and for every decision of runs
// stored before V9 (their repeated rows read back without price, value and weight).

export const V9 = `
ALTER TABLE decisions ADD COLUMN marks BLOB;
`;
