// Commission models called directly: per share with a minimum per order (default), per fill, or
// per order and session; bps of notional; none.

import { describe, expect, it } from 'vitest';
import { engineConfigSchema } from '../../../engine/config.ts';
import { commissionModel, type CommissionConfig } from '../../../engine/models/commission/index.ts';
import type { CommissionModel } from '../../../engine/models/types.ts';
import { fixtureMarket } from '../fixtures.ts';
import { fill, order } from './context.ts';

const market = fixtureMarket({ symbols: ['A'], closes: [[10]] });
const model = (config: unknown): CommissionModel => commissionModel(engineConfigSchema.parse({ commission: config }).commission as CommissionConfig, market);

/** Three fills of 100 shares at 10 of one order, on sessions `sessions`; what each pays. */
function threeFills(m: CommissionModel, sessions = [1, 2, 3]): number[] {
  const o = order({ quantity: 300, requested: 300 });
  return sessions.map((session) => {
    const paid = m.commission(fill({ order: o, session, quantity: 100 }));
    // What the broker books after a fill (engine/execution/broker.ts #execute).
    if (o.lastFillSession !== session) Object.assign(o, { lastFillSession: session, sessionFilled: 0, sessionCommission: 0 });
    o.filled += 100;
    o.commission += paid;
    o.sessionFilled += 100;
    o.sessionCommission += paid;
    return paid;
  });
}

describe('per share, 0.005 with a minimum of 1', () => {
  it('per order (the default): an order of 300 filled 100/100/100 pays max(1, 300 × 0.005) = 1.50 in all, the minimum once', () => {
    const m = model({ kind: 'per-share', perShare: 0.005, minimum: 1 });
    // 1st: max(1, 0.50) = 1; 2nd: the order's total max(1, 1.00) = 1 is paid; 3rd: max(1, 1.50) − 1 = 0.50.
    expect(threeFills(m)).toEqual([1, 0, 0.5]);
    expect(m.name).toBe('0.005/share, min 1 per order');
  });

  it('per fill: each fill pays the minimum, 3.00 in all', () => {
    expect(threeFills(model({ kind: 'per-share', perShare: 0.005, minimum: 1, minimumPer: 'fill' }))).toEqual([1, 1, 1]);
  });

  it('per order and session: the minimum again on each new session, once within one', () => {
    const m = model({ kind: 'per-share', perShare: 0.005, minimum: 1, minimumPer: 'order-session' });
    expect(threeFills(m, [1, 2, 3])).toEqual([1, 1, 1]);
    expect(threeFills(m, [1, 1, 2])).toEqual([1, 0, 1]);
    expect(m.name).toBe('0.005/share, min 1 per order and session');
  });

  it('an order past its minimum pays its shares; a sell pays on |shares|', () => {
    const m = model({ kind: 'per-share', perShare: 0.005, minimum: 1 });
    expect(m.commission(fill({ order: order({ filled: 1_000, commission: 5 }), quantity: 100 }))).toBe(0.5);
    expect(m.commission(fill({ order: order({ quantity: -300 }), quantity: -300 }))).toBe(1.5);
    expect(m.commission(fill({ quantity: 0 }))).toBe(0);
  });

  it('an unknown minimumPer is refused with the key path', () => {
    const parsed = engineConfigSchema.safeParse({ commission: { kind: 'per-share', perShare: 0.005, minimumPer: 'month' } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].path).toEqual(['commission', 'minimumPer']);
  });
});

describe('bps of notional and none', () => {
  it('bps: |shares| × price × bps / 10 000, on the slipped price', () => {
    expect(model({ kind: 'bps', bps: 10 }).commission(fill({ quantity: -100, price: 50.1 }))).toBeCloseTo(5.01, 12);
  });

  it('none is free', () => {
    expect(model({ kind: 'none' }).commission(fill())).toBe(0);
  });
});
