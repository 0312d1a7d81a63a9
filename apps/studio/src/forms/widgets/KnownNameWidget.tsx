import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { getUiOptions, type WidgetProps } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';
import { useKnownNames } from '../useKnownNames.js';

/** One name (an escalation group): the names the definitions already use, or a new one typed in. */
export function KnownNameWidget(props: WidgetProps) {
  const { t } = useTranslation('forms');
  const value: unknown = props.value;
  const { id, onChange, label, required, disabled, readonly, rawErrors = [], uiSchema, schema } = props;
  const source = getUiOptions(uiSchema).source as string | undefined;
  const names = useKnownNames(source);
  const text = typeof value === 'string' ? value : '';
  const malformed = text !== '' && typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(text);
  return (
    <Autocomplete
      id={id}
      freeSolo
      options={names}
      value={text || null}
      disabled={disabled || readonly}
      onChange={(_e, next) => onChange(next || undefined)}
      onInputChange={(_e, next, reason) => reason === 'input' && onChange(next || undefined)}
      renderInput={(params) => (
        <TextField {...params} label={label} required={required} error={malformed || rawErrors.length > 0} helperText={source ? t(`chips.${source}`) : undefined} />
      )}
    />
  );
}
