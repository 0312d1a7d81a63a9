import TextField from '@mui/material/TextField';
import { ariaDescribedByIds, enumOptionsIndexForValue, enumOptionsValueForIndex, type WidgetProps } from '@rjsf/utils';
import { Theme } from '@rjsf/mui';

/**
 * A choice of one value as the platform's own select in MUI's frame: on a phone it opens the
 * system picker, and the keyboard and assistive technology get the control they know. A
 * multiple choice stays MUI's select.
 */
export function NativeSelectWidget(props: WidgetProps) {
  const value: unknown = props.value;
  const { id, options, label, hideLabel, required, disabled, readonly, multiple, onChange, onBlur, onFocus, rawErrors = [], schema, placeholder } = props;
  if (multiple) {
    const MuiSelect = Theme.widgets!.SelectWidget!;
    return <MuiSelect {...props} />;
  }
  const { enumOptions = [], enumDisabled } = options;
  const emptyValue: unknown = options.emptyValue;
  const index = enumOptionsIndexForValue(value, enumOptions, false);
  const selected = typeof index === 'string' ? index : '';
  const decode = (i: string): unknown => enumOptionsValueForIndex(i, enumOptions, emptyValue);
  return (
    <TextField
      select
      id={id}
      label={hideLabel ? undefined : label}
      required={required}
      disabled={disabled || readonly}
      value={selected}
      error={rawErrors.length > 0}
      onChange={(e) => onChange(decode(e.target.value))}
      onBlur={(e) => onBlur(id, decode(e.target.value))}
      onFocus={(e) => onFocus(id, decode(e.target.value))}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'aria-describedby': ariaDescribedByIds(id) } }}
      fullWidth
    >
      {schema.default === undefined ? <option value="">{placeholder ?? ''}</option> : null}
      {enumOptions.map((option, i) => (
        <option key={i} value={String(i)} disabled={Array.isArray(enumDisabled) && (enumDisabled as unknown[]).includes(option.value as unknown)}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
}
