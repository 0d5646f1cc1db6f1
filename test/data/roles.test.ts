// What a role (`@smallCap`) that names nothing says: what fills it, and the fix — a symbol of the
// data, or, where --symbols narrowed the market, adding the fund to them (probe r70b F3, r71b F3).

import { describe, expect, it } from 'vitest';
import { roleHelp } from '../../data/roles.ts';

describe('roleHelp', () => {
  it('names the funds that fill a role and the data\'s symbols to name instead', () => {
    expect(roleHelp('@smallCap', ['AAA', 'BBB', 'CCC', 'DDD'])).toBe('@smallCap is filled by IWM or SYN_SMALL where the data holds one; it holds neither: name one of its symbols instead (AAA, BBB, CCC …)');
    expect(roleHelp('bond', ['AAA'])).toBe('@bond is filled by TLT or SYN_BOND where the data holds one; it holds neither: name one of its symbols instead (AAA)');
  });

  it('blames the symbols loaded, not the data, where --symbols left the fund out (before: "it holds neither" of a folder holding SMLF)', () => {
    expect(roleHelp('@qualitySmallCap', ['IWM', 'SPY'], ['IWM', 'SPY'])).toBe(
      '@qualitySmallCap is filled by SMLF or SYN_QSMALL where the data holds one; the symbols loaded (IWM, SPY) hold neither: add SMLF to them if the data has it, or name one of them instead',
    );
  });

  it('is undefined for a name that is no role of breadth\'s', () => {
    expect(roleHelp('@midCap', ['AAA'])).toBeUndefined();
  });
});
