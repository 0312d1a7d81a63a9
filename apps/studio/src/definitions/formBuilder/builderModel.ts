/**
 * The decision-form builder's model: an ordered list of entries, each one field of the case
 * worker's form. `schemaToModel` reads it from a task type's decisionSchema/uiSchema and
 * `modelToSchema` writes them back; the builder UI edits only this model.
 */

/** The kinds of field an admin can add. */
export const FIELD_TYPES = ['text', 'longText', 'number', 'money', 'percent', 'date', 'choice', 'yesNo', 'acknowledgement'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** The fields every decision form is built around, read by the runtime under these keys. */
export const BUILTIN_KEYS = ['decision', 'reasonCode', 'comment'] as const;
export type BuiltinKey = (typeof BUILTIN_KEYS)[number];

/** One answer of a choice field: the stored value and what the case worker reads. */
export interface ChoiceOption {
  value: string;
  label: string;
}

/** A field the builder made or can fully edit. */
export interface BuilderField {
  kind: 'field';
  /** Stable while the key changes (drag and drop, React keys). */
  id: string;
  /** The property name in the decision payload. */
  key: string;
  /** The key came from a stored schema or was set by hand: editing the label no longer changes it. */
  keyFixed: boolean;
  type: FieldType;
  label: string;
  help?: string;
  required: boolean;
  /** The decision codes the field is shown for; undefined: shown for every decision. */
  shownFor?: string[];
  /** text, longText: the longest answer. */
  maxLength?: number;
  /** number, money, percent. */
  minimum?: number;
  maximum?: number;
  /** number: whole numbers only. */
  wholeNumber?: boolean;
  /** money: ISO 4217 code, e.g. EUR. */
  currency?: string;
  /** choice. */
  options?: ChoiceOption[];
  /** choice: several answers may be picked. */
  multiple?: boolean;
  /** choice: buttons (radio) or a list; yesNo: buttons (Yes/No) or one checkbox. */
  display?: 'buttons' | 'list' | 'checkbox';
}

/** The decision, its reason and the comment: always there, only their label (and whether they are required) edited. */
export interface BuiltinEntry {
  kind: 'builtin';
  id: string;
  key: BuiltinKey;
  label: string;
  required: boolean;
  /** The stored schema, kept as is apart from its title (and the decision's codes). */
  schema: Record<string, unknown>;
  ui?: Record<string, unknown>;
}

/** A field the builder cannot edit (e.g. a default value): kept exactly as authored, may be moved or removed. */
export interface KeptEntry {
  kind: 'kept';
  id: string;
  key: string;
  required: boolean;
  shownFor?: string[];
  schema: Record<string, unknown>;
  ui?: Record<string, unknown>;
}

export type BuilderEntry = BuilderField | BuiltinEntry | KeptEntry;

/** A decision form as the builder holds it. */
export interface FormModel {
  entries: BuilderEntry[];
  /** Top-level annotations of the stored schema ($schema, title, description), written back unchanged. */
  annotations: Record<string, unknown>;
}

/** Why a stored form is shown read-only: the builder cannot represent it without losing something. */
export interface Unrepresentable {
  unrepresentable: true;
  /** What the builder met (a keyword or a field key): for tests and debugging, not shown (it is a spec word). */
  detail: string;
}

let counter = 0;
/** A fresh entry id (unique within the tab). */
export function newEntryId(): string {
  counter += 1;
  return `entry-${counter}`;
}

/** A new field of `type` with the defaults an admin expects (a percent from 0 to 100, money in EUR). */
export function newField(type: FieldType, key: string, label: string): BuilderField {
  const field: BuilderField = { kind: 'field', id: newEntryId(), key, keyFixed: false, type, label, required: type === 'acknowledgement' };
  if (type === 'money') Object.assign(field, { currency: 'EUR', minimum: 0 });
  if (type === 'percent') Object.assign(field, { minimum: 0, maximum: 100 });
  if (type === 'longText') field.maxLength = 2000;
  if (type === 'choice') Object.assign(field, { options: [], display: 'list' });
  if (type === 'yesNo') field.display = 'buttons';
  return field;
}

/** The form a new task type starts with: the decision, its reason and a comment. */
export function starterModel(): FormModel {
  return {
    annotations: {},
    entries: [
      { kind: 'builtin', id: newEntryId(), key: 'decision', label: 'Decision', required: true, schema: { type: 'string', title: 'Decision' }, ui: { 'ui:widget': 'radio' } },
      { kind: 'builtin', id: newEntryId(), key: 'reasonCode', label: 'Reason', required: true, schema: { type: 'string', title: 'Reason' } },
      { kind: 'builtin', id: newEntryId(), key: 'comment', label: 'Comment', required: false, schema: { type: 'string', title: 'Comment', maxLength: 2000 }, ui: { 'ui:widget': 'textarea' } },
    ],
  };
}
