import type { FieldProps } from '@rjsf/utils';
import { useState } from 'react';
import { errorsAt } from '../findingsToErrorSchema.js';

/** A free-form JSON value (a decision form's schema, an evidence schema) edited as JSON text. */
export function JsonField(props: FieldProps<unknown>) {
  const { formData, onChange, errorSchema, fieldPathId, disabled, readonly, name } = props;
  const [text, setText] = useState(() => JSON.stringify(formData ?? {}, null, 2));
  const [parseError, setParseError] = useState<string>();
  const errors = [...(parseError ? [parseError] : []), ...errorsAt(errorSchema)];
  return (
    <div className="json-field">
      <label htmlFor={fieldPathId.$id}>{props.schema.title ?? name} (JSON)</label>
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
            setParseError(`not JSON: ${(error as Error).message}`);
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
