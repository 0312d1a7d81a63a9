import Form from '@rjsf/core';
import type { IChangeEvent } from '@rjsf/core';
import type { DefinitionKind } from '@mandate/definitions';
import type { ErrorSchema, RJSFSchema } from '@rjsf/utils';
import type { ReactNode } from 'react';
import { formValidator } from '../forms/formValidator.js';
import { definitionFields, formSchemaOf, uiSchemaOf } from './kindForms.js';

/** The generated form of a definition document: live schema validation, server findings on their fields. */
export function DefinitionForm(props: {
  kind: DefinitionKind;
  content: Record<string, unknown>;
  extraErrors?: ErrorSchema;
  readonly?: boolean;
  onChange?: (content: Record<string, unknown>) => void;
  children?: ReactNode;
}) {
  return (
    <Form<Record<string, unknown>, RJSFSchema>
      className="definition-form"
      schema={formSchemaOf(props.kind)}
      uiSchema={uiSchemaOf(props.kind)}
      fields={definitionFields}
      formData={props.content}
      validator={formValidator}
      liveValidate={!props.readonly}
      showErrorList={false}
      noHtml5Validate
      readonly={props.readonly}
      {...(props.extraErrors ? { extraErrors: props.extraErrors } : {})}
      onChange={(e: IChangeEvent<Record<string, unknown>>) => props.onChange?.(e.formData ?? {})}
    >
      {props.children ?? <></>}
    </Form>
  );
}
