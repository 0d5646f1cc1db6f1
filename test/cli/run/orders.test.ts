// Orders and user models through the real `breadth` command: a study naming a model file, `runs
// show` with the model's file and hash and each order with its fills, and `regress` catching a
// changed order list that changes no fill and no metric.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { breadth, expectBadInput, expectOk, parseJson, repoRoot, scratch, write } from '../helpers.ts';

const model = join(repoRoot, 'examples', 'models', 'tieredCommission.ts');

describe.concurrent('orders and model files on the command line', () => {
  it('a study names a model file; runs show gives its path and sha256, the order tally, and each order with its fills', async () => {
    const dir = scratch();
    write(
      dir,
      'study.yaml',
      ['data: sample', 'sample: { stocks: 20, years: 2 }', 'runs:', '  - name: tiered', '    strategy: equal-weight', `    models: { commission: { file: ${JSON.stringify(model)} } }`, ''].join('\n'),
    );
    expectOk(await breadth(['study', 'study.yaml', '--out', 'out', '--no-reports'], { cwd: dir }));
    const db = join('out', 'breadth.db');
    const [json, text, listing] = await Promise.all([
      breadth(['runs', 'show', db, 'tiered', '--json', '--orders'], { cwd: dir }),
      breadth(['runs', 'show', db, 'tiered'], { cwd: dir }),
      breadth(['runs', 'show', db, 'tiered', '--orders', '--symbol', 'SYN0003'], { cwd: dir }),
    ]);
    expectOk(json);
    const shown = parseJson(json);
    const hash = createHash('sha256').update(readFileSync(model, 'utf8')).digest('hex');
    expect(shown.manifest.userModels).toEqual([expect.objectContaining({ concern: 'commission', path: model, sourceHash: hash })]);
    expect(shown.run.ordersHash).toMatch(/^[0-9a-f]{64}$/);
    // Every order fill is listed under its order, and each order's fills add up to what it filled.
    const orders: { id: number; filled: number; status: string; fills: { quantity: number }[] }[] = shown.orders;
    expect(orders.length).toBeGreaterThan(50);
    for (const o of orders) expect(o.fills.reduce((s, f) => s + f.quantity, 0)).toBeCloseTo(o.filled, 9);
    expect(orders.filter((o) => o.status === 'filled').every((o) => o.fills.length > 0)).toBe(true);

    expectOk(text);
    expect(text.stdout).toContain(`commission model tiered`);
    expect(text.stdout).toContain(`(sha256 ${hash})`);
    // A credit is stored as a negative cost: runs show says so beside its bare name (probe r67c F1).
    expect(text.stdout).toMatch(/│ cost_interest_received +│ [^│]+│ [^│]+│ a credit as a negative cost: negative is income +│/);
    expect(text.stdout).toMatch(/│ cost_commission +│ [^│]+│ [^│]+│ +│/);
    expect(text.stdout).toMatch(new RegExp(`orders: ${orders.length.toLocaleString('en-US')} — filled [\\d,]+.* — list each with its fills: --orders`));

    expectOk(listing);
    const lines = listing.stdout.split('\n');
    const first = lines.findIndex((l) => l.startsWith('order '));
    expect(lines[first]).toMatch(/^order \d+ {2}\d{4}-\d\d-\d\d {2}SYN0003 {2}\+\d+ market gtc \(targets\) → filled on \d{4}-\d\d-\d\d$/);
    expect(lines[first + 1]).toMatch(/^ {4}fill \d{4}-\d\d-\d\d {2}\+\d+ @ [\d.]+ \(reference [\d.]+\) {2}commission \d+\.\d\d {2}slippage 0\.00$/);
    expect(lines.filter((l) => l.startsWith('order ')).every((l) => l.includes('SYN0003'))).toBe(true);

    expectBadInput(await breadth(['runs', 'show', db, 'tiered', '--symbol', 'SYN0003'], { cwd: dir }), '--symbol selects the orders listed: add --orders');
  });

  it('regress reports a changed order list whose fills and metrics are the same', async () => {
    const dir = scratch();
    // Buys 10 shares of the first symbol, and rests a limit buy far below the market that never fills.
    write(
      dir,
      'probe.js',
      `export default { name: 'limit-probe', description: 'A buy and a limit buy that never fills.', dataNeeds: 'prices',
         params: { shape: {}, safeParse: (raw) => ({ success: true, data: { limit: raw?.limit ?? 0.01 } }) },
         create: ({ limit }) => ({ schedule: { name: 'once', sessions: (d) => new Uint8Array(d.length) },
           decide: () => [{ symbol: 0, quantity: 10 }, { symbol: 0, quantity: 10, type: 'limit', limit }] }) };\n`,
    );
    const study = (limit: number) => ['data: sample', 'sample: { stocks: 20, years: 2 }', 'runs:', '  - name: probe', '    strategy: ./probe.js', `    params: { limit: ${limit} }`, ''].join('\n');
    write(dir, 'study.yaml', study(0.01));
    const saved = await breadth(['baseline', 'save', 'study.yaml', '--out', 'base.json'], { cwd: dir });
    expectOk(saved);
    expect(JSON.parse(readFileSync(join(dir, 'base.json'), 'utf8')).runs[0].orders_hash).toMatch(/^[0-9a-f]{64}$/);
    expectOk(await breadth(['regress', '--baseline', 'base.json'], { cwd: dir }));

    write(dir, 'study.yaml', study(0.02));
    const drift = await breadth(['regress', '--baseline', 'base.json', '--json'], { cwd: dir });
    expect(drift.status, drift.stderr).toBe(1);
    expect(parseJson(drift).drifts.map((d: { run: string; what: string }) => [d.run, d.what])).toEqual([['probe', 'orders_hash']]);
  });

  it('an order that rested through a 2:1 split is listed in post-split shares beside the shares decided, and what it filled in the same unit', async () => {
    const dir = scratch();
    // 99 shares decided on the 01-02 close (10,000 − $1 minimum commission over 100 → 99); no volume on
    // 01-03 and 01-04 (the 2:1 ex-date), so the order rests and becomes +198; on 01-05 the cash buys
    // ⌊(9,999.52 − 1.96) / 51⌋ = 196 of them at 51 (per-share 0.01: 1.96).
    mkdirSync(join(dir, 'data'));
    write(dir, 'data/AAA.csv', ['Date,Open,High,Low,Close,AdjClose,Volume', '2024-01-02,100,100,100,100,50,100000', '2024-01-03,100,100,100,100,50,0', '2024-01-04,50,50,50,50,50,0', '2024-01-05,51,51,51,51,51,100000', '2024-01-08,51,51,51,51,51,100000', ''].join('\n'));
    write(dir, 'study.yaml', ['data: data', 'benchmark: none', 'engine:', '  initialCash: 10000', '  commission: { kind: per-share, perShare: 0.01, minimum: 1 }', 'runs:', '  - name: bh', '    strategy: buy-and-hold', '    params: { weights: { AAA: 1 } }', ''].join('\n'));
    expectOk(await breadth(['run', 'study.yaml', '--db', 'r.db', '--no-reports'], { cwd: dir }));
    const listing = await breadth(['runs', 'show', 'r.db', 'bh', '--orders'], { cwd: dir });
    expectOk(listing);
    expect(listing.stdout).toContain('order 1  2024-01-02  AAA  +198 market gtc (targets; +99 as decided, +198 after a 2:1 split on 2024-01-04) → partially-filled (cash) on 2024-01-05, filled +196\n    fill 2024-01-05  +196 @ 51');
  });

  it('a strategy that cancels its gtc limit before re-sending it each session: the withdrawn orders are stored cancelled (withdrawn), one fill of 10 at 97.50 (probe r52b: five stacked, 50 filled)', async () => {
    const dir = scratch();
    // probe r52b's d1 AAA. A buy limit of 97.5 is first reached on 01-10 (low 97; the lows before it 101, 102, 100, 100, 98), at
    // the limit (open 99). Sent on 01-02 and again on 01-03 … 01-08, each time after { cancel: true }: orders 1–4 end withdrawn on
    // the next session, order 5 fills 10 @ 97.50 on 01-10.
    write(
      dir,
      'resend.js',
      `const limit = { symbol: 'AAA', quantity: 10, type: 'limit', limit: 97.5 };
       export default { name: 'resend', description: 'A gtc limit re-sent each session after a cancel.', dataNeeds: 'prices',
         params: { shape: {}, safeParse: () => ({ success: true, data: {} }) },
         create: () => ({ schedule: { name: 'daily', sessions: (d) => new Uint8Array(d.length).fill(1) },
           decide: (view) => (view.date === '2024-01-02' ? [limit] : view.date <= '2024-01-08' ? [{ symbol: 'AAA', cancel: true }, limit] : undefined) }) };\n`,
    );
    mkdirSync(join(dir, 'data'));
    write(dir, 'data/AAA.csv', ['Date,Open,High,Low,Close,Volume', '2024-01-02,100,101,99,100,10000', '2024-01-03,102,104,101,103,10000', '2024-01-04,103,106,102,105,10000', '2024-01-05,104,105,100,101,10000', '2024-01-08,101,103,100,102,10000', '2024-01-09,102,103,98,99,10000', '2024-01-10,99,100,97,98,10000', '2024-01-11,98,101,97,100,10000', ''].join('\n'));
    expectOk(await breadth(['run', '--data', 'data', '--strategy', './resend.js', '--cash', '10000', '--db', 'r.db', '--no-reports'], { cwd: dir }));
    const [json, listing] = await Promise.all([breadth(['runs', 'show', 'r.db', '1', '--orders', '--json'], { cwd: dir }), breadth(['runs', 'show', 'r.db', '1', '--orders'], { cwd: dir })]);
    expectOk(json);
    const stored: { id: number; date: string; filled: number; status: string; reason: string | null; endDate: string; fills: { date: string; quantity: number; price: number }[] }[] = parseJson(json).orders;
    expect(stored.map((o) => [o.id, o.date, o.filled, o.status, o.reason, o.endDate])).toEqual([
      [1, '2024-01-02', 0, 'cancelled', 'withdrawn', '2024-01-03'],
      [2, '2024-01-03', 0, 'cancelled', 'withdrawn', '2024-01-04'],
      [3, '2024-01-04', 0, 'cancelled', 'withdrawn', '2024-01-05'],
      [4, '2024-01-05', 0, 'cancelled', 'withdrawn', '2024-01-08'],
      [5, '2024-01-08', 10, 'filled', null, '2024-01-10'],
    ]);
    expect(stored.flatMap((o) => o.fills.map((f) => [f.date, f.quantity, f.price]))).toEqual([['2024-01-10', 10, 97.5]]);
    expectOk(listing);
    expect(listing.stdout).toContain('orders: 5 — cancelled 4 (withdrawn 4), filled 1');
    expect(listing.stdout).toContain('order 1  2024-01-02  AAA  +10 limit @ 97.5000 gtc (explicit) → cancelled (withdrawn) on 2024-01-03, filled 0');
  });

  it('a limit order resting through a 1:3 reverse split lists its limit per post-split share, beside the shares decided', async () => {
    const dir = scratch();
    // A limit buy of 30 at 9 decided on 01-02; Close 10 → 30 on 01-04 (1:3, AdjClose flat at 30), low 27 on 01-05:
    // it rests as +10 at 27 (9 × 3) and fills there.
    write(
      dir,
      'limit.js',
      `export default { name: 'limit-once', description: 'One limit buy.', dataNeeds: 'prices',
         params: { shape: {}, safeParse: () => ({ success: true, data: {} }) },
         create: () => ({ schedule: { name: 'once', sessions: (d) => Uint8Array.from(d, (_, t) => (t === 0 ? 1 : 0)) },
           decide: () => [{ symbol: 0, quantity: 30, type: 'limit', limit: 9 }] }) };\n`,
    );
    mkdirSync(join(dir, 'data'));
    write(dir, 'data/RS.csv', ['Date,Open,High,Low,Close,AdjClose,Volume', '2024-01-02,10,10,10,10,30,100000', '2024-01-03,10,10,9.5,10,30,100000', '2024-01-04,30,30,29,30,30,100000', '2024-01-05,28,29,27,28,28,100000', ''].join('\n'));
    write(dir, 'study.yaml', ['data: data', 'benchmark: none', 'engine: { initialCash: 10000 }', 'runs:', '  - name: lim', '    strategy: ./limit.js', ''].join('\n'));
    expectOk(await breadth(['run', 'study.yaml', '--db', 'r.db', '--no-reports'], { cwd: dir }));
    const listing = await breadth(['runs', 'show', 'r.db', 'lim', '--orders'], { cwd: dir });
    expectOk(listing);
    expect(listing.stdout).toContain('order 1  2024-01-02  RS  +10 limit @ 27 gtc (explicit; +30 as decided, +10 after a 1:3 reverse split on 2024-01-04) → filled on 2024-01-05\n    fill 2024-01-05  +10 @ 27');
  });

  it('an order a later decision amended names that decision in the store and the listing; the same ask again amends nothing (probe r29b: "+100 as decided, amended to +100")', async () => {
    const dir = scratch();
    // No trade on 01-03 and 01-04 (volume 0): the 01-02 decision's buy of 500 (half of 10,000 at 10) rests. On 01-03 the
    // close is 12: half of the 10,000 (all cash) is 416 shares — the order is amended to 416; 01-04 asks for the same 416
    // and amends nothing. It fills on 01-05.
    mkdirSync(join(dir, 'data'));
    write(dir, 'data/AAA.csv', ['Date,Open,High,Low,Close,Volume', '2024-01-02,10,10,10,10,1000000', '2024-01-03,12,12,12,12,0', '2024-01-04,12,12,12,12,0', '2024-01-05,12,12,12,12,1000000', ''].join('\n'));
    expectOk(await breadth(['run', '--data', 'data', '--strategy', 'fixed-weights', '--param', 'weights={"AAA":0.5}', '--param', 'schedule=every-session', '--cash', '10000', '--db', 'r.db', '--no-reports'], { cwd: dir }));
    const listing = await breadth(['runs', 'show', 'r.db', '1', '--orders'], { cwd: dir });
    expectOk(listing);
    expect(listing.stdout).toContain('order 1  2024-01-02  AAA  +416 market gtc (targets; +500 as decided, amended to +416 on 2024-01-03) → filled on 2024-01-05');

    // Flat at 10: every decision asks for the same 500 — nothing amended.
    write(dir, 'data/AAA.csv', ['Date,Open,High,Low,Close,Volume', '2024-01-02,10,10,10,10,1000000', '2024-01-03,10,10,10,10,0', '2024-01-04,10,10,10,10,0', '2024-01-05,10,10,10,10,1000000', ''].join('\n'));
    expectOk(await breadth(['run', '--data', 'data', '--strategy', 'fixed-weights', '--param', 'weights={"AAA":0.5}', '--param', 'schedule=every-session', '--cash', '10000', '--db', 'r2.db', '--no-reports'], { cwd: dir }));
    const same = await breadth(['runs', 'show', 'r2.db', '1', '--orders'], { cwd: dir });
    expect(same.stdout).toContain('order 1  2024-01-02  AAA  +500 market gtc (targets) → filled on 2024-01-05');
  });
});
