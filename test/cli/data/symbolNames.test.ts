// A symbol named where the data does not have it, through real processes: a weight outside
// --symbols says it is not among those loaded (the data has it), a benchmark in another case gets
// the case hint as --symbols does, and a near miss gets "did you mean". An empty --symbols or
// --benchmark is refused.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, it } from 'vitest';
import { breadth, expectBadInput, scratch, write } from '../helpers.ts';

let dir: string;
beforeAll(() => {
  dir = scratch();
  mkdirSync(join(dir, 'd1'));
  // The same prices; volumes 1000 and 1001, so the two files differ (files of the same bytes are refused).
  const rows = (volume: number) => ['2022-01-03', '2022-01-04', '2022-01-05', '2022-01-06'].map((d, k) => `${d},${100 + k},${101 + k},${99 + k},${100 + k},${volume}`);
  for (const [i, s] of ['AAA', 'BBB'].entries()) write(join(dir, 'd1'), `${s}.csv`, ['Date,Open,High,Low,Close,Volume', ...rows(1000 + i), ''].join('\n'));
});

const run = (...args: string[]) => breadth(['run', '--data', 'd1', '--db', 'out/r.db', ...args], { cwd: dir, env: { BREADTH_CACHE_DIR: join(dir, 'cache') } });

describe.concurrent('an unknown symbol is named with the same hint everywhere', () => {
  it('a weight on a symbol of the data left out by --symbols: not among those loaded, and how to add it', async () => {
    expectBadInput(
      await run('--symbols', 'BBB', '--strategy', 'fixed-weights', '--param', 'weights={"AAA":1}'),
      'breadth: strategy "fixed-weights" failed on 2022-01-03: unknown symbol "AAA": not among the symbols loaded from d1 (--symbols BBB); add it to them (--symbols BBB,AAA)',
    );
  });

  it('--benchmark aaa gets the case hint that --symbols aaa gets', async () => {
    const hint = `("AAA" is here: symbols are case-sensitive, and a per-symbol file's name is its symbol)`;
    expectBadInput(await run('--benchmark', 'aaa', '--strategy', 'buy-and-hold', '--param', 'weights={"AAA":1}'), `breadth: --benchmark: no symbol "aaa" in d1 ${hint}`);
    expectBadInput(await run('--symbols', 'aaa', '--strategy', 'buy-and-hold', '--param', 'weights={"AAA":1}'), `no symbol matches aaa in d1 ${hint}`);
  });

  it('--benchmark BBB.US beside a loaded BBB: the hint is the fix, and no "add BBB.US to --symbols" (that would fail)', async () => {
    expectBadInput(
      await run('--symbols', 'AAA,BBB', '--benchmark', 'BBB.US', '--strategy', 'buy-and-hold', '--param', 'weights={"AAA":1}'),
      'breadth: --benchmark: "BBB.US" is not among the symbols loaded (AAA, BBB) (did you mean BBB? that is BBB.US without its exchange suffix: ask for BBB); or use "cash" or "none"',
    );
  });

  it('a weight on BBB.US with --symbols AAA,BBB: the hint only, no "add it to them"', async () => {
    expectBadInput(
      await run('--symbols', 'AAA,BBB', '--strategy', 'buy-and-hold', '--param', 'weights={"BBB.US":1}'),
      'breadth: strategy "buy-and-hold" failed on 2022-01-03: unknown symbol "BBB.US": not among the symbols loaded from d1 (--symbols AAA, BBB) (did you mean BBB? that is BBB.US without its exchange suffix: ask for BBB)',
    );
  });

  it('a weight on AAB suggests AAA', async () => {
    expectBadInput(await run('--strategy', 'buy-and-hold', '--param', 'weights={"AAB":1}'), 'breadth: strategy "buy-and-hold" failed on 2022-01-03: unknown symbol "AAB" in d1 (did you mean AAA?)');
  });

  it('an empty --symbols is refused (run, data inspect), never read as every symbol; an empty --benchmark is refused, never read as none', async () => {
    const none = 'names no symbol: give them comma-separated (--symbols AAA,BBB), or leave --symbols out to load every symbol';
    expectBadInput(await run('--symbols', '', '--strategy', 'buy-and-hold'), `breadth: --symbols "" ${none}`);
    expectBadInput(await run('--symbols', ' , ', '--strategy', 'buy-and-hold'), `breadth: --symbols " , " ${none}`);
    expectBadInput(await breadth(['data', 'inspect', 'd1', '--symbols', ''], { cwd: dir, env: { BREADTH_CACHE_DIR: join(dir, 'cache') } }), `breadth: --symbols "" ${none}`);
    expectBadInput(await run('--benchmark', '', '--strategy', 'buy-and-hold'), 'breadth: --benchmark "" names no benchmark: give a symbol or @role (SPY, @smallCap), "cash", or "none" for no benchmark');
  });
});
