/** ISO 8601 durations as Mandate uses them: days, hours and minutes (PT8H, P1DT4H, PT30M). */

/** The duration in minutes; days count as 24 hours (business days are the calendar's concern). */
export function durationMinutes(duration: string): number {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(duration);
  if (!match) throw new RangeError(`not a duration: ${duration}`);
  const [, d, h, m] = match;
  return Number(d ?? 0) * 1440 + Number(h ?? 0) * 60 + Number(m ?? 0);
}

/** A short human form: PT8H -> "8h", P1DT4H -> "1d 4h", PT30M -> "30m". */
export function formatDuration(duration: string): string {
  const minutes = durationMinutes(duration);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = [d && `${d}d`, h && `${h}h`, m && `${m}m`].filter(Boolean);
  return parts.length ? parts.join(' ') : '0m';
}
