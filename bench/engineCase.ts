// One engine benchmark case in this process: `tsx bench/engineCase.ts <equal-weight|sma> <N> <T>`.
// Prints one JSON line: build, replay and whole-run seconds, symbol-sessions per second (of wall
// and of CPU time), peak RSS.

import { backtest } from '../engine/backtest.ts';
import { everySession } from '../engine/calendar/schedule.ts';
import type { Strategy, Targets } from '../engine/strategy.ts';
import { equalWeight } from './equalWeight.ts';
import { randomWalkMarket } from './randomWalkMarket.ts';

const [kind, nText, tText] = process.argv.slice(2);
const symbols = Number(nText);
const sessions = Number(tText);


/** Golden cross / death cross: 95% of NAV on a cross up, flat on a cross down, nothing otherwise. */
function smaCrossover(): Strategy {
  const closes = new Float64Array(201);
  const mean = (from: number, to: number): number => {
    let s = 0;
    for (let k = from; k < to; k++) s += closes[k];
    return s / (to - from);
  };
  return {
    name: 'sma 50/200 (bench)',
    params: {},
    schedule: everySession,
    decide(view) {
      view.adjustedCloses(0, 201, closes);
      if (Number.isNaN(closes[0])) return undefined;
      const before = Math.sign(mean(150, 200) - mean(0, 200));
      const now = Math.sign(mean(151, 201) - mean(1, 201));
      if (now === before) return undefined;
      const target: Targets = { weights: now > 0 ? { S0: 0.95 } : {} };
      return target;
    },
  };
}

const started = performance.now();
const market = randomWalkMarket(symbols, sessions);
const built = performance.now();
const cpu = process.cpuUsage();
const result = backtest(market, kind === 'sma' ? smaCrossover() : equalWeight, { initialCash: 10_000_000 });
const finished = performance.now();
const replayCpu = process.cpuUsage(cpu);
// Process CPU seconds during the replay (the collector's threads included): less inflated than
// wall time when others share the cores.
const replayCpuSeconds = (replayCpu.user + replayCpu.system) / 1e6;
const replaySeconds = (finished - built) / 1000;
const wholeSeconds = (finished - started) / 1000;
const symbolSessions = symbols * sessions;
const panelMb = (5 * symbolSessions * 8) / 2 ** 20;
console.log(
  JSON.stringify({
    case: kind,
    symbols,
    sessions,
    fills: result.fills.session.length,
    buildSeconds: +((built - started) / 1000).toFixed(3),
    replaySeconds: +replaySeconds.toFixed(3),
    wholeSeconds: +wholeSeconds.toFixed(3),
    replaySymbolSessionsPerSecond: Math.round(symbolSessions / replaySeconds),
    replayCpuSeconds: +replayCpuSeconds.toFixed(3),
    replayCpuSymbolSessionsPerSecond: Math.round(symbolSessions / replayCpuSeconds),
    wholeSymbolSessionsPerSecond: Math.round(symbolSessions / wholeSeconds),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    pricePanelMb: Math.round(panelMb),
  }),
);
