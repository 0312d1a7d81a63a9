/**
 * The builder's model, held while the admin edits, written to the draft's decisionSchema and
 * uiSchema on every change. Read again from the draft only when the draft changed from elsewhere
 * (a save's answer, another version loaded), so field ids, and with them focus and drag state, stay.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { starterModel, type FormModel, type Unrepresentable } from './builderModel.js';
import { modelToSchema } from './modelToSchema.js';
import { isUnrepresentable, schemaToModel } from './schemaToModel.js';

type Schema = Record<string, unknown>;

const isEmpty = (decisionSchema: unknown) => decisionSchema === undefined || (typeof decisionSchema === 'object' && decisionSchema !== null && Object.keys(decisionSchema).length === 0);

function read(decisionSchema: unknown, uiSchema: unknown): FormModel | Unrepresentable {
  return isEmpty(decisionSchema) ? starterModel() : schemaToModel(decisionSchema, uiSchema);
}

/**
 * The model of the stored form and `change`, which updates the model and writes the draft. A draft
 * without a form yet (a new task type) gets the starter form written when it can be edited.
 */
export function useBuilderModel(decisionSchema: unknown, uiSchema: unknown, decisionCodes: readonly string[], write: (decisionSchema: Schema, uiSchema: Schema) => void, editable: boolean) {
  const storedKey = JSON.stringify([decisionSchema, uiSchema ?? {}]);
  const [state, setState] = useState(() => ({ key: storedKey, model: read(decisionSchema, uiSchema) }));
  const written = useRef(storedKey);
  if (storedKey !== state.key && storedKey !== written.current) {
    // Changed from outside the builder: read it again.
    setState({ key: storedKey, model: read(decisionSchema, uiSchema) });
  }
  const model = state.model;

  const change = useCallback(
    (next: FormModel) => {
      const generated = modelToSchema(next, decisionCodes);
      const key = JSON.stringify([generated.decisionSchema, generated.uiSchema]);
      written.current = key;
      setState({ key, model: next });
      write(generated.decisionSchema, generated.uiSchema);
    },
    [decisionCodes, write],
  );

  useEffect(() => {
    if (editable && isEmpty(decisionSchema) && !isUnrepresentable(model)) change(model);
    // Once, for the draft as it was opened.
  }, []);

  // The decision field offers exactly the decision options: renaming or adding one rewrites the form.
  const codes = decisionCodes.join('\n');
  useEffect(() => {
    if (isUnrepresentable(model) || !model.entries.some((e) => e.key === 'decision')) return;
    const stored = ((decisionSchema as { properties?: { decision?: { enum?: unknown } } } | undefined)?.properties?.decision?.enum ?? []) as unknown[];
    if (decisionCodes.length > 0 && stored.join('\n') !== codes) change(model);
    // Only a change of the options calls for this, not every edit.
  }, [codes]);

  return { model, change };
}
