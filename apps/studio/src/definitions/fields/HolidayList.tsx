import type { FieldProps } from '@rjsf/utils';
import { errorsAt } from '../findingsToErrorSchema.js';

/** A holiday of a BusinessCalendar. */
export interface Holiday {
  date: string;
  name: string;
}

/** Holidays sorted by date (the diff keys them by date, so order is only for reading). */
export function sortHolidays(holidays: readonly Holiday[]): Holiday[] {
  return [...holidays].sort((a, b) => a.date.localeCompare(b.date));
}

/** The holidays of a BusinessCalendar: a date and a name per row. */
export function HolidayList(props: FieldProps<Holiday[]>) {
  const { formData, onChange, errorSchema, fieldPathId, disabled, readonly } = props;
  const holidays = formData ?? [];
  const locked = disabled === true || readonly === true;
  const set = (next: Holiday[]) => onChange(next, fieldPathId.path);
  const patch = (i: number, change: Partial<Holiday>) => set(holidays.map((h, j) => (j === i ? { ...h, ...change } : h)));
  return (
    <fieldset className="holiday-list" id={fieldPathId.$id}>
      <legend>Holidays</legend>
      {errorsAt(errorSchema).map((e) => (
        <p className="field-error" key={e}>
          {e}
        </p>
      ))}
      <ul>
        {holidays.map((h, i) => {
          const errors = [...errorsAt(errorSchema, i), ...errorsAt(errorSchema, i, 'date'), ...errorsAt(errorSchema, i, 'name')];
          return (
            <li key={i} className={errors.length ? 'has-error' : undefined}>
              <label>
                Date <input type="date" value={h.date} disabled={locked} aria-invalid={errors.length > 0} onChange={(e) => patch(i, { date: e.target.value })} />
              </label>
              <label>
                Name <input value={h.name} disabled={locked} onChange={(e) => patch(i, { name: e.target.value })} />
              </label>
              {!locked && (
                <button type="button" aria-label={`Remove holiday ${h.name || h.date || i + 1}`} onClick={() => set(holidays.filter((_, j) => j !== i))}>
                  Remove
                </button>
              )}
              {errors.map((e) => (
                <p className="field-error" key={e}>
                  {e}
                </p>
              ))}
            </li>
          );
        })}
      </ul>
      {!locked && (
        <>
          <button type="button" onClick={() => set([...holidays, { date: '', name: '' }])}>
            Add holiday
          </button>
          <button type="button" onClick={() => set(sortHolidays(holidays))}>
            Sort by date
          </button>
        </>
      )}
    </fieldset>
  );
}
