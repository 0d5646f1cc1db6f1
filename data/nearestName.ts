// The known name nearest a mistyped one, for a "did you mean" hint in an error (a borrow override
// for BBBB where the data holds BBB). Nearness is the optimal string alignment distance, ignoring
// case: Levenshtein's (1966) single-character insertions, deletions and substitutions, plus
// Damerau's (1964) swap of two adjacent characters as one edit (tlit → tilt is 1, not 2), for
// words (params, flags, keys, metrics, strategies). A symbol's is Levenshtein's alone: tickers
// are short arbitrary letters where a swap is another real ticker (HSY, Hershey, is not SHY, a
// Treasury fund; VIV is not IVV), so nearestSymbol counts a swap as two edits.

import { printable } from './errors.ts';
import type { SourceInfo } from './market.ts';

/** Edits allowed per three characters of the typed name, at least one: BBBB → BBB, not X → SPY. */
const CHARACTERS_PER_EDIT = 3;

/**
 * The name of `known` nearest `typed` (the first of equals, in `known`'s order), or undefined when
 * none is within max(1, ⌊|typed| / 3⌋) edits. O(|known| × |typed| × |name|): for error paths only.
 */
export function nearestName(typed: string, known: readonly string[]): string | undefined {
  return nearest(typed, known, true);
}

/** nearestName for a ticker: a swap of two adjacent letters is two edits (Levenshtein), as HSY and SHY are two names. */
export function nearestSymbol(typed: string, known: readonly string[]): string | undefined {
  return nearest(typed, known, false);
}

/** The name of `known` nearest `typed` within the edits nearestName allows, a swap one edit when `swaps`. */
function nearest(typed: string, known: readonly string[], swaps: boolean): string | undefined {
  const wanted = typed.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(wanted.length / CHARACTERS_PER_EDIT)) + 1;
  for (const name of known) {
    const d = editDistance(wanted, name.toLowerCase(), swaps);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}

/** `IWM.US` → `IWM`: a name without its exchange suffix (EODHD's `.US`, Kaggle's `.us`, `.L`, `.TO`), or undefined when it has none. */
const withoutSuffix = (name: string): string | undefined => /^(.+)\.[A-Za-z]{1,4}$/.exec(name)?.[1];

/** `iwm_us_d` → `iwm`: Stooq's download name (`<symbol>_<market>_<d|w|m|q|y>.csv`) without its market and period, or undefined. */
const stooqStem = (name: string): string | undefined => /^(.+)_[a-z]{2}_[dwmqy]$/i.exec(name)?.[1];

/** The name of `known` that is `typed` with an exchange suffix or without one (any case), and which way. */
function suffixed(typed: string, known: readonly string[]): { name: string; added: boolean } | undefined {
  const wanted = typed.toLowerCase();
  for (const name of known) {
    if (withoutSuffix(name)?.toLowerCase() === wanted) return { name, added: true };
    if (withoutSuffix(typed)?.toLowerCase() === name.toLowerCase()) return { name, added: false };
  }
  return undefined;
}

/**
 * The hint after an unknown symbol, the same wherever a symbol is named: ` (did you mean IWM.US?
 * …)` when `known` holds it with an exchange suffix (or without the one typed: a per-symbol file's
 * name, suffix and all, is its symbol), ` ("iwm" is here: symbols are case-sensitive, …)` when
 * `known` holds it in another case, ` (did you mean BBB?)` for the nearest name (nearestSymbol), else ''.
 * `fileOf` gives the file a known symbol was read from, to tell a file's name from a ticker column's.
 */
export function symbolHint(typed: string, known: readonly string[], fileOf: (symbol: string) => string | undefined = () => undefined): string {
  const suffix = suffixed(typed, known);
  if (suffix !== undefined) {
    const { name, added } = suffix;
    if (!added) return ` (did you mean ${name}? that is ${typed} without its exchange suffix: ask for ${name})`;
    // A ticker column named it (Stooq's <TICKER>, a long file): renaming the file would not change it.
    const file = fileOf(name);
    const column = file !== undefined && fileStem(file).toLowerCase() !== name.toLowerCase();
    return column
      ? ` (did you mean ${name}? that is ${typed} with an exchange suffix, as the ticker column of ${fileName(file!)} writes it: ask for ${name}, or write ${typed} in that column)`
      : ` (did you mean ${name}? that is ${typed} with an exchange suffix, kept because a per-symbol file's name is its symbol: ask for ${name}, or name the file ${typed}.csv)`;
  }
  const stooq = known.find((name) => stooqStem(name)?.toLowerCase() === typed.toLowerCase());
  if (stooq !== undefined) return ` (did you mean ${stooq}? that is Stooq's download name for ${typed} (symbol, market, period), and a per-symbol file's name is its symbol: ask for ${stooq}, or name the file ${typed}.csv)`;
  const near = nearestSymbol(typed, known);
  if (near === undefined) return '';
  if (near.toLowerCase() === typed.toLowerCase()) return ` ("${near}" is here: symbols are case-sensitive, and a per-symbol file's name is its symbol)`;
  return ` (did you mean ${near}?)`;
}

/**
 * The known symbol `typed` most likely means, as symbolHint finds it: `typed` with an exchange
 * suffix or without the one typed (AAA → AAA.US), Stooq's download name for it, `typed` in another
 * case, else the nearest name (nearestSymbol); undefined when none is near.
 */
export function meantSymbol(typed: string, known: readonly string[]): string | undefined {
  return suffixed(typed, known)?.name ?? known.find((name) => stooqStem(name)?.toLowerCase() === typed.toLowerCase()) ?? nearestSymbol(typed, known);
}

/**
 * The hint after several unknown symbols: ` (did you mean IWM, SPY? symbols are case-sensitive)`
 * when `known` holds each of them in another case, ` (did you mean IWM, SPY?)` when each has a
 * nearest name (nearestSymbol), else '' (one without a match leaves the list to the caller's).
 */
export function symbolsHint(typed: readonly string[], known: readonly string[]): string {
  if (typed.length > 10) return '';
  const meant = typed.map((t) => known.find((k) => k.toLowerCase() === t.toLowerCase()) ?? nearestSymbol(t, known));
  if (meant.some((m) => m === undefined)) return '';
  const caseOnly = meant.every((m, k) => m!.toLowerCase() === typed[k].toLowerCase());
  return ` (did you mean ${[...new Set(meant)].join(', ')}?${caseOnly ? ' symbols are case-sensitive' : ''})`;
}

/**
 * symbolHint over a market's symbols, then ` (IWM.txt is here but not read: …)` when a source the
 * market did not read (SourceInfo.unread, prices/files/unreadFiles.ts) is named after `typed` (any case).
 */
export function symbolHintIn(typed: string, market: { readonly symbols: readonly string[]; readonly sources: readonly SourceInfo[] }): string {
  const wanted = typed.toLowerCase();
  // A name with a line break or tab is matched without it ("SPL\n.csv" for SPL): it is the file meant.
  const unread = market.sources.find((s) => s.unread !== undefined && fileStem(s.path).replace(/[\u0000-\u001f\u007f]/g, '').toLowerCase() === wanted);
  const fileOf = (symbol: string): string | undefined => market.sources.find((s) => s.symbols?.includes(symbol))?.path;
  return `${symbolHint(typed, market.symbols, fileOf)}${unread === undefined ? '' : ` (${printable(fileName(unread.path))} is here but not read: ${unread.unread})`}`;
}

/**
 * The last part of a path, and that without its extension, a table's before it and a gzip's
 * between (IWM.txt, SPY.csv.txt, GLD.csv.bak, QQQ.csv.zip → IWM, SPY, GLD, QQQ; aapl.us.txt →
 * aapl.us), and a copy's suffix (AAA (1).csv → AAA). Pure string work: the engine uses these hints.
 */
const fileName = (path: string): string => /[^/\\]*$/.exec(path)![0];
const fileStem = (path: string): string => fileName(path).replace(/(?:\.(?:csv|tsv|txt))?(?:\.gz)?(?:\.[^.]*)?$/i, '').replace(COPY_SUFFIX, '');
/** A browser's or a file manager's copy suffix (`AAA (1)`, `AAA - Copy`, `AAA copy 2`: prices/files/priceFileName.ts COPY_NAME): the file is the symbol's. */
const COPY_SUFFIX = / \(\d+\)$| - Copy(?: \(\d+\))?$| copy(?: \d+)?$/i;

/**
 * Optimal string alignment distance between a and b: the fewest single-character insertions,
 * deletions, substitutions and swaps of two adjacent characters (each 1) turning a into b, no
 * substring edited twice (Damerau 1964; the restricted Damerau–Levenshtein distance); without
 * `swaps`, Levenshtein's distance (a swap is two substitutions). Three-row dynamic programme, O(|a| × |b|).
 */
function editDistance(a: string, b: string, swaps: boolean): number {
  let before = Array.from({ length: b.length + 1 }, () => 0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (swaps && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j], before[j - 2] + 1);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length];
}
