// Decision schedules on a known calendar: the weekdays of 2024 (262 sessions, no holidays); and the
// schedules the engine refuses, as the strategy's fault.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { StrategyError } from '../../../../data/errors.ts';
import { isoDay } from '../../../../data/dates.ts';
import { backtest } from '../../../../engine/backtest.ts';
import {
  everyNSessions,
  everySession,
  monthEnd,
  monthStart,
  quarterEnd,
  quarterStart,
  custom,
  weekly,
  yearEnd,
  yearStart,
  withDriftBand,
  type Schedule,
} from '../../../../engine/calendar/schedule.ts';
import type { Strategy } from '../../../../engine/strategy.ts';
import { fixtureMarket, weekdays } from '../../fixtures.ts';
import { scripted, scenario } from '../../helpers.ts';

const year = weekdays('2024-01-01', 262);
const dueDates = (schedule: Schedule, dates: Int32Array, start = 0): string[] =>
  [...schedule.sessions(dates, start)].flatMap((due, t) => (due ? [isoDay(dates[t])] : []));

it('the calendar is 2024’s weekdays', () => {
  expect(isoDay(year[0])).toBe('2024-01-01');
  expect(isoDay(year[261])).toBe('2024-12-31');
});

describe('calendar schedules', () => {
  it('monthStart: the first weekday of each month', () => {
    expect(dueDates(monthStart, year)).toEqual([
      '2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-03',
      '2024-07-01', '2024-08-01', '2024-09-02', '2024-10-01', '2024-11-01', '2024-12-02',
    ]);
  });

  it('monthEnd: the last weekday of each month (the calendar’s last day included)', () => {
    expect(dueDates(monthEnd, year)).toEqual([
      '2024-01-31', '2024-02-29', '2024-03-29', '2024-04-30', '2024-05-31', '2024-06-28',
      '2024-07-31', '2024-08-30', '2024-09-30', '2024-10-31', '2024-11-29', '2024-12-31',
    ]);
  });

  it('monthEnd judges the calendar’s end against the next weekday', () => {
    // A calendar ending Wed 17 Jan: not a month end. One ending Wed 31 Jan: a month end.
    expect(dueDates(monthEnd, weekdays('2024-01-01', 13))).toEqual([]);
    expect(dueDates(monthEnd, weekdays('2024-01-01', 23))).toEqual(['2024-01-31']);
  });

  it('quarterStart and quarterEnd', () => {
    expect(dueDates(quarterStart, year)).toEqual(['2024-01-01', '2024-04-01', '2024-07-01', '2024-10-01']);
    expect(dueDates(quarterEnd, year)).toEqual(['2024-03-29', '2024-06-28', '2024-09-30', '2024-12-31']);
  });

  it('yearStart and yearEnd', () => {
    expect(dueDates(yearStart, year)).toEqual(['2024-01-01']);
    expect(dueDates(yearEnd, year)).toEqual(['2024-12-31']);
  });

  it('weekly on Monday: every Monday of 2024 (53 of them)', () => {
    const mondays = dueDates(weekly(1), year);
    expect(mondays.length).toBe(53);
    expect(mondays.slice(0, 3)).toEqual(['2024-01-01', '2024-01-08', '2024-01-15']);
    expect(mondays[52]).toBe('2024-12-30');
  });

  it('weekly moves to the next session of the same week when the day is a holiday', () => {
    // Remove Wed 10 Jan: that week decides on Thu 11 Jan. Remove Fri 5 Jan: that week has no
    // session on or after Friday, so it has no Friday decision.
    const dates = weekdays('2024-01-01', 15).filter((d) => isoDay(d) !== '2024-01-10' && isoDay(d) !== '2024-01-05');
    expect(dueDates(weekly(3), dates)).toEqual(['2024-01-03', '2024-01-11', '2024-01-17']);
    expect(dueDates(weekly(5), dates)).toEqual(['2024-01-12', '2024-01-19']);
  });

  it('everyNSessions counts from the run’s first session', () => {
    const due = everyNSessions(10).sessions(year.subarray(0, 40), 3);
    expect([...due].flatMap((d, t) => (d ? [t] : []))).toEqual([3, 13, 23, 33]);
    expect(() => everyNSessions(0)).toThrow(RangeError);
    expect(() => everyNSessions(2.5)).toThrow(RangeError);
  });

  it('weekly refuses any weekday but a whole 1 (Monday) … 5 (Friday) (probe r73b F1): weekly(6) decided on the run\'s first session only, weekly(-1) and weekly() on every week\'s first', () => {
    // By hand: 2024's weekdays have no session with weekday ≥ 6, so weekly(6) and weekly(9) were
    // due on t = 0 only (1 decision in 262); weekday < -1 is every session, so weekly(-1) was due
    // on each Monday (53). Each is refused, as everyNSessions(0) is.
    for (const bad of [0, 6, 7, 9, -1, 2.5, NaN, Infinity, undefined, '3']) {
      expect(() => weekly(bad as number), String(bad)).toThrow(RangeError);
    }
    expect(() => weekly(6)).toThrow('weekly schedule needs a weekday from 1 (Monday) to 5 (Friday), got 6');
    expect(() => (weekly as (weekday?: number) => Schedule)()).toThrow('weekly schedule needs a weekday from 1 (Monday) to 5 (Friday), got undefined');
    expect(() => weekly('3' as never)).toThrow('got the string "3"');
    for (const day of [1, 2, 3, 4, 5]) expect(weekly(day).name).toBe(`weekly (${['', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday'][day]})`);
  });

  it('the other schedule makers refuse arguments they cannot use, the same way: everyNSessions, custom, withDriftBand', () => {
    for (const bad of [0, -3, 2.5, NaN, Infinity, undefined, '5']) expect(() => everyNSessions(bad as number), String(bad)).toThrow(RangeError);
    expect(() => everyNSessions(undefined as never)).toThrow('every-N schedule needs a whole number ≥ 1, got undefined');
    // custom: a name (a non-empty string) and a rule (a function); swapped arguments were a TypeError deep in the replay.
    expect(() => custom(undefined as never, () => true)).toThrow(new TypeError('custom schedule needs a name (a non-empty string) first, got undefined'));
    expect(() => custom('', () => true)).toThrow(TypeError);
    expect(() => custom((() => true) as never, 'mine' as never)).toThrow(TypeError);
    expect(() => custom('mine', undefined as never)).toThrow(new TypeError('custom schedule "mine" needs a rule (day, t, dates) => boolean second, got undefined'));
    // withDriftBand: a schedule to add to, and a finite band above 0 (Infinity never adds a decision).
    expect(() => withDriftBand(undefined as never, 0.05)).toThrow(new TypeError('drift band needs a schedule to add to first (e.g. schedules.monthStart), got undefined'));
    expect(() => withDriftBand(0.05 as never, monthStart as never)).toThrow(TypeError);
    for (const bad of [0, -0.1, NaN, Infinity, undefined, '0.05']) expect(() => withDriftBand(monthStart, bad as number), String(bad)).toThrow(RangeError);
    expect(withDriftBand(monthStart, 0.05).driftBand).toBe(0.05);
  });

  it('everySession', () => {
    expect([...everySession.sessions(year.subarray(0, 5), 0)]).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('the engine decides on the scheduled sessions (and on the run’s first session)', () => {
  const market = fixtureMarket({ symbols: ['A'], closes: Array.from({ length: 87 }, () => [10]) }); // 1 Jan – 30 Apr 2024

  it('monthEnd: first session, then 31 Jan, 29 Feb, 29 Mar, 30 Apr', () => {
    const s = scripted({}, monthEnd);
    scenario(market, s);
    expect(s.decided.map((t) => isoDay(market.dates[t]))).toEqual(['2024-01-01', '2024-01-31', '2024-02-29', '2024-03-29', '2024-04-30']);
  });

  it('everyNSessions(10) from config.from = 2024-01-04 (session 3)', () => {
    const s = scripted({}, everyNSessions(10));
    const result = scenario(market, s, { from: '2024-01-04' });
    expect(s.decided).toEqual([3, 13, 23, 33, 43, 53, 63, 73, 83]);
    expect(result.sessions[0]).toBe(3);
    expect(result.manifest.period).toEqual({ from: '2024-01-04', to: '2024-04-30', sessions: 84 });
  });

  it('weekly(5) decides every Friday', () => {
    const s = scripted({}, weekly(5));
    scenario(market, s, { to: '2024-01-31' });
    expect(s.decided.map((t) => isoDay(market.dates[t]))).toEqual(['2024-01-01', '2024-01-05', '2024-01-12', '2024-01-19', '2024-01-26']);
  });
});

describe('a schedule the engine cannot read is the strategy\'s fault (StrategyError), never a TypeError or a silent run', () => {
  const market = fixtureMarket({ symbols: ['A'], closes: Array.from({ length: 10 }, () => [10]) }); // 1–12 Jan 2024
  const run = (schedule: unknown, extra: Partial<Record<keyof Strategy, unknown>> = {}) => () => backtest(market, { ...scripted({}, schedule as Schedule, 'mine'), ...extra } as Strategy);
  const refusal = (thunk: () => unknown): StrategyError => {
    try {
      thunk();
    } catch (err) {
      expect(err).toBeInstanceOf(StrategyError);
      return err as StrategyError;
    }
    throw new Error('expected a StrategyError');
  };

  it('a schedule by name, or a maker left uncalled', () => {
    expect(refusal(run('month-start')).message).toBe('strategy "mine" cannot run: schedule "month-start" is a name, not a schedule: use schedules.monthStart');
    expect(refusal(run(weekly)).message).toBe('strategy "mine" cannot run: schedule is schedules.weekly itself, a function that makes a schedule: call it, schedules.weekly(…)');
  });

  it('sessions() that is not one 0/1 flag per date: booleans in a plain array used to decide only on the first session, silently', () => {
    // 10 dates: a Uint8Array of 10 is what the engine reads; true is not 1 under ===.
    const bools = { name: 'bools', sessions: (dates: Int32Array) => Array.from(dates, () => true) };
    expect(refusal(run(bools)).message).toBe('strategy "mine" cannot run: schedule "bools" sessions() returned an array: return a Uint8Array of 10, one per date, 1 where a decision is due and 0 elsewhere');
    const short = { name: 'short', sessions: (dates: Int32Array) => new Uint8Array(dates.length - 3).fill(1) };
    expect(refusal(run(short)).message).toBe('strategy "mine" cannot run: schedule "short" sessions() returned a Uint8Array of 7: return a Uint8Array of 10, one per date, 1 where a decision is due and 0 elsewhere');
    const twos = { name: 'twos', sessions: (dates: Int32Array) => new Uint8Array(dates.length).fill(2) };
    expect(refusal(run(twos)).message).toBe('strategy "mine" cannot run: schedule "twos" sessions() returned a Uint8Array of 10 holding 2: return a Uint8Array of 10, one per date, 1 where a decision is due and 0 elsewhere');
  });

  it('sessions() handing back a Proxy of a Uint8Array, or a revoked Proxy, is refused as the strategy\'s, not a TypeError (the sibling of probe r49b F4: exit 70)', () => {
    // TypedArray.prototype.length cannot read through a Proxy (incompatible receiver): no Uint8Array, whatever instanceof says.
    const proxied = { name: 'proxied', sessions: (dates: Int32Array) => new Proxy(new Uint8Array(dates.length).fill(1), {}) };
    expect(refusal(run(proxied)).message).toBe('strategy "mine" cannot run: schedule "proxied" sessions() returned an object posing as a Uint8Array (a Proxy of one?), no Uint8Array itself: return a Uint8Array of 10, one per date, 1 where a decision is due and 0 elsewhere');
    const revoked = {
      name: 'revoked',
      sessions: () => {
        const r = Proxy.revocable(new Uint8Array(10), {});
        r.revoke();
        return r.proxy;
      },
    };
    expect(refusal(run(revoked)).message).toBe('strategy "mine" failed before its first session: reading what its schedule "revoked" returned: Cannot perform \'IsArray\' on a proxy that has been revoked');
  });

  it('a custom rule that throws is reported at its own line', () => {
    const rule = custom('mine', (day) => {
      if (day > 0) throw new Error('no calendar here');
      return false;
    });
    const here = fileURLToPath(import.meta.url);
    const line = readFileSync(here, 'utf8').split('\n').findIndex((l) => l.includes("throw new Error('no calendar here')")) + 1;
    expect(refusal(run(rule)).message).toMatch(new RegExp(`^strategy "mine" failed in its schedule "mine": no calendar here \\(at ${here.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}:`));
  });

  it('decide or init that are not functions; a Promise handed to backtest()', () => {
    expect(refusal(run(monthStart, { decide: undefined })).message).toBe('strategy "mine" cannot run: decide is missing: give decide(view, book) returning the decision');
    expect(refusal(run(monthStart, { init: 'x' })).message).toBe('strategy "mine" cannot run: init is the string "x", not a function (ctx) => …: leave it out, or make it one');
    // createStrategy() is async: passing its Promise on without await.
    const pending = Promise.resolve(scripted({}));
    expect(refusal(() => backtest(market, pending as unknown as Strategy)).message).toBe(
      'backtest() was given a Promise (breadth awaits nothing: make the function synchronous, not async), not a strategy: createStrategy() returns a Promise, so await it',
    );
  });
});
