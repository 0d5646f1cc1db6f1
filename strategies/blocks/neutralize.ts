// Neutralising a long/short book. Weights are NAV fractions, positive long, negative short.
// A book whose long or short side is empty (or whose betas make neutrality impossible) comes
// back flat: a one-sided "neutral" book would be a directional bet under a misleading name.

/** Scale in place so the long side sums to gross/2 and the short side to −gross/2. */
export function dollarNeutral(book: Float64Array, gross: number): Float64Array {
  const [long, short] = sides(book);
  if (long === 0 || short === 0) return book.fill(0);
  for (let i = 0; i < book.length; i++) book[i] *= book[i] > 0 ? gross / 2 / long : gross / 2 / short;
  return book;
}

/**
 * Scale the long and short sides in place so Σ wᵢβᵢ = 0 and Σ|wᵢ| = gross. Names without a beta
 * (NaN) are dropped from the book: their exposure would be unknown, not zero. Each side is
 * scaled as a whole, keeping its internal proportions; this needs both sides' average betas
 * to be positive.
 */
export function betaNeutral(book: Float64Array, betas: Float64Array, gross: number): Float64Array {
  for (let i = 0; i < book.length; i++) if (book[i] !== 0 && Number.isNaN(betas[i])) book[i] = 0;
  const [long, short] = sides(book);
  if (long === 0 || short === 0) return book.fill(0);
  let longBeta = 0;
  let shortBeta = 0;
  for (let i = 0; i < book.length; i++) {
    if (book[i] > 0) longBeta += (book[i] / long) * betas[i];
    else if (book[i] < 0) shortBeta += (-book[i] / short) * betas[i];
  }
  if (!(longBeta > 0 && shortBeta > 0)) return book.fill(0);
  // Long notional a and short notional b with a·βL = b·βS and a + b = gross.
  const a = (gross * shortBeta) / (longBeta + shortBeta);
  const b = (gross * longBeta) / (longBeta + shortBeta);
  for (let i = 0; i < book.length; i++) book[i] *= book[i] > 0 ? a / long : b / short;
  return book;
}

/** [Σ long weights, Σ |short weights|]. */
function sides(book: Float64Array): [number, number] {
  let long = 0;
  let short = 0;
  for (let i = 0; i < book.length; i++) {
    if (book[i] > 0) long += book[i];
    else if (book[i] < 0) short -= book[i];
  }
  return [long, short];
}

/**
 * Neutralising a long/short book of NAV weights (positive long, negative short), in place:
 * `neutralize.dollar(book, gross)` (dollarNeutral: long side gross/2, short side −gross/2) and
 * `neutralize.beta(book, betas, gross)` (betaNeutral: Σ wᵢβᵢ = 0 and Σ|wᵢ| = gross, names with a
 * NaN beta dropped). A book with an empty side, or betas that make neutrality impossible, comes
 * back flat (all 0).
 */
export const neutralize = { dollar: dollarNeutral, beta: betaNeutral };
