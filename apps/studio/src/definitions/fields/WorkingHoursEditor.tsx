import type { FieldProps } from '@rjsf/utils';
import { errorsAt } from '../findingsToErrorSchema.js';

/** One span of working hours on some weekdays. */
export interface WorkingHours {
  days: string[];
  from: string;
  to: string;
}

const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;

/** Toggles a weekday in a span, keeping the days in week order. */
export function toggleDay(days: readonly string[], day: string): string[] {
  const set = new Set(days);
  if (set.has(day)) set.delete(day);
  else set.add(day);
  return WEEKDAYS.filter((d) => set.has(d));
}

function Errors({ errors }: { errors: string[] }) {
  return errors.length ? (
    <ul className="field-errors">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  ) : null;
}

/** Working hours of a BusinessCalendar: per span, weekday checkboxes and from/to times. */
export function WorkingHoursEditor(props: FieldProps<WorkingHours[]>) {
  const { formData, onChange, errorSchema, fieldPathId, disabled, readonly } = props;
  const spans = formData ?? [];
  const locked = disabled === true || readonly === true;
  const set = (next: WorkingHours[]) => onChange(next, fieldPathId.path);
  const patch = (i: number, change: Partial<WorkingHours>) => set(spans.map((s, j) => (j === i ? { ...s, ...change } : s)));
  return (
    <fieldset className="working-hours" id={fieldPathId.$id}>
      <legend>Working hours</legend>
      <Errors errors={errorsAt(errorSchema)} />
      {spans.map((span, i) => (
        <div className="working-hours-span" key={i} role="group" aria-label={`Span ${i + 1}`}>
          <div className="weekdays">
            {WEEKDAYS.map((day) => (
              <label key={day}>
                <input type="checkbox" checked={span.days.includes(day)} disabled={locked} onChange={() => patch(i, { days: toggleDay(span.days, day) })} />
                {day}
              </label>
            ))}
          </div>
          <label>
            From <input type="time" value={span.from} disabled={locked} onChange={(e) => patch(i, { from: e.target.value })} />
          </label>
          <label>
            To <input value={span.to} pattern="([01][0-9]|2[0-3]):[0-5][0-9]|24:00" placeholder="HH:MM" size={5} disabled={locked} onChange={(e) => patch(i, { to: e.target.value })} />
          </label>
          {!locked && spans.length > 1 && (
            <button type="button" aria-label={`Remove span ${i + 1}`} onClick={() => set(spans.filter((_, j) => j !== i))}>
              Remove
            </button>
          )}
          <Errors errors={[...errorsAt(errorSchema, i), ...errorsAt(errorSchema, i, 'days'), ...errorsAt(errorSchema, i, 'from'), ...errorsAt(errorSchema, i, 'to')]} />
        </div>
      ))}
      {!locked && (
        <button type="button" onClick={() => set([...spans, { days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], from: '09:00', to: '17:00' }])}>
          Add span
        </button>
      )}
    </fieldset>
  );
}
