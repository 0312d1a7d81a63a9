import fc from 'fast-check';
import type { BusinessCalendar } from '@mandate/definitions';
import { describe, expect, it } from 'vitest';
import { shippedDefinitions } from '../../test-support/scenario.js';
import { addBusinessMinutes, isWorkingInstant, prepareCalendar } from './businessCalendar.js';

const calendar = (id: string) => prepareCalendar(shippedDefinitions().find((d): d is BusinessCalendar => d.kind === 'BusinessCalendar' && d.id === id)!);
const berlin = calendar('EU_SALES_CALENDAR'); // Mon-Fri 08:00-18:00 Europe/Berlin
const newYork = calendar('US_OPERATIONS_CALENDAR'); // Mon-Fri 07:00-22:00, Sat 09:00-13:00 America/New_York
const add = (cal: typeof berlin, start: string, minutes: number) => new Date(addBusinessMinutes(cal, Date.parse(start), minutes)).toISOString();

describe('business calendar (Europe/Berlin)', () => {
  it('counts only working hours and stays at the end of a span', () => {
    expect(add(berlin, '2026-07-01T07:00:00Z', 8 * 60)).toBe('2026-07-01T15:00:00.000Z'); // Wed 09:00 +8h = 17:00 CEST
    expect(add(berlin, '2026-07-01T08:00:00Z', 8 * 60)).toBe('2026-07-01T16:00:00.000Z'); // ends exactly at 18:00 CEST
    expect(add(berlin, '2026-07-01T15:00:00Z', 2 * 60)).toBe('2026-07-02T07:00:00.000Z'); // 17:00 + 2h = Thu 09:00
  });

  it('starts counting at the next opening when created outside hours', () => {
    expect(add(berlin, '2026-07-01T20:00:00Z', 60)).toBe('2026-07-02T07:00:00.000Z'); // 22:00 -> Thu 08:00 + 1h
  });

  it('skips weekends', () => {
    expect(add(berlin, '2026-07-03T14:00:00Z', 4 * 60)).toBe('2026-07-06T08:00:00.000Z'); // Fri 16:00 + 4h = Mon 10:00
  });

  it('skips holidays (Christmas)', () => {
    // Wed 23 Dec 16:00 CET + 8h: 2h on the 23rd, 24-27 off (holidays, weekend), Mon 28th 08:00 + 6h = 14:00 CET
    expect(add(berlin, '2026-12-23T15:00:00Z', 8 * 60)).toBe('2026-12-28T13:00:00.000Z');
  });

  it('crosses the spring DST change (last Sunday of March) in wall-clock hours', () => {
    // Fri 26 Mar 2027 is Good Friday and Mon 29 Mar Easter Monday: Thu 17:00 CET + 2h = Tue 30 Mar 09:00 CEST
    expect(add(berlin, '2027-03-25T16:00:00Z', 2 * 60)).toBe('2027-03-30T07:00:00.000Z');
  });

  it('crosses the autumn DST change (last Sunday of October)', () => {
    // Fri 29 Oct 2027 17:00 CEST + 2h = Mon 1 Nov 09:00 CET
    expect(add(berlin, '2027-10-29T15:00:00Z', 2 * 60)).toBe('2027-11-01T08:00:00.000Z');
  });
});

describe('business calendar (America/New_York)', () => {
  it('crosses the spring DST change (second Sunday of March)', () => {
    // Fri 12 Mar 2027 21:00 EST + 3h: 1h Friday, 4h Saturday covers the rest: Sat 09:00 EST + 2h = 11:00 EST
    expect(add(newYork, '2027-03-13T02:00:00Z', 3 * 60)).toBe('2027-03-13T16:00:00.000Z');
    // Sat 12:00 EST + 3h: 1h Sat, Sunday off (DST starts), Mon 07:00 EDT + 2h = 09:00 EDT
    expect(add(newYork, '2027-03-13T17:00:00Z', 3 * 60)).toBe('2027-03-15T13:00:00.000Z');
  });

  it('crosses the autumn DST change (first Sunday of November) and Thanksgiving', () => {
    // Sat 31 Oct 2026 12:00 EDT + 2h: 1h Sat, Sunday 1 Nov off (DST ends), Mon 07:00 EST + 1h = 08:00 EST
    expect(add(newYork, '2026-10-31T16:00:00Z', 2 * 60)).toBe('2026-11-02T13:00:00.000Z');
    // Wed 25 Nov 21:00 EST + 2h: 1h Wed, Thu 26 Nov Thanksgiving off, Fri 07:00 + 1h = 08:00 EST
    expect(add(newYork, '2026-11-26T02:00:00Z', 2 * 60)).toBe('2026-11-27T13:00:00.000Z');
  });
});

describe('business calendar properties', () => {
  const instant = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') });
  const minutes = fc.integer({ min: 1, max: 5 * 24 * 60 });

  it.each([['Europe/Berlin', berlin], ['America/New_York', newYork]] as const)('%s: dueAt never falls outside working hours', (_zone, cal) => {
    fc.assert(
      fc.property(instant, minutes, (start, duration) => {
        expect(isWorkingInstant(cal, addBusinessMinutes(cal, start, duration))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it.each([['Europe/Berlin', berlin], ['America/New_York', newYork]] as const)('%s: dueAt is monotonic in the creation time and in the duration', (_zone, cal) => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 3 * 24 * 3600_000 }), minutes, fc.integer({ min: 0, max: 600 }), (start, later, duration, more) => {
        const due = addBusinessMinutes(cal, start, duration);
        expect(addBusinessMinutes(cal, start + later, duration)).toBeGreaterThanOrEqual(due);
        expect(addBusinessMinutes(cal, start, duration + more)).toBeGreaterThanOrEqual(due);
      }),
      { numRuns: 500 },
    );
  });

  it('an evening shift ending at 24:00 before a day off: the due time is the shift end, a working instant', () => {
    const evening = prepareCalendar({ kind: 'BusinessCalendar', id: 'EVENING', version: 1, status: 'draft', title: 'evening', timeZone: 'Europe/Berlin', workingHours: [{ days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], from: '16:00', to: '24:00' }] });
    const due = addBusinessMinutes(evening, Date.parse('2026-07-03T14:00:00Z'), 480); // Fri 16:00 CEST + 8h
    expect(new Date(due).toISOString()).toBe('2026-07-03T22:00:00.000Z'); // Sat 00:00 CEST
    expect(isWorkingInstant(evening, due)).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }), fc.integer({ min: 1, max: 3000 }), (start, minutes) => {
        expect(isWorkingInstant(evening, addBusinessMinutes(evening, start, minutes))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('a calendar without working time is refused, not looped on', () => {
    const closed = prepareCalendar({ kind: 'BusinessCalendar', id: 'CLOSED', version: 1, status: 'draft', title: 'closed', timeZone: 'UTC', workingHours: [{ days: ['MON'], from: '09:00', to: '09:00' }] });
    expect(() => addBusinessMinutes(closed, Date.parse('2026-01-01T00:00:00Z'), 60)).toThrow(RangeError);
  });
});
