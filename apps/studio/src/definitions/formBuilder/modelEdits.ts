/**
 * The edits the builder makes to its model, pure: add, change, move, remove a field. Keys stay
 * unique; a key follows its label until it is fixed (stored or set by hand).
 */
import { newField, type BuilderEntry, type BuilderField, type FieldType, type FormModel } from './builderModel.js';
import { keyFromLabel, uniqueKey } from './fieldKey.js';

const otherKeys = (model: FormModel, id: string) => model.entries.filter((e) => e.id !== id).map((e) => e.key);

/** Adds a field of `type` at the end, labelled `label`, with a key of its own. */
export function addField(model: FormModel, type: FieldType, label: string): { model: FormModel; field: BuilderField } {
  const field = newField(type, uniqueKey(keyFromLabel(label), model.entries.map((e) => e.key)), label);
  return { model: { ...model, entries: [...model.entries, field] }, field };
}

/** Applies `change` to the entry `id`; a label change moves a key that is not fixed along. */
export function updateEntry(model: FormModel, id: string, change: Partial<BuilderField>): FormModel {
  return {
    ...model,
    entries: model.entries.map((entry): BuilderEntry => {
      if (entry.id !== id) return entry;
      if (entry.kind !== 'field') return { ...entry, ...(change.label !== undefined ? { label: change.label } : {}), ...(change.required !== undefined ? { required: change.required } : {}) };
      const next: BuilderField = { ...entry, ...change };
      if (change.type && change.type !== entry.type) Object.assign(next, typeDefaults(next, change.type));
      if (change.key !== undefined) next.keyFixed = true;
      else if (change.label !== undefined && !entry.keyFixed) next.key = uniqueKey(keyFromLabel(change.label), otherKeys(model, id));
      return next;
    }),
  };
}

/** A field turned into another type: what it had in common stays, the rest starts from the type's defaults. */
function typeDefaults(field: BuilderField, type: FieldType): BuilderField {
  const fresh = newField(type, field.key, field.label);
  return { ...fresh, id: field.id, keyFixed: field.keyFixed, required: type === 'acknowledgement' ? true : field.required, ...(field.help ? { help: field.help } : {}), ...(field.shownFor ? { shownFor: field.shownFor } : {}) };
}

/** Moves the entry `id` to `index`. */
export function moveEntry(model: FormModel, id: string, index: number): FormModel {
  const from = model.entries.findIndex((e) => e.id === id);
  if (from < 0 || index < 0 || index >= model.entries.length || index === from) return model;
  const entries = [...model.entries];
  const [entry] = entries.splice(from, 1);
  entries.splice(index, 0, entry!);
  return { ...model, entries };
}

/** Removes the entry `id` (a built-in field stays). */
export function removeEntry(model: FormModel, id: string): FormModel {
  return { ...model, entries: model.entries.filter((e) => e.id !== id || e.kind === 'builtin') };
}
