/**
 * The task type form's root field: the ordinary object form, with the whole draft in the
 * registry's formContext, so the builder (on `decisionSchema`) reads the sibling `uiSchema` and
 * the decision options, and the outcome table knows its option. rjsf hands a field only its own value.
 */
import type { FieldProps } from '@rjsf/utils';
import { useMemo } from 'react';

/** What the builder's fields find in `registry.formContext`. */
export interface TaskTypeDraftContext {
  taskTypeDraft?: Record<string, unknown>;
}

/** Reads the draft around a builder field. */
export function taskTypeDraftOf(formContext: unknown): Record<string, unknown> {
  const draft = (formContext as TaskTypeDraftContext | undefined)?.taskTypeDraft;
  return typeof draft === 'object' && draft !== null ? draft : {};
}

export function TaskTypeDraftScope(props: FieldProps<Record<string, unknown>>) {
  const { registry, formData } = props;
  const ObjectField = registry.fields.ObjectField!;
  const scoped = useMemo(() => ({ ...registry, formContext: { ...(registry.formContext as object | undefined), taskTypeDraft: formData } }), [registry, formData]);
  return <ObjectField {...props} registry={scoped} />;
}
