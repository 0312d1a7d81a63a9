/** The answers of a choice field: what the case worker reads and the value stored, one or several answers, shown as buttons or a list. */
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import { Box, Button, FormControl, FormControlLabel, FormLabel, IconButton, Radio, RadioGroup, Stack, Switch, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { BuilderField, ChoiceOption } from './builderModel.js';

/** The stored value of an answer: its label in capitals and underscores (the style of the codes). */
export function valueFromLabel(label: string): string {
  return label.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'SS').toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

export function ChoiceOptionsEditor({ field, onChange }: { field: BuilderField; onChange: (change: Partial<BuilderField>) => void }) {
  const { t } = useTranslation('formBuilder');
  const options = field.options ?? [];
  const set = (next: ChoiceOption[]) => onChange({ options: next });
  const update = (i: number, change: Partial<ChoiceOption>) =>
    set(options.map((o, j) => {
      if (j !== i) return o;
      // The value follows the label while it is the label's own.
      const follows = change.label !== undefined && o.value === valueFromLabel(o.label);
      return { ...o, ...change, ...(follows ? { value: valueFromLabel(change.label!) } : {}) };
    }));
  const duplicate = (value: string) => options.filter((o) => o.value === value).length > 1;

  return (
    <Stack spacing={1.5}>
      <Typography component="h4" variant="body2" sx={{ fontWeight: 600 }}>
        {t('choice.answers')}
      </Typography>
      {options.length === 0 && (
        <Typography variant="body2" color="error">
          {t('choice.none')}
        </Typography>
      )}
      {options.map((option, i) => (
        <Box key={i} sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'flex-start' }}>
          <TextField label={t('choice.label', { n: i + 1 })} value={option.label} onChange={(e) => update(i, { label: e.target.value })} size="small" sx={{ flex: '1 1 10rem' }} />
          <TextField
            label={t('choice.value', { n: i + 1 })}
            value={option.value}
            onChange={(e) => update(i, { value: e.target.value })}
            error={!option.value || duplicate(option.value)}
            helperText={!option.value ? t('choice.valueMissing') : duplicate(option.value) ? t('choice.valueTaken') : undefined}
            size="small"
            sx={{ flex: '1 1 10rem' }}
            slotProps={{ htmlInput: { spellCheck: false } }}
          />
          <IconButton aria-label={t('choice.remove', { label: option.label || i + 1 })} onClick={() => set(options.filter((_, j) => j !== i))}>
            <DeleteOutlineIcon />
          </IconButton>
        </Box>
      ))}
      <Box>
        <Button startIcon={<AddIcon />} size="small" onClick={() => set([...options, { value: '', label: '' }])}>
          {t('choice.add')}
        </Button>
      </Box>
      <FormControlLabel control={<Switch checked={field.multiple === true} onChange={(e) => onChange({ multiple: e.target.checked || undefined })} />} label={t('choice.multiple')} />
      {!field.multiple && (
        <FormControl>
          <FormLabel id={`${field.id}-choice-display`}>{t('editor.showAs')}</FormLabel>
          <RadioGroup row aria-labelledby={`${field.id}-choice-display`} value={field.display ?? 'list'} onChange={(e) => onChange({ display: e.target.value as BuilderField['display'] })}>
            <FormControlLabel value="list" control={<Radio />} label={t('choice.list')} />
            <FormControlLabel value="buttons" control={<Radio />} label={t('choice.buttons')} />
          </RadioGroup>
        </FormControl>
      )}
    </Stack>
  );
}
