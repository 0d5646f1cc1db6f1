// The book's caveats (reports/caveats/bookCaveats.ts) are measured once, when the run is: the terminal,
// `runs show` and the tear sheet say the same sentence, and the page lists it once.

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageCaveats } from '../../../reports/html/storedCaveats.ts';
import { getRun, openStore } from '../../../reports/store/index.ts';
import { breadth, expectOk, scratch, write } from '../helpers.ts';

describe('caveats on how the book followed its targets', () => {
  it('a fill deferred a session: the exposure gap, the deferred notional and the short sample reach the terminal, the store and the page once', async () => {
    const dir = scratch();
    // Buy-and-hold AAA at weight 1, decided on the 01-02 close; no volume on 01-03, so the order
    // waits a session and 1,000 shares fill at 10 on 01-04. Gross exposure after the decision:
    // 0, 1, 1, 1 → 75.0% against 100.0% targeted (−25.0 pp > 20 pp: high); over all 5 sessions 3 / 5 = 60.0%. Left waiting on 01-03:
    // 1,000 × 10 = 10,000 of a 10,000 NAV (100.0%, medium). 5 sessions < a year of 252: short sample.
    // The gap's one cause is the order that rested: 10,000 / 10 = 1,000 shares exactly (rounding leaves
    // nothing), and the one holding is the whole book, so prices move no weight between fills (probe r22b: not "whole shares
    // left cash", "drifted"). AAA moves after its fill (10.5, 10.2): four closes of 10 in a row would be a flat price, said too.
    mkdirSync(join(dir, 'data'));
    write(dir, 'data/AAA.csv', ['Date,Open,High,Low,Close,AdjClose,Volume', '2024-01-02,10,10,10,10,10,100000', '2024-01-03,10,10,10,10,10,0', '2024-01-04,10,10,10,10,10,100000', '2024-01-05,10.5,10.5,10.5,10.5,10.5,100000', '2024-01-08,10.2,10.2,10.2,10.2,10.2,100000', ''].join('\n'));
    const run = await breadth(['run', '--data', 'data', '--strategy', 'buy-and-hold', '--param', 'weights={"AAA":1}', '--cash', '10000', '--db', 'r.db', '--report', 'r.html'], { cwd: dir });
    expectOk(run);
    const gap = "realised gross exposure averaged 75.0% of NAV against 100.0% targeted (-25.0 pp) over the 4 sessions from 2024-01-03, once orders of the first decision could fill (avg_gross_exposure, over all 5: 60.0%): orders rested";
    const waiting = 'orders left waiting peaked at 100.0% of NAV on 2024-01-03 (deferred on 1 session): the book lagged its targets by that much';
    const short = 'Short sample: 5 sessions covering 4 periods, under a year of 252 periods; annualized figures extrapolate.';
    expect(run.stdout).toContain(`! ${gap}\n`);
    expect(run.stdout).toContain(`· ${waiting}\n`);
    expect(run.stdout).toContain(`· ${short}\n`);

    const shown = await breadth(['runs', 'show', 'r.db', '1'], { cwd: dir });
    expectOk(shown);
    expect(shown.stdout).toContain(`caveat (high): ${gap}\ncaveat (medium): ${waiting}\ncaveat (medium): ${short}\n`);

    const store = openStore(join(dir, 'r.db'), undefined, { readonly: true });
    try {
      const stored = getRun(store, 1);
      const listed = pageCaveats(stored!).map((c) => c.message);
      expect(listed.filter((m) => m === gap)).toHaveLength(1);
      expect(listed.filter((m) => m === waiting)).toHaveLength(1);
    } finally {
      store.close();
    }
    // The page: once on the first screen, once in the panel.
    const page = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(page.split(gap).length - 1).toBe(2);
    expect(page.split(short).length - 1).toBeLessThanOrEqual(2);
  });

  it('a strategy that goes to cash on purpose: no exposure gap in the terminal, nor on its page (the page does not measure again)', async () => {
    const dir = scratch();
    // sma-crossover on a price that rises, falls and rises: it holds 95 % and cash in turn; the book follows each decision.
    mkdirSync(join(dir, 'data'));
    const closes = [...Array.from({ length: 40 }, (_, k) => 100 + k), ...Array.from({ length: 40 }, (_, k) => 139 - k), ...Array.from({ length: 40 }, (_, k) => 100 + k)];
    const day = (k: number) => new Date(Date.UTC(2024, 0, 1) + Math.floor(k / 5) * 7 * 864e5 + (k % 5) * 864e5).toISOString().slice(0, 10);
    write(dir, 'data/XXX.csv', ['Date,Close,Volume', ...closes.map((c, k) => `${day(k)},${c},1000000`), ''].join('\n'));
    const run = await breadth(['run', '--data', 'data', '--strategy', 'sma-crossover', '--param', 'symbol=XXX', '--param', 'fast=3', '--param', 'slow=10', '--param', 'exposure=0.95', '--cash', '100000', '--db', 'r.db', '--report', 'r.html'], { cwd: dir });
    expectOk(run);
    expect(run.stdout).not.toContain('realised gross exposure');
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).not.toContain('realised gross exposure');
  });
});
