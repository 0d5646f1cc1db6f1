// The comparison's year-by-year winners: equal best returns (to 1e-12 relative) are a tie — no
// winner marked, no year counted — so the same path measured twice (one run on a seven-day
// calendar, one on weekdays) never "wins" by the order of its column.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { yearWinners } from '../../../reports/html/comparison/comparisonMeasures.ts';
import { type ComparisonRun, renderComparison } from '../../../reports/html/index.ts';
import { comparisonRun } from './helpers/pages.ts';

describe('yearWinners', () => {
  it('names the sole best, marks exact and 1e-12-relative ties, and leaves a year fewer than two runs have', () => {
    const r2020 = 0.3781057679;
    expect(
      yearWinners([
        [0.1, r2020, r2020], // Cd and Dd identical: tie
        [0.5, 0.2, 0.2 * (1 + 5e-13)], // best is the first, alone
        [0.2, 0.3 * (1 + 5e-13), 0.3], // within 1e-12 relative: tie
        [0.2, 0.3 * (1 + 1e-9), 0.3], // 1e-9 apart: the larger wins
        [null, 0.4, null], // one run: no winner
        [0, 0, null], // 0 and 0: tie
      ]),
    ).toEqual(['tie', 0, 'tie', 1, null, 'tie']);
  });

  it('a run listed twice never wins; permuting the runs permutes the winner (property)', () => {
    const row = fc.array(fc.double({ min: -0.9, max: 3, noNaN: true }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(row, fc.nat(), (values, pick) => {
        const twice = [...values, values[pick % values.length]];
        const winner = yearWinners([twice])[0];
        expect(winner === 'tie' || winner === null || twice[winner] > Math.max(...twice.filter((_, j) => j !== winner))).toBe(true);
        const best = Math.max(...values);
        if (values[pick % values.length] === best) expect(winner).toBe('tie');
        const reversed = yearWinners([[...twice].reverse()])[0];
        expect(reversed).toBe(typeof winner === 'number' ? twice.length - 1 - winner : winner);
      }),
      { numRuns: 200, seed: 15 },
    );
  });
});

describe('the comparison page’s year-by-year table', () => {
  it('counts no tie as a win: the same NAV under two labels wins no year', () => {
    const a = comparisonRun('A', 1, 600);
    const runs: ComparisonRun[] = [a, { ...a, id: a.id + 1, label: 'Same' }];
    const html = renderComparison({ title: 't', runs });
    expect(html).toContain('Years won: A 0 · Same 0 (3 years tied: equal best returns to 1e-12 relative, no winner).');
    expect(html).not.toMatch(/<td class="t">(A|Same)<\/td>/);
  });
});
