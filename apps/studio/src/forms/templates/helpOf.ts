import type { Registry, RJSFSchema, UiSchema } from '@rjsf/utils';

/** What a form tells its templates. */
export interface ThemedFormContext {
  /**
   * Help only from the uiSchema: the definition forms derive theirs from the `forms` namespace,
   * and their schemas' descriptions are written for developers. A decision form's schema is
   * written for the worker, so its descriptions are its help.
   */
  helpFromUiSchemaOnly?: boolean;
}

/** The help text of a field, section or list. */
export function helpOf(uiSchema: UiSchema | undefined, schema: RJSFSchema, registry: Registry): string | undefined {
  const fromUi = uiSchema?.['ui:description'];
  if (typeof fromUi === 'string' && fromUi) return fromUi;
  if ((registry.formContext as ThemedFormContext | undefined)?.helpFromUiSchemaOnly) return undefined;
  return typeof schema.description === 'string' && schema.description ? schema.description : undefined;
}
