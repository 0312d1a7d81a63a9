import { CODE_PATTERN } from '@mandate/definitions';
import TextField from '@mui/material/TextField';
import type { WidgetProps } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';

/** What a code looks like (the schemas' SCREAMING_SNAKE pattern). */
/** Typed text as a code: capitals, spaces and dashes as underscores. */
export function toCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]+/g, '_');
}

/**
 * A code (an identifier such as DISCOUNT_APPROVAL): typed letters become capitals, a hint says
 * what a code looks like and a malformed one is flagged as it is typed.
 */
export function CodeWidget(props: WidgetProps) {
  const { t } = useTranslation('forms');
  const value: unknown = props.value;
  const { id, onChange, onBlur, label, required, disabled, readonly, rawErrors = [], placeholder, schema } = props;
  const text = typeof value === 'string' ? value : '';
  const pattern = typeof schema.pattern === 'string' ? new RegExp(schema.pattern) : CODE_PATTERN;
  const malformed = text !== '' && !pattern.test(text);
  return (
    <TextField
      id={id}
      label={label}
      required={required}
      value={text}
      placeholder={placeholder}
      disabled={disabled || readonly}
      error={malformed || rawErrors.length > 0}
      helperText={malformed ? t('code.invalid') : readonly ? undefined : t('code.hint')}
      slotProps={{ htmlInput: { readOnly: readonly, spellCheck: false, autoCapitalize: 'characters' } }}
      onChange={(e) => onChange(e.target.value === '' ? undefined : toCode(e.target.value))}
      onBlur={() => onBlur(id, text)}
      fullWidth
    />
  );
}
