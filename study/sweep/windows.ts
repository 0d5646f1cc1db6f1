// Walk-forward windows over a run's sessions: an in-sample span followed by an out-of-sample
// span, stepped forward by the out-of-sample span. Rolling windows keep their in-sample length;
// anchored ones all start at the run's first session. Spans are calendar years ("3y") or months
// ("18m"), or sessions ("126d"). The last out-of-sample span may be cut short by the data's end.

import { dayParts, epochDay } from '../../data/dates.ts';
import { UserError } from '../../data/errors.ts';

/** Session indices (inclusive) of one window. */
export interface Window {
  readonly isFirst: number;
  readonly isLast: number;
  readonly oosFirst: number;
  readonly oosLast: number;
}

/** The first session at or after `from` + span (a session count, or calendar months/years later). */
function after(dates: Int32Array, from: number, span: string): number {
  const count = Number(span.slice(0, -1));
  const unit = span.at(-1);
  if (unit === 'd') return from + count;
  const p = dayParts(dates[from]);
  const months = unit === 'y' ? 12 * count : count;
  const month0 = p.month - 1 + months;
  const target = epochDay(p.year + Math.floor(month0 / 12), (month0 % 12) + 1, 1) + (p.date - 1);
  let t = from;
  while (t < dates.length && dates[t] < target) t++;
  return t;
}

/**
 * Windows from session `first` to `last` (inclusive). Throws a UserError naming `where` when not
 * even one in-sample span and one session out of sample fit.
 */
export function walkForwardWindows(dates: Int32Array, first: number, last: number, spans: { inSample: string; outOfSample: string; mode: 'rolling' | 'anchored' }, where: string): Window[] {
  const windows: Window[] = [];
  let isFirst = first;
  let oosFirst = after(dates, first, spans.inSample);
  while (oosFirst <= last) {
    const next = after(dates, oosFirst, spans.outOfSample);
    windows.push({ isFirst, isLast: oosFirst - 1, oosFirst, oosLast: Math.min(next - 1, last) });
    if (spans.mode === 'rolling') isFirst = after(dates, isFirst, spans.outOfSample);
    oosFirst = next;
  }
  if (windows.length === 0) throw new UserError(`${where}: an in-sample span of ${spans.inSample} leaves no session out of sample in the run's period; shorten inSample or widen the period`);
  return windows;
}
