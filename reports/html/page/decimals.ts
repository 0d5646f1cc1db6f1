// One rounding rule for every figure a person reads, on the pages and in the terminal: the value
// is read as the shortest decimal that gives the stored double back (what the store, the JSON and
// the CSV print: 1.95, not 1.9499999999999999556), then rounded half away from zero at the last
// digit shown (1.95 → "2.0", 2.675 → "2.68", 0.125 → "0.13"). Number.prototype.toFixed rounds the
// binary value instead (1.95 → "1.9"), so the same stored figure printed differently in
// `runs show` and on the tear sheet (probe r52c). Intl.NumberFormat (ICU) implements the rule.

/** Where the sign goes: 'negative' also drops it from a value that rounds to zero ("0.0", never "-0.0"). */
export type SignDisplay = 'negative' | 'exceptZero';

const formats = new Map<string, Intl.NumberFormat>();

/**
 * x with exactly `digits` decimals (0–20) by the rule above, with an ASCII minus; `grouping` puts
 * en-US thousands separators in ("1,234.5"). NaN reads "NaN" and ±Infinity "∞"/"-∞": callers
 * print "—" for those before asking.
 */
export function decimals(x: number, digits: number, options: { grouping?: boolean; sign?: SignDisplay } = {}): string {
  const grouping = options.grouping ?? false;
  const sign = options.sign ?? 'negative';
  const key = `${digits}|${grouping}|${sign}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: grouping, signDisplay: sign });
    formats.set(key, format);
  }
  return format.format(x);
}
