// The stitched out-of-sample strategy of a walk-forward test: one continuous run in which each
// window's chosen configuration decides from the start of its out-of-sample span, on its own
// schedule and drift band, plus once at the switch (so a new choice takes effect when its window opens). The
// book carries over from window to window as it would for a trader who re-tunes, with the real
// trades of the switch — not a splice of separate runs.

import { driftBandsOf, type Schedule } from '../../../engine/calendar/schedule.ts';
import type { Strategy } from '../../../engine/strategy.ts';

export interface StitchedPart {
  /** First market session this part decides on. */
  readonly from: number;
  readonly strategy: Strategy;
}

/**
 * One strategy that decides as `parts[k].strategy` from `parts[k].from` (a market session) until
 * the next part's start, on that part's schedule and drift band (each window trades under its own
 * choice), plus once at each part's start. `params` is what the manifest records.
 */
export function stitchedStrategy(parts: readonly StitchedPart[], params: unknown): Strategy {
  if (parts.length === 0) throw new RangeError('a stitched strategy needs at least one part');
  /** Each part's sessions of a run from `start` over `length` sessions: [first, end). */
  const spans = (start: number, length: number) =>
    parts.map((part, k) => ({ part, first: Math.max(part.from, start), end: Math.min(k + 1 < parts.length ? parts[k + 1].from : length, length) }));
  const schedule: Schedule = {
    name: `walk-forward (${[...new Set(parts.map((p) => p.strategy.schedule.name))].join(', ')})`,
    sessions(dates, start) {
      const due = new Uint8Array(dates.length);
      for (const { part, first, end } of spans(start, dates.length)) {
        const own = part.strategy.schedule.sessions(dates, first);
        for (let t = first; t < end; t++) due[t] = own[t];
        if (part.from >= start && part.from < dates.length) due[part.from] = 1;
      }
      return due;
    },
    driftBands(dates, start) {
      const bands = new Float64Array(dates.length).fill(NaN);
      for (const { part, first, end } of spans(start, dates.length)) {
        const own = driftBandsOf(part.strategy.schedule, dates, first);
        for (let t = first; t < end; t++) bands[t] = own[t];
      }
      return bands;
    },
  };
  const partAt = (session: number): Strategy => {
    let k = 0;
    while (k + 1 < parts.length && parts[k + 1].from <= session) k++;
    return parts[k].strategy;
  };
  return {
    name: parts[0].strategy.name,
    params,
    schedule,
    ...(parts.some((p) => p.strategy.shorts) ? { shorts: true } : {}),
    ...(parts[0].strategy.sourceHash === undefined ? {} : { sourceHash: parts[0].strategy.sourceHash }),
    ...(parts[0].strategy.sourceFile === undefined ? {} : { sourceFile: parts[0].strategy.sourceFile }),
    init(ctx) {
      for (const p of parts) p.strategy.init?.(ctx);
    },
    decide: (view, book) => partAt(view.session).decide(view, book),
  };
}
