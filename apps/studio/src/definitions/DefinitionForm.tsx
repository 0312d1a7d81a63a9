import type { IChangeEvent } from '@rjsf/core';
import type { DefinitionKind } from '@mandate/definitions';
import type { ErrorSchema } from '@rjsf/utils';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThemedFormContext } from '../forms/templates/helpOf.js';
import { ThemedForm } from '../forms/ThemedForm.js';
import { definitionFields, formSchemaOf, uiSchemaOf } from './kindForms.js';

const FORM_CONTEXT: ThemedFormContext = { helpFromUiSchemaOnly: true };
const DEFAULTS = { arrayMinItems: { populate: 'never' }, emptyObjectFields: 'skipEmptyDefaults' } as const;

/** The generated form of a definition document, with the findings it is given (`extraErrors`) on their fields: the form itself never shows validator text. */
export function DefinitionForm(props: {
  kind: DefinitionKind;
  content: Record<string, unknown>;
  extraErrors?: ErrorSchema;
  readonly?: boolean;
  onChange?: (content: Record<string, unknown>) => void;
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation('forms');
  // The labels follow the language: `t` is stable across a language change, the language is not.
  const uiSchema = useMemo(() => uiSchemaOf(props.kind, t), [props.kind, t, i18n.language]);
  return (
    <ThemedForm
      className="themed-form"
      schema={formSchemaOf(props.kind)}
      uiSchema={uiSchema}
      fields={definitionFields}
      formData={props.content}
      showErrorList={false}
      formContext={FORM_CONTEXT}
      // A draft is an existing document: the form never invents members (an empty list for an
      // optional list with a minimum, an empty object), which would change the draft by opening it.
      // With the recursive conditions, filling minimum items also recursed without end (the tab hung).
      experimental_defaultFormStateBehavior={DEFAULTS}
      noHtml5Validate
      readonly={props.readonly}
      {...(props.extraErrors ? { extraErrors: props.extraErrors } : {})}
      onChange={(e: IChangeEvent<Record<string, unknown>>) => props.onChange?.(e.formData ?? {})}
    >
      {props.children ?? <></>}
    </ThemedForm>
  );
}
