import Autocomplete from '@mui/material/Autocomplete';
import Chip from '@mui/material/Chip';
import TextField from '@mui/material/TextField';
import { getUiOptions, type FieldProps } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';
import { useKnownNames } from '../useKnownNames.js';

/** The errors under a list and its items, as one list of messages. */
function listErrors(errorSchema: unknown): string[] {
  if (!errorSchema || typeof errorSchema !== 'object') return [];
  return Object.entries(errorSchema as Record<string, unknown>).flatMap(([key, value]) => (key === '__errors' ? (value as string[]) : listErrors(value)));
}

/**
 * A list of names (roles, candidate groups, evidence fields, scope values) as chips: pick from
 * what the definitions already use or type a new one; a chip that does not fit the schema's
 * pattern is marked and named under the field.
 */
export function ChipsField(props: FieldProps<string[]>) {
  const { t } = useTranslation('forms');
  const { formData, onChange, fieldPathId, schema, uiSchema, required, disabled, readonly, errorSchema, registry } = props;
  const options = getUiOptions(uiSchema);
  const source = typeof options.source === 'string' ? options.source : 'values';
  const known = useKnownNames(source);
  const values = Array.isArray(formData) ? formData.filter((v): v is string => typeof v === 'string' && v !== '') : [];
  const items = schema.items && typeof schema.items === 'object' ? registry.schemaUtils.retrieveSchema(schema.items) : undefined;
  const pattern = typeof items?.pattern === 'string' ? new RegExp(items.pattern) : undefined;
  const bad = pattern ? values.filter((v) => !pattern.test(v)) : [];
  const errors = [...new Set(listErrors(errorSchema))];
  const label = typeof uiSchema?.['ui:title'] === 'string' ? uiSchema['ui:title'] : (schema.title ?? props.name);
  const help = typeof uiSchema?.['ui:description'] === 'string' ? uiSchema['ui:description'] : t(`chips.${source}`);
  const helper = bad.length ? t('chips.invalid', { values: bad.join(', ') }) : errors.length ? errors.join(' ') : help;
  return (
    <Autocomplete
      multiple
      freeSolo
      id={fieldPathId.$id}
      options={known.filter((k) => !values.includes(k))}
      value={values}
      disabled={disabled || readonly}
      onChange={(_e, next) => onChange([...new Set(next.map((v) => v.trim()).filter(Boolean))], fieldPathId.path)}
      renderValue={(chosen, getItemProps) =>
        chosen.map((v, index) => {
          const { key, ...itemProps } = getItemProps({ index });
          return <Chip key={key} {...itemProps} size="small" label={v} color={pattern && !pattern.test(v) ? 'error' : 'default'} variant={pattern && !pattern.test(v) ? 'outlined' : 'filled'} />;
        })
      }
      renderInput={(params) => <TextField {...params} label={label} required={required} error={bad.length > 0 || errors.length > 0} helperText={helper} />}
    />
  );
}
