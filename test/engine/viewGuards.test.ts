// What a strategy hands the engine and asks of the view is checked at run time, for strategies
// written in JavaScript (or loaded without a type check): no key, length or order shape may read
// the future or trade what the run does not trade.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StrategyError } from '../../data/errors.ts';
import { backtest } from '../../engine/backtest.ts';
import { custom } from '../../engine/calendar/schedule.ts';
import type { OrderRequest } from '../../engine/execution/orders.ts';
import type { Decision, Strategy } from '../../engine/strategy.ts';
import type { MarketView } from '../../engine/decisions/view.ts';
import { fixtureMarket } from './fixtures.ts';
import { scripted } from './helpers.ts';

// AAA closes 100 + 10t, so any read of the next session shows up as a higher number; BBB is
// delisted after session 5 with a −90 % return, which nothing at session 0 may know.
const market = fixtureMarket({
  symbols: ['AAA', 'BBB'],
  closes: Array.from({ length: 8 }, (_, t) => [100 + 10 * t, t <= 5 ? 50 : NaN]),
  delistedAfter: { 1: 5 },
  delistReturn: { 1: -0.9 },
});

/** Run one read of the view at the first decision; return what it threw. */
function readAtFirstDecision(read: (view: MarketView) => unknown): unknown {
  try {
    backtest(market, scripted({ 0: (view) => (read(view), undefined) }), { initialCash: 10_000 });
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('the view refuses reads that would see the future', () => {
  it('a fractional history length (2.5 would index into the next session) is refused', () => {
    expect(String(readAtFirstDecision((v) => v.history('close', 0, 2.5, new Float64Array(3))))).toMatch(/a history length must be a whole number ≥ 0, got 2\.5/);
    expect(String(readAtFirstDecision((v) => v.adjustedCloses(0, 1.5, new Float64Array(2))))).toMatch(/a history length must be a whole number ≥ 0, got 1\.5/);
  });

  it('only price fields can be read: delistedAfter, delistReturn and dates are refused', () => {
    for (const field of ['delistedAfter', 'delistReturn', 'dates']) {
      const asField = field as 'close';
      expect(String(readAtFirstDecision((v) => v.crossSection(asField)))).toMatch(new RegExp(`"${field}" is not a price field`));
      expect(String(readAtFirstDecision((v) => v.price(asField, 0)))).toMatch(new RegExp(`"${field}" is not a price field`));
      expect(String(readAtFirstDecision((v) => v.history(asField, 0, 2)))).toMatch(new RegExp(`"${field}" is not a price field`));
    }
  });

  it('a whole history length reads up to the decision only', () => {
    let seen: number[] = [];
    backtest(market, scripted({ 0: (view) => ((seen = Array.from(view.history('close', 0, 3))), undefined) }), { initialCash: 10_000 });
    expect(seen).toEqual([NaN, NaN, 100]);
  });
});

describe('an out buffer is a Float64Array of at least the values asked for (probe r73b F2)', () => {
  /** What `read` returned at session `t`'s decision, or what it threw. */
  const readAt = (t: number, read: (view: MarketView) => unknown): unknown => {
    let got: unknown;
    try {
      backtest(market, { ...scripted({ [t]: (view) => ((got = read(view)), undefined) }), sourceFile: '/home/me/mine.ts' }, { initialCash: 10_000 });
    } catch (err) {
      return err;
    }
    return got;
  };
  const f64 = (length: number) => new Float64Array(length).fill(-1);

  it('a shorter one is a RangeError naming both sizes, the strategy\'s fault with its file: it kept only its first cells, a history\'s OLDEST values', () => {
    // By hand: session 4 (2024-01-05) of AAA's closes 100 + 10t: the last 3 are 120, 130, 140.
    // Before: history('close', 0, 3, new Float64Array(1)) returned [120], the close of t − 2.
    expect(Array.from(readAt(4, (v) => v.history('close', 0, 3)) as Float64Array)).toEqual([120, 130, 140]);
    const err = readAt(4, (v) => v.history('close', 0, 3, new Float64Array(1)));
    expect(err).toBeInstanceOf(StrategyError);
    expect((err as Error).message).toMatch(
      /^strategy "scripted" failed on 2024-01-05: view\.history: out holds 1 value, fewer than the 3 asked for \(only the first 1 would be written\); give a Float64Array of at least 3, or leave it out for a new one \(at .*viewGuards\.test\.ts:\d+:\d+\)$/,
    );
    // Every method with an out: the histories (3 asked for) and the cross-sections (symbolCount, 2).
    const reads: [string, (v: MarketView, out: Float64Array) => unknown, number][] = [
      ['history', (v, out) => v.history('volume', 0, 3, out), 3],
      ['adjustedCloses', (v, out) => v.adjustedCloses(0, 3, out), 3],
      ['adjustedBars', (v, out) => v.adjustedBars(0, 3, out), 3],
      ['carriedCloses', (v, out) => v.carriedCloses(0, 3, out), 3],
      ['crossSection', (v, out) => v.crossSection('close', 0, out), 2],
      ['fundamental', (v, out) => v.fundamental('revenue', out), 2],
      ['sharesOutstanding', (v, out) => v.sharesOutstanding(out), 2],
      ['marketCap', (v, out) => v.marketCap(out), 2],
    ];
    for (const [method, read, asked] of reads) {
      for (const size of [0, asked - 1]) {
        const thrown = readAt(4, (v) => read(v, new Float64Array(size)));
        expect(thrown, `${method} ${size}`).toBeInstanceOf(StrategyError);
        expect((thrown as Error).message, method).toContain(`view.${method}: out holds ${size} value${size === 1 ? '' : 's'}, fewer than the ${asked} asked for`);
      }
      // Any other array: a Float32Array would round the values, a plain array is no buffer at all.
      for (const [other, named] of [[new Float32Array(asked), `a Float32Array of ${asked}`], [Array(asked).fill(0), 'an array']] as const) {
        expect((readAt(4, (v) => read(v, other as unknown as Float64Array)) as Error).message, method).toContain(`view.${method}: out must be a Float64Array of at least ${asked} values, got ${named}`);
      }
      // Exactly the size asked for is what a new one would be.
      expect(readAt(4, (v) => read(v, new Float64Array(asked))), method).toBeInstanceOf(Float64Array);
    }
  });

  it('a longer one gets the values in its first cells, the rest untouched, and is what is returned', () => {
    const out = f64(5);
    expect(readAt(4, (v) => v.history('close', 0, 3, out))).toBe(out);
    expect(Array.from(out)).toEqual([120, 130, 140, -1, -1]);
    expect(Array.from(readAt(4, (v) => v.adjustedCloses(0, 3, f64(5))) as Float64Array)).toEqual([120, 130, 140, -1, -1]);
    expect(Array.from(readAt(4, (v) => v.adjustedBars(0, 3, f64(5))) as Float64Array)).toEqual([120, 130, 140, -1, -1]);
    expect(Array.from(readAt(4, (v) => v.carriedCloses(0, 3, f64(5))) as Float64Array)).toEqual([120, 130, 140, -1, -1]);
    // Before any session: NaN in the first 2 cells only (it filled the whole buffer).
    expect(Array.from(readAt(0, (v) => v.crossSection('close', 1, f64(4))) as Float64Array)).toEqual([NaN, NaN, -1, -1]);
    expect(Array.from(readAt(4, (v) => v.crossSection('close', 0, f64(4))) as Float64Array)).toEqual([140, 50, -1, -1]);
  });

  it('carriedCloses into a longer out carries across a gap as into one of its length (it judged each cell\'s session by the buffer\'s length)', () => {
    // CCC: 10, no bar, 12, 13. At session 2 the last 3 sessions carried: 10, 10 (carried), 12. With
    // an out of 5 the gap's session was read as session −1 (t − 5 + 1 + k), not listed, so it stayed NaN.
    const gappy = fixtureMarket({ symbols: ['CCC'], closes: [[10], [NaN], [12], [13]] });
    let exact: number[] = [];
    let longer: number[] = [];
    backtest(gappy, scripted({ 2: (view) => ((exact = Array.from(view.carriedCloses(0, 3))), (longer = Array.from(view.carriedCloses(0, 3, new Float64Array(5).fill(-1)))), undefined) }), { initialCash: 10_000 });
    expect(exact).toEqual([10, 10, 12]);
    expect(longer).toEqual([10, 10, 12, -1, -1]);
  });
});

describe('the symbol list is the whole data\'s, universe() the point-in-time one (probe r73b F4, documented in the README\'s Causality)', () => {
  it('a symbol that lists at session 2 is in symbols, has() and resolve() from session 0, with NaN prices; universe() leaves it out until it lists', () => {
    // By hand: LATE has its first bar (20) at session 2; AAA trades throughout.
    const late = fixtureMarket({ symbols: ['AAA', 'LATE'], closes: [[10, NaN], [11, NaN], [12, 20], [13, 21]] });
    const seen: unknown[] = [];
    const look = (view: MarketView) => (seen.push([view.symbols.join(','), view.symbolCount, view.has('LATE'), view.resolve('LATE'), view.close(1), Array.from(view.universe())]), undefined);
    backtest(late, scripted({ 0: look, 2: look }), { initialCash: 10_000 });
    expect(seen).toEqual([
      ['AAA,LATE', 2, true, 1, NaN, [0]],
      ['AAA,LATE', 2, true, 1, 20, [0, 1]],
    ]);
  });
});

describe('explicit orders are checked and traded as the run trades', () => {
  const run = (decision: Decision) => backtest(market, scripted({ 0: decision }), { initialCash: 10_000 });

  it('an unknown order type or time in force is the strategy’s error, not a market order', () => {
    expect(() => run([{ symbol: 'AAA', quantity: 3, type: 'Limit' as 'limit', limit: 1 }])).toThrow(/the order for AAA has type "Limit": use market, limit, stop/);
    expect(() => run([{ symbol: 'AAA', quantity: 3, tif: 'bogus' as 'gtc' }])).toThrow(/the order for AAA has tif "bogus": use day, gtc/);
  });

  it('a limit or stop order without a positive price is refused (it could never fill)', () => {
    expect(() => run([{ symbol: 'AAA', quantity: 3, type: 'limit' }])).toThrow(/the limit order for AAA has limit undefined: give a positive limit price/);
    expect(() => run([{ symbol: 'AAA', quantity: 3, type: 'stop', stop: -5 }])).toThrow(/the stop order for AAA has stop -5: give a positive stop price/);
  });

  it('a price the order’s type does not take is refused, never dropped (probe r52b F1: a limit of 99 without type: \'limit\' bought at the open, 3 above it)', () => {
    // Before: { AAA, 10, limit: 99 } ran as a market order; a stop order lost its limit, a limit order its stop.
    expect(() => run([{ symbol: 'AAA', quantity: 10, limit: 99 }])).toThrow(/^strategy "scripted" failed on 2024-01-01: the market order for AAA has limit 99: only a limit order takes a limit price — give type: 'limit' with it, or leave limit out$/);
    expect(() => run([{ symbol: 'AAA', quantity: 10, type: 'market', stop: 105 }])).toThrow(/: the market order for AAA has stop 105: only a stop order takes a stop price — give type: 'stop' with it, or leave stop out$/);
    const noStopLimit = 'breadth has no stop-limit orders — send the limit order alone, or the stop order alone (it fills as a market order once triggered)';
    expect(() => run([{ symbol: 'BBB', quantity: 10, type: 'stop', stop: 49.5, limit: 49.6 }])).toThrow(`: the stop order for BBB has limit 49.6 too: ${noStopLimit}`);
    expect(() => run([{ symbol: 'AAA', quantity: 10, type: 'limit', limit: 106, stop: 105 }])).toThrow(`: the limit order for AAA has stop 105 too: ${noStopLimit}`);
    // A price given as undefined is none: an order built generically ({ limit: type === 'limit' ? p : undefined }) runs.
    expect(Array.from(run([{ symbol: 'AAA', quantity: 10, type: 'market', limit: undefined, stop: undefined }]).fills.quantity)).toEqual([10]);
  });

  it('a key no order has is refused, with the field meant (probe r52b F1: timeInForce: \'day\' ran gtc)', () => {
    const said = (entry: object): string => {
      try {
        run([entry as OrderRequest]);
      } catch (err) {
        return (err as Error).message;
      }
      return 'ran';
    };
    expect(said({ symbol: 'AAA', quantity: 10, timeInForce: 'day' })).toBe('strategy "scripted" failed on 2024-01-01: the order for AAA: timeInForce is not an order field: did you mean tif?');
    // Other engines' names (zipline's limit_price, Alpaca's qty) and typos (nearestName).
    expect(said({ symbol: 'AAA', quantity: 10, type: 'limit', limit_price: 99 })).toMatch(/: the order for AAA: limit_price is not an order field: did you mean limit\?$/);
    expect(said({ symbol: 'AAA', qty: 10 })).toMatch(/: the order for AAA: qty is not an order field: did you mean quantity\?$/);
    expect(said({ ticker: 'AAA', quantity: 10 })).toMatch(/: order 1: ticker is not an order field: did you mean symbol\?$/);
    expect(said({ symbol: 'AAA', quantity: 10, tiff: 'day' })).toMatch(/: the order for AAA: tiff is not an order field: did you mean tif\?$/);
    expect(said({ symbol: 'AAA', quantity: 10, note: 'x' })).toMatch(/: the order for AAA: note is not an order field: an order has symbol, quantity, type, limit, stop, tif; a cancel \{ symbol, cancel: true \}$/);
  });

  it('any order with a key outside its fields is refused, naming the key; a price its type does not take likewise (property)', () => {
    const fields = ['symbol', 'quantity', 'type', 'limit', 'stop', 'tif', 'cancel'];
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((k) => !fields.includes(k) && k !== '__proto__'), fc.anything(), (key, value) => {
        const entry = { symbol: 'AAA', quantity: 10, [key]: value };
        expect(() => run([entry as OrderRequest])).toThrow(`: the order for AAA: ${key} is not an order field`);
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom('market', 'limit', 'stop', undefined), fc.constantFrom('limit', 'stop'), fc.double({ min: 1, max: 200, noNaN: true }), (type, field, price) => {
        // The price the type needs is there; the other one is extra.
        const needed = type === 'limit' ? { limit: 90 } : type === 'stop' ? { stop: 120 } : {};
        if (field === type) return;
        const order = { symbol: 'AAA', quantity: 10, ...(type === undefined ? {} : { type }), ...needed, [field]: price };
        expect(() => run([order as OrderRequest])).toThrow(StrategyError);
      }),
    );
  });

  it('what openOrders() gives can be sent back as it is: every field it holds is an order’s', () => {
    // Session 0 rests a limit buy at 1 and a stop sell at 1 (AAA closes 100 + 10t: neither fills); session 1 re-sends openOrders().
    const result = backtest(market, scripted({ 0: [{ symbol: 'AAA', quantity: 5, type: 'limit', limit: 1 }, { symbol: 'AAA', quantity: -5, type: 'stop', stop: 1, tif: 'gtc' }], 1: (_view, book) => book.openOrders() }), { initialCash: 10_000, account: { kind: 'margin', maxGross: 2, maxNet: 1 } });
    expect(result.orders.id.length).toBe(4);
  });

  it('an explicit order for 1.5 shares in a whole-share run buys 1, as a 1.5-share target does', () => {
    // Decided at session 0, filled at session 1's open (fixture opens = closes): 1 share at 110.
    const result = run([{ symbol: 'AAA', quantity: 1.5 }]);
    expect(Array.from(result.fills.quantity)).toEqual([1]);
    expect(result.daily.cash[1]).toBe(10_000 - 110);
  });
});

describe('a custom schedule gets a copy of the calendar', () => {
  it('writing into it leaves the market as it was', () => {
    const before = Array.from(market.dates);
    const scribbler = { ...scripted({}), schedule: { name: 'scribbler', sessions: (dates: Int32Array) => (dates.fill(0), new Uint8Array(dates.length)) } };
    backtest(market, scribbler, { initialCash: 10_000 });
    expect(Array.from(market.dates)).toEqual(before);
  });
});

describe('a strategy at fault is the user’s error, named with its file, whatever it throws or returns (probe r48b F1, F4, F7)', () => {
  const FILE = '/home/me/mine.ts';
  /** What running `strategy`, loaded from FILE, threw. */
  const thrownBy = (strategy: Strategy): unknown => {
    try {
      backtest(market, { ...strategy, sourceFile: FILE }, { initialCash: 10_000 });
    } catch (err) {
      return err;
    }
    return undefined;
  };
  /** The session-2 decision's refusal, after session 0 bought AAA with a plain { AAA: 0.5 }. */
  const refusal = (decision: unknown): unknown => thrownBy(scripted({ 0: { weights: { AAA: 0.5 } }, 2: decision as Decision }));

  it('a thrown string, object, number, null or undefined — no stack, no line — is the strategy’s fault, never breadth’s internal error', () => {
    // Session 0 is Monday 2024-01-01 (fixture weekdays); the value is named as thrown, the file for want of a line.
    const cases: [unknown, string][] = [
      ['a string thrown', 'the string "a string thrown"'],
      [{ code: 42 }, 'the object {"code":42}'],
      [42, '42'],
      [null, 'null'],
      [undefined, 'undefined'],
      [new Map(), 'a Map'],
    ];
    for (const [value, named] of cases) {
      const err = thrownBy(scripted({ 0: () => { throw value; } }));
      expect(err).toBeInstanceOf(StrategyError);
      expect((err as Error).message).toBe(`strategy "scripted" failed on 2024-01-01: it threw ${named}, not an Error (in ${FILE})`);
    }
    const init = thrownBy({ ...scripted({}), init: () => { throw { code: 42 }; } });
    expect((init as Error).message).toBe(`strategy "scripted" failed in init(): it threw the object {"code":42}, not an Error (in ${FILE})`);
  });

  it('a schedule of the user’s own that throws (schedules.custom’s callback) is the strategy’s fault too, with its line where it threw an Error', () => {
    const thrower = (value: unknown) => thrownBy(scripted({}, custom('odd', () => { throw value; })));
    expect((thrower('no calendar') as Error).message).toBe(`strategy "scripted" failed in its schedule "odd": it threw the string "no calendar", not an Error (in ${FILE})`);
    const err = thrower(new Error('no calendar'));
    expect(err).toBeInstanceOf(StrategyError);
    expect((err as Error).message).toMatch(/^strategy "scripted" failed in its schedule "odd": no calendar \(at .*viewGuards\.test\.ts:\d+:\d+\)$/);
  });

  it('targets as a Map, an array, a Set, a typed array other than Float64Array or a class’s instance are refused in one line, never read as an empty target that sells the book', () => {
    // Before: new Map([['AAA', 0.5]]) had no own keys, so it read as "hold nothing" and sold the 50 AAA bought at session 0 (probe r48b F4).
    class Weights {
      AAA = 0.5;
    }
    const makers: [() => unknown, string][] = [
      [() => new Map([['AAA', 0.5]]), 'a Map'],
      [() => [0.5, 0], 'an array'],
      [() => new Set(['AAA']), 'a Set'],
      [() => new Float32Array([0.5, 0]), 'a Float32Array of 2'],
      [() => new Weights(), 'a Weights'],
    ];
    fc.assert(
      fc.property(fc.constantFrom('weights', 'values', 'shares'), fc.constantFrom(...makers), (kind, [make, named]) => {
        const err = refusal({ [kind]: make() });
        expect(err).toBeInstanceOf(StrategyError);
        expect((err as Error).message).toBe(`strategy "scripted" failed on 2024-01-03: ${kind} is ${named}: give ${kind} as { symbol: ${kind.slice(0, -1)} } (a plain object) or a Float64Array over the symbols (in ${FILE})`);
      }),
    );
    // A Map (or a Set) returned as the whole decision has values() and keys() as methods, no target: named as what it is (probe r51a: "values is a function values").
    for (const [whole, named] of [[new Map([['weights', { AAA: 0.5 }]]), 'a Map'], [new Set([0.5]), 'a Set']] as const) {
      expect((refusal(whole) as Error).message).toBe(`strategy "scripted" failed on 2024-01-03: decide() returned ${named}, not a decision: return { weights }, { values } or { shares } (a Float64Array over the symbols, or { symbol: number }), an array of orders, or undefined to keep the book (in ${FILE})`);
    }
    // The same target as a plain object (or one without a prototype) is read: 0.5 × 10,000 / the close of 100 = 50 shares, filled at session 1's open.
    const held = backtest(market, scripted({ 0: { weights: Object.assign(Object.create(null) as Record<string, number>, { AAA: 0.5 }) } }), { initialCash: 10_000 });
    expect(Array.from(held.fills.quantity)).toEqual([50]);
  });

  it('a key beside a target is refused, never read past: { weights, tif } is no day order, { weights, orders } places none (probe r52b F1, its sibling in targets)', () => {
    expect((refusal({ weights: { AAA: 0.5 }, tif: 'day' }) as Error).message).toBe(`strategy "scripted" failed on 2024-01-03: decide() returned { weights } with tif beside it: a target decision is { weights } alone, and tif would be ignored — leave it out (explicit orders are a decision of their own, an array) (in ${FILE})`);
    expect((refusal({ shares: { AAA: 5 }, orders: [{ symbol: 'BBB', quantity: 1 }] }) as Error).message).toMatch(/: decide\(\) returned \{ shares \} with orders beside it: /);
  });

  it('a target or an order quantity that is not a number is named by its type: the string "0.5" is no weight of 0.5', () => {
    expect((refusal({ weights: { AAA: '0.5' } }) as Error).message).toBe(`strategy "scripted" failed on 2024-01-03: the weight of AAA is the string "0.5": give a number (in ${FILE})`);
    expect((refusal({ shares: { AAA: null } }) as Error).message).toBe(`strategy "scripted" failed on 2024-01-03: the share of AAA is null: give a number (in ${FILE})`);
    expect((refusal([{ symbol: 'AAA', quantity: '5' }]) as Error).message).toBe(`strategy "scripted" failed on 2024-01-03: the order quantity for AAA is the string "5": give a number (in ${FILE})`);
    // A NaN is a number, and keeps its own advice.
    expect((refusal({ values: { AAA: NaN } }) as Error).message).toBe(`strategy "scripted" failed on 2024-01-03: the value of AAA is NaN — use 0 (or leave the symbol out) where there is nothing to hold (in ${FILE})`);
  });

  it('a fault while breadth reads the decision — a getter or Proxy trap that throws, a revoked Proxy, a Proxy of a Float64Array — is the strategy\'s, with its line where the stack has one (probe r49b F4: exit 70, a stack trace)', () => {
    const said = (decision: unknown): string => (refusal(decision) as Error).message;
    const failed = 'strategy "scripted" failed on 2024-01-03';
    const revoked = (target: object): object => {
      const r = Proxy.revocable(target, {});
      r.revoke();
      return r.proxy;
    };
    // The getter's own line (this file is the strategy's code here: it is none of breadth's folders).
    expect(said({ weights: { get AAA(): number { throw new Error('getter boom'); } } })).toMatch(new RegExp(`^${failed}: reading the weight of AAA: getter boom \\(at .*viewGuards\\.test\\.ts:\\d+:\\d+\\)$`));
    expect(said({ weights: { get AAA(): number { throw 'getter string'; } } })).toBe(`${failed}: reading the weight of AAA: it threw the string "getter string", not an Error (in ${FILE})`);
    expect(said({ weights: revoked({ AAA: 0.5 }) })).toBe(`${failed}: reading its weights: Cannot perform 'getPrototypeOf' on a proxy that has been revoked (in ${FILE})`);
    expect(said(revoked({ weights: { AAA: 0.5 } }))).toBe(`${failed}: reading its decision: Cannot perform 'IsArray' on a proxy that has been revoked (in ${FILE})`);
    expect(said([revoked({ symbol: 'AAA', quantity: 5 })])).toBe(`${failed}: reading its order 1: Cannot perform 'ownKeys' on a proxy that has been revoked (in ${FILE})`);
    // Its length and elements cannot be read through the Proxy (TypedArray.prototype.length: incompatible receiver): no Float64Array, said as such.
    expect(said({ weights: new Proxy(new Float64Array([0.5, 0]), {}) })).toBe(
      `${failed}: weights is an object posing as a Float64Array (a Proxy of one?), no Float64Array itself: give weights as { symbol: weight } (a plain object) or a Float64Array over the symbols (in ${FILE})`,
    );
  });

  it('an Error whose stack was removed, or a thrown value that cannot be looked at (a revoked Proxy), is the strategy\'s too, named with its file (probe r49b F4: "internal error … undefined")', () => {
    const stackless = new Error('no stack');
    stackless.stack = undefined;
    expect((thrownBy(scripted({ 0: () => { throw stackless; } })) as Error).message).toBe(`strategy "scripted" failed on 2024-01-01: no stack (in ${FILE})`);
    const r = Proxy.revocable({}, {});
    r.revoke();
    const err = thrownBy(scripted({ 0: () => { throw r.proxy; } }));
    expect(err).toBeInstanceOf(StrategyError);
    expect((err as Error).message).toBe(`strategy "scripted" failed on 2024-01-01: it threw a value breadth cannot read (TypeError: Cannot perform 'getPrototypeOf' on a proxy that has been revoked) (in ${FILE})`);
  });

  it('targets keyed by a Symbol, or by keys that are not enumerable, are refused in one line, never read as the empty target that sells the book (probe r49b F5)', () => {
    // Before: Object.entries saw no key, so { [Symbol.for('AAA')]: 1 } read as "hold nothing" and sold the 50 AAA bought at session 0.
    const hidden = (key: string, value: number): object => Object.defineProperty({}, key, { value, enumerable: false });
    fc.assert(
      fc.property(fc.constantFrom('weights', 'values', 'shares'), fc.boolean(), fc.constantFrom('Symbol', 'not enumerable'), (kind, withAAA, how) => {
        const target = { ...(withAAA ? { AAA: 0.5 } : {}) };
        if (how === 'Symbol') Object.assign(target, { [Symbol.for('BBB')]: 0.25 });
        else Object.defineProperty(target, 'BBB', { value: 0.25, enumerable: false });
        const err = refusal({ [kind]: target });
        expect(err).toBeInstanceOf(StrategyError);
        expect((err as Error).message).toBe(
          how === 'Symbol'
            ? `strategy "scripted" failed on 2024-01-03: ${kind} has a Symbol key (Symbol(BBB)): key each symbol by its name, a string — breadth would read past it, as if that symbol had no target (in ${FILE})`
            : `strategy "scripted" failed on 2024-01-03: ${kind} has a key that is not enumerable (BBB): give it as a plain property — breadth reads the keys Object.keys lists, and would read past it, as if that symbol had no target (in ${FILE})`,
        );
      }),
    );
    expect(refusal({ weights: hidden('AAA', 1) })).toBeInstanceOf(StrategyError);
  });

  it('a getter or Proxy read once: what was checked is what runs — a weight 0.5 on its first read, NaN after, buys 50 AAA as 0.5 does, and an order quantity 10, then NaN, buys 10 (probe r49b F6: "not a finite number" without the file, and "a bad print" blamed on the data)', () => {
    const reads = { weight: 0, quantity: 0, trap: 0 };
    const flipping = { get AAA(): number { return reads.weight++ === 0 ? 0.5 : NaN; } };
    const trapped = new Proxy({ AAA: 0.5 }, { get: (o, k) => (reads.trap++ === 0 ? Reflect.get(o, k) : NaN) });
    const order = { symbol: 'AAA', get quantity(): number { return reads.quantity++ === 0 ? 10 : NaN; } };
    // 0.5 × 10,000 cash / AAA's close of 100 = 50 shares, filled at session 1's open; the order's 10 likewise.
    expect(Array.from(backtest(market, scripted({ 0: { weights: flipping } }), { initialCash: 10_000 }).fills.quantity)).toEqual([50]);
    expect(Array.from(backtest(market, scripted({ 0: { weights: trapped } }), { initialCash: 10_000 }).fills.quantity)).toEqual([50]);
    expect(Array.from(backtest(market, scripted({ 0: [order] }), { initialCash: 10_000 }).fills.quantity)).toEqual([10]);
    expect(reads).toEqual({ weight: 1, quantity: 1, trap: 1 });
  });
});
