/**
 * The studio's one form: rjsf on its MUI theme with the studio's templates (lists as named rows
 * with icon buttons that say what they act on, objects as titled sections, help under the field),
 * the widgets and fields of the recurring concepts, and the 2020-12 validator. Every definition
 * kind's editor and the case worker's decision form render through it.
 *
 * Props are rjsf `Form`'s; `validator` is optional (the studio's one validator by default).
 * Other fields register by passing `fields` (they are merged over these), e.g.
 * `<ThemedForm fields={{ DecisionFormBuilder }} uiSchema={{ decisionSchema: { 'ui:field': 'DecisionFormBuilder' } }} … />`.
 */
import { withTheme, type FormProps } from '@rjsf/core';
import { Theme } from '@rjsf/mui';
import { englishStringTranslator, TranslatableString, type RegistryFieldsType, type RegistryWidgetsType, type RJSFSchema, type ValidatorType } from '@rjsf/utils';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { HolidayList } from '../definitions/fields/HolidayList.js';
import { JsonField } from '../definitions/fields/JsonField.js';
import { ReasonCodeTable } from '../definitions/fields/ReasonCodeTable.js';
import { WorkingHoursEditor } from '../definitions/fields/WorkingHoursEditor.js';
import { ChipsField } from './fields/ChipsField.js';
import { ConditionField } from './fields/ConditionField.js';
import { EvidenceSchemaField } from './fields/EvidenceSchemaField.js';
import { MapField } from './fields/MapField.js';
import { formValidator } from './formValidator.js';
import { ArrayFieldItemTemplate } from './templates/ArrayFieldItemTemplate.js';
import { ArrayFieldTemplate } from './templates/ArrayFieldTemplate.js';
import { FieldTemplate } from './templates/FieldTemplate.js';
import { ObjectFieldTemplate } from './templates/ObjectFieldTemplate.js';
import { CodeWidget } from './widgets/CodeWidget.js';
import { DurationWidget } from './widgets/DurationWidget.js';
import { KnownNameWidget } from './widgets/KnownNameWidget.js';
import { NativeSelectWidget } from './widgets/NativeSelectWidget.js';
import { ReferenceWidget } from './widgets/ReferenceWidget.js';

/** The concept widgets, by the names the derived uiSchema uses. */
export const themedWidgets: RegistryWidgetsType = { DurationWidget, ReferenceWidget, CodeWidget, KnownNameWidget, SelectWidget: NativeSelectWidget };

/** The studio's fields, by the names uiSchemas use. */
export const themedFields: RegistryFieldsType = { ConditionField, ChipsField, MapField, EvidenceSchemaField, ReasonCodeTable, WorkingHoursEditor, HolidayList, JsonField };

const templates = { ...Theme.templates, ArrayFieldTemplate, ArrayFieldItemTemplate, ObjectFieldTemplate, FieldTemplate };

/** rjsf's strings by their enum names (their values are the English texts, no good as keys). */
const STRING_NAMES = new Map<string, string>(Object.entries(TranslatableString).map(([name, text]) => [text, name]));

const BaseForm = withTheme<Record<string, unknown>, RJSFSchema>({
  ...Theme,
  templates,
  widgets: { ...Theme.widgets, ...themedWidgets },
  fields: { ...Theme.fields, ...themedFields },
});

/**
 * The schema as the form reads it: without its root `$id`. rjsf's validator registers the root
 * schema under its `$id` when it has one but points every `$ref` of a sub-schema at its own
 * `__rjsf_rootSchema` key, so with an `$id` each reference fails to resolve (a console warning
 * per reference, and sub-schema checks such as which union case matches silently fail).
 */
export function formSchema(schema: RJSFSchema): RJSFSchema {
  if (!('$id' in schema)) return schema;
  const { $id: _id, ...rest } = schema;
  return rest;
}

/** rjsf `Form` props, with the studio's validator by default. */
export type ThemedFormProps = Omit<FormProps<Record<string, unknown>, RJSFSchema>, 'validator'> & { validator?: ValidatorType<Record<string, unknown>, RJSFSchema> };

/** The studio's themed rjsf form (see the module comment). */
export function ThemedForm(props: ThemedFormProps) {
  const { t } = useTranslation('forms');
  const schema = useMemo(() => formSchema(props.schema), [props.schema]);
  const fields = useMemo(() => (props.fields ? { ...themedFields, ...props.fields } : undefined), [props.fields]);
  // rjsf's own strings (a few remain in its MUI widgets) in the reader's language.
  const translateString = useCallback(
    (key: TranslatableString, params?: string[]) => {
      const text = t(`rjsf.${STRING_NAMES.get(key) ?? ''}`, { defaultValue: '' });
      return text ? params?.reduce((s, p, i) => s.replace(`%${i + 1}`, p), text) ?? text : englishStringTranslator(key, params);
    },
    [t],
  );
  return <BaseForm validator={formValidator} translateString={translateString} {...props} {...(fields ? { fields } : {})} schema={schema} />;
}
