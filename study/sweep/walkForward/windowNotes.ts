// What a walk-forward test says about its windows beside the table (terminal, --json `notes`, the
// walk-forward page): a last out-of-sample span the end of the run cut short, whose annualised
// figures rest on a few returns; a window whose own P is a best guess (an irregular calendar, the
// frequency caveat a run over it gets); and, per window, the caveats of its in-sample trials told
// as `breadth sweep` tells its trials' (select.ts caveatNotes) — a choice made among trials that
// held half their book in cash for want of a price reads otherwise (probe r57b F1, F2); and an
// efficiency left undefined, a window's or the test's (an in-sample return ≤ 0: probe r64b F2).

import { isoDay } from '../../../data/dates.ts';
import { irregularFrequencyCaveat } from '../../../reports/caveats/annualisationCaveats.ts';
import type { Efficiency } from '../../../reports/metrics/index.ts';
import type { TrialRecord, WindowRecord } from '../../../reports/store/index.ts';
import { caveatNotes } from '../select.ts';
import { outOfSampleFrequency, returnSessions } from './windowFigures.ts';
import type { Window } from './windows.ts';

/** The sweep point an in-sample trial ran: its name less the " IS <from>..<to>" planWindows adds. */
export const pointName = (trialName: string): string => trialName.replace(/ IS .*$/, '');

export interface WindowNotesInput {
  /** The market's calendar (epoch days) the windows index. */
  readonly dates: Int32Array;
  readonly windows: readonly Window[];
  /** The out-of-sample span as the study writes it ("3m"). */
  readonly outOfSample: string;
  /** The periodsPerYear the study sets (else each window's P is inferred). */
  readonly periodsPerYear: number | undefined;
  /** Each window's in-sample trials, named by the test's own sweep points (pointName). */
  readonly trials: readonly (readonly TrialRecord[])[];
}

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** "window 3", "windows 1–4", "windows 1, 2, 5" of window indices (0-based, ascending). */
function windowList(ks: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < ks.length; i++) {
    let j = i;
    while (j + 1 < ks.length && ks[j + 1] === ks[j] + 1) j++;
    runs.push(j > i + 1 ? `${ks[i] + 1}–${ks[j] + 1}` : j === i + 1 ? `${ks[i] + 1}, ${ks[j] + 1}` : `${ks[i] + 1}`);
    i = j;
  }
  return `window${ks.length === 1 ? '' : 's'} ${runs.join(', ')}`;
}

/**
 * The in-sample trials' caveats of each window, as a sweep tells its trials' (select.ts
 * caveatNotes), the high ones first; a line that several windows share (a data note, a setting
 * every trial has) once, naming them: "windows 1–4's in sample: every trial: same-close execution: …".
 */
function trialNotes(trials: readonly (readonly TrialRecord[])[]): string[] {
  const lines = (['high', 'medium'] as const).flatMap((severity) => {
    const shared = new Map<string, number[]>();
    trials.forEach((own, k) => {
      for (const line of caveatNotes(own.map((t) => ({ ...t, caveats: t.caveats.filter((c) => c.severity === severity) })))) shared.set(line, [...(shared.get(line) ?? []), k]);
    });
    return [...shared];
  });
  return lines.map(([line, ks]) => `${windowList(ks)}'s in sample: ${line}`);
}

/** The notes of the windows: each window's (cut short, irregular P out of sample), then the in-sample trials' caveats (trialNotes). */
export function windowNotes({ dates, windows, outOfSample, periodsPerYear, trials }: WindowNotesInput): string[] {
  const day = (t: number): string => isoDay(dates[t]);
  const runFirst = windows.length > 0 ? windows[0].oosFirst : 0;
  const own = windows.flatMap((w, k) => {
    const oos = `${windowList([k])}'s out of sample, ${day(w.oosFirst)} → ${day(w.oosLast)}`;
    const frequency = outOfSampleFrequency(dates, w, runFirst, periodsPerYear);
    const notes: string[] = [];
    if (w.cut) {
      const [from, to] = returnSessions(w, runFirst);
      const by = w.oosLast === dates.length - 1 ? "the data's end" : "the period's end";
      notes.push(`${oos}, is cut short by ${by}: ${plural(w.oosLast - w.oosFirst + 1, 'session')} of an outOfSample span of ${outOfSample}; its annualised figures extrapolate from ${plural(to - from, 'return')} (P = ${frequency.periodsPerYear})`);
    }
    const irregular = irregularFrequencyCaveat(frequency, 'periodsPerYear');
    if (irregular !== null) notes.push(`${oos}: ${irregular.message}`);
    return notes;
  });
  return [...own, ...trialNotes(trials)];
}

/**
 * Why an efficiency is undefined: each window's ("window 4: in-sample annual return -1.9% ≤ 0:
 * efficiency undefined …", walkForwardEfficiency) and the test's (`test`, over the mean in-sample
 * annual return); none when all have a value. A test's efficiency over the windows that have an
 * in-sample annual return, where some have none, says over which ("… averages the in-sample annual
 * return of 3 of 4 windows: window 3 has none").
 */
export function efficiencyNotes(windows: readonly Pick<WindowRecord, 'efficiencyNote' | 'isAnnualReturn'>[], test: Efficiency): string[] {
  const own = windows.flatMap((w, k) => (w.efficiencyNote === null ? [] : [`${windowList([k])}: ${w.efficiencyNote}`]));
  const without = windows.flatMap((w, k) => (w.isAnnualReturn === null ? [k] : []));
  const partial =
    test.value !== null && without.length > 0
      ? [`the test's walk-forward efficiency averages the in-sample annual return of ${windows.length - without.length} of ${windows.length} windows: ${windowList(without)} ${without.length === 1 ? 'has' : 'have'} none`]
      : [];
  return test.note === null ? [...partial, ...own] : [`the test's walk-forward efficiency: ${test.note}`, ...own];
}
