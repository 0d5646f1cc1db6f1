// The built-in sample as a load of it: generated whole (its seed and options define every number,
// so a part of it is the same part of the whole), then narrowed to the symbols, period and
// calendar asked by the path loadMarket takes (selectLoaded.ts): `symbols: [SYN_SMALL]` holds
// SYN_SMALL alone, as `symbols: [IWM]` holds IWM alone of real data.

import { UserError } from '../errors.ts';
import type { Market } from '../market.ts';
import { symbolsHint } from '../nearestName.ts';
import { summariseList } from '../prices/select.ts';
import { generateSampleMarket, SAMPLE_BOND, type SampleOptions } from '../sample.ts';
import { SAMPLE_FUND_ORDER } from './indices.ts';
import { selectLoaded, selectionOf, type LoadSelection } from '../selectLoaded.ts';

/**
 * The SYNTHETIC sample (generateSampleMarket with `sample`) narrowed to `select` as loadMarket
 * narrows a path: only `symbols` (selectedSymbols set; roles filled by those kept, so @smallCap
 * is SYN_SMALL only where SYN_SMALL is among them), the period `from`–`to` (ISO dates,
 * inclusive; `requested` set), the calendar. With nothing to select, the whole sample as
 * generated (same fingerprint); else a Market without the generator's `sample` details (they
 * index the whole sample's stocks) whose fingerprint hashes the whole's with the selection.
 * @throws UserError as generateSampleMarket for a sample option out of range; as selectLoaded for
 *   `symbols: []`, a from/to not ISO or swapped, or a symbol with no price in the period; for a
 *   symbol the sample lacks (checkSampleSymbols).
 */
export function loadSampleMarket(sample: SampleOptions = {}, select: LoadSelection = {}): Market {
  selectionOf(select); // a selection that cannot be made is said before the sample is generated
  const whole = generateSampleMarket(sample);
  const nothing = select.symbols === undefined && select.from === undefined && select.to === undefined && (select.calendar ?? 'union') === 'union' && select.roles === undefined;
  if (nothing) return whole;
  if (select.symbols) checkSampleSymbols(select.symbols, whole.symbols, whole.sample.options.stocks);
  const { sample: _details, ...market } = whole;
  return selectLoaded(market, whole.name, select);
}

/**
 * Every symbol asked is one of the sample's `all` (`stocks` stocks, then the funds); else a
 * UserError naming them, a near one, and what the sample holds: `no symbol SYN_SMAL in the
 * built-in sample (did you mean SYN_SMALL?): it holds the stocks SYN0001 … SYN0600 and the funds
 * SYN_SMALL, SYN_QSMALL, SYN_LARGE, SYN_BOND`.
 */
function checkSampleSymbols(symbols: readonly string[], all: readonly string[], stocks: number): void {
  const known = new Set(all);
  const unknown = symbols.filter((s) => !known.has(s));
  if (unknown.length === 0) return;
  const funds = [...SAMPLE_FUND_ORDER, SAMPLE_BOND].join(', ');
  throw new UserError(`no ${unknown.length === 1 ? 'symbol' : 'symbols'} ${summariseList(unknown)} in the built-in sample${symbolsHint(unknown, all)}: it holds the stocks ${all[0]} … ${all[stocks - 1]} and the funds ${funds}`);
}
