// Sweep blocks: what a grid and a random draw expand to, how engine key paths apply over the
// study's settings, and the one-line errors that name the key path.

import { describe, expect, it } from 'vitest';
import { UserError } from '../../data/errors.ts';
import { parseStudy, type RunSpec } from '../../study/index.ts';
import { expandSweep, planSweep, sweepSchema } from '../../study/sweep/index.ts';
import { rangeValues } from '../../study/sweep/expand.ts';
import { openSharedMarket, shareMarket } from '../../study/sweep/sharedMarket.ts';
import { generateSampleMarket } from '../../data/sample.ts';

const run: RunSpec = { name: 'tilt', strategy: 'size-tilt', params: { mode: 'etf' }, engine: { from: '2001-01-02' }, models: {} };

function studyError(raw: unknown): string {
  try {
    parseStudy(raw, 'sweep.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as Error).message;
  }
  throw new Error('no error');
}

describe('expanding a sweep', () => {
  it('a grid takes every combination, the first axis slowest, ranges rounded to their step', () => {
    expect(rangeValues(0, 1, 0.1)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    const points = expandSweep(run, sweepSchema.parse({ params: { tilt: { from: 0, to: 0.5, step: 0.25 }, schedule: ['month-start', 'year-end'] } }));
    expect(points.map((p) => p.values)).toEqual([
      { tilt: 0, schedule: 'month-start' },
      { tilt: 0, schedule: 'year-end' },
      { tilt: 0.25, schedule: 'month-start' },
      { tilt: 0.25, schedule: 'year-end' },
      { tilt: 0.5, schedule: 'month-start' },
      { tilt: 0.5, schedule: 'year-end' },
    ]);
    expect(points[3].spec.params).toEqual({ mode: 'etf', tilt: 0.25, schedule: 'year-end' });
    expect(points[3].name).toBe('tilt[tilt=0.25 schedule=year-end]');
  });

  it('engine axes set their key path over the run\'s (or the study\'s) setting; periods set from/to', () => {
    const sweep = sweepSchema.parse({ engine: { 'slippage.bps': [1, 5], commission: [{ kind: 'bps', bps: 2 }] }, periods: [{ from: '2010-01-04', to: '2012-12-31' }, { to: '2005-12-30' }] });
    const points = expandSweep(run, sweep, { slippage: { kind: 'fixed-bps', bps: 9 } });
    expect(points).toHaveLength(4);
    expect(points[0].spec.engine).toEqual({ from: '2010-01-04', to: '2012-12-31', slippage: { kind: 'fixed-bps', bps: 1 }, commission: { kind: 'bps', bps: 2 } });
    expect(points[3].spec.engine).toEqual({ to: '2005-12-30', slippage: { kind: 'fixed-bps', bps: 5 }, commission: { kind: 'bps', bps: 2 } });
    expect(points[3].name).toBe('tilt[slippage.bps=5 commission=bps 2 period=start..2005-12-30]');
  });

  it('a random draw is seeded, distinct, and takes the whole grid when asked for more', () => {
    const axes = { params: { tilt: { from: 0, to: 1, step: 0.01 }, band: [0, 0.02, 0.05] } };
    const draw = (seed: number) => expandSweep(run, sweepSchema.parse({ method: 'random', samples: 40, seed, ...axes })).map((p) => JSON.stringify(p.values));
    expect(draw(5)).toEqual(draw(5));
    expect(draw(5)).not.toEqual(draw(6));
    expect(new Set(draw(5)).size).toBe(40);
    expect(expandSweep(run, sweepSchema.parse({ method: 'random', samples: 500, params: { tilt: [0, 1], band: [0, 0.02] } }))).toHaveLength(4);
    const continuous = expandSweep(run, sweepSchema.parse({ method: 'random', samples: 30, params: { tilt: { from: 0.2, to: 0.4 } } }));
    for (const p of continuous) expect(p.values.tilt as number).toBeGreaterThanOrEqual(0.2), expect(p.values.tilt as number).toBeLessThan(0.4);
  });

  it('a random draw counts distinct combinations: a value written twice is one, and a sweep that runs fewer than its samples says why (probe r46c F6)', async () => {
    // fast [5, 10, 10] × slow [40, 60] is 2 × 2 = 4 distinct combinations: samples 4 takes all 4 (seeds 1, 2, 4
    // and 5 drew index pairs that landed on equal values and ran 3); samples 10 takes all 4 and says so.
    const sma: RunSpec = { name: 'sma', strategy: 'sma-crossover', params: { symbol: 'AAA' }, engine: {}, models: {} };
    const axes = { params: { fast: [5, 10, 10], slow: [40, 60] } };
    for (const seed of [1, 2, 3, 4, 5]) expect(new Set(expandSweep(sma, sweepSchema.parse({ method: 'random', samples: 4, seed, ...axes })).map((p) => p.name)).size).toBe(4);
    const study = parseStudy({ data: 'sample', sample: { stocks: 20, years: 2 }, runs: [{ name: 'sma', strategy: 'sma-crossover', sweep: { method: 'random', samples: 10, seed: 3, ...axes } }] });
    const plan = await planSweep(study, generateSampleMarket({ stocks: 20, years: 2 }), 'test');
    expect(plan.trials).toHaveLength(4);
    expect(plan.notes).toContain('sma: a random sweep of 10 samples, but its grid has 4 distinct combinations: all are tried');
  });

  it('a grid over a parameter that shapes nothing without another is refused in one line (probe r73a F1)', async () => {
    // maxLeverage caps the targetVol scaling only: a grid over it without targetVol is copies of one trial.
    const study = (values: number[]) => parseStudy({ data: 'sample', sample: { stocks: 20, years: 2 }, runs: [{ name: 'ra', strategy: 'risk-allocation', sweep: { params: { maxLeverage: values } } }] });
    const market = generateSampleMarket({ stocks: 20, years: 2 });
    await expect(planSweep(study([1.5, 2]), market, 'test')).rejects.toThrow(/^test \(trial ra\[maxLeverage=1\.5\]\): runs\[0\]\.params: risk-allocation: maxLeverage applies only with targetVol — drop it or set targetVol$/);
    // Its default value (1) shapes the run as maxLeverage left out: that point is a trial, the others are refused by name.
    const plan = await planSweep(study([1, 1.5, 2]), market, 'test');
    expect(plan.trials.map((t) => t.name)).toEqual(['ra[maxLeverage=1]']);
    expect(plan.invalid.map((i) => i.message)).toEqual([1.5, 2].map((v) => `test (trial ra[maxLeverage=${v}]): runs[0].params: risk-allocation: maxLeverage applies only with targetVol — drop it or set targetVol`));
  });

  it('points that are one trial (equal keys) run once, and the sweep says how many', async () => {
    // Two runs with the same strategy, parameters and engine under one study sweep: b's 2 points are a's trials.
    const study = parseStudy({ data: 'sample', sample: { stocks: 20, years: 2 }, sweep: { params: { tilt: [0, 1] } }, runs: [{ name: 'a', strategy: 'size-tilt', params: { mode: 'etf' } }, { name: 'b', strategy: 'size-tilt', params: { mode: 'etf' } }] });
    const plan = await planSweep(study, generateSampleMarket({ stocks: 20, years: 2 }), 'test');
    expect(plan.trials).toHaveLength(2);
    expect(plan.notes).toContain('b: 2 of its 2 points are the same trial as another point of the sweep (equal trial keys: the same validated parameters, a default given or left out) and run once');
  });
});

describe('sweep blocks that are wrong', () => {
  const base = { data: 'sample', runs: [{ ...run, sweep: {} as Record<string, unknown> }] };
  const withSweep = (sweep: Record<string, unknown>) => ({ ...base, runs: [{ ...run, sweep }] });

  it('a grid range without a step names the key path', () => {
    expect(studyError(withSweep({ params: { tilt: { from: 0, to: 1 } } }))).toMatch(/^sweep\.yaml: runs\[0\]\.sweep\.params\.tilt\.step: a grid range needs a `step`/);
  });

  it('a random sweep without samples, an empty axis, an unknown key', () => {
    expect(studyError(withSweep({ method: 'random', params: { tilt: [0, 1] } }))).toMatch(/runs\[0\]\.sweep\.samples: a random sweep needs `samples`/);
    expect(studyError(withSweep({ params: { tilt: [] } }))).toMatch(/runs\[0\]\.sweep\.params\.tilt.*at least one value/);
    expect(studyError({ ...base, runs: [run], sweep: { parms: {} } })).toMatch(/sweep.*parms/);
  });

  it('the period is varied with periods, not engine.from', () => {
    expect(studyError(withSweep({ engine: { from: ['2001-01-02'] } }))).toMatch(/runs\[0\]\.sweep\.engine\.from: vary the period with `periods`/);
  });

  it('a misspelt engine setting is the file\'s error, at its key path (study, run or sweep axis), before any trial', () => {
    const settings = "the engine's settings are initialCash, execution, from, to, shares,";
    const top = studyError({ ...base, engine: { fractional: true }, runs: [run] });
    expect(top.startsWith('sweep.yaml: engine: Unrecognized key: "fractional"; ')).toBe(true);
    expect(top).toContain(settings);
    expect(top).not.toContain('\n');
    expect(studyError({ ...base, runs: [{ ...run, engine: { fractional: true, sharez: 1 } }] })).toMatch(/^sweep\.yaml: runs\[0\]\.engine: Unrecognized keys: "fractional", "sharez"; the engine's settings are/);
    expect(studyError(withSweep({ engine: { 'slipage.bps': [1, 5] } }))).toMatch(/^sweep\.yaml: runs\[0\]\.sweep\.engine\.slipage\.bps: Unrecognized key: "slipage"; /);
    // Known settings, and key paths into them, pass.
    expect(() => parseStudy({ ...base, engine: { shares: 'fractional' }, runs: [{ ...run, sweep: { engine: { 'slippage.bps': [1, 5] } } }] }, 'sweep.yaml')).not.toThrow();
  });

  it('a walk-forward span must read like 3y, 18m or 126d', () => {
    expect(studyError({ ...base, runs: [{ ...run, walkForward: { inSample: '3 years', outOfSample: '1y' } }] })).toMatch(/runs\[0\]\.walkForward\.inSample: write a span as 3y/);

  });

  it('a walk-forward span of zero is refused with its key: a zero step never advances, a zero in-sample span has no session', () => {
    for (const [key, zero] of [['inSample', '0m'], ['inSample', '0y'], ['inSample', '0d'], ['inSample', '00m'], ['outOfSample', '0m'], ['outOfSample', '0d']]) {
      const message = studyError({ ...base, runs: [{ ...run, walkForward: { inSample: '6m', outOfSample: '3m', [key]: zero } }] });
      expect(message).toMatch(new RegExp(`^sweep\\.yaml: runs\\[0\\]\\.walkForward\\.${key}: a span of 0 never steps forward: write 1 or more`));
      expect(message).not.toContain('\n');
    }
    expect(() => parseStudy({ ...base, runs: [{ ...run, walkForward: { inSample: '10d', outOfSample: '1m' } }] }, 'sweep.yaml')).not.toThrow();
  });
});

describe('the market in shared memory', () => {
  it('is the market, column for column, as views over one SharedArrayBuffer', () => {
    const market = generateSampleMarket({ stocks: 20, years: 2 });
    const shared = shareMarket(market);
    const opened = openSharedMarket(shared);
    for (const field of ['open', 'high', 'low', 'close', 'volume', 'dates', 'delistReturn'] as const) {
      expect(opened[field]!.buffer, field).toBe(shared.buffer);
      expect(Array.from(opened[field]!), field).toEqual(Array.from(market[field]));
    }
    expect(opened.fundamentals.rowCount).toBe(market.fundamentals.rowCount);
    expect(opened.fundamentals.column('netIncome').buffer).toBe(shared.buffer);
    expect(Array.from(opened.fundamentals.asOf('netIncome', market.dates[300]))).toEqual(Array.from(market.fundamentals.asOf('netIncome', market.dates[300])));
    for (const key of ['name', 'synthetic', 'symbols', 'sector', 'industry', 'roles', 'sources', 'fingerprint'] as const) expect(opened[key], key).toEqual(market[key]);
    expect(Object.keys(opened.rates)).toEqual(Object.keys(market.rates));
    expect(Array.from(opened.splits.value)).toEqual(Array.from(market.splits.value));
  });

  it('keeps absent opens, highs and lows absent, and a column the market holds twice once', () => {
    const market = generateSampleMarket({ stocks: 10, years: 1 });
    const shared = shareMarket({ ...market, open: undefined, high: undefined, low: undefined, volume: market.close });
    const opened = openSharedMarket(shared);
    expect([opened.open, opened.high, opened.low]).toEqual([undefined, undefined, undefined]);
    expect(opened.volume).toBe(opened.close);
  });
});
