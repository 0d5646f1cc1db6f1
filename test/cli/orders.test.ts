// Orders and user models through the real `breadth` command: a study naming a model file, `runs
// show` with the model's file and hash and each order with its fills, and `regress` catching a
// changed order list that changes no fill and no metric.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { breadth, expectBadInput, expectOk, parseJson, repoRoot, scratch, write } from './helpers.ts';

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
});
