// Parameter validation reads like `size-tilt: tilt must be between 0 and 1, got 1.7`, and the
// schema documents every parameter for the CLI.

import { describe, expect, it } from 'vitest';
import { UserError } from '../../data/errors.ts';
import { z } from 'zod';
import { defineStrategy, parseParams } from '../../strategies/api.ts';
import { schedules } from '../../engine/calendar/schedule.ts';
import { builtinDefinition, createBuiltinStrategy, listStrategies } from '../../strategies/registry.ts';

const errorOf = (name: string, raw: unknown): string => {
  try {
    createBuiltinStrategy(name, raw);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as Error).message;
  }
  throw new Error(`expected ${name} to reject ${JSON.stringify(raw)}`);
};

describe('parameter errors', () => {
  it('quotes the range, whichever bound was crossed', () => {
    expect(errorOf('size-tilt', { tilt: 1.7 })).toBe('size-tilt: tilt must be between 0 and 1, got 1.7');
    expect(errorOf('size-tilt', { tilt: -0.2 })).toBe('size-tilt: tilt must be between 0 and 1, got -0.2');
    expect(errorOf('quality-long-short', { gross: 0 })).toBe('quality-long-short: gross must be greater than 0 and at most 10, got 0');
    expect(errorOf('quality-long-short', { minNamesPerSide: 0 })).toBe('quality-long-short: minNamesPerSide must be at least 1, got 0');
  });

  it('names wrong types, whole numbers and choices', () => {
    expect(errorOf('size-tilt', { tilt: 'high' })).toBe('size-tilt: tilt must be a number, got "high"');
    expect(errorOf('momentum', { lookback: 252.5 })).toBe('momentum: lookback must be a whole number, got 252.5');
    expect(errorOf('size-tilt', { mode: 'bonds' })).toBe('size-tilt: mode must be one of "etf", "stocks", got "bonds"');
    expect(errorOf('iwm-vs-smlf', { schedule: 'monthly' })).toMatch(/^iwm-vs-smlf: schedule must be one of "every-session", .*"month-start".*, got "monthly"$/);
  });

  it('rejects unknown parameters, names the one meant, and lists the known ones', () => {
    // tlit is tilt with two adjacent letters swapped: one edit (probe r67c F3), as the swap of tilz's z for t is.
    expect(errorOf('size-tilt', { tlit: 0.5 })).toMatch(/^size-tilt: unknown parameter "tlit": did you mean tilt\? \(known: mode, small, large, benchmarkSmall, tilt, /);
    expect(errorOf('size-tilt', { zzzz: 0.5 })).toMatch(/^size-tilt: unknown parameter "zzzz" \(known: mode, /);
    expect(errorOf('size-tilt', { tilz: 0.5 })).toMatch(/^size-tilt: unknown parameter "tilz": did you mean tilt\? \(known: mode, /);
  });

  it('a user strategy whose schema is a plain z.object() refuses a misspelt parameter too (probe r54a: "wieght" ran at the default weight 1, and a sweep over it merged its points)', () => {
    const hold = defineStrategy({
      name: 'hold',
      description: 'x',
      dataNeeds: 'ETF prices',
      params: z.object({ weight: z.number().min(0).max(1).default(1) }),
      create: () => ({ schedule: schedules.monthStart, decide: () => undefined }),
    });
    expect(() => parseParams(hold, { wieght: 0.5 })).toThrow('hold: unknown parameter "wieght": did you mean weight? (known: weight)');
    expect(parseParams(hold, { weight: 0.5 })).toEqual({ weight: 0.5 });
    // A schema that says what to do with other keys keeps its rule.
    expect(parseParams({ ...hold, params: hold.params.passthrough() }, { weight: 0.5, note: 'x' })).toEqual({ weight: 0.5, note: 'x' });
  });

  it('a misspelt key inside an object parameter is refused at its path, not dropped (probe r61a: opts={"levv":2} ran with lev 1)', () => {
    const levered = defineStrategy({
      name: 'levered',
      description: 'x',
      dataNeeds: 'ETF prices',
      params: z.object({ opts: z.object({ lev: z.number().default(1) }).default({ lev: 1 }), legs: z.array(z.object({ symbol: z.string() })).default([]) }),
      create: () => ({ schedule: schedules.monthStart, decide: () => undefined }),
    });
    expect(() => parseParams(levered, { opts: { levv: 2 } })).toThrow('levered: unknown parameter "levv" in opts: did you mean lev? (known: lev)');
    expect(() => parseParams(levered, { legs: [{ symbol: 'A' }, { symbl: 'B' }] })).toThrow('levered: unknown parameter "symbl" in legs[1]: did you mean symbol? (known: symbol); legs[1].symbol is required');
    expect(parseParams(levered, { opts: { lev: 2 } })).toEqual({ opts: { lev: 2 }, legs: [] });
    // A top-level parameter without a default says how to give it (probe r70b F2: "w is required", no fix).
    const bare = defineStrategy({ ...levered, params: z.object({ w: z.number().describe('weight') }), create: () => ({ schedule: schedules.monthStart, decide: () => undefined }) });
    expect(() => parseParams(bare, {})).toThrow('levered: w is required: give it (--param w=… on the command line, under params: in a study), or declare a default for it in the strategy (.default(…))');
    // An object parameter that says what to do with other keys keeps its rule; a record's keys are its values' names.
    const open = defineStrategy({ ...levered, params: z.object({ opts: z.object({ lev: z.number() }).passthrough(), weights: z.record(z.string(), z.number()) }), create: () => ({ schedule: schedules.monthStart, decide: () => undefined }) });
    expect(parseParams(open, { opts: { lev: 2, note: 'x' }, weights: { AAA: 1 } })).toEqual({ opts: { lev: 2, note: 'x' }, weights: { AAA: 1 } });
  });

  it('reports nested paths and cross-field rules', () => {
    expect(errorOf('fixed-weights', { weights: { '@largeCap': 'lots' } })).toBe('fixed-weights: weights.@largeCap must be a number, got "lots"');
    expect(errorOf('sma-crossover', { fast: 200, slow: 50 })).toBe('sma-crossover: fast must be shorter than slow, got 200');
    expect(errorOf('breadth-thrust', { lower: 0.7 })).toBe('breadth-thrust: lower must be below upper, got 0.7');
  });

  it('refuses a parameter given where it shapes nothing, naming what it needs; a default never (probe r73a F1)', () => {
    // risk-allocation scales by maxLeverage only inside targetVol, and reads halfLife only in the ewma covariance:
    // `maxLeverage=3` alone ran with weights summing to 1.0 and stored maxLeverage 3.
    expect(errorOf('risk-allocation', { maxLeverage: 3 })).toBe('risk-allocation: maxLeverage applies only with targetVol — drop it or set targetVol');
    expect(errorOf('risk-allocation', { covariance: 'sample', halfLife: 10 })).toBe('risk-allocation: halfLife applies only with covariance=ewma — drop it or set covariance=ewma');
    // The condition reads the parameter's default too: covariance left out is ledoit-wolf.
    expect(errorOf('risk-allocation', { halfLife: 10 })).toBe('risk-allocation: halfLife applies only with covariance=ewma — drop it or set covariance=ewma');
    // The same kind in the other built-ins: a mode's or a neutralisation's own parameters.
    expect(errorOf('iwm-vs-smlf', { mode: 'spread', lookback: 60 })).toBe('iwm-vs-smlf: lookback applies only with mode=switch — drop it or set mode=switch');
    expect(errorOf('iwm-vs-smlf', { betaWindow: 60, gross: 1.5 })).toBe('iwm-vs-smlf: betaWindow applies only with mode=spread — drop it or set mode=spread; gross applies only with mode=spread — drop it or set mode=spread');
    expect(errorOf('quality-long-short', { betaWindow: 120 })).toBe('quality-long-short: betaWindow applies only with neutral=beta — drop it or set neutral=beta');
    expect(errorOf('size-tilt', { mode: 'stocks', tilt: 0.7 })).toBe('size-tilt: tilt applies only with mode=etf — drop it or set mode=etf');
    expect(errorOf('size-tilt', { topK: 20 })).toBe('size-tilt: topK applies only with mode=stocks — drop it or set mode=stocks');
    // Beside what it needs, or left to its default, it passes.
    const params = (name: string, raw: unknown) => parseParams(builtinDefinition(name).definition, raw) as Record<string, unknown>;
    expect(params('risk-allocation', { targetVol: 0.1, maxLeverage: 2 })).toMatchObject({ targetVol: 0.1, maxLeverage: 2 });
    expect(params('risk-allocation', { covariance: 'ewma', halfLife: 10 })).toMatchObject({ covariance: 'ewma', halfLife: 10 });
    expect(params('risk-allocation', {})).toMatchObject({ maxLeverage: 1, halfLife: 63 });
    expect(params('size-tilt', { mode: 'stocks', alpha: 1, topK: 20 })).toMatchObject({ mode: 'stocks', alpha: 1, topK: 20, tilt: 0.5 });
    expect(params('quality-long-short', { neutral: 'beta', betaWindow: 60, benchmark: 'IWM' })).toMatchObject({ betaWindow: 60, benchmark: 'IWM' });
    // At its default value it shapes the run as if left out: parameters round-tripped with every
    // default filled (a sweep trial's, a walk-forward choice, a stored run's) check again as they
    // did (the first full run after F1 refused every size-tilt trial in mode=etf: alpha 0.5 filled).
    const etf = params('size-tilt', { mode: 'etf', tilt: 0.7 });
    expect(etf).toMatchObject({ alpha: 0.5 });
    expect(params('size-tilt', etf)).toEqual(etf);
    expect(params('risk-allocation', { maxLeverage: 1 })).toMatchObject({ maxLeverage: 1 });
    expect(errorOf('size-tilt', { ...etf, alpha: 0.6 })).toBe('size-tilt: alpha applies only with mode=stocks — drop it or set mode=stocks');
  });

  it('refuses an EWMA half-life under one session, naming the bound (probe r73a F4: 0.01 gave λ = 2^−100, a rank-1 covariance)', () => {
    expect(errorOf('risk-allocation', { covariance: 'ewma', halfLife: 0.01 })).toBe('risk-allocation: halfLife must be between 1 and 5000, got 0.01');
    expect(errorOf('risk-allocation', { covariance: 'ewma', halfLife: 0.99 })).toBe('risk-allocation: halfLife must be between 1 and 5000, got 0.99');
    expect(parseParams(builtinDefinition('risk-allocation').definition, { covariance: 'ewma', halfLife: 1 })).toMatchObject({ halfLife: 1 });
  });

  it('lists every problem in one line, the strategy named once (probe r60c L3: a line each)', () => {
    expect(errorOf('size-tilt', { tilt: 2, alpha: -1 })).toBe('size-tilt: tilt must be between 0 and 1, got 2; alpha must be between 0 and 1, got -1');
  });

  it('fills defaults for everything left out', () => {
    const params = parseParams(builtinDefinition('size-tilt').definition, {});
    expect(params).toMatchObject({ mode: 'etf', small: '@smallCap', large: '@largeCap', benchmarkSmall: 0.1, tilt: 0.5 });
  });
});

describe('parameter documentation', () => {
  it('every built-in parameter has a description and, unless optional, a default', () => {
    for (const strategy of listStrategies()) {
      expect(strategy.description.length, strategy.name).toBeGreaterThan(10);
      expect(strategy.params.length, strategy.name).toBeGreaterThan(0);
      for (const p of strategy.params) {
        expect(p.description, `${strategy.name}.${p.name}`).not.toBe('');
        const optional = ['driftBand', 'topK', 'targetVol'].includes(p.name);
        if (!optional) expect(p.default ?? p.defaultDuration, `${strategy.name}.${p.name}`).not.toBeUndefined();
      }
    }
  });

  it('describes types and ranges in words', () => {
    const tilt = listStrategies().find((s) => s.name === 'size-tilt')?.params.find((p) => p.name === 'tilt');
    expect(tilt).toEqual({ name: 'tilt', type: 'number between 0 and 1', default: 0.5, description: expect.stringContaining('small-cap share') });
    const mode = listStrategies().find((s) => s.name === 'size-tilt')?.params.find((p) => p.name === 'mode');
    expect(mode?.type).toBe('"etf" | "stocks"');
  });
});
