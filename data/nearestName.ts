// The known name nearest a mistyped one, for a "did you mean" hint in an error (a borrow override
// for BBBB where the data holds BBB). Nearness is the Levenshtein distance (Levenshtein 1966:
// single-character insertions, deletions and substitutions), ignoring case.

/** Edits allowed per three characters of the typed name, at least one: BBBB → BBB, not X → SPY. */
const CHARACTERS_PER_EDIT = 3;

/**
 * The name of `known` nearest `typed` (the first of equals, in `known`'s order), or undefined when
 * none is within max(1, ⌊|typed| / 3⌋) edits. O(|known| × |typed| × |name|): for error paths only.
 */
export function nearestName(typed: string, known: readonly string[]): string | undefined {
  const wanted = typed.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(wanted.length / CHARACTERS_PER_EDIT)) + 1;
  for (const name of known) {
    const d = editDistance(wanted, name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * The hint after an unknown symbol, the same wherever a symbol is named: ` ("iwm" is here:
 * symbols are case-sensitive, …)` when `known` holds it in another case, ` (did you mean BBB?)`
 * for the nearest name (nearestName), else ''.
 */
export function symbolHint(typed: string, known: readonly string[]): string {
  const near = nearestName(typed, known);
  if (near === undefined) return '';
  if (near.toLowerCase() === typed.toLowerCase()) return ` ("${near}" is here: symbols are case-sensitive, and a per-symbol file's name is its symbol)`;
  return ` (did you mean ${near}?)`;
}

/** Levenshtein distance between a and b, by the two-row dynamic programme. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
