import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { FieldProps } from '@rjsf/utils';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JsonField } from '../../definitions/fields/JsonField.js';
import { EVIDENCE_TYPES, evidenceSchemaOf, fieldsOf, isListable, type EvidenceField, type EvidenceType } from '../evidenceFields.js';
import { headingOf } from '../templates/headingOf.js';

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

function FieldRows({ fields, onChange, locked, owner, depth }: { fields: EvidenceField[]; onChange: (fields: EvidenceField[]) => void; locked: boolean; owner: string; depth: number }) {
  const { t } = useTranslation('forms');
  const patch = (i: number, change: Partial<EvidenceField>) => onChange(fields.map((f, j) => (j === i ? { ...f, ...change } : f)));
  const typeWord = (type: EvidenceType) => t(`evidence.types.${type}`);
  return (
    <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 1 }}>
      {fields.map((f, i) => {
        const named = f.name || String(i + 1);
        const invalid = f.name !== '' && !NAME.test(f.name);
        const nested = f.type === 'object' || (f.type === 'array' && f.itemType === 'object');
        return (
          <Box component="li" key={i} sx={{ display: 'grid', gap: 1 }}>
            <Box sx={{ display: 'grid', gap: 1, alignItems: 'start', gridTemplateColumns: { xs: '1fr auto', md: 'minmax(10rem, 2fr) minmax(9rem, 1fr) minmax(9rem, 1fr) auto auto' } }}>
              <TextField size="small" label={t('evidence.field')} value={f.name} disabled={locked} error={invalid} helperText={invalid ? t('evidence.nameInvalid') : undefined} onChange={(e) => patch(i, { name: e.target.value.trim() })} />
              <TextField select size="small" label={t('evidence.type')} value={f.type} disabled={locked} onChange={(e) => patch(i, { type: e.target.value as EvidenceType, ...(e.target.value === 'array' ? { itemType: f.itemType ?? 'string' } : {}) })} sx={{ gridColumn: { xs: '1', md: 'auto' } }}>
                {EVIDENCE_TYPES.map((type) => (
                  <MenuItem key={type} value={type}>
                    {typeWord(type)}
                  </MenuItem>
                ))}
              </TextField>
              {f.type === 'array' ? (
                <TextField select size="small" label={t('evidence.itemType')} value={f.itemType ?? 'string'} disabled={locked} onChange={(e) => patch(i, { itemType: e.target.value as EvidenceType })} sx={{ gridColumn: { xs: '1', md: 'auto' } }}>
                  {EVIDENCE_TYPES.filter((type) => type !== 'array').map((type) => (
                    <MenuItem key={type} value={type}>
                      {typeWord(type)}
                    </MenuItem>
                  ))}
                </TextField>
              ) : (
                <Box sx={{ display: { xs: 'none', md: 'block' } }} />
              )}
              <FormControlLabel control={<Checkbox size="small" checked={f.required} disabled={locked} onChange={(e) => patch(i, { required: e.target.checked })} />} label={t('evidence.required')} sx={{ gridColumn: { xs: '1', md: 'auto' } }} />
              {locked ? null : (
                <Tooltip title={t('array.remove', { item: `${t('items.evidenceFields')} ${owner}${named}` })}>
                  <IconButton size="small" aria-label={t('array.remove', { item: `${t('items.evidenceFields')} ${owner}${named}` })} onClick={() => onChange(fields.filter((_, j) => j !== i))} sx={{ gridRow: { xs: '1', md: 'auto' }, gridColumn: { xs: '2', md: 'auto' } }}>
                    <DeleteOutlineIcon fontSize="small" aria-hidden />
                  </IconButton>
                </Tooltip>
              )}
            </Box>
            {nested ? (
              <Box sx={{ borderLeft: 3, borderColor: 'divider', pl: { xs: 1, sm: 2 } }}>
                <FieldRows fields={f.fields ?? []} onChange={(inner) => patch(i, { fields: inner })} locked={locked} owner={`${owner}${named}.`} depth={depth + 1} />
              </Box>
            ) : null}
          </Box>
        );
      })}
      {locked ? null : (
        <li>
          <Button size="small" startIcon={<AddIcon aria-hidden />} onClick={() => onChange([...fields, { name: '', type: 'string', required: false, rest: {} }])}>
            {t('array.add', { item: owner ? `${t('items.evidenceFields')} (${owner.slice(0, -1)})` : t('items.evidenceFields') })}
          </Button>
        </li>
      )}
    </Box>
  );
}

/**
 * A task type's evidence schema as a list of fields (name, type, always present; groups and
 * lists of groups nested), so an admin edits it without writing a schema. A shape the list cannot
 * show faithfully falls back to the text editor rather than being rewritten.
 */
export function EvidenceSchemaField(props: FieldProps<Record<string, unknown>>) {
  const { t } = useTranslation('forms');
  const { formData, onChange, fieldPathId, uiSchema, disabled, readonly, name } = props;
  const [fields, setFields] = useState(() => fieldsOf(formData));
  const locked = disabled === true || readonly === true;
  const title = typeof uiSchema?.['ui:title'] === 'string' ? uiSchema['ui:title'] : name;
  if (!isListable(formData ?? {})) {
    return (
      <Box>
        <Typography variant="body2" color="text.secondary">
          {t('evidence.advanced')}
        </Typography>
        <JsonField {...(props as FieldProps<unknown>)} />
      </Box>
    );
  }
  const heading = headingOf(fieldPathId.path);
  return (
    <Paper variant="outlined" component="section" aria-labelledby={`${fieldPathId.$id}__title`} sx={{ p: { xs: 1.5, sm: 2 } }} id={fieldPathId.$id}>
      <Typography id={`${fieldPathId.$id}__title`} variant={heading} component={heading}>
        {title}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t('evidence.hint')}
      </Typography>
      <FieldRows
        fields={fields}
        locked={locked}
        owner=""
        depth={0}
        onChange={(next) => {
          setFields(next);
          onChange(evidenceSchemaOf(formData, next), fieldPathId.path);
        }}
      />
    </Paper>
  );
}
