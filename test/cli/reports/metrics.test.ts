// breadth metrics end to end on hand-made files: blank benchmark returns, returns in percent,
// the data caveats of a price series, and one symbol picked from a long file.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { breadth, expectBadInput, expectOk, parseJson, scratch, write } from '../helpers.ts';

const DAYS = ['2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07', '2024-03-08', '2024-03-11', '2024-03-12', '2024-03-13', '2024-03-14', '2024-03-15', '2024-03-18', '2024-03-19'];
const returnsCsv = (values: (number | '')[], days = DAYS.slice(1)): string => `date,return\n${values.map((v, k) => `${days[k]},${v}`).join('\n')}\n`;

describe.concurrent('metrics: a blank benchmark return', () => {
  it('leaves that interval out, says so, and pairs the other 4 (beta 2/3, TE √0.0002·√252 by hand)', async () => {
    const dir = scratch();
    write(dir, 'r.csv', returnsCsv([0.01, -0.02, 0.03, 0.01, -0.01]));
    write(dir, 'b.csv', returnsCsv([0.02, '', 0.01, 0.02, -0.01]));
    const o = await breadth(['metrics', '--returns', 'r.csv', '--benchmark-returns', 'b.csv', '--json'], { cwd: dir });
    expectOk(o);
    const out = parseJson(o);
    expect(out.aligned_rows).toBe(4);
    expect(out.pairing.unknown).toBe(1);
    // Pairs (.01, .02), (.03, .01), (.01, .02), (−.01, −.01): β = .0004 / .0006; r − b = (−.01, .02, −.01, 0).
    expect(out.values.beta).toBeCloseTo(2 / 3, 12);
    expect(out.values.tracking_error).toBeCloseTo(Math.sqrt(0.0002 * 252), 12);
    const text = await breadth(['metrics', '--returns', 'r.csv', '--benchmark-returns', 'b.csv'], { cwd: dir });
    expect(text.stderr).toContain('breadth: warning: 1 interval left out of the relative metrics: a return inside it is blank (unknown), never paired as 0');
    // Each metric in its METRICS.md unit, as runs show and the report print it (probe r36b: a capture read as "−2.71%").
    // Total return 1.01 · 0.98 · 1.03 · 1.01 · 0.99 − 1 = 1.94 %. Captures are ratios: up on the three
    // pairs with b > 0, each side annualised over its 3 rows (0.9918, not "99.18%"); down has one pair, too few.
    const up = ((1.01 * 1.03 * 1.01) ** (252 / 3) - 1) / ((1.02 * 1.01 * 1.02) ** (252 / 3) - 1);
    const value = (name: string): string | undefined => text.stdout.match(new RegExp(`│ ${name} +│ (\\S+) `))?.[1];
    expect([value('total_return'), value('down_capture'), value('up_capture')]).toEqual(['1.94%', '—', up.toFixed(4)]);
  });
});

describe.concurrent('metrics: returns in percent', () => {
  const monthly = ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31'];
  const percent = [1.5, -0.5, 3, 0.8];

  it('refuses a file that looks like percent (upper median |r| 1.5; gaps 29, 31, 30 days → 1.5·√(365.25/30) = 5.2 > 2)', async () => {
    const dir = scratch();
    write(dir, 'pct.csv', returnsCsv(percent, monthly));
    expectBadInput(await breadth(['metrics', '--returns', 'pct.csv'], { cwd: dir }), 'pct.csv: the returns look like percent: median |return| 1.5 per 30-day period is 5.2', '--returns-unit percent');
  });

  it('refuses a return below −1 at its line', async () => {
    const dir = scratch();
    write(dir, 'neg.csv', returnsCsv([0.01, -6.6, 0.02], monthly));
    expectBadInput(await breadth(['metrics', '--returns', 'neg.csv'], { cwd: dir }), 'neg.csv:3: return -6.6 is below −1 (a loss of more than 100 %)');
  });

  it('--returns-unit percent divides by 100: total return 1.015 · 0.995 · 1.03 · 1.008 − 1', async () => {
    const dir = scratch();
    write(dir, 'pct.csv', returnsCsv(percent, monthly));
    const o = await breadth(['metrics', '--returns', 'pct.csv', '--returns-unit', 'percent', '--json'], { cwd: dir });
    expectOk(o);
    expect(parseJson(o).values.total_return).toBeCloseTo(1.015 * 0.995 * 1.03 * 1.008 - 1, 12);
  });
});

describe.concurrent('metrics --prices: data caveats and picking a symbol', () => {
  // 12 prices; day 6 jumps ×4 and the next day takes it back.
  const prices = [100, 101, 102, 101, 103, 104, 416, 105, 104, 106, 107, 108];
  const priceCsv = `Date,AdjClose\n${prices.map((p, k) => `${DAYS[k]},${p}`).join('\n')}\n`;

  it('says a one-session move that reverts, on stderr and under caveats in --json', async () => {
    const dir = scratch();
    write(dir, 'SPK.csv', priceCsv);
    const text = await breadth(['metrics', '--prices', 'SPK.csv'], { cwd: dir });
    expectOk(text);
    expect(text.stderr).toContain('breadth: warning: 1 single-session price move that reverts (bad prints, uncarried corporate actions, or real spikes such as a squeeze — check them): SPK 2024-03-12 ×4.00 (back 2024-03-13)');
    const out = parseJson(await breadth(['metrics', '--prices', 'SPK.csv', '--json'], { cwd: dir }));
    expect(out.caveats[0]).toMatchObject({ code: 'data-note', severity: 'high', symbols: ['SPK'] });
  });

  it('a folder symbol with a missing bar before a dividend keeps its whole history (total return 103 / 89.1 − 1 over 6 returns)', async () => {
    // DIV has no bar on the 3rd session; AdjClose steps by 0.99 on the 4th: a 1.10 dividend on the 110 close.
    const dir = scratch();
    write(dir, 'AAA.csv', `Date,Close\n${DAYS.slice(0, 8).map((d, k) => `${d},${50 + k}`).join('\n')}\n`);
    const div = [[90, 89.1], [110, 108.9], null, [99, 99], [100, 100], [101, 101], [102, 102], [103, 103]];
    write(dir, 'DIV.csv', `Date,Close,Adj Close\n${div.flatMap((row, k) => (row ? [`${DAYS[k]},${row[0]},${row[1]}`] : [])).join('\n')}\n`);
    const out = parseJson(await breadth(['metrics', '--prices', '.', '--symbol', 'DIV', '--json'], { cwd: dir }));
    expect(out.values.total_return).toBeCloseTo(103 / 89.1 - 1, 12);
    expect(out.metrics.find((m: { name: string }) => m.name === 'total_return').n).toBe(6);
  });

  it('a price that jumps by a split\'s size with no ratio read is a high caveat (Close 10 → 13.7, AdjClose flat)', async () => {
    const dir = scratch();
    write(dir, 'JMP.csv', `Date,Close,Adj Close\n${DAYS.slice(0, 4).map((d, k) => `${d},${[10, 10, 13.7, 13.7][k]},13.7`).join('\n')}\n`);
    const out = parseJson(await breadth(['metrics', '--prices', 'JMP.csv', '--json'], { cwd: dir }));
    const caveat = out.caveats.find((c: { message: string }) => /the size of a split/.test(c.message));
    expect(caveat).toMatchObject({ code: 'data-note', severity: 'high' });
    expect(caveat.message).toContain('JMP 2024-03-06 (×1.37)');
  });

  it('a stated split the prices contradict is a high caveat (Stock Splits 1:25 where Close ×10 and AdjClose flat read 1:10)', async () => {
    const dir = scratch();
    const rows = [[7, 70, '0.0'], [7, 70, '0.0'], [70, 70, '0.04'], [70.5, 70.5, '0.0']];
    write(dir, 'HA.csv', `Date,Open,High,Low,Close,Adj Close,Volume,Dividends,Stock Splits\n${rows.map(([c, a, s], k) => `${DAYS[k]},${c},${c},${c},${c},${a},1000,0.0,${s}`).join('\n')}\n`);
    const out = parseJson(await breadth(['metrics', '--prices', 'HA.csv', '--json'], { cwd: dir }));
    const caveat = out.caveats.find((c: { message: string }) => /disagrees with the prices' split ratio/.test(c.message));
    expect(caveat).toMatchObject({ code: 'data-note', severity: 'high' });
    expect(caveat.message).toContain('HA 2024-03-06 (Close and AdjClose step by a 1:10 split, stated 1:25)');
  });

  it('names the symbols of a long file and takes --symbol (total return 99/90 − 1 by hand)', async () => {
    const dir = scratch();
    const rows = DAYS.slice(0, 3).flatMap((d, k) => [`${d},AAA,${[50, 51, 52][k]}`, `${d},BBB,${[90, 95, 99][k]}`]);
    write(dir, 'long.csv', `date,symbol,close\n${rows.join('\n')}\n`);
    expectBadInput(await breadth(['metrics', '--prices', 'long.csv'], { cwd: dir }), 'long.csv: holds 2 symbols (AAA, BBB) — pick one with --symbol AAA');
    expectBadInput(await breadth(['metrics', '--prices', 'long.csv', '--symbol', 'BBBB'], { cwd: dir }), 'has no symbol BBBB', 'did you mean --symbol BBB?');
    const o = await breadth(['metrics', '--prices', 'long.csv', '--symbol', 'BBB', '--benchmark-prices', 'long.csv', '--benchmark-symbol', 'AAA', '--json'], { cwd: dir });
    expectOk(o);
    const out = parseJson(o);
    expect(out).toMatchObject({ series: 'BBB', benchmark: 'AAA', aligned_rows: 2 });
    expect(out.values.total_return).toBeCloseTo(99 / 90 - 1, 12);
  });
});

describe('breadth metrics with a rate series that does not cover the series', () => {
  it('says where the risk-free rate starts late and where its last rate is carried', async () => {
    const dir = scratch();
    // Prices on 2024-01-01 … 01-10 (weekdays): 7 returns, ending 01-02 … 01-10. Rates (percent) on 01-04 and 01-05 only:
    // the returns ending 01-02 and 01-03 have no rf (5 remain); the median gap is 1 day, so the 3 ending 01-08 … 01-10 carry 4 %.
    write(dir, 'P.csv', ['Date,Close', '2024-01-01,100', '2024-01-02,101', '2024-01-03,102', '2024-01-04,101', '2024-01-05,103', '2024-01-08,104', '2024-01-09,103', '2024-01-10,105', ''].join('\n'));
    write(dir, 'RATE.csv', ['DATE,RATE', '2024-01-04,5', '2024-01-05,4', ''].join('\n'));
    const o = await breadth(['metrics', '--prices', join(dir, 'P.csv'), '--rf-series', join(dir, 'RATE.csv')], { cwd: dir });
    expectOk(o);
    expect(o.stderr).toContain('risk-free rate RATE starts on 2024-01-04: sharpe, omega, psr, dsr, alpha, treynor use the 5 returns from then on, not all 7 (sortino uses its target, not the rate, and keeps them all)');
    expect(o.stderr).toContain('risk-free rate RATE ends on 2024-01-05: its last rate (4.00%) stands in for the 3 returns after 2024-01-06, when its next rate was due');
  });
});

describe.concurrent('metrics: which series a caveat is about (probe r20c)', () => {
  it('a benchmark\'s missing sessions are its coverage line, said once, never "of the series"; its notes say "benchmark:"', async () => {
    const dir = scratch();
    // AAA on all 4 days, BBB missing 03-06: one folder's calendar gives BBB one gap, which leaves AAA's return ending 03-06 unpaired.
    write(dir, 'AAA.csv', ['Date,AdjClose', '2024-03-04,100', '2024-03-05,101', '2024-03-06,102', '2024-03-07,103', ''].join('\n'));
    write(dir, 'BBB.csv', ['Date,AdjClose', '2024-03-04,200', '2024-03-05,202', '2024-03-07,206', ''].join('\n'));
    const o = await breadth(['metrics', '--prices', '.', '--symbol', 'AAA', '--benchmark-prices', '.', '--benchmark-symbol', 'BBB'], { cwd: dir });
    expectOk(o);
    expect(o.stdout.split('\n')[0]).toMatch(/^AAA vs BBB \(2 paired intervals, /);
    expect(o.stderr).toContain('breadth: warning: benchmark BBB has no value on 1 period inside its period (the first 2024-03-06)');
    expect(o.stderr).not.toMatch(/without a bar inside the history/);
    expect(o.stderr).toContain('breadth: warning: AAA.csv: AdjClose only: prices are total-return');
    expect(o.stderr).toContain('breadth: warning: benchmark: BBB.csv: AdjClose only: prices are total-return');
  });

  it('a series\' own missing session is still said of the series', async () => {
    const dir = scratch();
    write(dir, 'AAA.csv', ['Date,AdjClose', '2024-03-04,100', '2024-03-05,101', '2024-03-07,103', ''].join('\n'));
    write(dir, 'BBB.csv', ['Date,AdjClose', '2024-03-04,200', '2024-03-05,202', '2024-03-06,204', '2024-03-07,206', ''].join('\n'));
    const o = await breadth(['metrics', '--prices', '.', '--symbol', 'AAA', '--benchmark-prices', '.', '--benchmark-symbol', 'BBB'], { cwd: dir });
    expectOk(o);
    expect(o.stderr).toContain('breadth: warning: 1 session without a bar inside the history of the series (NaN) in the sessions measured: AAA 1');
  });

  it('two files of one name are named apart by their folders, or as series and benchmark when one file is both', async () => {
    const dir = scratch();
    const aaa = ['Date,AdjClose', '2024-03-04,100', '2024-03-05,101', '2024-03-06,99', ''].join('\n');
    for (const folder of ['ms', 'bme']) mkdirSync(join(dir, folder));
    write(dir, 'ms/AAA.csv', aaa);
    write(dir, 'bme/AAA.csv', aaa);
    const apart = await breadth(['metrics', '--prices', 'ms/AAA.csv', '--benchmark-prices', 'bme/AAA.csv', '--json'], { cwd: dir });
    expectOk(apart);
    expect(parseJson(apart)).toMatchObject({ series: 'AAA (ms/AAA.csv)', benchmark: 'AAA (bme/AAA.csv)', aligned_rows: 2 });
    const text = await breadth(['metrics', '--prices', 'ms/AAA.csv', '--benchmark-prices', 'bme/AAA.csv'], { cwd: dir });
    expect(text.stdout.split('\n')[0]).toMatch(/^AAA \(ms\/AAA\.csv\) vs AAA \(bme\/AAA\.csv\) \(2 paired intervals, /);
    const same = await breadth(['metrics', '--prices', 'ms/AAA.csv', '--benchmark-prices', 'ms/AAA.csv', '--json'], { cwd: dir });
    expect(parseJson(same)).toMatchObject({ series: 'AAA (series)', benchmark: 'AAA (benchmark)' });
  });
});

// Probe K1: a factor folder that fitted no model (lower-case headers, or no momentum file) printed nothing of it, and exit 0.
describe.concurrent('metrics --factors: models a folder cannot fit', () => {
  /** Factor values in percent on DAYS, to 0.01: sines of unlike frequencies, so no column is a mix of the others. */
  const factor = (j: number, k: number): number => Math.round(100 * Math.sin(k * (0.7 + j * 0.37) + j)) / 100;
  const rf = (k: number): number => 0.01 * (1 + (k % 2));
  const factorCsv = (header: string, columns: number[]): string => `${header}\n${DAYS.map((d, k) => [d, ...columns.map((j) => factor(j, k).toFixed(2)), ...(header.endsWith('rf') ? [rf(k).toFixed(2)] : [])].join(',')).join('\n')}\n`;
  /** The market itself: r = (Mkt-RF + RF) / 100 each day, so it loads 1 on the market, 0 elsewhere, with no alpha. */
  const market = returnsCsv(DAYS.slice(1).map((_, k) => (factor(0, k + 1) + rf(k + 1)) / 100));

  it('reads lower-case headers and UMD, fits the daily model (market loading 1, the rest 0) and says which models it could not fit and why', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'ff'));
    write(dir, 'ff/ff5_daily.csv', factorCsv('date,mkt-rf,smb,hml,rmw,cma,rf', [0, 1, 2, 3, 4]));
    write(dir, 'ff/mom_daily.csv', factorCsv('date,umd', [5]));
    write(dir, 'r.csv', market);
    const o = await breadth(['metrics', '--returns', 'r.csv', '--factors', 'ff', '--json'], { cwd: dir });
    expectOk(o);
    const out = parseJson(o);
    expect(out.factor_regressions.map((r: { model: string }) => r.model)).toEqual(['ff5_mom_daily']);
    const [reg] = out.factor_regressions;
    expect(reg.loadings.map((l: { loading: number }) => l.loading)).toEqual([1, 0, 0, 0, 0, 0].map((b) => expect.closeTo(b, 9)));
    expect(reg.alpha).toBeCloseTo(0, 12);
    const monthly = "ff has no ff5_monthly.csv (Ken French's monthly 5 factors: Date,Mkt-RF,SMB,HML,RMW,CMA,RF): add it";
    const lines = [
      `factor model ff5_mom_monthly not fitted: ${monthly}; ff has no mom_monthly.csv (Ken French's monthly momentum: Date,Mom): add it`,
      `factor model aqr_qmj_monthly not fitted: ${monthly}; ff has no aqr_qmj_monthly.csv (AQR's QMJ Factors sheet: Date,USA): add it`,
    ];
    expect(out.caveats.filter((c: { code: string }) => c.code === 'factors').map((c: { message: string }) => c.message)).toEqual(lines);
    const text = await breadth(['metrics', '--returns', 'r.csv', '--factors', 'ff'], { cwd: dir });
    expectOk(text);
    for (const line of lines) expect(text.stderr).toContain(`breadth: warning: ${line}\n`);
  });

  it('refuses a folder from which no model can be fitted (monthly 5 factors only), in one line naming each missing file', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'ff'));
    write(dir, 'ff/ff5_monthly.csv', 'Date,Mkt-RF,SMB,HML,RMW,CMA,RF\n2024-01,1,2,3,4,5,0.4\n2024-02,1,2,3,4,5,0.4\n');
    write(dir, 'r.csv', market);
    expectBadInput(
      await breadth(['metrics', '--returns', 'r.csv', '--factors', 'ff'], { cwd: dir }),
      'breadth: factors: no factor model can be fitted from ff: ff5_mom_daily not fitted: ff has no ff5_daily.csv',
      'ff5_mom_monthly not fitted: ff has no mom_monthly.csv',
      'aqr_qmj_monthly not fitted: ff has no aqr_qmj_monthly.csv',
    );
  });
});

describe.concurrent('metrics and a run on the 15th and month-ends (P = 24; probe r64d F3)', () => {
  // 24 closes of 2023 on the 15th and the last weekday (a weekend date moved to the Friday before), 100 → 116.1.
  const DATES = ['2023-01-13', '2023-01-31', '2023-02-15', '2023-02-28', '2023-03-15', '2023-03-31', '2023-04-14', '2023-04-28', '2023-05-15', '2023-05-31', '2023-06-15', '2023-06-30', '2023-07-14', '2023-07-31', '2023-08-15', '2023-08-31', '2023-09-15', '2023-09-29', '2023-10-13', '2023-10-31', '2023-11-15', '2023-11-30', '2023-12-15', '2023-12-29'];
  const csv = `Date,Open,High,Low,Close,Volume\n${DATES.map((d, k) => { const c = (100 + (16.1 * k) / 23).toFixed(4); return `${d},${c},${c},${c},${c},100000`; }).join('\n')}\n`;
  // 23 half-months (350 days · 24 / 365.25 = 22.998): 1.161^(24/23) − 1 = 0.168560 (was 1.161^(24/23.533) − 1 = 0.164442).
  const annual = 1.161 ** (24 / 23) - 1;

  it('breadth metrics: annual return 1.161^(24/23) − 1', async () => {
    const dir = scratch();
    write(dir, 'AAA.csv', csv);
    const o = await breadth(['metrics', '--prices', 'AAA.csv', '--json'], { cwd: dir });
    expectOk(o);
    const out = parseJson(o);
    expect(out.periodsPerYear).toBe(24);
    expect(out.values.annual_return).toBeCloseTo(annual, 10);
  });

  it('a buy-and-hold run the same, and cash alone at 5 % earns 10 000 × 1.05^(23/24) = 10 478.68 (was 10 490.04)', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'd'));
    write(join(dir, 'd'), 'AAA.csv', csv);
    const run = async (args: string[]) => {
      const o = await breadth(['run', '--data', 'd', '--execution', 'same-close', '--benchmark', 'none', '--no-cache', '--json', ...args], { cwd: dir });
      expectOk(o);
      return parseJson(o).runs[0];
    };
    const held = await run(['--strategy', 'buy-and-hold', '--param=weights={"AAA":1}', '--cash', '1000000', '--db', 'h.db']);
    expect(held.metrics.annual_return).toBeCloseTo(annual, 10);
    write(dir, 'idle.ts', `import { defineStrategy, schedules, z } from 'breadth';
export default defineStrategy({
  name: 'idle', description: 'Never invests.', dataNeeds: 'prices', params: z.object({}),
  create: () => ({ schedule: schedules.everySession, decide: () => undefined }),
});
`);
    const cash = await run(['--strategy', './idle.ts', '--cash', '10000', '--rf', '0.05', '--db', 'c.db']);
    expect(cash.finalNav).toBeCloseTo(10_000 * 1.05 ** (23 / 24), 6);
  });
});

describe.concurrent('metrics and a run agree on alpha when the series lacks a session the benchmark has (probe r64d F1)', () => {
  it('S flat at 100 without Monday 2024-01-08, B alternating 100 / 101 on every weekday 01-02 … 01-12, rf 5 %: alpha (1 − (6 g1 + g2) / 7)^252 − 1 = −0.0542463 in both (metrics was (1 − g1)^252 − 1 = −0.0476280)', async () => {
    // β = 0 (S never moves), so alpha = (1 + mean(−rf_i))^252 − 1 over the 7 paired intervals; g_k = 1.05^(k/252) − 1, the
    // interval 01-05 → 01-09 spanning 2 sessions (01-08 and 01-09), the others 1.
    const dir = scratch();
    const days = [2, 3, 4, 5, 8, 9, 10, 11, 12];
    const row = (d: number, c: number): string => `2024-01-${String(d).padStart(2, '0')},${c},${c},${c},${c},100000`;
    mkdirSync(join(dir, 'd'));
    write(join(dir, 'd'), 'S.csv', ['Date,Open,High,Low,Close,Volume', ...days.filter((d) => d !== 8).map((d) => row(d, 100)), ''].join('\n'));
    write(join(dir, 'd'), 'B.csv', ['Date,Open,High,Low,Close,Volume', ...days.map((d, k) => row(d, 100 + (k % 2))), ''].join('\n'));
    const metrics = await breadth(['metrics', '--prices', 'd/S.csv', '--benchmark-prices', 'd/B.csv', '--rf-annual', '0.05', '--json'], { cwd: dir });
    expectOk(metrics);
    expect(parseJson(metrics).values.alpha).toBeCloseTo(-0.05424630362719, 12);
    expectOk(await breadth(['run', '--data', 'd', '--strategy', 'buy-and-hold', '--param=weights={"S":1}', '--execution', 'same-close', '--benchmark', 'B', '--rf', '0.05', '--db', 'r.db', '--no-cache'], { cwd: dir }));
    const shown = await breadth(['runs', 'show', 'r.db', '1', '--json'], { cwd: dir });
    expectOk(shown);
    expect(parseJson(shown).metrics.find((m: { name: string }) => m.name === 'alpha').value).toBeCloseTo(-0.05424630362719, 12);
  });
});
