import type { FieldProps } from '@rjsf/utils';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorsAt } from '../findingsToErrorSchema.js';

/** A free-form value (a decision form's fields, a workflow outcome) edited as structured text, for what no field of its own covers yet. */
export function JsonField(props: FieldProps<unknown>) {
  const { t } = useTranslation('forms');
  const { formData, onChange, errorSchema, fieldPathId, disabled, readonly, name } = props;
  const [text, setText] = useState(() => JSON.stringify(formData ?? {}, null, 2));
  const [parseError, setParseError] = useState<string>();
  const errors = [...(parseError ? [parseError] : []), ...errorsAt(errorSchema)];
  return (
    <div className="json-field">
      <label htmlFor={fieldPathId.$id}>{t('json.label', { label: typeof props.uiSchema?.['ui:title'] === 'string' ? props.uiSchema['ui:title'] : (props.schema.title ?? name) })}</label>
      <textarea
        id={fieldPathId.$id}
        rows={10}
        spellCheck={false}
        value={text}
        disabled={disabled === true || readonly === true}
        aria-invalid={errors.length > 0}
        onChange={(e) => {
          setText(e.target.value);
          try {
            onChange(JSON.parse(e.target.value) as unknown, fieldPathId.path);
            setParseError(undefined);
          } catch (error) {
            setParseError(t('json.invalid', { message: (error as Error).message }));
          }
        }}
      />
      {errors.map((e) => (
        <p className="field-error" key={e}>
          {e}
        </p>
      ))}
    </div>
  );
}
