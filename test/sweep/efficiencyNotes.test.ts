// The notes beside a walk-forward's efficiencies (study/sweep/walkForward/windowNotes.ts).

import { describe, expect, it } from 'vitest';
import { walkForwardEfficiency } from '../../reports/metrics/selection/walkForwardEfficiency.ts';
import { efficiencyNotes } from '../../study/sweep/walkForward/windowNotes.ts';

const window = (isAnnualReturn: number | null, oos: number) => ({ isAnnualReturn, efficiencyNote: walkForwardEfficiency(oos, isAnnualReturn).note });

describe('efficiencyNotes', () => {
  it("says over which windows the test's mean in-sample return is taken when some have none", () => {
    const windows = [window(0.1, 0.05), window(0.2, 0.1), window(null, 0.02), window(0.3, 0.15)];
    // The test's efficiency: OOS 0.08 over the mean of 0.1, 0.2 and 0.3 = 0.2: 0.4 — over 3 of the 4 windows.
    const test = walkForwardEfficiency(0.08, (0.1 + 0.2 + 0.3) / 3, 'mean in-sample annual return');
    expect(test.value).toBeCloseTo(0.4, 12);
    expect(efficiencyNotes(windows, test)).toEqual([
      "the test's walk-forward efficiency averages the in-sample annual return of 3 of 4 windows: window 3 has none",
      'window 3: no in-sample annual return: efficiency undefined',
    ]);
    expect(efficiencyNotes([window(null, 0), window(0.1, 0), window(null, 0)], test)[0]).toBe("the test's walk-forward efficiency averages the in-sample annual return of 1 of 3 windows: windows 1, 3 have none");
  });

  it('adds nothing when every window has an in-sample return, and no average note when the test has none either', () => {
    const test = walkForwardEfficiency(0.05, 0.1, 'mean in-sample annual return');
    expect(efficiencyNotes([window(0.1, 0.05), window(0.1, 0.05)], test)).toEqual([]);
    const none = walkForwardEfficiency(0.05, null, 'mean in-sample annual return');
    expect(efficiencyNotes([window(null, 0.05)], none)).toEqual(["the test's walk-forward efficiency: no mean in-sample annual return: efficiency undefined", 'window 1: no in-sample annual return: efficiency undefined']);
  });
});
