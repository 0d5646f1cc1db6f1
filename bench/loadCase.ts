// One market load in this process (run it under /usr/bin/time -v for whole-process figures):
//   node bench/loadCase.ts <data> [--symbols=A,B] [--from=YYYY-MM-DD] [--cache=<dir>|--no-cache] [--hold]
// Prints one JSON line: seconds, CPU seconds, sessions × symbols, the bytes of the price columns
// (distinct arrays), and peak RSS. `--hold` keeps the market referenced until the process ends,
// as a study does.

import { loadMarket } from '../data/load.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const data = args.find((a) => !a.startsWith('--'));
if (!data) throw new Error('usage: bench/loadCase.ts <data> [--symbols=A,B] [--from=YYYY-MM-DD] [--cache=<dir>|--no-cache]');
const cpuStart = process.cpuUsage();
const start = performance.now();
const market = await loadMarket(data, {
  symbols: option('symbols')?.split(','),
  from: option('from'),
  cacheDir: args.includes('--no-cache') ? false : option('cache'),
});
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
// Distinct buffers: a period is a view of the whole columns, and absent fields share one.
const buffers = new Set([market.open, market.high, market.low, market.close, market.volume].filter((c) => c !== undefined).map((c) => c.buffer));
const priceBytes = [...buffers].reduce((sum, b) => sum + b.byteLength, 0);
console.log(
  JSON.stringify({
    seconds: Number(seconds.toFixed(2)),
    cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
    sessions: market.dates.length,
    symbols: market.symbols.length,
    priceColumnsMb: Math.round(priceBytes / 2 ** 20),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
