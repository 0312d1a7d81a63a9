import FormControl from '@mui/material/FormControl';
import Typography from '@mui/material/Typography';
import { getTemplate, getUiOptions, type FieldTemplateProps } from '@rjsf/utils';
import { helpOf } from './helpOf.js';

/**
 * A field: its control, the help under it and its errors (help as `helpOf` finds it: from the
 * uiSchema, and from the schema only in forms whose schema speaks to people).
 */
export function FieldTemplate(props: FieldTemplateProps) {
  const { id, children, classNames, style, disabled, displayLabel, hidden, label, onKeyRename, onKeyRenameBlur, onRemoveProperty, readonly, required, rawErrors = [], errors, schema, uiSchema, registry } = props;
  const uiOptions = getUiOptions(uiSchema);
  const WrapIfAdditionalTemplate = getTemplate('WrapIfAdditionalTemplate', registry, uiOptions);
  if (hidden) return <div style={{ display: 'none' }}>{children}</div>;
  const help = helpOf(uiSchema, schema, registry);
  const showsHelp = displayLabel && help && uiOptions.widget !== 'checkbox' && schema.type !== 'boolean';
  return (
    <WrapIfAdditionalTemplate
      classNames={classNames}
      style={style}
      disabled={disabled}
      id={id}
      label={label}
      displayLabel={displayLabel}
      rawDescription={help}
      onKeyRename={onKeyRename}
      onKeyRenameBlur={onKeyRenameBlur}
      onRemoveProperty={onRemoveProperty}
      readonly={readonly}
      required={required}
      schema={schema}
      uiSchema={uiSchema}
      registry={registry}
    >
      <FormControl fullWidth error={rawErrors.length > 0} required={required}>
        {children}
        {showsHelp ? (
          <Typography variant="caption" color="text.secondary" id={`${id}__description`} sx={{ mt: 0.5 }}>
            {help}
          </Typography>
        ) : null}
        {errors}
      </FormControl>
    </WrapIfAdditionalTemplate>
  );
}
