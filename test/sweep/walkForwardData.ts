// Price folders the walk-forward tests run on, as probe r57b generated them (its Python, value for
// value): month-end bars that start after and end before the period a study asks for, and a
// calendar of Fridays that turns into every weekday.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { epochDay, isoDay } from '../../data/dates.ts';

const cents = (v: number): number => Math.round(v * 100) / 100;
const weekday = (d: number): number => new Date(d * 86_400_000).getUTCDay();
const csv = (days: readonly string[], prices: readonly number[]): string => `Date,AdjClose\n${days.map((d, k) => `${d},${prices[k]}`).join('\n')}\n`;

/**
 * `<dir>/<name>`: AAA and BBB (Date,AdjClose) on the last weekday of each month, 2021-01-29 …
 * 2024-01-31 (37 bars). AAA from 100 by a 12-month cycle of returns plus 0.1 % × the bar's index
 * (its last, 276.43 → 294.67, +6.598 %), BBB from 50 by another cycle.
 */
export function monthEndsFolder(dir: string, name: string): string {
  const data = join(dir, name);
  mkdirSync(data);
  const days = Array.from({ length: 37 }, (_, m) => {
    let d = epochDay(2021, m + 2, 0);
    while ([0, 6].includes(weekday(d))) d--;
    return isoDay(d);
  });
  const pa = [0.03, -0.02, 0.04, 0.01, -0.03, 0.05, 0.02, -0.01, 0.03, -0.04, 0.06, 0.01];
  const pb = [-0.01, 0.02, 0.01, -0.02, 0.03, 0.0, 0.01, 0.02, -0.03, 0.02, 0.01, -0.01];
  const a = [100];
  const b = [50];
  for (let i = 1; i < days.length; i++) {
    a.push(cents(a[i - 1] * (1 + pa[i % 12] + 0.001 * i)));
    b.push(cents(b[i - 1] * (1 + pb[i % 12])));
  }
  writeFileSync(join(data, 'AAA.csv'), csv(days, a));
  writeFileSync(join(data, 'BBB.csv'), csv(days, b));
  return data;
}

/**
 * `<dir>/<name>`: WWW and VVV (Date,AdjClose) on Fridays only until 2023-06-30, then on every
 * weekday to 2023-12-29, each a seeded LCG walk rounded to cents.
 */
export function weeklyThenDailyFolder(dir: string, name: string): string {
  const data = join(dir, name);
  mkdirSync(data);
  const lcg = (seed: number) => {
    let x = BigInt(seed);
    return () => Number((x = (x * 1103515245n + 12345n) % 2n ** 31n)) / 2 ** 31;
  };
  const days: string[] = [];
  for (let d = epochDay(2022, 1, 7); d <= epochDay(2023, 12, 29); d++) if (isoDay(d) < '2023-07-01' ? weekday(d) === 5 : weekday(d) >= 1 && weekday(d) <= 5) days.push(isoDay(d));
  const walk = (seed: number, start: number, scale: number, drift: number): number[] => {
    const u = lcg(seed);
    let p = start;
    return days.map(() => (p = cents(p * (1 + scale * (u() - 0.5) + drift))));
  };
  writeFileSync(join(data, 'WWW.csv'), csv(days, walk(3, 100, 0.03, 0.0008)));
  writeFileSync(join(data, 'VVV.csv'), csv(days, walk(9, 50, 0.02, 0.0002)));
  return data;
}
