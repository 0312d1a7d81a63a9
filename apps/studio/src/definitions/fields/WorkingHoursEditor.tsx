import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { FieldProps } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';
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
    <Box component="ul" className="field-errors" sx={{ color: 'error.main', typography: 'caption', m: 0, pl: 2 }}>
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </Box>
  ) : null;
}

/** Working hours of a BusinessCalendar: per span, weekday checkboxes and from/to times. */
export function WorkingHoursEditor(props: FieldProps<WorkingHours[]>) {
  const { t } = useTranslation('forms');
  const { formData, onChange, errorSchema, fieldPathId, disabled, readonly } = props;
  const spans = formData ?? [];
  const locked = disabled === true || readonly === true;
  const set = (next: WorkingHours[]) => onChange(next, fieldPathId.path);
  const patch = (i: number, change: Partial<WorkingHours>) => set(spans.map((s, j) => (j === i ? { ...s, ...change } : s)));
  return (
    <Paper component="fieldset" variant="outlined" className="working-hours-editor" id={fieldPathId.$id} sx={{ p: { xs: 1.5, sm: 2 }, m: 0, minWidth: 0 }}>
      <Typography component="legend" variant="h2" sx={{ px: 0.5 }}>
        {t('labels.workingHours')}
      </Typography>
      <Errors errors={errorsAt(errorSchema)} />
      <Box sx={{ display: 'grid', gap: 1.5 }}>
        {spans.map((span, i) => {
          const name = t('workingHours.span', { n: i + 1 });
          return (
            <Box className="working-hours-row" key={i} role="group" aria-label={name} sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center' }}>
              <FormGroup row aria-label={t('workingHours.daysOf', { span: name })}>
                {WEEKDAYS.map((day) => (
                  <FormControlLabel key={day} sx={{ mr: 1 }} control={<Checkbox size="small" checked={span.days.includes(day)} disabled={locked} onChange={() => patch(i, { days: toggleDay(span.days, day) })} />} label={t(`enums.days.${day}`)} />
                ))}
              </FormGroup>
              <TextField size="small" type="time" label={t('labels.from')} value={span.from} disabled={locked} slotProps={{ inputLabel: { shrink: true } }} onChange={(e) => patch(i, { from: e.target.value })} sx={{ width: '9rem' }} />
              <TextField
                size="small"
                label={t('labels.to')}
                value={span.to}
                placeholder="17:00"
                disabled={locked}
                helperText={t('help.to')}
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { pattern: '([01][0-9]|2[0-3]):[0-5][0-9]|24:00', inputMode: 'numeric' } }}
                onChange={(e) => patch(i, { to: e.target.value })}
                sx={{ width: '12rem' }}
              />
              {!locked && spans.length > 1 && (
                <Tooltip title={t('array.remove', { item: name })}>
                  <IconButton size="small" aria-label={t('array.remove', { item: name })} onClick={() => set(spans.filter((_, j) => j !== i))}>
                    <DeleteOutlineIcon fontSize="small" aria-hidden />
                  </IconButton>
                </Tooltip>
              )}
              <Box sx={{ flexBasis: '100%' }}>
                <Errors errors={[...errorsAt(errorSchema, i), ...errorsAt(errorSchema, i, 'days'), ...errorsAt(errorSchema, i, 'from'), ...errorsAt(errorSchema, i, 'to')]} />
              </Box>
            </Box>
          );
        })}
      </Box>
      {!locked && (
        <Button variant="outlined" size="small" startIcon={<AddIcon aria-hidden />} sx={{ mt: 1.5 }} onClick={() => set([...spans, { days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], from: '09:00', to: '17:00' }])}>
          {t('array.add', { item: t('items.workingHours') })}
        </Button>
      )}
    </Paper>
  );
}
