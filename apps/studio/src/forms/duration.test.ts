import { describe, expect, it } from 'vitest';
import { fromParts, toParts, unitsFor } from './duration.js';

describe('durations as a number and a unit', () => {
  it('reads a stored duration in the largest unit that holds it exactly', () => {
    expect(toParts('PT4H')).toEqual({ amount: 4, unit: 'hours' });
    expect(toParts('PT30M')).toEqual({ amount: 30, unit: 'minutes' });
    expect(toParts('PT90M')).toEqual({ amount: 90, unit: 'minutes' });
    expect(toParts('PT120M')).toEqual({ amount: 2, unit: 'hours' });
    expect(toParts('P2D')).toEqual({ amount: 2, unit: 'days' });
    expect(toParts('P1DT4H')).toEqual({ amount: 28, unit: 'hours' });
    expect(toParts('PT0M')).toEqual({ amount: 0, unit: 'minutes' });
  });

  it('offers no day unit in business time: a stored day reads as 24 business hours', () => {
    expect(unitsFor('business')).toEqual(['minutes', 'hours']);
    expect(unitsFor('calendar')).toEqual(['minutes', 'hours', 'days']);
    expect(toParts('P1D', 'business')).toEqual({ amount: 24, unit: 'hours' });
    expect(toParts('P1D', 'calendar')).toEqual({ amount: 1, unit: 'days' });
  });

  it('writes the stored form the schema requires', () => {
    expect(fromParts({ amount: 4, unit: 'hours' })).toBe('PT4H');
    expect(fromParts({ amount: 30, unit: 'minutes' })).toBe('PT30M');
    expect(fromParts({ amount: 3, unit: 'days' })).toBe('P3D');
    expect(fromParts({ amount: 0, unit: 'minutes' })).toBe('PT0M');
    expect(fromParts({ amount: -1, unit: 'hours' })).toBeUndefined();
    expect(fromParts({ amount: 1.5, unit: 'hours' })).toBeUndefined();
  });

  it('round-trips in business and calendar time', () => {
    for (const basis of ['business', 'calendar'] as const) {
      for (const stored of ['PT4H', 'PT30M', 'PT16H', 'PT0M', 'PT45M']) {
        expect(fromParts(toParts(stored, basis)!)).toBe(stored);
      }
    }
    expect(fromParts(toParts('P2D', 'calendar')!)).toBe('P2D');
    expect(fromParts(toParts('P2D', 'business')!)).toBe('PT48H');
  });

  it('is undefined for text that is not a duration', () => {
    expect(toParts('4 hours')).toBeUndefined();
    expect(toParts(undefined)).toBeUndefined();
  });
});
