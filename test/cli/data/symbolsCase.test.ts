// Several symbols asked for in the wrong case (`--symbols iwm,spy` where the data holds IWM and
// SPY) are answered with the names meant, as one misspelt symbol is (`SPYY` → did you mean SPY?),
// never only "check the spelling" (probe r65c).

import { beforeAll, describe, it } from 'vitest';
import { breadth, expectBadInput, scratch, weekdays, write } from '../helpers.ts';

let dir: string;
beforeAll(() => {
  dir = scratch();
  const rows = weekdays(30).map((d, k) => `${d},${100 + k},${101 + k},${99 + k},${100 + k},1000`);
  for (const symbol of ['IWM', 'SPY', 'QQQ']) write(dir, `${symbol}.csv`, ['Date,Open,High,Low,Close,Volume', ...rows, ''].join('\n'));
});

const run = (symbols: string) => breadth(['run', '--strategy', 'buy-and-hold', '--data', '.', '--symbols', symbols, '--db', 'out/r.db'], { cwd: dir });

describe.concurrent('--symbols naming several symbols the data lacks', () => {
  it('iwm,spy: did you mean IWM, SPY? symbols are case-sensitive', async () => {
    expectBadInput(await run('iwm,spy'), /^breadth: no symbols match iwm, spy in \. \(did you mean IWM, SPY\? symbols are case-sensitive\) \(it holds 3 symbols, e\.g\. IWM, QQQ, SPY\); check the spelling, or run breadth data inspect on it$/);
  });

  it('SPYY,iwm: each nearest name, in the order asked', async () => {
    expectBadInput(await run('SPYY,iwm'), /^breadth: no symbols match SPYY, iwm in \. \(did you mean SPY, IWM\?\) \(it holds 3 symbols/);
  });
});
