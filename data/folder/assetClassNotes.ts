// What decided the asset class of each symbol of a price folder or file, for the calendar's notes:
// a symbols file for the symbols it gives one, then the assetClass option (--asset-class), a
// folder named etf, etfs or funds (a fallback rule), or the default, stock (data/load.ts's order).
// Each note names the symbols it covers when it is not all of them, and the option's note says
// which symbols a symbols file made otherwise.

import { AssetClass } from '../market.ts';
import type { AlignedPrices } from '../prices/align.ts';

/** How a price folder or file's symbols get their asset class when no symbols file says it. */
export interface ClassRule {
  /** The assetClass option (--asset-class), if given. */
  readonly option: 'stock' | 'fund' | undefined;
  /** A folder name on the path that says funds (etf, etfs, funds), if any. */
  readonly byFolderName: string | undefined;
}

const SHOWN = 10;
const listed = (names: readonly string[]): string => `${names.slice(0, SHOWN).join(', ')}${names.length > SHOWN ? ', …' : ''}`;
const counted = (n: number): string => `${n} symbol${n === 1 ? '' : 's'}`;

/**
 * The notes on asset classes: `given[i]` is 1 when a symbols file gave symbol i its class (already
 * in `aligned.assetClass`). E.g. with --asset-class fund and a symbols.csv making AAA a stock:
 * "asset class fund: set for the 1 symbol no symbols.csv gives one by the assetClass option
 * (--asset-class): BBB" and "symbols.csv overrides --asset-class fund for 1 symbol: AAA (stock)".
 */
export function assetClassNotes(aligned: Pick<AlignedPrices, 'symbols' | 'assetClass'>, given: Uint8Array, rule: ClassRule): string[] {
  const { symbols, assetClass } = aligned;
  const { option } = rule;
  const overridden = option ? symbols.filter((_, i) => given[i] === 1 && assetClass[i] !== AssetClass[option]) : [];
  const overrides = option && overridden.length > 0 ? [`symbols.csv overrides --asset-class ${option} for ${counted(overridden.length)}: ${listed(overridden)} (${option === 'fund' ? 'stock' : 'fund'})`] : [];
  const rest = symbols.filter((_, i) => given[i] === 0);
  if (rest.length === 0) return symbols.length === 0 ? [] : ['asset class from symbols.csv for every symbol', ...overrides];
  const whole = rest.length === symbols.length;
  const whom = whole ? 'every symbol' : `the ${counted(rest.length)} no symbols.csv gives one`;
  const which = whole ? '' : `: ${listed(rest)}`;
  if (option) return [`asset class ${option}: set for ${whom} by the assetClass option (--asset-class)${which}`, ...overrides];
  if (rule.byFolderName) return [`asset class fund for ${whom}: read from the folder name "${rule.byFolderName}" (fallback rule; say it with --asset-class or a symbols.csv)${which}`];
  return [`asset class stock for ${whom} (the default; say otherwise with --asset-class or a symbols.csv)${which}`];
}
