/** RFC 3339 date and time with an offset; seconds and their fraction optional. */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Whether the text is an instant that exists: the pattern alone lets `2026-13-45T99:99Z` through,
 * and `new Date()` of it is an Invalid Date that fails later, deep in a query, as a 500. Months,
 * days of the month (leap years included), hours, minutes, seconds (no leap second) and offsets
 * are checked as numbers.
 */
export function isInstant(text: string): boolean {
  const m = INSTANT.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second = 0, offsetHour = 0, offsetMinute = 0] = m.slice(1).map((part) => (part === undefined ? undefined : Number(part))) as number[];
  if (month! < 1 || month! > 12 || day! < 1 || day! > daysInMonth(year!, month!)) return false;
  return hour! <= 23 && minute! <= 59 && second <= 59 && offsetHour <= 23 && offsetMinute <= 59;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
