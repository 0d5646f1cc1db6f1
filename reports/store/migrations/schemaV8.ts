// Schema step V8 (a step of MIGRATIONS in schema.ts, documented in reports/SCHEMA.md): an order a
// later decision amended (a rebalance order for the same symbol and direction keeps resting with
// the new quantity, so its per-order commission minimum is paid once) names that decision, so its
// record does not read as if its first decision had asked for the amended quantity. NULL for
// orders never amended, and for every order of runs stored before V8.

export const V8 = `
ALTER TABLE orders ADD COLUMN amended_session INTEGER;
ALTER TABLE orders ADD COLUMN amended_date TEXT;
`;
