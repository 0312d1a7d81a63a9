import { describe, expect, it } from 'vitest';
import { sortHolidays } from './HolidayList.js';
import { parseCodeList } from './ReasonCodeTable.js';
import { toggleDay } from './WorkingHoursEditor.js';

describe('field helpers', () => {
  it('reads a typed list of decision codes', () => {
    expect(parseCodeList('APPROVE, REJECT  ESCALATE,,APPROVE')).toEqual(['APPROVE', 'REJECT', 'ESCALATE']);
    expect(parseCodeList('  ')).toEqual([]);
  });

  it('toggles weekdays keeping week order', () => {
    expect(toggleDay(['FRI', 'MON'], 'WED')).toEqual(['MON', 'WED', 'FRI']);
    expect(toggleDay(['MON', 'WED'], 'MON')).toEqual(['WED']);
  });

  it('sorts holidays by date', () => {
    expect(sortHolidays([{ date: '2026-12-25', name: 'b' }, { date: '2026-01-01', name: 'a' }]).map((h) => h.name)).toEqual(['a', 'b']);
  });
});
