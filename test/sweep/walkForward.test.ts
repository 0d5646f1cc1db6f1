// Walk-forward: the windows tile the run's period as asked; the stitched strategy hands each
// session to the window's choice; and a whole test chooses each window's in-sample best from the
// registry, runs the choices as one stored run, and reports efficiency as its definition says.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { epochDay, isoDay } from '../../data/dates.ts';
import { backtest } from '../../engine/backtest.ts';
import { custom, everySession, withDriftBand } from '../../engine/calendar/schedule.ts';
import type { Strategy } from '../../engine/strategy.ts';
import { runMetrics } from '../../reports/runMetrics.ts';
import { getRun, openStore, readWindows, sweepTrials } from '../../reports/store/index.ts';
import { fillsHash } from '../../reports/store/index.ts';
import { createBuiltinStrategy } from '../../strategies/registry.ts';
import { parseStudy } from '../../study/index.ts';
import { openStudyMarket } from '../../study/market.ts';
import { runWalkForward, stitchedStrategy, walkForwardWindows } from '../../study/sweep/index.ts';
import { outOfSampleFigures } from '../../study/sweep/walkForward/windowFigures.ts';
import { fixtureMarket } from '../engine/fixtures.ts';
import { trades } from '../engine/helpers.ts';
import { monthEndsFolder, weeklyThenDailyFolder } from './fixtures/walkForwardData.ts';

const dir = mkdtempSync(join(tmpdir(), 'breadth-walk-forward-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Weekdays from 2020-01-01. */
const weekdays = (n: number): Int32Array => {
  const out: number[] = [];
  for (let d = epochDay(2020, 1, 1); out.length < n; d++) if (![0, 6].includes(new Date(d * 86_400_000).getUTCDay())) out.push(d);
  return Int32Array.from(out);
};

describe('walk-forward windows', () => {
  const dates = weekdays(100);
  it('rolling, in sessions: fixed-length in-sample spans stepped by the out-of-sample span; the last one cut at the end', () => {
    const w = walkForwardWindows(dates, 10, 99, { inSample: '30d', outOfSample: '25d', mode: 'rolling' }, 'test');
    // The third would run 90 … 114: the run's end (99) cuts it to 10 of its 25 sessions, and it says so.
    expect(w).toEqual([
      { isFirst: 10, isLast: 39, oosFirst: 40, oosLast: 64, cut: false },
      { isFirst: 35, isLast: 64, oosFirst: 65, oosLast: 89, cut: false },
      { isFirst: 60, isLast: 89, oosFirst: 90, oosLast: 99, cut: true },
    ]);
  });

  it('anchored: every in-sample span starts at the run\'s first session', () => {
    const w = walkForwardWindows(dates, 0, 99, { inSample: '50d', outOfSample: '25d', mode: 'anchored' }, 'test');
    expect(w.map((x) => [x.isFirst, x.isLast, x.oosFirst, x.oosLast])).toEqual([[0, 49, 50, 74], [0, 74, 75, 99]]);
  });

  it('in calendar months: each out-of-sample span starts on the first session of its month', () => {
    const w = walkForwardWindows(dates, 0, 99, { inSample: '2m', outOfSample: '1m', mode: 'rolling' }, 'test');
    expect(w.map((x) => isoDay(dates[x.oosFirst]))).toEqual(['2020-03-02', '2020-04-01', '2020-05-01']);
    expect(isoDay(dates[w[1].isFirst])).toBe('2020-02-03');
  });

  it('in calendar months from a 31st: a shorter month\'s span starts on its last session, not in the next month', () => {
    const from31 = weekdays(400).filter((d) => d >= epochDay(2020, 1, 31));
    const w = walkForwardWindows(from31, 0, from31.length - 1, { inSample: '1m', outOfSample: '1m', mode: 'rolling' }, 'test');
    // 2020-02-29 is a Saturday: February's last weekday is Friday the 28th; 2020-03-31 a Tuesday.
    expect(w.slice(0, 2).map((x) => [isoDay(from31[x.isFirst]), isoDay(from31[x.oosFirst])])).toEqual([['2020-01-31', '2020-02-28'], ['2020-02-28', '2020-03-31']]);
    // Data ending on Friday 2020-03-13, before March's 31st: no span starts in March; the last runs to the end.
    const toMarch13 = from31.filter((d) => d <= epochDay(2020, 3, 13));
    const cut = walkForwardWindows(toMarch13, 0, toMarch13.length - 1, { inSample: '1m', outOfSample: '1m', mode: 'rolling' }, 'test');
    expect(cut.map((x) => [x.oosFirst, x.oosLast].map((i) => isoDay(toMarch13[i])))).toEqual([['2020-02-28', '2020-03-13']]);
  });

  it('rolling, N sessions in sample stepped in months: the N sessions before each out-of-sample start', () => {
    const long = weekdays(200); // Wednesday 2020-01-01 on; 2020-01-06 is index 3
    const day = (i: number): string => isoDay(long[i]);
    const w = walkForwardWindows(long, 0, 199, { inSample: '3d', outOfSample: '1m', mode: 'rolling' }, 'test');
    // Out of sample from Monday 6 January (after Wed 1, Thu 2, Fri 3), then the 6th of each month on or after it.
    expect(w.slice(0, 3).map((x) => [day(x.isFirst), day(x.isLast), day(x.oosFirst)])).toEqual([
      ['2020-01-01', '2020-01-03', '2020-01-06'],
      ['2020-02-03', '2020-02-05', '2020-02-06'], // Mon–Wed before Thursday 6 February
      ['2020-03-03', '2020-03-05', '2020-03-06'], // Tue–Thu before Friday 6 March (was 2 March on: 4 sessions)
    ]);
    for (const x of w) expect([x.isLast - x.isFirst + 1, x.isLast]).toEqual([3, x.oosFirst - 1]);
    // One session in sample, a quarter out: never an empty in-sample span.
    const q = walkForwardWindows(long, 0, 199, { inSample: '1d', outOfSample: '3m', mode: 'rolling' }, 'test');
    expect(q.map((x) => [day(x.isFirst), day(x.isLast), day(x.oosFirst)])).toEqual([
      ['2020-01-01', '2020-01-01', '2020-01-02'],
      ['2020-04-01', '2020-04-01', '2020-04-02'],
      ['2020-07-01', '2020-07-01', '2020-07-02'],
      ['2020-10-01', '2020-10-01', '2020-10-02'], // the 200th weekday is 6 October
    ]);
  });

  it('rolling, months in sample stepped in sessions: the calendar month before each out-of-sample start', () => {
    const long = weekdays(60);
    const day = (i: number): string => isoDay(long[i]);
    const w = walkForwardWindows(long, 0, 59, { inSample: '1m', outOfSample: '10d', mode: 'rolling' }, 'test');
    // Out of sample from Monday 3 February (1 February is a Saturday), then every 10 sessions: Mon 17 Feb, Mon 2 Mar, Mon 16 Mar.
    // The first in-sample span starts at the run's start; each later one a month before its out-of-sample start.
    expect(w.map((x) => [day(x.isFirst), day(x.oosFirst)])).toEqual([
      ['2020-01-01', '2020-02-03'],
      ['2020-01-17', '2020-02-17'], // was 15 January: 10 sessions after the start, a month and two days
      ['2020-02-03', '2020-03-02'], // 2 February is a Sunday
      ['2020-02-17', '2020-03-16'], // 16 February is a Sunday; the 60th weekday is 24 March
    ]);
  });

  it('property: a rolling in-sample span of N sessions holds N sessions before its out-of-sample start, whatever the step', () => {
    const long = weekdays(400);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 6 }), fc.constantFrom('m', 'y', 'd'), fc.integer({ min: 0, max: 60 }), (n, step, unit, first) => {
        const w = walkForwardWindows(long, first, 399, { inSample: `${n}d`, outOfSample: `${unit === 'd' ? step * 7 : step}${unit}`, mode: 'rolling' }, 'test');
        for (const [k, x] of w.entries()) {
          expect([x.isLast - x.isFirst + 1, x.isLast + 1]).toEqual([n, x.oosFirst]);
          expect(x.oosLast).toBeGreaterThanOrEqual(x.oosFirst);
          if (k > 0) expect(x.oosFirst).toBe(w[k - 1].oosLast + 1);
          if (unit === 'd') expect(x.cut).toBe(x.oosLast - x.oosFirst + 1 < step * 7);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a span of zero, naming its key (a zero step would never advance)', () => {
    expect(() => walkForwardWindows(dates, 0, 99, { inSample: '6m', outOfSample: '0m', mode: 'rolling' }, 'study.yaml: runs[0].walkForward')).toThrow(/^study\.yaml: runs\[0\]\.walkForward\.outOfSample: a span must be 1 or more .*got "0m"/);
    expect(() => walkForwardWindows(dates, 0, 99, { inSample: '0d', outOfSample: '1m', mode: 'rolling' }, 'w')).toThrow(/^w\.inSample: a span must be 1 or more/);
  });

  it('refuses an in-sample span that leaves nothing out of sample', () => {
    expect(() => walkForwardWindows(dates, 0, 99, { inSample: '1y', outOfSample: '1m', mode: 'rolling' }, 'study.yaml: runs[0].walkForward')).toThrow(/runs\[0\]\.walkForward: an in-sample span of 1y leaves no session/);
  });
});

/** The last weekday of each month, `months` months from January 2014 (month-end bars). */
const monthEnds = (months: number): Int32Array => Int32Array.from({ length: months }, (_, m) => {
  let d = epochDay(2014, m + 2, 0);
  while ([0, 6].includes(new Date(d * 86_400_000).getUTCDay())) d--;
  return d;
});

describe('walk-forward windows on month-end bars', () => {
  const dates = monthEnds(120); // 2014-01-31 … 2023-12-29
  it('a 3y/1y rolling test has 36 sessions in sample and 12 out of sample whatever the weekday of the month\'s end', () => {
    const w = walkForwardWindows(dates, 0, 119, { inSample: '3y', outOfSample: '1y', mode: 'rolling' }, 'test');
    // Window k: in sample sessions 12k … 12k + 35, out of sample 12k + 36 … 12k + 47; 7 windows up to session 119.
    // The last ends on the data's last month-end, 2023-12-29: a whole year, not cut (January 2024's bar would start the next).
    expect(w).toEqual(Array.from({ length: 7 }, (_, k) => ({ isFirst: 12 * k, isLast: 12 * k + 35, oosFirst: 12 * k + 36, oosLast: 12 * k + 47, cut: false })));
    // 2015-01-31 and 2021-01-31 are weekend days: their months' bars (Fridays the 30th and 29th) still open their spans.
    expect(isoDay(dates[w[1].isFirst])).toBe('2015-01-30');
    expect(isoDay(dates[w[4].oosFirst])).toBe('2021-01-29');
    expect(isoDay(dates[w[4].oosLast])).toBe('2021-12-31');
  });

  it('a last span the data\'s end cuts short says so; one that ends where the data does, on its last bar or weekday, does not (probe r57b F1)', () => {
    // 37 month-ends, 2021-01-29 … 2024-01-31, 1y/1y: the third span asks for 2024-01-31 … 2025-01-30 and has one bar.
    const from2021 = monthEnds(121).slice(84);
    const w = walkForwardWindows(from2021, 0, 36, { inSample: '1y', outOfSample: '1y', mode: 'rolling' }, 'test');
    expect(w.map((x) => [isoDay(from2021[x.oosFirst]), isoDay(from2021[x.oosLast]), x.cut])).toEqual([['2022-01-31', '2022-12-30', false], ['2023-01-31', '2023-12-29', false], ['2024-01-31', '2024-01-31', true]]);
    // Weekdays 2023-01-02 … Friday 2024-06-28, 6m/3m: the last span asks for 2024-04-02 … Monday 07-01 — one weekday, a holiday's worth, short: not cut.
    const days = Int32Array.from({ length: epochDay(2024, 6, 29) - epochDay(2023, 1, 2) }, (_, k) => epochDay(2023, 1, 2) + k).filter((d) => ![0, 6].includes(new Date(d * 86_400_000).getUTCDay()));
    const q = walkForwardWindows(days, 0, days.length - 1, { inSample: '6m', outOfSample: '3m', mode: 'rolling' }, 'test');
    expect(q.map((x) => [isoDay(days[x.oosFirst]), isoDay(days[x.oosLast]), x.cut]).at(-1)).toEqual(['2024-04-02', '2024-06-28', false]);
    // Ending a week earlier (Friday 06-21) leaves 6 weekdays of it out: cut.
    const early = days.filter((d) => d <= epochDay(2024, 6, 21));
    expect(walkForwardWindows(early, 0, early.length - 1, { inSample: '6m', outOfSample: '3m', mode: 'rolling' }, 'test').at(-1)?.cut).toBe(true);
  });

  it('property: every whole N-month span holds N month-end sessions, from any first month', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 18 }), fc.constantFrom<'rolling' | 'anchored'>('rolling', 'anchored'), (first, is, oos, mode) => {
      const w = walkForwardWindows(dates, first, 119, { inSample: `${is}m`, outOfSample: `${oos}m`, mode }, 'test');
      w.forEach((x, k) => {
        expect(x.oosFirst).toBe(first + is + k * oos);
        expect(x.isFirst).toBe(mode === 'anchored' ? first : first + k * oos);
        expect(x.oosLast).toBe(Math.min(x.oosFirst + oos - 1, 119));
        expect(x.cut).toBe(x.oosFirst + oos - 1 > 119);
      });
    }));
  });
});

describe('the stitched strategy', async () => {
  const market = await openStudyMarket(parseStudy({ data: 'sample', sample: { stocks: 30, years: 4 }, runs: [{ name: 'x', strategy: 'size-tilt' }] }));
  const switchAt = 500;
  const plain = (tilt: number) => createBuiltinStrategy('size-tilt', { mode: 'etf', tilt, band: 0 });

  it('with one part is the plain strategy', () => {
    const one = backtest(market, stitchedStrategy([{ from: 0, strategy: plain(0.3) }], {}), {});
    const alone = backtest(market, plain(0.3), {});
    expect(fillsHash(one.fills, one)).toBe(fillsHash(alone.fills, alone));
  });

  it('trades as the first choice before the switch and as the second from it (deciding at the switch)', () => {
    const stitched = backtest(market, stitchedStrategy([{ from: 0, strategy: plain(0) }, { from: switchAt, strategy: plain(1) }], {}), {});
    const first = backtest(market, plain(0), {});
    const before = (r: typeof first) => Array.from(r.fills.session).filter((s) => s <= switchAt).length;
    expect(before(stitched)).toBe(before(first));
    expect(Array.from(stitched.daily.nav.subarray(0, switchAt + 1))).toEqual(Array.from(first.daily.nav.subarray(0, switchAt + 1)));
    // Orders of the switch decision fill on the next open: all small caps from then on.
    const small = market.symbols.indexOf(market.roles.smallCap);
    const after = Array.from(stitched.snapshots.session).map((s, k) => [s, k] as const).filter(([s]) => s > switchAt + 1);
    expect(after.length).toBeGreaterThan(0);
    for (const [, k] of after) expect(stitched.snapshots.symbol[k] === small || stitched.snapshots.targetWeight[k] === 0).toBe(true);
  });
});

describe('the stitched strategy\'s drift bands', () => {
  // AAA stays at 100; BBB rises 4 a session. 50/50, fractional shares, filled at the deciding close,
  // no calendar decisions: part A (band 0.10) from session 0, part B (band 0.03) from session 5.
  const bbb = [100, 104, 108, 112, 116, 120, 124, 128, 132, 136];
  const market = fixtureMarket({ symbols: ['AAA', 'BBB'], closes: bbb.map((p) => [100, p]) });
  const half = (band: number): Strategy => ({ name: 'half', params: {}, schedule: withDriftBand(custom('never', () => false), band), decide: () => ({ weights: { AAA: 0.5, BBB: 0.5 } }) });
  const run = () => backtest(market, stitchedStrategy([{ from: 0, strategy: half(0.1) }, { from: 5, strategy: half(0.03) }], {}), { initialCash: 10_000, shares: 'fractional', execution: 'same-close' });

  it('each part trades under its own band (probe r46c F1: differing bands were all dropped)', () => {
    // By hand. t0: 50 AAA + 50 BBB at 100. BBB's weight is p/(100 + p): at t4 (116) 0.5370, 0.037 off,
    // inside A's 0.10 — no trade (a run-wide 0.03 would trade here). t5: the switch decides (NAV 11,000:
    // 55 AAA, 45.8333 BBB at 120). Under B's 0.03: t6 0.5082, t7 0.5161, t8 0.5238, t9 (136)
    // 45.8333·136 / (5,500 + 6,233.33) = 0.53125, 0.03125 off > 0.03: a drift rebalance at t9 to
    // 11,733.33 / 2 each: AAA 58.6667 (+3.6667), BBB 43.1373 (−2.6961).
    const result = run();
    expect(Array.from(result.fills.session)).toEqual([0, 0, 5, 5, 9, 9]);
    const t9 = trades(result).filter(([t]) => t === 9);
    expect(t9.find(([, s]) => s === 'AAA')?.[2]).toBeCloseTo(11_733.3333 / 200 - 55, 3);
    expect(t9.find(([, s]) => s === 'BBB')?.[2]).toBeCloseTo(11_733.3333 / 272 - 45.8333, 3);
    expect(result.manifest.strategy.schedule).toBe('walk-forward (never + drift > 0.1, never + drift > 0.03)');
  });
});

describe('a walk-forward test', () => {
  it('chooses each window\'s in-sample best, stitches the choices into one stored run, and measures efficiency', { timeout: 180_000 }, async () => {
    const db = join(dir, 'wf.db');
    const study = parseStudy({
      data: 'sample',
      sample: { stocks: 30, years: 6 },
      benchmark: '@largeCap',
      runs: [{ name: 'tilt', strategy: 'size-tilt', params: { mode: 'etf' }, sweep: { params: { tilt: [0, 0.5, 1], schedule: ['month-start', 'quarter-start'] } }, walkForward: { inSample: '2y', outOfSample: '1y', mode: 'rolling' } }],
    });
    const [outcome] = await runWalkForward(study, { where: 'test', db, workers: 2 });
    expect(outcome.windows.length).toBeGreaterThanOrEqual(3);
    expect(outcome.trials).toBe(6 * outcome.windows.length);
    const store = openStore(db);
    try {
      const trials = sweepTrials(store, outcome.sweepId);
      expect(trials).toHaveLength(outcome.trials);
      for (const w of outcome.windows) {
        const candidates = trials.filter((t) => t.periodFrom === w.isFrom && t.periodTo === w.isTo);
        expect(candidates).toHaveLength(6);
        const best = Math.max(...candidates.map((t) => t.metrics.sharpe ?? -Infinity));
        expect(candidates.find((t) => t.key === w.trialKey)?.metrics.sharpe).toBe(best);
        // Pardo's efficiency is for a profitable in-sample return: over one ≤ 0 it is null (probe r64b F2).
        if ((w.isAnnualReturn ?? NaN) > 0) expect(w.efficiency).toBeCloseTo((w.oosAnnualReturn ?? NaN) / (w.isAnnualReturn ?? NaN), 12);
        else expect([w.efficiency, w.efficiencyNote?.endsWith('≤ 0: efficiency undefined (it is the share of a profitable in-sample return kept out of sample)')]).toEqual([null, true]);
      }
      expect(readWindows(store, outcome.sweepId)).toEqual(outcome.windows);
      const run = getRun(store, outcome.runId ?? -1);
      expect(run?.run.periodFrom).toBe(outcome.windows[0].oosFrom);
      expect(run?.run.periodTo).toBe(outcome.windows.at(-1)?.oosTo);
      const mean = outcome.windows.reduce((s, w) => s + (w.isAnnualReturn ?? NaN), 0) / outcome.windows.length;
      if (mean > 0) expect(outcome.efficiency).toBeCloseTo((run?.metrics.find((m) => m.name === 'annual_return')?.value ?? NaN) / mean, 12);
      else expect(outcome.efficiency).toBeNull();
    } finally {
      store.close();
    }
  });
});

describe('a walk-forward window\'s out-of-sample figures', () => {
  it('are annualised with the window\'s own P, as a run over its sessions infers it, not the stitched run\'s (probe r57b F3)', { timeout: 120_000 }, async () => {
    const study = parseStudy({
      data: weeklyThenDailyFolder(dir, 'weekly-then-daily'),
      engine: { initialCash: 1_000_000, execution: 'same-close' },
      runs: [{ name: 'h', strategy: 'fixed-weights', params: { weights: { WWW: 1 }, schedule: 'month-start' }, walkForward: { inSample: '6m', outOfSample: '3m', mode: 'rolling', params: { weights: [{ WWW: 1 }, { VVV: 1 }] } } }],
    });
    const [o] = await runWalkForward(study, { where: 'test', db: join(dir, 'weekly-then-daily.db'), workers: 1 });
    const w = o.windows[2];
    expect([w.oosFrom, w.oosTo, w.values]).toEqual(['2023-01-13', '2023-03-31', { weights: { WWW: 1 } }]);
    const store = openStore(join(dir, 'weekly-then-daily.db'));
    try {
      const run = getRun(store, o.runId ?? -1);
      // The stitched run infers P = 123 over its mixed calendar; the window's 13 Fridays are weekly: P = 52.
      expect(run?.run.periodsPerYear).toBe(123);
      // By hand: the stitched NAV is 992,974.80 on Friday 2023-01-06 and 1,061,817.34 on 2023-03-31,
      // 12 weekly returns: g = 1,061,817.34 / 992,974.80 = 1.0693296; at P = 52, g^(52/12) − 1 = 0.337058
      // (the stitched run's P = 123 gave g^(123/12) − 1 = 0.987896). Sharpe (rf 0) of the 12 returns:
      // mean 0.0056930 / std 0.0087065 · √52 = 4.7153 (7.2520 at √123). The choice's in-sample annual
      // return is 0.0336145 (its trial, weekly, P = 52): efficiency 0.337058 / 0.0336145 = 10.027 (was 29.39).
      const navOn = (day: string) => run?.daily.columns.nav[run.daily.dates.indexOf(day)] ?? NaN;
      expect(navOn('2023-01-06')).toBeCloseTo(992_974.8, 6);
      expect(navOn('2023-03-31')).toBeCloseTo(1_061_817.34, 6);
      expect(w.oosAnnualReturn).toBeCloseTo((navOn('2023-03-31') / navOn('2023-01-06')) ** (52 / 12) - 1, 12);
      expect(w.oosAnnualReturn).toBeCloseTo(0.337058, 6);
      expect(w.oosSharpe).toBeCloseTo(4.7153, 4);
      expect(w.isAnnualReturn).toBeCloseTo(0.0336145, 7);
      expect(w.efficiency).toBeCloseTo(10.027, 3);
    } finally {
      store.close();
    }
  });
});

describe('a walk-forward window measured out of sample', () => {
  it('property: its figures are those runMetrics gives a run over its return sessions, whatever the calendar', () => {
    // Fully invested at every close (fractional, same-close, no costs): from any start the NAV moves as AAA does,
    // so a run over the window's return sessions has the stitched run's returns there, and must have its P too.
    // Moves are whole basis points, never 0: a flat price leaves the NAV's last-bit rounding of shares × price as the
    // only returns (±1e-16), whose Sharpe is noise that differs between two runs from different starts (moves of 1e-12
    // gave −1.27655 against −1.27658).
    const hold: Strategy = { name: 'hold', params: {}, schedule: everySession, decide: () => ({ weights: { AAA: 1 } }) };
    const config = { shares: 'fractional', execution: 'same-close' } as const;
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 0, max: 60 }), fc.array(fc.integer({ min: -500, max: 500 }).filter((bp) => bp !== 0).map((bp) => bp / 10_000), { minLength: 110, maxLength: 110 }), fc.nat(), fc.nat(), (fridays, weekdays, moves, a, b) => {
        // Fridays from 2022-01-07, then weekdays after the last of them.
        const dates = [...Array.from({ length: fridays }, (_, k) => epochDay(2022, 1, 7) + 7 * k)];
        for (let d = dates[fridays - 1] + 3; dates.length < fridays + weekdays; d++) if (![0, 6].includes(new Date(d * 86_400_000).getUTCDay())) dates.push(d);
        let price = 100;
        const market = { ...fixtureMarket({ symbols: ['AAA'], closes: dates.map((_, t) => [(price *= 1 + moves[t])]) }), dates: Int32Array.from(dates) };
        const T = dates.length;
        const from = a % (T - 1);
        const to = from + 1 + (b % (T - 1 - from));
        const stitched = backtest(market, hold, config);
        const window = { isFirst: 0, isLast: from, oosFirst: from + 1, oosLast: to, cut: false };
        const figures = outOfSampleFigures(stitched.daily.nav, market.dates, 0, window, undefined, 0);
        const single = runMetrics(backtest(market, hold, { ...config, from: isoDay(dates[from]), to: isoDay(dates[to]) }));
        const value = (name: string) => single.metrics.find((m) => m.name === name)?.value ?? null;
        expect(figures.frequency.periodsPerYear).toBe(single.periodsPerYear);
        for (const [ours, theirs] of [[figures.annualReturn, value('annual_return')], [figures.sharpe, value('sharpe')]]) {
          if (theirs === null) expect(ours).toBeNull();
          else expect(Math.abs(ours! - theirs)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(theirs))); // relative: two returns at P = 252 annualise to 9,938
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('a walk-forward test asked for a period the data does not cover (probe r57b F1)', () => {
  it('says so as a single run does — the stitched run\'s caveats and manifest keep what was asked — and says the last window is cut to one bar', { timeout: 120_000 }, async () => {
    const data = monthEndsFolder(dir, 'month-ends');
    const db = join(dir, 'month-ends.db');
    const engine = { initialCash: 1_000_000, from: '2020-06-30', to: '2025-06-30' };
    const study = parseStudy({
      data,
      benchmark: 'BBB',
      engine,
      runs: [{ name: 'hold', strategy: 'fixed-weights', params: { weights: { AAA: 1 }, schedule: 'month-end' }, walkForward: { inSample: '1y', outOfSample: '1y', mode: 'rolling', params: { weights: [{ AAA: 1 }, { BBB: 1 }] } } }],
    });
    const [o] = await runWalkForward(study, { where: 'test', db, workers: 1 });
    // By hand: the data runs 2021-01-29 … 2024-01-31. 2020-06-30 → 2021-01-29 is 184 days to 12-31 and 29 more: 213 days (> 30: high).
    // 2024-02-01 … 2025-06-30 holds 368 weekdays (> 21: high). A single run over that period says both in these words.
    const late = { code: 'late-start', severity: 'high', message: 'requested 2020-06-30, data starts 2021-01-29 (213 days later)', size: 213, unit: 'days' };
    const early = { code: 'early-end', severity: 'high', message: 'asked to 2025-06-30, the data ends 2024-01-31 (368 weekdays short)', size: 368, unit: 'weekdays' };
    const single = backtest(await openStudyMarket(study), createBuiltinStrategy('fixed-weights', { weights: { AAA: 1 }, schedule: 'month-end' }), engine);
    const period = (caveats: readonly { code: string }[]) => caveats.filter((c) => c.code === 'late-start' || c.code === 'early-end');
    expect(period(single.caveats)).toMatchObject([late, early]);
    expect(period(o.caveats)).toMatchObject([late, early]);
    const store = openStore(db);
    try {
      const run = getRun(store, o.runId ?? -1);
      expect(period(run?.caveats ?? [])).toMatchObject([late, early]);
      // The stitched run trades the out-of-sample span; its manifest keeps the period the test was asked for.
      expect([run?.run.periodFrom, run?.run.periodTo]).toEqual(['2022-01-31', '2024-01-31']);
      expect((run?.manifest.strategy.params as { requested: unknown }).requested).toEqual({ from: '2020-06-30', to: '2025-06-30' });
      // The third window asks for 2024-01-31 … 2025-01-30 and has one bar: its one return, AAA's last month
      // (276.43 → 294.67, +6.598 %), is annualised with the window's P = 12 (month-ends): 1.06598^12 − 1 ≈ 1.1528.
      expect(o.windows.map((w) => w.cut)).toEqual([false, false, true]);
      expect(readWindows(store, o.sweepId).map((w) => w.cut)).toEqual([false, false, true]);
      const nav = run?.daily.columns.nav ?? [];
      expect(o.windows[2].oosAnnualReturn).toBeCloseTo((nav[24] / nav[23]) ** 12 - 1, 12);
      expect(o.windows[2].oosAnnualReturn).toBeCloseTo(1.1528, 2);
      expect(o.notes[0]).toBe("window 3's out of sample, 2024-01-31 → 2024-01-31, is cut short by the data's end: 1 session of an outOfSample span of 1y; its annualised figures extrapolate from 1 return (P = 12)");
    } finally {
      store.close();
    }
  });
});

describe('a walk-forward test whose in-sample returns are ≤ 0 (probe r64b F2)', () => {
  it('gives no efficiency where the in-sample return is ≤ 0, and says why per window and for the test', { timeout: 120_000 }, async () => {
    // probe r64b's d1 (AAA, BBB: 130 sessions from 2024-01-02), each held whole every session, 2m/1m rolling.
    const db = join(dir, 'r64b.db');
    const study = parseStudy({
      data: join(import.meta.dirname, 'inputs', 'probe-r64b'),
      engine: { initialCash: 1_000_000, execution: 'same-close', shares: 'fractional' },
      runs: [{ name: 'p', strategy: 'fixed-weights', params: { weights: { AAA: 1 }, schedule: 'every-session' }, walkForward: { inSample: '2m', outOfSample: '1m', mode: 'rolling', params: { weights: [{ AAA: 1 }, { BBB: 1 }] } } }],
    });
    const [o] = await runWalkForward(study, { where: 'test', db, workers: 1 });
    // By hand (probe r64b handwf.py): IS annual -49.59 %, -11.61 %, +28.54 %, +1.94 %; OOS +3.8 %, -4.8 %, +5.9 %, -56.9 %.
    // Windows 1 and 2 had 0.038 / -0.496 = -0.08 and -0.048 / -0.116 = +0.42 ("kept 42 %" of a loss); now none.
    expect(o.windows.map((w) => w.isAnnualReturn)).toEqual([expect.closeTo(-0.4959, 4), expect.closeTo(-0.1161, 4), expect.closeTo(0.2854, 4), expect.closeTo(0.0194, 4)]);
    expect(o.windows.map((w) => w.efficiency)).toEqual([null, null, expect.closeTo(0.2058, 4), expect.closeTo(-29.3176, 4)]);
    const why = ' ≤ 0: efficiency undefined (it is the share of a profitable in-sample return kept out of sample)';
    expect(o.windows.map((w) => w.efficiencyNote)).toEqual([`in-sample annual return -49.6%${why}`, `in-sample annual return -11.6%${why}`, null, null]);
    // The test: stitched -17.91 % / mean IS (-49.59 - 11.61 + 28.54 + 1.94) / 4 = -7.68 % gave +2.33; now none.
    expect(o.oosAnnualReturn).toBeCloseTo(-0.1791, 4);
    expect(o.efficiency).toBeNull();
    expect(o.efficiencyNote).toBe(`mean in-sample annual return -7.7%${why}`);
    expect(o.notes.slice(0, 3)).toEqual([`the test's walk-forward efficiency: mean in-sample annual return -7.7%${why}`, `window 1: in-sample annual return -49.6%${why}`, `window 2: in-sample annual return -11.6%${why}`]);
    const store = openStore(db);
    try {
      expect(readWindows(store, o.sweepId)).toEqual(o.windows);
      expect(store.db.prepare('SELECT efficiency FROM walk_forward_windows WHERE sweep_id = ? ORDER BY seq').pluck().all(o.sweepId)).toEqual([null, null, expect.closeTo(0.2058, 4), expect.closeTo(-29.3176, 4)]);
    } finally {
      store.close();
    }
  });
});
