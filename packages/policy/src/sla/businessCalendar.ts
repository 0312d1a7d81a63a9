/**
 * Business time on a calendar: working hours per weekday in an IANA time zone, minus holidays.
 * Wall-clock times are turned into instants with @date-fns/tz, so DST changes are handled by the
 * time-zone database, not by arithmetic on offsets.
 */
import { TZDate } from '@date-fns/tz';
import type { BusinessCalendar } from '@mandate/definitions';

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
const MINUTE = 60_000;
/** Ten years of days without working time means the calendar has none at all. */
const MAX_DAYS_SCANNED = 3660;

interface Span {
  from: number;
  to: number;
}

/** A calendar prepared for repeated use: spans per weekday, holidays as a set. */
export interface PreparedCalendar {
  timeZone: string;
  spansByDay: Span[][];
  holidays: Set<string>;
  /** Working spans as instants, per local date: time-zone conversions are the expensive part. */
  spanCache: Map<string, { start: number; end: number }[]>;
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Prepares a calendar (sorted spans per weekday). */
export function prepareCalendar(calendar: BusinessCalendar): PreparedCalendar {
  const spansByDay: Span[][] = DAY_NAMES.map(() => []);
  for (const hours of calendar.workingHours) {
    for (const day of hours.days) spansByDay[DAY_NAMES.indexOf(day)]!.push({ from: minutesOf(hours.from), to: minutesOf(hours.to) });
  }
  for (const spans of spansByDay) spans.sort((a, b) => a.from - b.from);
  return { timeZone: calendar.timeZone, spansByDay, holidays: new Set((calendar.holidays ?? []).map((h) => h.date)), spanCache: new Map() };
}

/** The instant of a wall-clock minute-of-day on a local date (24:00 is the next midnight). */
function instantAt(cal: PreparedCalendar, y: number, m: number, d: number, minuteOfDay: number): number {
  return new TZDate(y, m, d, Math.floor(minuteOfDay / 60), minuteOfDay % 60, cal.timeZone).getTime();
}

interface LocalDay {
  y: number;
  m: number;
  d: number;
  weekday: number;
  iso: string;
}

function localDay(cal: PreparedCalendar, instant: number): LocalDay {
  const local = new TZDate(instant, cal.timeZone);
  const y = local.getFullYear();
  const m = local.getMonth();
  const d = local.getDate();
  const iso = `${y}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return { y, m, d, weekday: local.getDay(), iso };
}

const SPAN_CACHE_LIMIT = 20_000;

/** The working spans of a local day as instants (none on holidays), cached per date. */
function workingSpans(cal: PreparedCalendar, day: LocalDay): { start: number; end: number }[] {
  let spans = cal.spanCache.get(day.iso);
  if (!spans) {
    spans = cal.holidays.has(day.iso)
      ? []
      : cal.spansByDay[day.weekday]!.map((s) => ({ start: instantAt(cal, day.y, day.m, day.d, s.from), end: instantAt(cal, day.y, day.m, day.d, s.to) }));
    if (cal.spanCache.size >= SPAN_CACHE_LIMIT) cal.spanCache.clear();
    cal.spanCache.set(day.iso, spans);
  }
  return spans;
}

/** The next local date, by calendar arithmetic (no time-zone conversion). */
function nextDay(day: LocalDay): LocalDay {
  const next = new Date(Date.UTC(day.y, day.m, day.d + 1));
  const y = next.getUTCFullYear();
  const m = next.getUTCMonth();
  const d = next.getUTCDate();
  return { y, m, d, weekday: next.getUTCDay(), iso: `${y}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/**
 * Adds business minutes to an instant: time counts only inside working spans. A result that lands
 * exactly on the end of a span stays there (18:00, not 08:00 the next working day).
 *
 * @example addBusinessMinutes(cal, Date.parse('2026-12-23T16:00:00Z'), 8 * 60)
 */
export function addBusinessMinutes(cal: PreparedCalendar, start: number, minutes: number): number {
  let t = start;
  let remaining = minutes * MINUTE;
  let day = localDay(cal, t);
  for (let days = 0; days < MAX_DAYS_SCANNED; days++) {
    for (const span of workingSpans(cal, day)) {
      if (t >= span.end) continue;
      if (t < span.start) t = span.start;
      const available = span.end - t;
      if (remaining <= available) return t + remaining;
      remaining -= available;
      t = span.end;
    }
    day = nextDay(day);
  }
  throw new RangeError(`calendar ${cal.timeZone} has no working time within ${MAX_DAYS_SCANNED} days`);
}

/** Whether an instant falls inside a working span (ends included). */
export function isWorkingInstant(cal: PreparedCalendar, instant: number): boolean {
  // A span ending at 24:00 ends on the next day's midnight: look at the day before too.
  return [localDay(cal, instant), localDay(cal, instant - 1)].some((day) => workingSpans(cal, day).some((s) => instant >= s.start && instant <= s.end));
}
