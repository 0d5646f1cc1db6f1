// The helpers the README points strategy authors to ("`name` in `strategies/blocks/…`") are
// importable from 'breadth', since a strategy file may import nothing else: each such name is an
// export of the entry, and a strategy file built on withoutRevertingMoves runs through the CLI and
// leaves out the name whose bad print it knows (probe r65c).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as breadthEntry from '../../../index.ts';
import { breadth, expectOk, parseJson, repoRoot, scratch, weekdays, write } from '../helpers.ts';

/** Every `name` the README places in a file under strategies/blocks/ ("`x` in `strategies/blocks/y.ts`"). */
function readmeBlockNames(): string[] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8').replace(/\s+/g, ' ');
  return [...readme.matchAll(/`([A-Za-z_$][\w$]*)`(?: \([^)]*\))? in `strategies\/blocks\/[\w/]+\.ts`/g)].map((m) => m[1]);
}

describe('strategy helpers the README names', () => {
  it('are exports of breadth', () => {
    const names = readmeBlockNames();
    expect(names).toContain('withoutRevertingMoves');
    for (const name of names) expect(typeof (breadthEntry as Record<string, unknown>)[name], `${name} is not exported from 'breadth'`).toBe('function');
  });

  it('a strategy file importing withoutRevertingMoves from breadth runs via the CLI and drops the name with a reverting ×4 print', async () => {
    const dir = scratch();
    const days = weekdays(8);
    const csv = (closes: number[]) => `Date,Open,High,Low,Close,Volume\n${days.map((d, k) => `${d},${closes[k]},${closes[k]},${closes[k]},${closes[k]},1000`).join('\n')}\n`;
    write(dir, 'AAA.csv', csv([10, 10, 10, 10, 10, 10, 10, 10]));
    // BBB's third close is a bad print (×4, back the next session): known from the fourth session on.
    write(dir, 'BBB.csv', csv([20, 20, 80, 20, 20, 20, 20, 20]));
    write(dir, 'CCC.csv', csv([40, 40, 40, 40, 40, 40, 40, 40]));
    write(dir, 'clean.ts', [
      "import { defineStrategy, equal, schedules, tradedOnLastBar, withoutRevertingMoves, z } from 'breadth';",
      'export default defineStrategy({',
      "  name: 'clean-equal',",
      "  description: 'Equal weights over the names with no reverting move known.',",
      "  dataNeeds: 'stock prices',",
      '  params: z.object({}).strict(),',
      '  create: () => ({',
      '    schedule: schedules.everySession,',
      '    decide: (view) => ({ weights: equal(withoutRevertingMoves(view, tradedOnLastBar(view, view.universe())), view.symbolCount) }),',
      '  }),',
      '});',
      '',
    ].join('\n'));
    const run = await breadth(['run', '--strategy', './clean.ts', '--data', '.', '--benchmark', 'none', '--db', 'r.db', '--json'], { cwd: dir });
    expectOk(run);
    const id = parseJson(run).runs[0].id;
    const positions = parseJson(await breadth(['export', 'r.db', String(id), '--what', 'positions', '--format', 'json'], { cwd: dir }));
    const heldOn = (date: string) => positions.filter((p: { date: string; shares: number }) => p.date === date && p.shares !== 0).map((p: { symbol: string }) => p.symbol).sort();
    // Decided on the second close (all three clean), filled at the third open: BBB held.
    expect(heldOn(days[2])).toEqual(['AAA', 'BBB', 'CCC']);
    // The move is known at the fourth close: the last book, decided on the seventh, holds AAA and CCC, half each (flat prices).
    expect(heldOn(days[7])).toEqual(['AAA', 'CCC']);
  });
});
