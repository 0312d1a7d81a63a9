import { addBusinessMinutes, isWorkingInstant, prepareCalendar } from './src/sla/businessCalendar.js';
import { TZDate } from '@date-fns/tz';
const mk = (tz: string, from = '00:00', to = '24:00', days = ['MON','TUE','WED','THU','FRI','SAT','SUN']) => prepareCalendar({ kind: 'BusinessCalendar', id: 'X', version: 1, status: 'draft', title: 'x', timeZone: tz, workingHours: [{ days: days as any, from, to }] } as any);
const iso = (n: number) => new Date(n).toISOString();
for (const [tz, startIso] of [['America/Santiago', '2026-09-05T12:00:00Z'], ['America/Santiago', '2026-04-04T12:00:00Z'], ['Asia/Beirut', '2026-03-28T12:00:00Z'], ['America/Havana', '2026-03-07T12:00:00Z'], ['Europe/Berlin', '2026-03-28T12:00:00Z']] as const) {
  const cal = mk(tz);
  const start = Date.parse(startIso);
  // 24/7 calendar: 48 business hours must equal 48 real hours
  const r = addBusinessMinutes(cal, start, 48 * 60);
  console.log(tz, startIso, '+48h ->', iso(r), 'diff hours', (r - start) / 3600000);
}
console.log(new TZDate(2026, 8, 6, 0, 0, 'America/Santiago').toISOString(), new TZDate(2026, 8, 6, 24, 0, 'America/Santiago').toISOString(), new TZDate(2026, 8, 5, 24, 0, 'America/Santiago').toISOString());
// Non-existent wall time 02:30 Berlin spring forward, span 02:30-03:30
{
  const cal = mk('Europe/Berlin', '02:00', '03:30', ['SUN']);
  const start = Date.parse('2027-03-27T12:00:00Z');
  console.log('berlin 02:00-03:30 Sun DST day +60 ->', iso(addBusinessMinutes(cal, start, 60)), '+90', iso(addBusinessMinutes(cal, start, 90)));
}
