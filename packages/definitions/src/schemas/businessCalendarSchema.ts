import { definitionSchema } from './common.js';

/** Weekday names used by working hours. */
export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;

/** JSON Schema of a BusinessCalendar: when business time runs. */
export const businessCalendarSchema = definitionSchema(
  'BusinessCalendar',
  'Working hours and holidays in one IANA time zone; SLA policies count business time on it.',
  {
    timeZone: { type: 'string', minLength: 1, maxLength: 64, description: 'IANA zone, e.g. Europe/Berlin.' },
    workingHours: {
      type: 'array',
      minItems: 1,
      maxItems: 14,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['days', 'from', 'to'],
        properties: {
          days: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: WEEKDAYS } },
          from: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
          to: { type: 'string', pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$', description: 'End of the span; 24:00 is midnight.' },
        },
      },
    },
    holidays: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['date', 'name'],
        properties: {
          date: { type: 'string', format: 'date' },
          name: { type: 'string', minLength: 1, maxLength: 120 },
        },
      },
    },
  },
  ['timeZone', 'workingHours'],
);
