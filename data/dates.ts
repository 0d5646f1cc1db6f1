// ISO dates <-> epoch days (days since 1970-01-01, UTC). No time zones, no locale parsing.

const MS_PER_DAY = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch day of an ISO `YYYY-MM-DD` string, or NaN when it is not a real calendar date. */
export function parseIsoDay(text: string): number {
  const m = ISO_DAY.exec(text);
  if (!m) return NaN;
  const y = +m[1], mo = +m[2], d = +m[3];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
  return ms / MS_PER_DAY;
}

/** ISO `YYYY-MM-DD` of an epoch day. */
export function isoDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Calendar parts of an epoch day: year, month 1..12, day of month, weekday 0=Sunday. */
export function dayParts(day: number): { year: number; month: number; date: number; weekday: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** Epoch day of the given calendar date (month 1..12; day may overflow, like Date.UTC). */
export function epochDay(year: number, month: number, date: number): number {
  return Date.UTC(year, month - 1, date) / MS_PER_DAY;
}
