// Schema step V10 (a step of MIGRATIONS in schema.ts, documented in reports/SCHEMA.md): the shares
// an amended order was first decided for. `quantity` moves with each amendment (as last amended),
// so the record kept only the amended size; `decided_quantity` keeps what the first decision asked.
// NULL for orders never amended (their `quantity` is it: most orders, so the common row stays as
// small as before), and for every order of runs stored before V10.

export const V10 = `
ALTER TABLE orders ADD COLUMN decided_quantity REAL;
`;
