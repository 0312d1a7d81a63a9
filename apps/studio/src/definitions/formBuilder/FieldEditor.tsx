/** The settings of one field: what the case worker reads, whether it is required, when it is shown, and its key. */
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { Accordion, AccordionDetails, AccordionSummary, Alert, Box, Checkbox, FormControl, FormControlLabel, FormGroup, FormLabel, MenuItem, Radio, RadioGroup, Stack, Switch, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { FIELD_TYPES, type BuilderEntry, type BuilderField } from './builderModel.js';
import { ChoiceOptionsEditor } from './ChoiceOptionsEditor.js';
import type { DraftOption } from './draftOptions.js';
import { keyProblem } from './fieldKey.js';
import { controlId } from './FieldCard.js';

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF'];

export function FieldEditor({ entry, options, otherKeys, onChange }: { entry: BuilderEntry; options: DraftOption[]; otherKeys: string[]; onChange: (change: Partial<BuilderField>) => void }) {
  const { t } = useTranslation('formBuilder');
  if (entry.kind === 'kept') {
    return <Alert severity="info">{t('kept.explanation')}</Alert>;
  }
  const labelField = <TextField id={controlId(entry.id, 'label')} label={t('editor.label')} value={entry.label} onChange={(e) => onChange({ label: e.target.value })} required fullWidth size="small" error={!entry.label.trim()} helperText={!entry.label.trim() ? t('editor.labelMissing') : undefined} />;
  if (entry.kind === 'builtin') {
    return (
      <Stack spacing={2}>
        <Typography variant="body2">{t(`builtin.${entry.key}.explanation`)}</Typography>
        {labelField}
        {entry.key !== 'decision' && <FormControlLabel control={<Switch checked={entry.required} onChange={(e) => onChange({ required: e.target.checked })} />} label={t(`builtin.${entry.key}.required`)} />}
      </Stack>
    );
  }
  const field = entry;
  const number = (value: string) => (value.trim() === '' || !Number.isFinite(Number(value)) ? undefined : Number(value));
  const keyIssue = keyProblem(field.key, otherKeys);
  const shownForSome = field.shownFor !== undefined;
  const stale = (field.shownFor ?? []).filter((c) => !options.some((o) => o.code === c));
  const toggleShown = (code: string, on: boolean) => {
    const current = (field.shownFor ?? []).filter((c) => options.some((o) => o.code === c));
    const next = on ? [...current, code] : current.filter((c) => c !== code);
    // Every decision ticked is the same as "every decision"; none ticked would hide the field for good.
    if (next.length === 0) return;
    onChange({ shownFor: options.every((o) => next.includes(o.code)) ? undefined : options.map((o) => o.code).filter((c) => next.includes(c)) });
  };

  return (
    <Stack spacing={2}>
      <TextField select label={t('editor.type')} value={field.type} onChange={(e) => onChange({ type: e.target.value as BuilderField['type'] })} size="small" fullWidth>
        {FIELD_TYPES.map((type) => (
          <MenuItem key={type} value={type}>
            {t(`types.${type}`)}
          </MenuItem>
        ))}
      </TextField>
      {labelField}
      <TextField label={t('editor.help')} value={field.help ?? ''} onChange={(e) => onChange({ help: e.target.value || undefined })} helperText={t('editor.helpHint')} fullWidth size="small" multiline minRows={1} />
      {field.type === 'acknowledgement' ? (
        <Typography variant="body2" color="text.secondary">
          {t('editor.acknowledgementRequired')}
        </Typography>
      ) : (
        <FormControlLabel control={<Switch checked={field.required} onChange={(e) => onChange({ required: e.target.checked })} />} label={t('editor.required')} />
      )}

      {(field.type === 'text' || field.type === 'longText') && (
        <TextField type="number" label={t('editor.maxLength')} value={field.maxLength ?? ''} onChange={(e) => onChange({ maxLength: number(e.target.value) })} size="small" slotProps={{ htmlInput: { min: 1 } }} sx={{ maxWidth: 240 }} />
      )}
      {field.type === 'money' && (
        <TextField select label={t('editor.currency')} value={field.currency ?? 'EUR'} onChange={(e) => onChange({ currency: e.target.value })} size="small" sx={{ maxWidth: 240 }}>
          {CURRENCIES.map((c) => (
            <MenuItem key={c} value={c}>
              {c}
            </MenuItem>
          ))}
        </TextField>
      )}
      {(field.type === 'number' || field.type === 'money' || field.type === 'percent') && (
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2 }}>
          <TextField type="number" label={t('editor.minimum')} value={field.minimum ?? ''} onChange={(e) => onChange({ minimum: number(e.target.value) })} size="small" sx={{ width: 160 }} />
          <TextField type="number" label={t('editor.maximum')} value={field.maximum ?? ''} onChange={(e) => onChange({ maximum: number(e.target.value) })} size="small" sx={{ width: 160 }} />
          {field.type === 'number' && <FormControlLabel control={<Switch checked={field.wholeNumber === true} onChange={(e) => onChange({ wholeNumber: e.target.checked || undefined })} />} label={t('editor.wholeNumber')} />}
        </Box>
      )}
      {field.type === 'choice' && <ChoiceOptionsEditor field={field} onChange={onChange} />}
      {field.type === 'yesNo' && (
        <FormControl>
          <FormLabel id={`${field.id}-display`}>{t('editor.showAs')}</FormLabel>
          <RadioGroup row aria-labelledby={`${field.id}-display`} value={field.display ?? 'buttons'} onChange={(e) => onChange({ display: e.target.value as BuilderField['display'] })}>
            <FormControlLabel value="buttons" control={<Radio />} label={t('editor.yesNoButtons')} />
            <FormControlLabel value="checkbox" control={<Radio />} label={t('editor.yesNoCheckbox')} />
          </RadioGroup>
        </FormControl>
      )}

      <FormControl>
        <FormLabel id={`${field.id}-visibility`}>{t('editor.visibility')}</FormLabel>
        <RadioGroup
          aria-labelledby={`${field.id}-visibility`}
          value={shownForSome ? 'some' : 'all'}
          onChange={(e) => onChange({ shownFor: e.target.value === 'some' ? options.slice(0, 1).map((o) => o.code) : undefined })}
        >
          <FormControlLabel value="all" control={<Radio />} label={t('editor.everyDecision')} />
          <FormControlLabel value="some" control={<Radio />} label={t('editor.someDecisions')} disabled={options.length < 2} />
        </RadioGroup>
        {stale.length > 0 && (
          <Alert severity="warning" sx={{ my: 1 }}>
            {t('editor.staleDecisions', { codes: stale.join(', ') })}
          </Alert>
        )}
        {shownForSome && (
          <FormGroup role="group" sx={{ pl: 4 }} aria-label={t('editor.shownFor', { label: field.label })}>
            {options.map((o) => (
              <FormControlLabel key={o.code} control={<Checkbox checked={field.shownFor?.includes(o.code) ?? false} onChange={(e) => toggleShown(o.code, e.target.checked)} />} label={o.label} />
            ))}
          </FormGroup>
        )}
      </FormControl>

      <Accordion disableGutters variant="outlined" defaultExpanded={keyIssue !== undefined} slotProps={{ heading: { component: 'h4' } }}>
        <AccordionSummary expandIcon={<ExpandMoreIcon />} aria-controls={`${field.id}-advanced`} id={`${field.id}-advanced-summary`}>
          <Typography variant="body2">{t('editor.advanced')}</Typography>
        </AccordionSummary>
        <AccordionDetails id={`${field.id}-advanced`}>
          <TextField
            label={t('editor.key')}
            value={field.key}
            onChange={(e) => onChange({ key: e.target.value })}
            error={keyIssue !== undefined}
            helperText={keyIssue ? t(`editor.keyProblem.${keyIssue}`) : t('editor.keyHint')}
            size="small"
            fullWidth
            slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'off' } }}
          />
        </AccordionDetails>
      </Accordion>
    </Stack>
  );
}
