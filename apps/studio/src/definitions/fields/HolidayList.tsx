import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import SortIcon from '@mui/icons-material/Sort';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { FieldProps } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('forms');
  const { formData, onChange, errorSchema, fieldPathId, disabled, readonly } = props;
  const holidays = formData ?? [];
  const locked = disabled === true || readonly === true;
  const set = (next: Holiday[]) => onChange(next, fieldPathId.path);
  const patch = (i: number, change: Partial<Holiday>) => set(holidays.map((h, j) => (j === i ? { ...h, ...change } : h)));
  return (
    <Paper component="fieldset" variant="outlined" className="holidays-editor" id={fieldPathId.$id} sx={{ p: { xs: 1.5, sm: 2 }, m: 0, minWidth: 0 }}>
      <Typography component="legend" variant="h2" sx={{ px: 0.5 }}>
        {t('labels.holidays')}
      </Typography>
      {errorsAt(errorSchema).map((e) => (
        <Typography className="field-error" key={e} color="error" variant="caption" component="p">
          {e}
        </Typography>
      ))}
      <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 1 }}>
        {holidays.map((h, i) => {
          const errors = [...errorsAt(errorSchema, i), ...errorsAt(errorSchema, i, 'date'), ...errorsAt(errorSchema, i, 'name')];
          const named = `${t('items.holidays')} ${h.name || h.date || i + 1}`;
          return (
            <Box component="li" key={i} className={errors.length ? 'has-error' : undefined} sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr auto', sm: '11rem 1fr auto' }, gap: 1, alignItems: 'start' }}>
              <TextField size="small" type="date" label={t('labels.date')} value={h.date} disabled={locked} error={errors.length > 0} slotProps={{ inputLabel: { shrink: true } }} onChange={(e) => patch(i, { date: e.target.value })} />
              <TextField size="small" label={t('labels.name')} value={h.name} disabled={locked} onChange={(e) => patch(i, { name: e.target.value })} sx={{ gridColumn: { xs: '1', sm: 'auto' } }} />
              {!locked && (
                <Tooltip title={t('array.remove', { item: named })}>
                  <IconButton size="small" aria-label={t('array.remove', { item: named })} onClick={() => set(holidays.filter((_, j) => j !== i))} sx={{ gridRow: { xs: '1', sm: 'auto' }, gridColumn: { xs: '2', sm: 'auto' } }}>
                    <DeleteOutlineIcon fontSize="small" aria-hidden />
                  </IconButton>
                </Tooltip>
              )}
              {errors.map((e) => (
                <Typography className="field-error" key={e} color="error" variant="caption" component="p" sx={{ gridColumn: '1 / -1' }}>
                  {e}
                </Typography>
              ))}
            </Box>
          );
        })}
      </Box>
      {!locked && (
        <Box sx={{ display: 'flex', gap: 1, mt: 1.5, flexWrap: 'wrap' }}>
          <Button variant="outlined" size="small" startIcon={<AddIcon aria-hidden />} onClick={() => set([...holidays, { date: '', name: '' }])}>
            {t('array.add', { item: t('items.holidays') })}
          </Button>
          <Button size="small" startIcon={<SortIcon aria-hidden />} onClick={() => set(sortHolidays(holidays))}>
            {t('holidays.sort')}
          </Button>
        </Box>
      )}
    </Paper>
  );
}
