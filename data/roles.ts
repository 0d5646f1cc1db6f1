// Roles: the names a strategy or study uses for "the small-cap index" and its kin, whatever data
// it runs on (`@smallCap` in weights, `benchmark: "@largeCap"`). A role is filled by the first of
// its candidates the market holds: the real funds, then the built-in sample's.

import { SAMPLE_BOND } from './sample/bond.ts';
import { SAMPLE_FUNDS } from './sample/indices.ts';

/** Role → the symbols that can fill it, first present wins (real ETFs, then the sample's funds). */
export const ROLE_CANDIDATES: Readonly<Record<string, readonly string[]>> = {
  smallCap: ['IWM', SAMPLE_FUNDS.smallCap],
  qualitySmallCap: ['SMLF', SAMPLE_FUNDS.qualitySmallCap],
  largeCap: ['SPY', SAMPLE_FUNDS.largeCap],
  bond: ['TLT', SAMPLE_BOND],
};

/**
 * Why a role breadth knows names nothing in a market holding `symbols` (its first few as the
 * alternative): what fills it, and the fix — "@smallCap is filled by IWM or SYN_SMALL where the
 * data holds one; it holds neither: name one of its symbols instead (AAA, BBB, CCC …)"; for a
 * market loaded with some symbols only (`selected`, as `--symbols` asked), that those hold none and
 * one can be added. Undefined for a name that is no role of breadth's.
 */
export function roleHelp(role: string, symbols: readonly string[], selected?: readonly string[]): string | undefined {
  const name = role.replace(/^@/, '');
  const candidates = ROLE_CANDIDATES[name];
  if (candidates === undefined) return undefined;
  const none = candidates.length === 2 ? 'neither' : 'none';
  const filled = `@${name} is filled by ${candidates.join(' or ')} where the data holds one`;
  if (selected !== undefined) return `${filled}; the symbols loaded (${selected.join(', ')}) hold ${none}: add ${candidates[0]} to them if the data has it, or name one of them instead`;
  const instead = symbols.length === 0 ? '' : `: name one of its symbols instead (${symbols.slice(0, 3).join(', ')}${symbols.length > 3 ? ' …' : ''})`;
  return `${filled}; it holds ${none}${instead}`;
}
