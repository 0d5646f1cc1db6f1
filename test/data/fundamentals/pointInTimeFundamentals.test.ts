// Point-in-time fundamentals when filings are published out of period order: a figure on a day is
// built from the filings public by that day only (statementsToRows), and the as-of lookup takes
// the newest public period, not the last published row (Fundamentals.latestRow).

import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isoDay, parseIsoDay } from '../../../data/dates.ts';
import { FUNDAMENTAL_FIELDS, Fundamentals, type FundamentalField, type FundamentalRow } from '../../../data/fundamentals.ts';
import { loadSimfinStatements } from '../../../data/fundamentals/simfin.ts';
import { availableAt, debtFields, MIN_PUBLISH_LAG_DAYS, statementsToRows, type FiscalPeriod, type Statement } from '../../../data/fundamentals/statements.ts';
import { loadMarket } from '../../../data/load.ts';
import { backtest } from '../../../engine/backtest.ts';
import { scripted } from '../../engine/helpers.ts';
import { csv, tempDir, writeFile } from '../fixtures.ts';

const day = parseIsoDay;

/** One symbol's filing: period end and publish date ISO, values as given. */
function filing(fiscalYear: number, fiscalPeriod: FiscalPeriod, periodEnd: string, published: string, values: Statement['values']): Statement {
  return { symbol: 0, fiscalYear, fiscalPeriod, periodEnd: day(periodEnd), published: day(published), values };
}

/** The d9 case of the tester's report: Q3'23 is published after Q4'23. */
function d9(q3Revenue: number): Statement[] {
  return [
    filing(2022, 'Q3', '2022-09-30', '2022-11-10', { revenue: 1, sharesOutstanding: 100 }),
    filing(2022, 'Q4', '2022-12-31', '2023-02-10', { revenue: 5, sharesOutstanding: 100 }),
    filing(2023, 'Q1', '2023-03-31', '2023-05-10', { revenue: 10, sharesOutstanding: 100 }),
    filing(2023, 'Q2', '2023-06-30', '2023-08-10', { revenue: 20, sharesOutstanding: 200 }),
    filing(2023, 'Q3', '2023-09-30', '2024-03-05', { revenue: q3Revenue, sharesOutstanding: 300 }),
    filing(2023, 'Q4', '2023-12-31', '2024-02-09', { revenue: 40, sharesOutstanding: 400 }),
  ];
}

const asOf = (f: Fundamentals, field: FundamentalField, iso: string): number => f.asOf(field, day(iso))[0];

describe('statementsToRows: figures from the filings public on the day', () => {
  const f = new Fundamentals(1, statementsToRows(d9(30)));

  it('before Q4\'23: TTM Q3\'22..Q2\'23 = 1 + 5 + 10 + 20 = 36, shares of Q2\'23', () => {
    expect(asOf(f, 'revenue', '2024-02-08')).toBe(36);
    expect(asOf(f, 'sharesOutstanding', '2024-02-08')).toBe(200);
  });

  it('Q4\'23 public, Q3\'23 not: the last complete TTM (36) stays; stocks are Q4\'23\'s (400)', () => {
    for (const iso of ['2024-02-09', '2024-02-20', '2024-03-04']) {
      expect(asOf(f, 'revenue', iso)).toBe(36);
      expect(asOf(f, 'sharesOutstanding', iso)).toBe(400);
      expect(f.periodEnd[f.latestRow(0, day(iso))]).toBe(day('2023-12-31'));
    }
  });

  it('once Q3\'23 is out: TTM Q1..Q4\'23 = 10 + 20 + 30 + 40 = 100; the late Q3 never displaces Q4\'s shares', () => {
    for (const iso of ['2024-03-05', '2024-03-10']) {
      expect(asOf(f, 'revenue', iso)).toBe(100);
      expect(asOf(f, 'sharesOutstanding', iso)).toBe(400);
    }
  });

  it('a different Q3\'23 (999, the perturbed d9p) changes nothing before 2024-03-05, and gives 10 + 20 + 999 + 40 = 1069 after', () => {
    const p = new Fundamentals(1, statementsToRows(d9(999)));
    expect(asOf(p, 'revenue', '2024-02-20')).toBe(36);
    expect(asOf(p, 'revenue', '2024-03-10')).toBe(1069);
  });

  it('a public annual filing is a complete twelve months: it serves until a newer complete TTM', () => {
    const f = new Fundamentals(1, statementsToRows([
      filing(2019, 'FY', '2019-12-31', '2020-02-20', { revenue: 400, totalAssets: 1000 }),
      filing(2020, 'Q1', '2020-03-31', '2020-05-10', { revenue: 110, totalAssets: 1100 }),
      filing(2020, 'Q2', '2020-06-30', '2020-08-10', { revenue: 120, totalAssets: 1200 }),
    ]));
    expect(asOf(f, 'revenue', '2020-02-19')).toBeNaN();
    expect(asOf(f, 'revenue', '2020-05-10')).toBe(400); // Q1'20 alone is no twelve months
    expect(asOf(f, 'totalAssets', '2020-05-10')).toBe(1100);
    expect(asOf(f, 'revenue', '2020-08-10')).toBe(400);
    expect(asOf(f, 'totalAssets', '2020-08-10')).toBe(1200);
  });

  it('an FY and a Q4 filing of one period out on one day: the quarter\'s stock figures hold, whatever the input order', () => {
    const q4 = filing(2020, 'Q4', '2020-12-31', '2021-03-04', { revenue: 90, totalAssets: 500, sharesOutstanding: 41 });
    const fy = filing(2020, 'FY', '2020-12-31', '2021-03-04', { revenue: 397, totalAssets: 500, sharesOutstanding: 40 });
    for (const order of [[q4, fy], [fy, q4]]) {
      const f = new Fundamentals(1, statementsToRows(order));
      expect(asOf(f, 'sharesOutstanding', '2021-03-04')).toBe(41);
      expect(asOf(f, 'revenue', '2021-03-04')).toBe(397); // Q4 alone is no twelve months: the FY is
    }
  });

  it('one row per publish day, holding the newest public period end', () => {
    const rows = statementsToRows(d9(30));
    expect(rows.map((r) => r.availableAt)).toEqual(['2022-11-10', '2023-02-10', '2023-05-10', '2023-08-10', '2024-02-09', '2024-03-05'].map(day));
    expect(rows.map((r) => r.periodEnd)).toEqual(['2022-09-30', '2022-12-31', '2023-03-31', '2023-06-30', '2023-12-31', '2023-12-31'].map(day));
  });
});

describe('Fundamentals.latestRow: the newest period public on the day', () => {
  const rows: FundamentalRow[] = [
    { symbol: 0, periodEnd: 100, availableAt: 200, values: { totalAssets: 1 } },
    { symbol: 0, periodEnd: 190, availableAt: 250, values: { totalAssets: 2 } },
    { symbol: 0, periodEnd: 150, availableAt: 300, values: { totalAssets: 3 } }, // an older period, late
    { symbol: 0, periodEnd: 190, availableAt: 320, values: { totalAssets: 4 } }, // period 190 again: supersedes
  ];

  it('hand table: 199 none, 200 → 1, 250 → 2, 300 → 2 (the late older period is ignored), 320 → 4', () => {
    const f = new Fundamentals(1, rows);
    expect([199, 200, 250, 300, 320].map((d) => f.asOf('totalAssets', d)[0])).toEqual([NaN, 1, 2, 2, 4]);
  });

  it('fromSortedColumns (the cache and sweep path) follows the same rule', () => {
    const f = new Fundamentals(1, rows);
    const columns = Object.fromEntries(FUNDAMENTAL_FIELDS.map((field) => [field, f.column(field)])) as Record<FundamentalField, Float64Array>;
    const g = Fundamentals.fromSortedColumns(1, { symbol: f.symbol, periodEnd: f.periodEnd, availableAt: f.availableAt, columns });
    expect([199, 200, 250, 300, 320].map((d) => g.asOf('totalAssets', d)[0])).toEqual([NaN, 1, 2, 2, 4]);
  });

  it('property: picks the visible row with the largest (periodEnd, availableAt), for any publish order', () => {
    const row = fc.record({ symbol: fc.integer({ min: 0, max: 2 }), periodEnd: fc.integer({ min: 0, max: 60 }), availableAt: fc.integer({ min: 0, max: 90 }) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.integer({ min: -1, max: 95 }), (specs, on) => {
        const f = new Fundamentals(3, specs.map((s, k) => ({ ...s, values: { revenue: k } })));
        for (let i = 0; i < 3; i++) {
          const visible = specs.filter((s) => s.symbol === i && s.availableAt <= on);
          const best = visible.reduce<(typeof visible)[number] | undefined>((a, s) => (!a || s.periodEnd > a.periodEnd || (s.periodEnd === a.periodEnd && s.availableAt > a.availableAt) ? s : a), undefined);
          const k = f.latestRow(i, on);
          if (!best) expect(k).toBe(-1);
          else expect([f.periodEnd[k], f.availableAt[k]]).toEqual([best.periodEnd, best.availableAt]);
        }
      }),
      { numRuns: 300, seed: 20240220 },
    );
  });
});

/** A symbol's quarters from 2015 on, each published 10 days before to 250 after its end (often out of order), some never filed, some years with an FY. */
const quarterArb = fc.record({ filed: fc.integer({ min: 0, max: 9 }), lag: fc.oneof(fc.integer({ min: -10, max: 60 }), fc.integer({ min: 100, max: 250 })), revenue: fc.integer({ min: -50, max: 500 }), shares: fc.integer({ min: 1, max: 900 }), annual: fc.boolean() });

function statementsOf(symbol: number, quarters: readonly { filed: number; lag: number; revenue: number; shares: number; annual: boolean }[]): Statement[] {
  const out: Statement[] = [];
  quarters.forEach((q, k) => {
    const year = 2015 + Math.floor(k / 4);
    const period = (k % 4) + 1;
    const periodEnd = day(`${year}-${String(3 * period).padStart(2, '0')}-${period === 1 || period === 4 ? 31 : 30}`);
    const values = { revenue: q.revenue, netIncome: q.revenue / 4, sharesOutstanding: q.shares, totalAssets: 10 * q.shares };
    if (q.filed > 0) out.push({ symbol, fiscalYear: year, fiscalPeriod: `Q${period}` as FiscalPeriod, periodEnd, published: periodEnd + q.lag, values });
    if (period === 4 && q.annual) out.push({ symbol, fiscalYear: year, fiscalPeriod: 'FY', periodEnd, published: periodEnd + q.lag + 7, values: { ...values, revenue: 4 * q.revenue } });
  });
  return out;
}

describe('causality of point-in-time fundamentals (property)', () => {
  it('changing, moving, adding or dropping filings public from day D on changes no figure on any day before D', () => {
    const perturbation = fc.record({ value: fc.integer({ min: -1000, max: 1000 }), delay: fc.integer({ min: 0, max: 300 }), drop: fc.boolean(), periodShift: fc.integer({ min: -100, max: 100 }) });
    fc.assert(
      fc.property(
        fc.array(fc.array(quarterArb, { minLength: 6, maxLength: 16 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 60, max: 1500 }),
        fc.array(perturbation, { minLength: 40, maxLength: 40 }),
        (bySymbol, offset, changes) => {
          const n = bySymbol.length;
          const statements = bySymbol.flatMap((quarters, i) => statementsOf(i, quarters));
          const cut = day('2015-01-01') + offset;
          const perturbed: Statement[] = [];
          statements.forEach((s, k) => {
            if (availableAt(s) < cut) return void perturbed.push(s);
            const c = changes[k % changes.length];
            if (c.drop) return;
            const periodEnd = s.periodEnd + c.periodShift;
            perturbed.push({ ...s, periodEnd, published: Math.max(cut, s.published) + c.delay, values: { revenue: c.value, sharesOutstanding: c.value, totalAssets: c.value } });
          });
          perturbed.push({ symbol: 0, fiscalYear: 2014, fiscalPeriod: 'Q4', periodEnd: cut - 100, published: cut + changes[0].delay, values: { revenue: 7, sharesOutstanding: 7 } });
          const before = new Fundamentals(n, statementsToRows(statements));
          const after = new Fundamentals(n, statementsToRows(perturbed));
          const days = [...new Set(statements.map(availableAt).filter((d) => d < cut)), cut - 1];
          for (const d of days) {
            for (const field of FUNDAMENTAL_FIELDS) {
              expect(Array.from(after.asOf(field, d)), `${field} on day ${d}`).toEqual(Array.from(before.asOf(field, d)));
            }
          }
        },
      ),
      { numRuns: 300, seed: 20240305 },
    );
  });
});

describe('the debt fields: one missing-value rule for every ratio (probe r60b fault 1)', () => {
  // LFVN's balance sheet of 2021-03-31: Short Term Debt 1,639,000, Long Term Debt 16,195,000, Total Equity 35,628,000.
  const on = (shortTermDebt: number | undefined, longTermDebt: number | undefined): number[] => {
    const values = { totalEquity: 35_628_000, ...(shortTermDebt === undefined ? {} : { shortTermDebt }), ...(longTermDebt === undefined ? {} : { longTermDebt }) };
    const f = new Fundamentals(1, statementsToRows([filing(2021, 'Q3', '2021-03-31', '2021-05-10', values)]));
    return (['shortTermDebt', 'longTermDebt', 'totalDebt'] as const).map((field) => asOf(f, field, '2021-05-10'));
  };

  it('both sides reported: 1,639,000 + 16,195,000 = 17,834,000', () => {
    expect(on(1_639_000, 16_195_000)).toEqual([1_639_000, 16_195_000, 17_834_000]);
  });

  it('a blank side beside a reported one is 0 in its own field as in the total: short-term debt 0 (was NaN beside a total of 16,195,000), or long-term 0', () => {
    expect(on(undefined, 16_195_000)).toEqual([0, 16_195_000, 16_195_000]);
    expect(on(1_639_000, undefined)).toEqual([1_639_000, 0, 1_639_000]);
  });

  it('both blank: all three unknown', () => {
    expect(on(undefined, undefined)).toEqual([NaN, NaN, NaN]);
  });

  it('property: either side reported → no field unknown, short + long = total, short / total in [0, 1]; both blank → all unknown', () => {
    const side = fc.option(fc.integer({ min: 0, max: 1e12 }), { nil: NaN });
    fc.assert(
      fc.property(side, side, (shortTerm, longTerm) => {
        const d = debtFields(shortTerm, longTerm);
        const values = [d.shortTermDebt, d.longTermDebt, d.totalDebt];
        if (Number.isNaN(shortTerm) && Number.isNaN(longTerm)) return void expect(values).toEqual([NaN, NaN, NaN]);
        expect(values.some(Number.isNaN)).toBe(false);
        expect(d.shortTermDebt + d.longTermDebt).toBe(d.totalDebt);
        if (d.totalDebt > 0) expect(d.shortTermDebt / d.totalDebt).toBeGreaterThanOrEqual(0);
        if (d.totalDebt > 0) expect(d.shortTermDebt / d.totalDebt).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('a publish date under 10 days after the period end is taken as the SEC filing deadline: 45 days after a Q1–Q3 end, 90 after a Q4 or fiscal year end (probe r60b fault 2)', () => {
  // Period end 2021-06-30. +45 days = 2021-08-14 (July has 31 days: 07-31 is +31, 08-14 is +45);
  // +90 days = 2021-09-28 (08-31 is +62, 09-28 is +90). A 10-K is due 90 days after the fiscal
  // year at the latest (Form 10-K, General Instruction A), so 45 days would read DHI's FY2022
  // (period end 2022-09-30, filed in mid-November) before its filing: look-ahead.
  const at = (published: string, fiscalPeriod: FiscalPeriod = 'Q2'): string => isoDay(availableAt({ periodEnd: day('2021-06-30'), published: day(published), fiscalPeriod }));

  it('hand table: published before, on, 1 and 9 days after the period end → 2021-08-14 for Q1–Q3, 2021-09-28 for Q4 and FY; 10 and 40 days after → as published', () => {
    expect(['2021-06-25', '2021-06-30', '2021-07-01', '2021-07-09'].map((d) => at(d))).toEqual(['2021-08-14', '2021-08-14', '2021-08-14', '2021-08-14']);
    expect((['Q1', 'Q2', 'Q3', 'Q4', 'FY'] as const).map((p) => at('2021-07-01', p))).toEqual(['2021-08-14', '2021-08-14', '2021-08-14', '2021-09-28', '2021-09-28']);
    expect(['2021-07-10', '2021-08-09'].flatMap((d) => [at(d, 'Q2'), at(d, 'FY')])).toEqual(['2021-07-10', '2021-07-10', '2021-08-09', '2021-08-09']);
  });

  it(`property: a filing is never public before ${MIN_PUBLISH_LAG_DAYS} days after its period end, and is on its publish date from then on, else on its deadline`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: -400, max: 400 }), fc.constantFrom<FiscalPeriod>('Q1', 'Q2', 'Q3', 'Q4', 'FY'), (periodEnd, lag, fiscalPeriod) => {
        const public_ = availableAt({ periodEnd, published: periodEnd + lag, fiscalPeriod });
        expect(public_ - periodEnd).toBeGreaterThanOrEqual(MIN_PUBLISH_LAG_DAYS);
        expect(public_).toBe(lag >= MIN_PUBLISH_LAG_DAYS ? periodEnd + lag : periodEnd + (fiscalPeriod === 'Q4' || fiscalPeriod === 'FY' ? 90 : 45));
      }),
    );
  });

  describe('a SimFin folder with quarters published 1, 9 and 10 days after their end', () => {
    const KEY = 'Ticker;SimFinId;Currency;Fiscal Year;Fiscal Period;Report Date;Publish Date;Restated Date';
    const BALANCE = `${KEY};Shares (Basic);Cash, Cash Equivalents & Short Term Investments;Total Assets;Short Term Debt;Long Term Debt;Total Liabilities;Total Equity`;
    const dir = tempDir();
    const days = ['2021-06-30', '2021-07-01', '2021-07-09', '2021-07-12', '2021-08-13', '2021-08-16'];
    writeFile(dir, 'universe/prices.csv', csv('Ticker,Date,AdjClose', ...days.flatMap((d) => ['AAA', 'BBB', 'CCC'].map((t) => `${t},${d},10`))));
    writeFile(dir, 'etf/adjclose/SPY.csv', csv('Date,AdjClose', ...days.map((d, k) => `${d},${300 + k}`)));
    // AAA as LFVN FY2021 Q4 (2021-06-30, "published" 2021-07-01): +1 day; BBB +9 days; CCC +10 days.
    writeFile(
      dir,
      'universe/simfin_us-balance-quarterly.csv',
      csv(
        BALANCE,
        'AAA;1;USD;2021;Q4;2021-06-30;2021-07-01;2021-07-01;1965447;23174000;78732000;;;41925000;36807000',
        'BBB;2;USD;2021;Q2;2021-06-30;2021-07-09;2021-07-09;1000;5;200;;10;30;170',
        'CCC;3;USD;2021;Q2;2021-06-30;2021-07-10;2021-07-10;1000;5;300;;10;30;270',
      ),
    );
    const note =
      "quarterly filings of 2 tickers have a Publish Date before the Report Date or under 10 days after it, which no 10-Q or 10-K meets: each taken as public on its latest SEC filing deadline instead, 45 days after the period end (the 10-Q's; 90 for a Q4, reported in the 10-K): AAA 2021-06-30 published 2021-07-01, BBB 2021-06-30 published 2021-07-09";

    it('BBB (a Q2, +9) is public on 2021-08-14 (+45), AAA (a Q4, +1) on 2021-09-28 (+90), CCC (+10) on its publish date 2021-07-10; the source notes name the two', () => {
      const { statements, sources } = loadSimfinStatements(join(dir, 'universe'), (ticker) => ['AAA', 'BBB', 'CCC'].indexOf(ticker));
      const f = new Fundamentals(3, statementsToRows(statements));
      const assets = (iso: string): number[] => Array.from(f.asOf('totalAssets', day(iso)));
      expect(assets('2021-07-12')).toEqual([NaN, NaN, 300]);
      expect(assets('2021-08-13')).toEqual([NaN, NaN, 300]);
      expect(assets('2021-08-14')).toEqual([NaN, 200, 300]);
      expect(assets('2021-09-27')).toEqual([NaN, 200, 300]);
      expect(assets('2021-09-28')).toEqual([78_732_000, 200, 300]);
      expect(sources[0].notes).toContain(note);
    });

    it('a column given twice is refused at line 1, not read from its first copy (probe r60c F5, as symbols.csv and price files)', () => {
      const twice = tempDir();
      const header = `${BALANCE};Total Assets`;
      writeFile(twice, 'universe/simfin_us-balance-quarterly.csv', csv(header, 'CCC;3;USD;2021;Q2;2021-06-30;2021-07-10;2021-07-10;1000;5;300;;10;30;270;310'));
      const file = join(twice, 'universe', 'simfin_us-balance-quarterly.csv');
      expect(() => loadSimfinStatements(join(twice, 'universe'), () => 0)).toThrow(
        `${file}:1: columns "Total Assets" and "Total Assets" both read as Total Assets in "${header}" — keep one of them, or rename the other`,
      );
    });

    it('a run that read fundamentals carries the note as a low caveat, restated for the names it read', async () => {
      const market = await loadMarket(dir, { cacheDir: false });
      const both = backtest(market, scripted({ 0: (view) => (view.fundamental('totalAssets'), { weights: { AAA: 0.5, BBB: 0.5 } }) }), { initialCash: 10_000 });
      expect(both.caveats.filter((c) => c.message === `simfin_us-balance-quarterly.csv: ${note}`).map((c) => c.severity)).toEqual(['low']);
      const one = backtest(market, scripted({ 0: (view) => (view.fundamental('totalAssets'), { weights: { BBB: 1 } }) }), { initialCash: 10_000 });
      expect(one.caveats.filter((c) => c.message.includes('taken as public on its latest SEC filing deadline')).map((c) => c.message)).toEqual([
        "simfin_us-balance-quarterly.csv: quarterly filings of 1 ticker have a Publish Date before the Report Date or under 10 days after it, which no 10-Q or 10-K meets: each taken as public on its latest SEC filing deadline instead, 45 days after the period end (the 10-Q's; 90 for a Q4, reported in the 10-K): BBB 2021-06-30 published 2021-07-09",
      ]);
    });
  });
});
