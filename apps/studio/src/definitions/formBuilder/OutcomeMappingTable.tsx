/**
 * A decision option's outcome as a table: each row a process variable and the constant it gets
 * when this decision is taken. The runtime sends these beside `decision` and `reasonCode`.
 */
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import { Box, Button, IconButton, MenuItem, Stack, TextField, Typography } from '@mui/material';
import type { FieldProps } from '@rjsf/utils';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorsAt } from '../findingsToErrorSchema.js';
import { newOutcomeRow, outcomeToRows, rowProblem, rowsToOutcome, type OutcomeRow, type OutcomeValueType } from './outcomeRows.js';
import { taskTypeDraftOf } from './TaskTypeDraftScope.js';

const TYPES: OutcomeValueType[] = ['text', 'number', 'yesNo'];

export function OutcomeMappingTable({ formData, onChange, fieldPathId, registry, readonly, disabled, errorSchema }: FieldProps) {
  const { t } = useTranslation('formBuilder');
  const stored = JSON.stringify(formData ?? {});
  const [state, setState] = useState(() => ({ stored, rows: outcomeToRows(formData) }));
  if (state.stored !== stored && stored !== JSON.stringify(rowsToOutcome(state.rows))) setState({ stored, rows: outcomeToRows(formData) });
  const rows = state.rows;
  const index = fieldPathId.path.at(-2);
  const options = taskTypeDraftOf(registry.formContext).decisionOptions;
  const option = Array.isArray(options) && typeof index === 'number' ? (options[index] as { label?: unknown; code?: unknown } | undefined) : undefined;
  const optionLabel = typeof option?.label === 'string' && option.label ? option.label : typeof option?.code === 'string' ? option.code : t('outcome.thisDecision');
  const locked = readonly === true || disabled === true;
  const titleId = `${fieldPathId.$id}-outcome-title`;

  const set = (next: OutcomeRow[]) => {
    const outcome = rowsToOutcome(next);
    setState({ stored: JSON.stringify(outcome), rows: next });
    onChange(Object.keys(outcome).length ? outcome : undefined, fieldPathId.path);
  };
  const update = (id: string, change: Partial<OutcomeRow>) => set(rows.map((r) => (r.id === id ? { ...r, ...change, ...(change.type === 'yesNo' ? { value: 'true' } : {}) } : r)));

  return (
    <Box component="section" aria-labelledby={titleId} sx={{ my: 1.5 }}>
      <Typography id={titleId} component="h4" variant="h4">
        {t('outcome.title', { option: optionLabel })}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t('outcome.intro')}
      </Typography>
      {rows.length === 0 && (
        <Typography variant="body2" sx={{ mb: 1 }}>
          {t('outcome.none')}
        </Typography>
      )}
      <Stack component="ul" spacing={1.5} sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {rows.map((row, i) => {
          const problem = rowProblem(row, rows);
          const name = row.variable || t('outcome.row', { n: i + 1 });
          return (
            <Box component="li" key={row.id} sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'flex-start' }}>
              <TextField
                label={t('outcome.variable')}
                value={row.variable}
                onChange={(e) => update(row.id, { variable: e.target.value })}
                error={problem === 'variable' || problem === 'duplicate'}
                helperText={problem === 'variable' ? t('outcome.problem.variable') : problem === 'duplicate' ? t('outcome.problem.duplicate') : undefined}
                disabled={locked}
                size="small"
                sx={{ flex: '1 1 11rem' }}
                slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'off' } }}
              />
              {row.kept !== undefined ? (
                <Typography variant="body2" sx={{ flex: '2 1 14rem', py: 1 }}>
                  {t('outcome.kept')}
                </Typography>
              ) : (
                <>
                  <TextField select label={t('outcome.type')} value={row.type} onChange={(e) => update(row.id, { type: e.target.value as OutcomeValueType })} disabled={locked} size="small" sx={{ flex: '0 1 9rem' }}>
                    {TYPES.map((type) => (
                      <MenuItem key={type} value={type}>
                        {t(`outcome.types.${type}`)}
                      </MenuItem>
                    ))}
                  </TextField>
                  {row.type === 'yesNo' ? (
                    <TextField select label={t('outcome.value')} value={row.value} onChange={(e) => update(row.id, { value: e.target.value })} disabled={locked} size="small" sx={{ flex: '1 1 9rem' }}>
                      <MenuItem value="true">{t('outcome.yes')}</MenuItem>
                      <MenuItem value="false">{t('outcome.no')}</MenuItem>
                    </TextField>
                  ) : (
                    <TextField
                      label={t('outcome.value')}
                      value={row.value}
                      type={row.type === 'number' ? 'number' : 'text'}
                      onChange={(e) => update(row.id, { value: e.target.value })}
                      error={problem === 'number'}
                      helperText={problem === 'number' ? t('outcome.problem.number') : undefined}
                      disabled={locked}
                      size="small"
                      sx={{ flex: '1 1 11rem' }}
                    />
                  )}
                </>
              )}
              {!locked && (
                <IconButton aria-label={t('outcome.remove', { name })} onClick={() => set(rows.filter((r) => r.id !== row.id))}>
                  <DeleteOutlineIcon />
                </IconButton>
              )}
            </Box>
          );
        })}
      </Stack>
      {errorsAt(errorSchema).map((e) => (
        <Typography key={e} variant="body2" color="error">
          {e}
        </Typography>
      ))}
      {!locked && (
        <Button size="small" startIcon={<AddIcon />} onClick={() => set([...rows, newOutcomeRow()])} sx={{ mt: 1 }} aria-label={t('outcome.addFor', { option: optionLabel })}>
          {t('outcome.add')}
        </Button>
      )}
    </Box>
  );
}
