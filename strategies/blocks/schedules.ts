// A schedule as a parameter: strategies take a schedule name (readable in configs and on the
// command line) and turn it into the engine's calendar rule.

import { z } from 'zod';
import { everySession, monthEnd, monthStart, quarterEnd, quarterStart, weekly, yearEnd, yearStart, type Schedule } from '../../engine/calendar/schedule.ts';

const NAMED = {
  'every-session': everySession,
  weekly: weekly(1),
  'month-start': monthStart,
  'month-end': monthEnd,
  'quarter-start': quarterStart,
  'quarter-end': quarterEnd,
  'year-start': yearStart,
  'year-end': yearEnd,
} as const satisfies Record<string, Schedule>;

/** The schedules a strategy parameter can name: every-session, weekly (Mondays), month-start, month-end, quarter-start, quarter-end, year-start, year-end. */
export type ScheduleName = keyof typeof NAMED;
const SCHEDULE_NAMES = Object.keys(NAMED) as [ScheduleName, ...ScheduleName[]];

/** The `schedule` parameter, with this strategy's default. */
export function scheduleParam(fallback: ScheduleName) {
  return z.enum(SCHEDULE_NAMES).default(fallback).describe('when to decide: ' + SCHEDULE_NAMES.join(', '));
}

/** The engine's Schedule for a schedule name (`'month-start'` → schedules.monthStart); `weekly` decides on Mondays (or the week's first session after). */
export function scheduleNamed(name: ScheduleName): Schedule {
  return NAMED[name];
}

/** True when `name` is one scheduleNamed knows ('month-start', 'weekly', …). */
export function isScheduleName(name: string): name is ScheduleName {
  return Object.hasOwn(NAMED, name);
}
