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

describe('partial years are each run\'s own, and a half year beside a whole one has no winner (probe r72d F1)', () => {
  const run = (label: string, dates: string[], nav: number[]): ComparisonRun => {
    const base = comparisonRun(label, 1, 3);
    const zeros = dates.map(() => 0);
    return { ...base, label, dates, nav, riskFreeReturns: undefined, exposures: { gross: zeros, net: zeros } };
  };
  // By hand: A from 2016-09-15 to 2018-06-12, NAV 100, 110, 121, 133.1, 140: 2016 = 110/100 − 1 = 10.00 %
  // (partial: starts 09-15, after Jan 7), 2017 = 133.1/110 − 1 = 21.00 %, 2018 = 140/133.1 − 1 = 5.18 %
  // (partial: ends 06-12, before Dec 24). B from 2016-12-30 (its first return is in 2017: no 2016) to
  // 2018-12-31, NAV 50, 55, 50, 60, 66: 2017 = 50/50 − 1 = 0.00 % and 2018 = 66/50 − 1 = 32.00 %, both whole.
  // The old table starred 2018 on the row (the null window's '12-31'.slice(5) = '' < '12-24') and not
  // 2016, and named B 2018's winner though A had only half of it.
  const a = run('A', ['2016-09-15', '2016-12-30', '2017-06-30', '2017-12-29', '2018-06-12'], [100, 110, 121, 133.1, 140]);
  const b = run('B', ['2016-12-30', '2017-06-30', '2017-12-29', '2018-06-29', '2018-12-31'], [50, 55, 50, 60, 66]);
  const rows = (html: string): string[] => [...html.matchAll(/<tr><td>(\d{4})<\/td>(.*?)<\/tr>/g)].map((m) => `${m[1]} ${m[2].replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim()}`);

  it('over each run\'s full period: stars each partial cell and names no winner for 2018', () => {
    const html = renderComparison({ title: 't', runs: [a, b], period: 'full' });
    expect(rows(html)).toEqual(['2016 10.00%* – –', '2017 21.00% 0.00% A', '2018 5.18%* 32.00% – not comparable']);
    expect(html).toContain('title="partial year: 2016-09-15 to 2016-12-30">10.00%*');
    expect(html).toContain('title="partial year: 2018-06-12 to 2018-06-12">5.18%*');
    expect(html).toContain('Years won: A 1 · B 0 (1 year not comparable: the runs cover different parts of it, no winner).');
  });

  it('with no common date: the whole year of the later run is not starred', () => {
    // A2 2023-03-01 → 2023-12-29, B2 from 2023-12-28 (no shared date): 2023 = 99/100 − 1 = −1.00 %, partial (starts 03-01); B2 2024 = 110/100 − 1 = 10.00 %, whole.
    const a2 = run('A2', ['2023-03-01', '2023-06-30', '2023-12-29'], [100, 90, 99]);
    const b2 = run('B2', ['2023-12-28', '2024-06-28', '2024-12-31'], [100, 105, 110]);
    expect(rows(renderComparison({ title: 't', runs: [a2, b2] }))).toEqual(['2023 -1.00%* – –', '2024 – 10.00% –']);
  });
});
