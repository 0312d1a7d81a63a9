import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { getUiOptions, type WidgetProps } from '@rjsf/utils';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { definitionQueries } from '../../data/definitionQueries.js';
import { useGovernance } from '../../definitions/useGovernance.js';
import { referenceOptions, type ReferenceOption } from '../referenceOptions.js';

const STATUS_COLOUR: Record<string, 'success' | 'warning' | 'default' | 'error'> = { published: 'success', in_review: 'warning', draft: 'default', retired: 'default', unknown: 'error' };

function StatusChip({ status }: { status: string }) {
  const { t } = useTranslation('forms');
  return <Chip size="small" variant="outlined" color={STATUS_COLOUR[status] ?? 'default'} label={t(`reference.status.${status}`, { defaultValue: status })} />;
}

/** What the picker says about a version besides its name: its status, and whether a newer one exists. */
function VersionNotes({ option }: { option: ReferenceOption }) {
  const { t } = useTranslation('forms');
  const newer = option.newerPublished ? t('reference.newerPublished', { version: option.newerPublished }) : option.newerVersion ? t('reference.newer', { version: option.newerVersion }) : undefined;
  return (
    <Box component="span" sx={{ display: 'inline-flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
      <StatusChip status={option.status} />
      {newer ? (
        <Typography component="span" variant="caption" color="warning.main">
          {newer}
        </Typography>
      ) : null}
    </Box>
  );
}

/**
 * A reference to another definition (`ID@N`, a pinned version) as a picker of the versions that
 * exist, from the definitions list: each with its status, its definition's title and whether a
 * newer version exists, so a stale pin is visible where it is chosen.
 */
export function ReferenceWidget(props: WidgetProps) {
  const { t } = useTranslation('forms');
  const value: unknown = props.value;
  const { id, onChange, label, required, disabled, readonly, rawErrors = [], uiSchema } = props;
  const kind = getUiOptions(uiSchema).referenceKind as string | undefined;
  const { api } = useGovernance();
  const list = useQuery({ ...definitionQueries.list(api, kind), enabled: kind !== undefined });
  const current = typeof value === 'string' && value ? value : undefined;
  const options = useMemo(() => referenceOptions(list.data ?? [], current), [list.data, current]);
  const chosen = options.find((o) => o.value === current) ?? null;
  const name = (o: ReferenceOption) => t('reference.option', { id: o.id, version: o.version });
  return (
    <Autocomplete<ReferenceOption>
      id={id}
      options={options}
      value={chosen}
      loading={list.isPending && kind !== undefined}
      loadingText={t('reference.loading')}
      noOptionsText={t('reference.none')}
      disabled={disabled || readonly}
      groupBy={(o) => o.title || o.id}
      getOptionLabel={name}
      isOptionEqualToValue={(a, b) => a.value === b.value}
      onChange={(_e, next) => onChange(next?.value)}
      renderOption={({ key, ...optionProps }, o) => (
        <Box component="li" key={key} {...optionProps} sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          <span>{name(o)}</span>
          <VersionNotes option={o} />
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          required={required}
          placeholder={t('reference.placeholder')}
          error={rawErrors.length > 0}
          helperText={chosen ? <Box component="span" sx={{ display: 'inline-flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>{chosen.title ? <span>{chosen.title}</span> : null}<VersionNotes option={chosen} /></Box> : undefined}
          slotProps={{ ...params.slotProps, formHelperText: { component: 'div' } as never }}
        />
      )}
    />
  );
}
