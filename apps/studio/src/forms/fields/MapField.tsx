import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { FieldProps, UiSchema } from '@rjsf/utils';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { headingOf } from '../templates/headingOf.js';
import { toCode } from '../widgets/CodeWidget.js';

type Row = { key: string; value: string };

function rowsOf(data: Record<string, unknown> | undefined): Row[] {
  return Object.entries(data ?? {}).map(([key, value]) => ({ key, value: typeof value === 'number' || typeof value === 'string' ? String(value) : '' }));
}

/** The object a list of rows stands for; rows without a key are kept on screen only. */
function objectOf(rows: Row[]): Record<string, number | string> {
  return Object.fromEntries(rows.filter((r) => r.key).map((r) => [r.key, r.value.trim() !== '' && !Number.isNaN(Number(r.value)) ? Number(r.value) : r.value]));
}

/**
 * A map of codes to numbers (a priority model's base weight per task type) as rows of a key
 * and a value, each row removable by a button that names it.
 */
export function MapField(props: FieldProps<Record<string, unknown>>) {
  const { t } = useTranslation('forms');
  const { formData, onChange, fieldPathId, uiSchema, disabled, readonly, errorSchema, name } = props;
  const [rows, setRows] = useState<Row[]>(() => rowsOf(formData));
  const locked = disabled === true || readonly === true;
  const title = typeof uiSchema?.['ui:title'] === 'string' ? uiSchema['ui:title'] : name;
  const help = typeof uiSchema?.['ui:description'] === 'string' ? uiSchema['ui:description'] : undefined;
  const valueUi = uiSchema?.additionalProperties as UiSchema | undefined;
  const valueLabel = typeof valueUi?.['ui:title'] === 'string' ? valueUi['ui:title'] : t('labels.weight');
  const set = (next: Row[]) => {
    setRows(next);
    onChange(objectOf(next), fieldPathId.path);
  };
  const heading = headingOf(fieldPathId.path);
  const errorsOf = (key: string) => ((errorSchema as Record<string, { __errors?: string[] }> | undefined)?.[key]?.__errors ?? []);
  return (
    <Paper variant="outlined" component="section" aria-labelledby={`${fieldPathId.$id}__title`} sx={{ p: { xs: 1.5, sm: 2 } }}>
      <Typography id={`${fieldPathId.$id}__title`} variant={heading} component={heading}>
        {title}
      </Typography>
      {help ? (
        <Typography variant="body2" color="text.secondary">
          {help}
        </Typography>
      ) : null}
      <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, mt: 1.5, display: 'grid', gap: 1 }}>
        {rows.map((row, i) => {
          const named = row.key || String(i + 1);
          return (
            <Box component="li" key={i} sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr auto', sm: '2fr 1fr auto' }, gap: 1, alignItems: 'start' }}>
              <TextField size="small" label={t('labels.baseWeightKey')} value={row.key} disabled={locked} error={errorsOf(row.key).length > 0} onChange={(e) => set(rows.map((r, j) => (j === i ? { ...r, key: toCode(e.target.value) } : r)))} />
              <TextField size="small" type="number" label={`${valueLabel}`} slotProps={{ htmlInput: { 'aria-label': t('grants.weight', { key: named }) } }} value={row.value} disabled={locked} error={errorsOf(row.key).length > 0} helperText={errorsOf(row.key).join(' ') || undefined} onChange={(e) => set(rows.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))} sx={{ gridColumn: { xs: '1', sm: 'auto' } }} />
              {locked ? null : (
                <Tooltip title={t('map.remove', { key: named })}>
                  <IconButton size="small" aria-label={t('map.remove', { key: named })} onClick={() => set(rows.filter((_, j) => j !== i))} sx={{ gridRow: { xs: '1', sm: 'auto' }, gridColumn: { xs: '2', sm: 'auto' } }}>
                    <DeleteOutlineIcon fontSize="small" aria-hidden />
                  </IconButton>
                </Tooltip>
              )}
            </Box>
          );
        })}
      </Box>
      {locked ? null : (
        <Button size="small" variant="outlined" startIcon={<AddIcon aria-hidden />} sx={{ mt: 1.5 }} onClick={() => set([...rows, { key: '', value: '0' }])}>
          {t('map_weights.add')}
        </Button>
      )}
    </Paper>
  );
}
