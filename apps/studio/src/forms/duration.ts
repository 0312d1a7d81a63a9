/**
 * Durations as a number and a unit ("4 hours") and back to the duration text the definition
 * schemas store (`PT4H`, `P2D`, `PT30M`). Days count as 24 hours, as the runtime reads them
 * (`durationMinutes` of @mandate/definitions), so in business time a day unit is not offered: a
 * "business day" of 24 business hours would mislead.
 */
import { durationMinutes } from '@mandate/definitions';

/** The units a duration is typed in. */
export const DURATION_UNITS = ['minutes', 'hours', 'days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** How time is counted: on the business calendar's working hours, or around the clock. */
export type DurationBasis = 'business' | 'calendar';

/** A duration as typed: a whole number and a unit. */
export interface DurationParts {
  amount: number;
  unit: DurationUnit;
}

const MINUTES: Record<DurationUnit, number> = { minutes: 1, hours: 60, days: 1440 };

/** The units offered for a basis: no days in business time (see the module comment). */
export function unitsFor(basis: DurationBasis | undefined): readonly DurationUnit[] {
  return basis === 'business' ? ['minutes', 'hours'] : DURATION_UNITS;
}

/**
 * Reads a stored duration as the largest offered unit that holds it exactly (`PT120M` -> 2 hours,
 * `P1DT4H` -> 28 hours); undefined when the text is not a duration.
 */
export function toParts(duration: string | undefined, basis?: DurationBasis): DurationParts | undefined {
  if (!duration) return undefined;
  let minutes: number;
  try {
    minutes = durationMinutes(duration);
  } catch {
    return undefined;
  }
  const units = [...unitsFor(basis)].reverse();
  const unit = units.find((u) => minutes % MINUTES[u] === 0 && (minutes > 0 || u === 'minutes')) ?? 'minutes';
  return { amount: minutes / MINUTES[unit], unit };
}

/** The stored form of a typed duration: `P2D`, `PT4H`, `PT30M`; undefined for a negative or fractional amount. */
export function fromParts({ amount, unit }: DurationParts): string | undefined {
  if (!Number.isInteger(amount) || amount < 0) return undefined;
  if (unit === 'days') return `P${amount}D`;
  return unit === 'hours' ? `PT${amount}H` : `PT${amount}M`;
}
