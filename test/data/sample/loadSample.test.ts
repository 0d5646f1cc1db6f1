// The sample narrowed as real data is (probe r70c F2): `symbols: [SYN_SMALL]` on the sample was
// checked, then ignored — the run held 455 symbols. loadSampleMarket generates it whole and
// selects by loadMarket's path (data/selectLoaded.ts); generateSampleMarket refuses a key it
// would drop.

import { describe, expect, it } from 'vitest';
import { isoDay } from '../../../data/dates.ts';
import { UserError } from '../../../data/errors.ts';
import { generateSampleMarket, type SampleOptions } from '../../../data/sample.ts';
import { loadSampleMarket } from '../../../data/sample/loadSample.ts';
import { openStudyMarket } from '../../../study/market.ts';
import { parseStudy } from '../../../study/config.ts';

const SMALL = { stocks: 20, years: 2 } as const;
const whole = generateSampleMarket(SMALL);

describe('loadSampleMarket: some symbols of the sample', () => {
  it('symbols [SYN_SMALL]: that one symbol, its prices as generated, @smallCap filled by it and no other role', () => {
    const market = loadSampleMarket(SMALL, { symbols: ['SYN_SMALL'] });
    expect(market.symbols).toEqual(['SYN_SMALL']);
    expect(market.selectedSymbols).toEqual(['SYN_SMALL']);
    expect(market.roles).toEqual({ smallCap: 'SYN_SMALL' });
    expect(market.synthetic).toBe(true);
    expect(market.name).toBe('sample universe (SYNTHETIC, seed 42)');
    // 20 stocks, then SYN_SMALL, SYN_QSMALL, SYN_LARGE, SYN_BOND: SYN_SMALL is column 20 of 24.
    expect(whole.symbols).toHaveLength(24);
    expect(whole.symbols[20]).toBe('SYN_SMALL');
    expect(market.dates).toEqual(whole.dates);
    expect(Array.from(market.close)).toEqual(Array.from({ length: whole.dates.length }, (_, t) => whole.close[t * 24 + 20]));
    // The generator's details index the whole sample's stocks: not carried onto a part of it.
    expect('sample' in market).toBe(false);
  });

  it('two stocks and a fund: those three, in the order asked, @largeCap the fund', () => {
    const market = loadSampleMarket(SMALL, { symbols: ['SYN0002', 'SYN_LARGE', 'SYN0001'] });
    expect(market.symbols).toEqual(['SYN0002', 'SYN_LARGE', 'SYN0001']);
    expect(market.roles).toEqual({ largeCap: 'SYN_LARGE' });
    expect(market.sector[0]).toBe(whole.sector[1]);
  });

  it('to 2005-06-30: the 129 weekdays from Monday 2005-01-03 to Thursday 2005-06-30 (no holiday of the sample falls there)', () => {
    const market = loadSampleMarket(SMALL, { to: '2005-06-30' });
    expect(market.dates).toHaveLength(129); // 25 weeks Jan 3 → Jun 24, then Jun 27–30
    expect(isoDay(market.dates[128])).toBe('2005-06-30');
    expect(market.requested).toEqual({ to: '2005-06-30' });
    expect(market.symbols).toHaveLength(24);
  });

  it('nothing selected: the whole sample as generated, same fingerprint; a selection has its own, whatever the order of its symbols', () => {
    expect(loadSampleMarket(SMALL).fingerprint).toBe(whole.fingerprint);
    const ab = loadSampleMarket(SMALL, { symbols: ['SYN0001', 'SYN0002'] }).fingerprint;
    expect(ab).not.toBe(whole.fingerprint);
    expect(loadSampleMarket(SMALL, { symbols: ['SYN0002', 'SYN0001'] }).fingerprint).toBe(ab);
  });

  it('a symbol the sample lacks: one line naming it, the near one and what the sample holds', () => {
    expect(() => loadSampleMarket(SMALL, { symbols: ['SYN_SMAL'] })).toThrow(
      new UserError('no symbol SYN_SMAL in the built-in sample (did you mean SYN_SMALL?): it holds the stocks SYN0001 … SYN0020 and the funds SYN_SMALL, SYN_QSMALL, SYN_LARGE, SYN_BOND'),
    );
    expect(() => loadSampleMarket(SMALL, { symbols: [] })).toThrow(/^symbols: \[\] names no symbol/);
  });

  it('generateSampleMarket refuses symbols (a JavaScript caller, or a variable typed loosely): it would make the whole sample', () => {
    const options = { ...SMALL, symbols: ['SYN_SMALL'] } as SampleOptions;
    expect(() => generateSampleMarket(options)).toThrow(
      new UserError('symbols: not an option of the sample (seed, stocks, years, startDate); it is generated whole: to keep some symbols or a period of it, loadSampleMarket(options, { symbols, from, to })'),
    );
  });
});

describe("openStudyMarket: a study's symbols on the sample", () => {
  it('data: sample with symbols [SYN_SMALL] opens SYN_SMALL alone (a run, a sweep and a worker all open it here)', async () => {
    const study = parseStudy({ data: 'sample', sample: SMALL, symbols: ['SYN_SMALL'], runs: [{ name: 'a', strategy: 'buy-and-hold' }] });
    expect((await openStudyMarket(study)).symbols).toEqual(['SYN_SMALL']);
  });

  it("the study's to ends the sample as it ends real data", async () => {
    const study = parseStudy({ data: 'sample', sample: SMALL, to: '2005-06-30', runs: [{ name: 'a', strategy: 'buy-and-hold' }] });
    const market = await openStudyMarket(study);
    expect(isoDay(market.dates[market.dates.length - 1])).toBe('2005-06-30');
    expect(market.requested).toEqual({ to: '2005-06-30' });
  });
});
