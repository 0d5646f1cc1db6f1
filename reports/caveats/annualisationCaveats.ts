// The P a measure was annualised with, said wherever it is not plain (METRICS.md "Inputs": an
// irregular spacing gets a warning): an irregular calendar's P is a best guess, and relative
// metrics on intervals paired with a benchmark of another spacing use that spacing's P; and the
// holes of a calendar, whose rows count the periods they span. One statement of each for a run
// (runMetrics.ts) and for any dated series (seriesAnalysis.ts).

import { isoDay } from '../../data/dates.ts';
import { type Caveat, caveat } from '../../engine/caveats/caveats.ts';
import { HOLE_WEEKDAYS } from '../../engine/calendar/dailyPeriods.ts';
import type { Frequency } from '../../engine/calendar/frequency.ts';
import type { MetricSet } from '../metrics/index.ts';

/**
 * Medium when `frequency` is irregular — its P a best guess: "annualised with P = 158: inferred: …;
 * set periodsPerYear if that is wrong" (naming `option`, the setting that overrides it); null
 * otherwise. With `covered`, the periods of P the returns cover where that is not one a return
 * (MetricSet.periodsCovered: an irregular calendar's rows each count their days), it says the
 * annual return's exponent, so the figure is recomputed from what is shown: "each return counts
 * its own days: the 7 returns span 120 days, 120 × 21 / 365.25 = 6.904 periods, so annual_return
 * = (Π(1 + r))^(21 / 6.904) − 1 and Calmar count 6.904 / 21 years" (probe r69a F4: the 1.08^(21/7)
 * − 1 a reader made of P and n was not the figure shown).
 */
export function irregularFrequencyCaveat(frequency: Frequency, option: string, covered?: { returns: number; periods: number }): Caveat | null {
  if (!frequency.irregular) return null;
  const P = frequency.periodsPerYear;
  const span = covered === undefined ? '' : coveredWords(covered.returns, covered.periods, P);
  return caveat('frequency', 'medium', `annualised with P = ${P}: ${frequency.source}${span}; set ${option} if that is wrong`);
}

/** "; each return counts its own days: the n returns span D days, D × P / 365.25 = m periods, so …" (irregularFrequencyCaveat). */
function coveredWords(returns: number, periods: number, P: number): string {
  const m = Number(periods.toPrecision(4));
  const days = Math.round((periods * 365.25) / P);
  return `; each return counts its own days: the ${returns} returns span ${days} days, ${days} × ${P} / 365.25 = ${m} periods, so annual_return = (Π(1 + r))^(${P} / ${m}) − 1 and Calmar counts ${m} / ${P} years`;
}

/**
 * Caveats on the P of `set`: medium when its own `frequency` is irregular (irregularFrequencyCaveat),
 * medium when its relative metrics (paired with `benchmark`) use another P than the measured
 * series, called `whose` ("the run's", "the series'").
 */
export function annualisationCaveats(frequency: Frequency, set: MetricSet, benchmark: string | undefined, whose: string, option: string): Caveat[] {
  const covered = set.periodsCovered === undefined ? undefined : { returns: knownReturns(set), periods: set.periodsCovered };
  const irregular = irregularFrequencyCaveat(frequency, option, covered);
  const out: Caveat[] = irregular === null ? [] : [irregular];
  const pairing = set.pairing;
  if (benchmark !== undefined && pairing !== undefined && pairing.intervals > 0 && pairing.periodsPerYear !== set.periodsPerYear) {
    out.push(caveat('benchmark', 'medium', `relative metrics are annualised with P = ${pairing.periodsPerYear}, not ${whose} ${set.periodsPerYear}: the ${pairing.intervals} intervals paired with ${benchmark} have ${pairing.source}`, { value: pairing.intervals, unit: 'count' }));
  }
  return out;
}

/** The returns the annual return compounded: its n. */
const knownReturns = (set: MetricSet): number => set.metrics.find((m) => m.name === 'annual_return')?.n ?? 0;

/** Holes named in a caveat before "; …". */
const SHOWN_HOLES = 3;

/** What a hole of a calendar of spacing `f` lacks, and what the row closing it counts. */
function holeWords(f: Frequency): { calendar: string; hole: string; unit: string } {
  if (f.label === 'daily') return f.periodsPerYear === 365 ? { calendar: 'daily calendar', hole: 'of missing days', unit: 'days' } : { calendar: 'daily calendar', hole: `of ${HOLE_WEEKDAYS} or more weekdays without a row`, unit: 'weekdays' };
  const unit = { weekly: 'weeks', monthly: 'months', quarterly: 'quarters', annual: 'years', other: `periods of ${f.medianGapDays} days` }[f.label];
  return { calendar: f.label === 'other' ? 'calendar' : `${f.label} calendar`, hole: `of missing ${f.label === 'other' ? 'dates' : unit}`, unit };
}

/**
 * The holes of missing data in a calendar: its rows (`days`, ascending epoch days; `periods` of P
 * each row covers, engine/calendar/rowPeriods.ts periodsPerRow) that count two or more whole periods — a
 * daily trading-day row spanning six weekdays or more, a calendar-day row two days or more,
 * months missing from month-ends — said medium with the first few, `whose` naming the calendar
 * and `accrued` what accrues over them: "the run's daily calendar has 1 hole of 6 or more
 * weekdays without a row: the row closing it counts the weekdays it spans (2024-01-19 →
 * 2024-01-29: 6), for the annual return and interest …". Size: the periods the holes lack. None
 * on an irregular calendar, whose rows each count their days (its P has its own caveat).
 */
export function calendarHoleCaveats(days: ArrayLike<number>, periods: ArrayLike<number>, frequency: Frequency, whose: string, accrued: string): Caveat[] {
  if (frequency.irregular) return [];
  const holes: { row: number; k: number }[] = [];
  for (let row = 0; row < periods.length; row++) if (periods[row] >= 2 && Number.isInteger(periods[row])) holes.push({ row, k: periods[row] });
  if (holes.length === 0) return [];
  const { calendar, hole, unit } = holeWords(frequency);
  const one = holes.length === 1;
  const shown = holes.slice(0, SHOWN_HOLES).map(({ row, k }) => `${isoDay(days[row])} → ${isoDay(days[row + 1])}: ${k}`).join('; ');
  const lacking = holes.reduce((n, { k }) => n + k - 1, 0);
  const message =
    `${whose} ${calendar} has ${holes.length} hole${one ? '' : 's'} ${hole}: the row closing ${one ? 'it' : 'each'} counts the ${unit} it spans (${shown}${holes.length > SHOWN_HOLES ? '; …' : ''}), ` +
    `for the annual return and ${accrued} — volatility and the other per-return figures still take ${one ? 'its return' : 'the return of each'} as one`;
  return [caveat('frequency', 'medium', message, { value: lacking, unit: 'sessions' })];
}
