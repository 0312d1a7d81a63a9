/**
 * Writes the builder's model as the task type's decisionSchema and uiSchema. A field shown only
 * for some decisions goes into an `allOf` entry `if the decision is one of them, then this
 * property (required)`: the runtime's Ajv validates exactly that, and the case worker's form
 * (rjsf) shows the field only while that condition holds.
 */
import type { BuilderEntry, BuilderField, FormModel } from './builderModel.js';

type Schema = Record<string, unknown>;

/** The decisionSchema and uiSchema of a model. */
export interface GeneratedForm {
  decisionSchema: Schema;
  uiSchema: Schema;
}

/** The title a money or percent field carries: the unit is part of what the case worker reads. */
export function titleWithUnit(field: Pick<BuilderField, 'type' | 'label' | 'currency'>): string {
  if (field.type === 'money' && field.currency) return `${field.label} (${field.currency})`;
  if (field.type === 'percent') return `${field.label} (%)`;
  return field.label;
}

const defined = (record: Schema): Schema => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));

function choiceSchema(field: BuilderField): Schema {
  const options = field.options ?? [];
  // Plain codes when every label is its code (the shipped task types' style), labelled answers otherwise.
  return options.every((o) => o.label === o.value) ? { type: 'string', enum: options.map((o) => o.value) } : { type: 'string', oneOf: options.map((o) => ({ const: o.value, title: o.label })) };
}

/** The property schema and the uiSchema entry of one builder field. */
export function fieldSchema(field: BuilderField): { schema: Schema; ui?: Schema } {
  const base = { title: titleWithUnit(field), description: field.help || undefined };
  switch (field.type) {
    case 'text':
      return { schema: defined({ type: 'string', ...base, maxLength: field.maxLength }) };
    case 'longText':
      return { schema: defined({ type: 'string', ...base, maxLength: field.maxLength }), ui: { 'ui:widget': 'textarea' } };
    case 'number':
      return { schema: defined({ type: field.wholeNumber ? 'integer' : 'number', ...base, minimum: field.minimum, maximum: field.maximum }) };
    case 'money':
      return { schema: defined({ type: 'number', ...base, minimum: field.minimum, maximum: field.maximum }), ui: { 'ui:options': { currency: field.currency ?? 'EUR' } } };
    case 'percent':
      return { schema: defined({ type: 'number', ...base, minimum: field.minimum, maximum: field.maximum }), ui: { 'ui:options': { unit: 'percent' } } };
    case 'date':
      return { schema: defined({ type: 'string', ...base, format: 'date' }) };
    case 'choice':
      if (field.multiple) {
        return { schema: defined({ type: 'array', ...base, uniqueItems: true, items: choiceSchema(field), minItems: field.required ? 1 : undefined }), ui: { 'ui:widget': 'checkboxes' } };
      }
      return { schema: defined({ ...choiceSchema(field), ...base }), ...(field.display === 'buttons' ? { ui: { 'ui:widget': 'radio' } } : {}) };
    case 'yesNo':
      return { schema: defined({ type: 'boolean', ...base }), ...(field.display === 'checkbox' ? {} : { ui: { 'ui:widget': 'radio' } }) };
    case 'acknowledgement':
      return { schema: defined({ type: 'boolean', ...base, const: true }) };
  }
}

function entrySchema(entry: BuilderEntry, decisionCodes: readonly string[]): { schema: Schema; ui?: Schema | undefined } {
  if (entry.kind === 'field') return fieldSchema(entry);
  if (entry.kind === 'kept') return { schema: entry.schema, ui: entry.ui };
  const schema: Schema = { ...entry.schema, title: entry.label };
  if (entry.key === 'decision' && decisionCodes.length > 0) schema.enum = [...decisionCodes];
  return { schema, ui: entry.ui };
}

function isRequired(entry: BuilderEntry): boolean {
  return entry.kind === 'field' && entry.type === 'acknowledgement' ? true : entry.required;
}

/**
 * The decisionSchema and uiSchema of `model`; `decisionCodes` are the task type's decision options
 * (the decision field offers exactly these).
 */
export function modelToSchema(model: FormModel, decisionCodes: readonly string[]): GeneratedForm {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  const allOf: Schema[] = [];
  const uiSchema: Schema = { 'ui:order': model.entries.map((e) => e.key) };
  for (const entry of model.entries) {
    const { schema, ui } = entrySchema(entry, decisionCodes);
    if (ui && Object.keys(ui).length > 0) uiSchema[entry.key] = ui;
    // Codes that are no option any more stay: dropping them could show (and require) the field for every decision; the builder warns instead.
    const shownFor = entry.kind === 'builtin' ? undefined : entry.shownFor;
    if (shownFor && shownFor.length > 0) {
      allOf.push({
        if: { properties: { decision: { enum: shownFor } }, required: ['decision'] },
        then: { properties: { [entry.key]: schema }, ...(isRequired(entry) ? { required: [entry.key] } : {}) },
      });
    } else {
      properties[entry.key] = schema;
      if (isRequired(entry)) required.push(entry.key);
    }
  }
  const decisionSchema: Schema = { ...model.annotations, type: 'object', ...(required.length ? { required } : {}), properties, ...(allOf.length ? { allOf } : {}) };
  return { decisionSchema, uiSchema };
}
