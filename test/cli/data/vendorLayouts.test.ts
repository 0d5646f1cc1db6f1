// `breadth run` on an AdjClose-only Tiingo file: next-open fills at adjOpen, no "no opening
// prices" caveat; on a file whose decimal mark is guessed: a high caveat, wherever its quoted numbers
// start; on one whose mark shows only at its last row: read with it throughout. The 12 IWM sessions of
// ../shared/cases/formats; NAV worked by hand below.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { breadth, expectOk, scratch, write } from '../helpers.ts';

// date, adjClose, adjHigh, adjLow, adjOpen, adjVolume
const BARS = [
  '2024-01-02,199.52,201.62,198.44,199.4,44341500',
  '2024-01-03,194.2,197.67,193.78,197.4,57532500',
  '2024-01-04,193.82,195.49,193.69,194.06,43114200',
  '2024-01-05,193.25,195.46,192.29,192.69,40964900',
  '2024-01-08,196.73,196.97,192.26,193.29,31545400',
  '2024-01-09,194.97,195.77,193.32,194.35,28998700',
  '2024-01-10,195.08,195.38,193.08,194.74,35075200',
  '2024-01-11,193.55,194.74,191.3,194.5,48939200',
  '2024-01-12,193.23,197.1,192.64,195.89,42992100',
  '2024-01-16,190.84,193.26,190.11,191.72,42213000',
  '2024-01-17,189.48,189.93,187.53,188.13,37787700',
  '2024-01-18,190.6,191.17,188.21,190.71,41760000',
];

/** Runs buy-and-hold of IWM with 1,000,000 on `rows` (Date,Open,High,Low,Close,Volume); the run's stdout, final NAV and caveats. */
async function holdIwm(rows: string[]): Promise<{ stdout: string; nav: number; caveats: { severity: string; message: string }[] }> {
  const cwd = scratch();
  mkdirSync(join(cwd, 'data'));
  write(cwd, 'data/IWM.csv', ['Date,Open,High,Low,Close,Volume', ...rows].join('\n') + '\n');
  const o = await breadth(['run', '--data', 'data', '--strategy', 'buy-and-hold', '--param', 'weights={"IWM":1}', '--cash', '1000000', '--no-cache'], { cwd });
  expectOk(o);
  const store = new Database(join(cwd, 'out', 'breadth.db'), { readonly: true });
  try {
    const nav = (store.prepare('SELECT final_nav FROM runs').get() as { final_nav: number }).final_nav;
    return { stdout: o.stdout, nav, caveats: store.prepare('SELECT severity, message FROM warnings').all() as { severity: string; message: string }[] };
  } finally {
    store.close();
  }
}

/** BARS as Date,Open,High,Low,Close,Volume, each price written by `price`. */
const barsWith = (price: (x: string, row: number) => string): string[] =>
  BARS.map((line, row) => {
    const [date, close, high, low, open, volume] = line.split(',');
    return [date, ...[open, high, low, close].map((x) => price(x, row)), volume].join(',');
  });

it('a Tiingo adjusted-only file fills buy-and-hold at adjOpen: 965,918.40', async () => {
  const cwd = scratch();
  mkdirSync(join(cwd, 'data'));
  write(cwd, 'data/IWM.csv', ['date,adjClose,adjHigh,adjLow,adjOpen,adjVolume', ...BARS].join('\n') + '\n');
  const o = await breadth(['run', '--data', 'data', '--strategy', 'buy-and-hold', '--param', 'weights={"IWM":1}', '--cash', '1000000', '--no-cache'], { cwd });
  expectOk(o);
  expect(o.stdout).not.toMatch(/no opening prices/);
  const store = new Database(join(cwd, 'out', 'breadth.db'), { readonly: true });
  try {
    const fill = store.prepare('SELECT quantity, price FROM fills').get() as { quantity: number; price: number };
    // floor(1,000,000 / 199.52) = 5,012 shares, filled at the 01-03 adjOpen 197.40: cash 1e6 − 989,368.80 = 10,631.20.
    expect(fill).toEqual({ quantity: 5012, price: 197.4 });
    const nav = (store.prepare('SELECT final_nav FROM runs').get() as { final_nav: number }).final_nav;
    // 5,012 × 190.60 + 10,631.20 = 965,918.40 (the 01-03 close 194.20 would give 981,956.80).
    expect(nav).toBeCloseTo(965_918.4, 6);
  } finally {
    store.close();
  }
});

it('a comma file of quoted "199,520" prices: read ×1,000 as comma files write it, said as a high caveat in the terminal and the store', async () => {
  // The same bars with three decimals and a decimal comma, quoted: 199.52 → "199,520".
  const r = await holdIwm(barsWith((x) => `"${Number(x).toFixed(3).replace('.', ',')}"`));
  const note = '"199,400" read as 199400 ("," as a thousands separator, as comma-separated files usually write it): no number in the file shows its decimal mark, so prices may be 1,000× too high (Open, High, Low, Close)';
  expect(r.stdout).toContain(`IWM.csv: ${note}`);
  const caveat = r.caveats.find((c) => c.message.includes('1,000×'))!;
  expect(caveat.severity).toBe('high');
  expect(caveat.message).toContain(`IWM.csv: ${note} — if it is a decimal comma (199.400), write the numbers with a decimal point: 199.400`);
  // floor(1,000,000 / 199,520) = 5 shares at the 01-03 open 197,400: cash 13,000; 5 × 190,600 + 13,000 = 966,000.
  expect(r.nav).toBeCloseTo(966_000, 6);
});

it('quoted "194,350" only below the sniffed head (rows 2–6 whole numbers): the guess is said as a high caveat, as it is when the head is quoted', async () => {
  const r = await holdIwm(barsWith((x, row) => (row < 5 ? String(Math.round(Number(x))) : `"${Number(x).toFixed(3).replace('.', ',')}"`)));
  const note = '"194,350" read as 194350 ("," as a thousands separator, as comma-separated files usually write it): no number in the file shows its decimal mark, so prices may be 1,000× too high (Open, High, Low, Close)';
  expect(r.stdout).toContain(`IWM.csv: ${note}`);
  expect(r.caveats.find((c) => c.message.includes(note))?.severity).toBe('high');
  // floor(1,000,000 / 200) = 5,000 shares at the 01-03 open 197: cash 15,000; 5,000 × 190,600 + 15,000.
  expect(r.nav).toBeCloseTo(953_015_000, 6);
});

it('quoted "199,520" prices whose last row shows the decimal comma ("190,60" at line 13): read as decimals from line 2, 965,918.40', async () => {
  const r = await holdIwm(barsWith((x, row) => `"${Number(x).toFixed(row === BARS.length - 1 ? 2 : 3).replace('.', ',')}"`));
  expect(r.caveats.map((c) => c.message).join(' | ')).not.toMatch(/1,000×/);
  // floor(1,000,000 / 199.52) = 5,012 shares at the 01-03 open 197.40: cash 10,631.20; 5,012 × 190.60 + 10,631.20.
  expect(r.nav).toBeCloseTo(965_918.4, 6);
});
