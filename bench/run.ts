// `npm run bench`: every benchmark, each case in a fresh process (honest peak RSS), as a table.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const SESSIONS = 5040;
const cases: [string, number][] = [
  ['equal-weight', 10],
  ['equal-weight', 100],
  ['equal-weight', 500],
  ['equal-weight', 2000],
  ['sma', 1],
];

console.log(`engine: monthly equal-weight rebalance (whole shares, next-open fills) and SMA 50/200 on one symbol, ${SESSIONS} sessions`);
console.log('case            N   fills   replay s   replay sym-sess/s   whole s   whole sym-sess/s   peak RSS MB   price panel MB');
for (const [kind, symbols] of cases) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'engineCase.ts'), kind, String(symbols), String(SESSIONS)], {
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    console.log(`${kind} ${symbols}: failed\n${run.stderr}`);
    continue;
  }
  const r = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}');
  console.log(
    [
      kind.padEnd(13),
      String(symbols).padStart(5),
      String(r.fills).padStart(7),
      r.replaySeconds.toFixed(3).padStart(10),
      (r.replaySymbolSessionsPerSecond / 1e6).toFixed(1).padStart(16) + ' M',
      r.wholeSeconds.toFixed(3).padStart(9),
      (r.wholeSymbolSessionsPerSecond / 1e6).toFixed(1).padStart(15) + ' M',
      String(r.peakRssMb).padStart(13),
      String(r.pricePanelMb).padStart(16),
    ].join(' '),
  );
}
