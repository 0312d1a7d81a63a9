/**
 * Reads a task type's decisionSchema and uiSchema into the builder's model: the inverse of
 * `modelToSchema` for everything the builder writes. A field with anything more (a default, a
 * pattern, another widget) is kept as authored; a form whose structure the builder does not know
 * (references, alternatives, conditions other than "the decision is one of") is unrepresentable,
 * and the builder shows it read-only instead of rewriting it.
 */
import { BUILTIN_KEYS, newEntryId, type BuilderEntry, type BuilderField, type BuiltinKey, type ChoiceOption, type FormModel, type Unrepresentable } from './builderModel.js';
import { fieldSchema } from './modelToSchema.js';

type Schema = Record<string, unknown>;

const isRecord = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const TOP_LEVEL = new Set(['type', 'properties', 'required', 'allOf', '$schema', 'title', 'description']);
const ANNOTATIONS = ['$schema', 'title', 'description'];

function only(record: Schema, allowed: readonly string[]): boolean {
  return Object.keys(record).every((k) => allowed.includes(k));
}

function choiceOptions(schema: Schema): ChoiceOption[] | undefined {
  if (isStringArray(schema.enum) && schema.enum.length > 0 && only(schema, ['type', 'enum', 'title', 'description'])) return schema.enum.map((value) => ({ value, label: value }));
  if (Array.isArray(schema.oneOf) && schema.oneOf.length > 0 && only(schema, ['type', 'oneOf', 'title', 'description'])) {
    const options = schema.oneOf.map((o) => (isRecord(o) && typeof o.const === 'string' && typeof o.title === 'string' && only(o, ['const', 'title']) ? { value: o.const, label: o.title } : undefined));
    return options.every((o) => o !== undefined) ? options : undefined;
  }
  return undefined;
}

function withoutUnit(title: string, unit: string): string {
  const suffix = ` (${unit})`;
  return title.endsWith(suffix) ? title.slice(0, -suffix.length) : title;
}

/** The builder field a property schema is, or undefined when the builder cannot edit it without loss. */
function readField(key: string, schema: Schema, ui: Schema | undefined, required: boolean, shownFor: string[] | undefined): BuilderField | undefined {
  const title = typeof schema.title === 'string' ? schema.title : key;
  const help = typeof schema.description === 'string' ? schema.description : undefined;
  const field: BuilderField = { kind: 'field', id: newEntryId(), key, keyFixed: true, type: 'text', label: title, required, ...(help ? { help } : {}), ...(shownFor ? { shownFor } : {}) };
  const widget = ui?.['ui:widget'];
  const options = isRecord(ui?.['ui:options']) ? ui['ui:options'] : undefined;
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const bounds = () => ({ ...(num(schema.minimum) !== undefined ? { minimum: num(schema.minimum) } : {}), ...(num(schema.maximum) !== undefined ? { maximum: num(schema.maximum) } : {}) });
  let candidate: BuilderField | undefined;
  switch (schema.type) {
    case 'boolean':
      if (schema.const === true) candidate = { ...field, type: 'acknowledgement', required: true };
      else if (schema.const === undefined) candidate = { ...field, type: 'yesNo', display: widget === 'radio' ? 'buttons' : 'checkbox' };
      break;
    case 'string': {
      const choices = choiceOptions(schema);
      if (schema.format === 'date') candidate = { ...field, type: 'date' };
      else if (choices) candidate = { ...field, type: 'choice', options: choices, display: widget === 'radio' ? 'buttons' : 'list' };
      else {
        const maxLength = num(schema.maxLength);
        candidate = { ...field, type: widget === 'textarea' ? 'longText' : 'text', ...(maxLength !== undefined ? { maxLength } : {}) };
      }
      break;
    }
    case 'number':
    case 'integer':
      if (typeof options?.currency === 'string') candidate = { ...field, type: 'money', label: withoutUnit(title, options.currency), currency: options.currency, ...bounds() };
      else if (options?.unit === 'percent') candidate = { ...field, type: 'percent', label: withoutUnit(title, '%'), ...bounds() };
      else candidate = { ...field, type: 'number', ...(schema.type === 'integer' ? { wholeNumber: true } : {}), ...bounds() };
      break;
    case 'array': {
      const items = isRecord(schema.items) ? choiceOptions(schema.items) : undefined;
      if (items && schema.uniqueItems === true) candidate = { ...field, type: 'choice', multiple: true, options: items };
      break;
    }
  }
  if (!candidate) return undefined;
  // The field is the builder's only if writing it back gives the very same schema and uiSchema.
  const written = fieldSchema(candidate);
  const sameUi = JSON.stringify(written.ui ?? {}) === JSON.stringify(ui ?? {});
  return sameUi && sameSchema(written.schema, schema) ? candidate : undefined;
}

function sameSchema(a: unknown, b: unknown): boolean {
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameSchema(a[k], b[k]));
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameSchema(x, b[i]));
  return a === b;
}

/** An `allOf` entry the builder wrote: if the decision is one of these, then this one property. */
function readConditional(entry: unknown): { key: string; schema: Schema; required: boolean; shownFor: string[] } | undefined {
  if (!isRecord(entry) || !only(entry, ['if', 'then'])) return undefined;
  const { if: condition, then } = entry;
  if (!isRecord(condition) || !isRecord(then) || !only(condition, ['properties', 'required']) || !only(then, ['properties', 'required'])) return undefined;
  if (!sameSchema(condition.required, ['decision']) || !isRecord(condition.properties) || !only(condition.properties, ['decision'])) return undefined;
  const decision = condition.properties.decision;
  if (!isRecord(decision) || !only(decision, ['enum']) || !isStringArray(decision.enum) || decision.enum.length === 0) return undefined;
  if (!isRecord(then.properties)) return undefined;
  const keys = Object.keys(then.properties);
  const key = keys[0];
  const schema = key === undefined ? undefined : then.properties[key];
  if (keys.length !== 1 || key === undefined || !isRecord(schema)) return undefined;
  if (then.required !== undefined && !sameSchema(then.required, [key])) return undefined;
  return { key, schema, required: then.required !== undefined, shownFor: decision.enum };
}

/** The builder's model of a stored decision form, or why the builder shows it read-only. */
export function schemaToModel(decisionSchema: unknown, uiSchema: unknown): FormModel | Unrepresentable {
  const fail = (detail: string): Unrepresentable => ({ unrepresentable: true, detail });
  if (!isRecord(decisionSchema) || decisionSchema.type !== 'object') return fail('type');
  const extra = Object.keys(decisionSchema).find((k) => !TOP_LEVEL.has(k));
  if (extra) return fail(extra);
  const ui = isRecord(uiSchema) ? uiSchema : {};
  const properties = decisionSchema.properties ?? {};
  if (!isRecord(properties)) return fail('properties');
  const required = decisionSchema.required ?? [];
  if (!isStringArray(required)) return fail('required');
  const allOf = decisionSchema.allOf ?? [];
  if (!Array.isArray(allOf)) return fail('allOf');

  const found: { key: string; schema: Schema; required: boolean; shownFor?: string[] }[] = [];
  for (const [key, schema] of Object.entries(properties)) {
    if (!isRecord(schema)) return fail(key);
    found.push({ key, schema, required: required.includes(key) });
  }
  for (const entry of allOf) {
    const conditional = readConditional(entry);
    if (!conditional) return fail('allOf');
    if (found.some((f) => f.key === conditional.key)) return fail(conditional.key);
    found.push(conditional);
  }
  if (required.some((k) => !(k in properties))) return fail('required');

  const keys = found.map((f) => f.key);
  const uiKeys = Object.keys(ui).filter((k) => !k.startsWith('ui:'));
  const unknownUi = uiKeys.find((k) => !keys.includes(k));
  if (unknownUi) return fail(unknownUi);
  const rootUi = Object.keys(ui).find((k) => k.startsWith('ui:') && k !== 'ui:order');
  if (rootUi) return fail(rootUi);
  const order = ui['ui:order'];
  if (order !== undefined && !isStringArray(order)) return fail('ui:order');

  const entries = found.map(({ key, schema, required: req, shownFor }): BuilderEntry => {
    const fieldUi = isRecord(ui[key]) ? ui[key] : undefined;
    if ((BUILTIN_KEYS as readonly string[]).includes(key) && !shownFor && schema.type === 'string') {
      return { kind: 'builtin', id: newEntryId(), key: key as BuiltinKey, label: typeof schema.title === 'string' ? schema.title : key, required: key === 'decision' || req, schema, ...(fieldUi ? { ui: fieldUi } : {}) };
    }
    return readField(key, schema, fieldUi, req, shownFor) ?? { kind: 'kept', id: newEntryId(), key, required: req, schema, ...(fieldUi ? { ui: fieldUi } : {}), ...(shownFor ? { shownFor } : {}) };
  });
  const annotations = Object.fromEntries(ANNOTATIONS.filter((k) => k in decisionSchema).map((k) => [k, decisionSchema[k]]));
  return { entries: ordered(entries, order), annotations };
}

/** The entries in `ui:order`'s order; those it does not name where its `*` is, else at the end. */
function ordered(entries: BuilderEntry[], order: string[] | undefined): BuilderEntry[] {
  if (!order) return entries;
  const named = order.filter((k) => k === '*' || entries.some((e) => e.key === k));
  const rest = entries.filter((e) => !named.includes(e.key));
  return named.flatMap((k) => (k === '*' ? rest : entries.filter((e) => e.key === k))).concat(named.includes('*') ? [] : rest);
}

/** Whether `value` is the read-only outcome of {@link schemaToModel}. */
export function isUnrepresentable(value: FormModel | Unrepresentable): value is Unrepresentable {
  return 'unrepresentable' in value;
}
