// The bar fill model called directly: the reference price of market, limit and stop orders.

import { describe, expect, it } from 'vitest';
import { fillModel } from '../../../engine/models/fill/index.ts';
import { fixtureMarket } from '../fixtures.ts';
import { fill, order } from './context.ts';

const model = fillModel({ kind: 'bar' }, fixtureMarket({ symbols: ['A'], closes: [[10]] }));
// A bar opening at 100, trading 95–104.
const bar = { open: 100, high: 104, low: 95, close: 101 };
const price = (o: Parameters<typeof order>[0]): number => model.referencePrice(fill({ ...bar, order: order(o) }));

describe('market orders', () => {
  it('fill at the open, buy or sell', () => {
    expect([price({ quantity: 10 }), price({ quantity: -10 })]).toEqual([100, 100]);
  });
});

describe('limit orders', () => {
  it('a buy fills at the open when it opens at or below the limit, at the limit when the low reaches it, not otherwise', () => {
    expect(price({ type: 'limit', limit: 101 })).toBe(100);
    expect(price({ type: 'limit', limit: 97 })).toBe(97);
    expect(price({ type: 'limit', limit: 94 })).toBeNaN();
  });

  it('a sell mirrors it', () => {
    expect(price({ quantity: -10, type: 'limit', limit: 99 })).toBe(100);
    expect(price({ quantity: -10, type: 'limit', limit: 103 })).toBe(103);
    expect(price({ quantity: -10, type: 'limit', limit: 105 })).toBeNaN();
  });
});

describe('stop orders', () => {
  it('a buy stop triggers when the high reaches it and fills at max(open, stop); a sell stop mirrors it', () => {
    expect(price({ type: 'stop', stop: 102 })).toBe(102);
    expect(price({ type: 'stop', stop: 98 })).toBe(100);
    expect(price({ type: 'stop', stop: 105 })).toBeNaN();
    expect(price({ quantity: -10, type: 'stop', stop: 96 })).toBe(96);
    expect(price({ quantity: -10, type: 'stop', stop: 94 })).toBeNaN();
  });

  it('once triggered, a stop is a market order', () => {
    expect(price({ type: 'stop', stop: 105, triggered: true })).toBe(100);
  });
});
