// Single-session moves that revert: the rule (hand-made series), the Market table the loader
// builds (known at the bar that takes the move back, never earlier), the screen the built-in
// cross-sectional strategies apply, and DEN in ../shared/data.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../../data/dates.ts';
import { describeMove, revertingMoves } from '../../../data/inspect.ts';
import { loadMarket } from '../../../data/load.ts';
import { findReversals } from '../../../data/prices/series/reversals.ts';
import { withoutRevertingMoves } from '../../../strategies/blocks/universe.ts';
import { viewAt } from '../../strategies/views.ts';
import { csv, explainSkip, hasData, sharedData, tempDir, writeFile } from '../fixtures.ts';

explainSkip('reverting moves in the real universe');

describe('findReversals', () => {
  it('flags a ×3-or-more jump taken back within 10 bars; a move that holds or half-reverts is not flagged', () => {
    expect(findReversals([0.03, 46, 45, 0.025, 0.03])).toEqual([{ row: 1, backRow: 3, ratio: 46 / 0.03 }]); // the way back is not a move of its own
    expect(findReversals([10, 40, 41, 39])).toEqual([]); // holds
    expect(findReversals([10, 40, 20, 20])).toEqual([]); // half back: ln 2 > 0.25 · ln 4
    expect(findReversals([10, 29, 10])).toEqual([]); // below ×3
    expect(findReversals([10, 1, 10])).toEqual([{ row: 1, backRow: 2, ratio: 0.1 }]);
  });

  it('works in logs: a tiny print is one move of its true size, its way back no second move (r22a finding 3)', () => {
    expect(findReversals([10, 10, 1e-300, 10, 10])).toEqual([{ row: 2, backRow: 3, ratio: 1e-301 }]);
    // 1e10 / 1e-300 = 1e310 is beyond binary64: as a quotient the way back was an infinite move "taken back" by the next close.
    expect(findReversals([1e10, 1e-300, 1e10, 1e10])).toEqual([{ row: 1, backRow: 2, ratio: 1e-310 }]);
  });

  it('says the size of a move whose inverse leaves binary64: ÷1.00e+301, ÷1.00e+310', () => {
    const move = { symbol: 'BBB', date: '2024-01-05', revertedOn: '2024-01-08' };
    expect(describeMove({ ...move, ratio: 1e-301 })).toBe('BBB 2024-01-05 ÷1.00e+301 (back 2024-01-08)');
    expect(describeMove({ ...move, ratio: 1e-310 })).toBe('BBB 2024-01-05 ÷1.00e+310 (back 2024-01-08)');
    expect(describeMove({ ...move, ratio: 4 })).toBe('BBB 2024-01-05 ×4.00 (back 2024-01-08)');
  });

  it('rounds the mantissa within [1, 10) and says a ratio that underflowed to 0 (a move of more than 616 powers of ten)', () => {
    const move = { symbol: 'BBB', date: '2024-01-05', revertedOn: '2024-01-08' };
    // −log10(1.0001e-310) = 309.99996: 9.9991e+309, which two decimals round to 1.00e+310, never "10.00e+309".
    expect(describeMove({ ...move, ratio: 1.0001e-310 })).toBe('BBB 2024-01-05 ÷1.00e+310 (back 2024-01-08)');
    // 2.3e-308 after 1.7e308: the quotient is 0, its inverse Infinity (was "÷NaNe+Infinity").
    expect(describeMove({ ...move, ratio: 0 })).toBe('BBB 2024-01-05 ÷more than 1.8e308 (back 2024-01-08)');
  });
});

describe('reverting moves in a loaded market', () => {
  it('are known at the bar that takes them back; the screen hides the name from then on, for a year', async () => {
    const dir = tempDir();
    const days = ['2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07', '2020-01-08'];
    writeFile(dir, 'BAD.csv', csv('Date,Close', ...days.map((d, k) => `${d},${[5, 5, 500, 5, 5][k]}`)));
    writeFile(dir, 'OK.csv', csv('Date,Close', ...days.map((d) => `${d},7`)));
    const market = await loadMarket(dir, { cacheDir: false });
    expect(revertingMoves(market)).toEqual([{ symbol: 'BAD', date: '2020-01-06', revertedOn: '2020-01-07', ratio: 100 }]);
    const bad = market.symbols.indexOf('BAD');
    const members = [0, 1];
    expect(Array.from(withoutRevertingMoves(viewAt(market, 2), members))).toEqual(members); // the jump's own close: not yet known
    expect(Array.from(withoutRevertingMoves(viewAt(market, 3), members))).toEqual(members.filter((i) => i !== bad));
    expect(viewAt(market, 4).revertingMoves(bad)).toBe(1);
    expect(viewAt(market, 4).revertingMoves(bad, 1)).toBe(0); // outside a one-session window
    const later = await loadMarket(dir, { cacheDir: false, from: '2020-01-07' });
    expect(revertingMoves(later)).toEqual([]); // the jump itself is before the period
  });
});

describe.skipIf(!hasData)('reverting moves in ../shared/data', () => {
  it('DEN flips between about 0.03 and 46 and is flagged, with dates and sizes', async () => {
    const market = await loadMarket(join(sharedData, 'universe', 'prices_daily_bluefin_nodsturdy.csv.gz'), { cacheDir: false, symbols: ['DEN'] });
    const moves = revertingMoves(market);
    expect(moves.length).toBeGreaterThan(20);
    expect(moves[0]).toEqual({ symbol: 'DEN', date: '2016-02-04', revertedOn: '2016-02-11', ratio: 46.130001 / 0.03 });
    expect(market.revertingMoves!.session[0]).toBe(market.dates.indexOf(parseIsoDay('2016-02-11')));
  });
});
