import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_TYPES, newField, starterModel, type BuilderEntry, type BuilderField, type FormModel } from './builderModel.js';
import { modelToSchema } from './modelToSchema.js';
import { isUnrepresentable, schemaToModel } from './schemaToModel.js';

const CODES = ['APPROVE', 'REJECT', 'ESCALATE'];
const definitionsDir = join(import.meta.dirname, '../../../../../definitions/TaskType');

/** The model without ids (fresh on every read). */
const comparable = (model: FormModel) => ({ ...model, entries: model.entries.map(({ id: _id, ...rest }: BuilderEntry) => rest) });

function read(schema: unknown, ui: unknown): FormModel {
  const model = schemaToModel(schema, ui);
  if (isUnrepresentable(model)) throw new Error(`unrepresentable: ${model.detail}`);
  return model;
}

/** The starter form as a stored one reads: the decision offers the task type's codes. */
function starter(): BuilderEntry[] {
  return starterModel().entries.map((e) => (e.kind === 'builtin' && e.key === 'decision' ? { ...e, schema: { ...e.schema, enum: CODES } } : e));
}

/** A field of every type with every option it has set, as a stored schema would give it back. */
function everyField(): BuilderField[] {
  const fields = FIELD_TYPES.map((type) => ({ ...newField(type, `${type}Field`, `A ${type} field`), keyFixed: true, help: `Help for ${type}` }));
  const byType = Object.fromEntries(fields.map((f) => [f.type, f])) as Record<string, BuilderField>;
  Object.assign(byType.text!, { maxLength: 120, required: true });
  Object.assign(byType.number!, { wholeNumber: true, minimum: 1, maximum: 90 });
  Object.assign(byType.money!, { currency: 'USD', maximum: 10000 });
  Object.assign(byType.percent!, { minimum: 0, maximum: 25, shownFor: ['APPROVE'] });
  Object.assign(byType.choice!, { options: [{ value: 'PHONE', label: 'By phone' }, { value: 'EMAIL', label: 'By e-mail' }], display: 'buttons', shownFor: ['REJECT', 'ESCALATE'], required: true });
  Object.assign(byType.yesNo!, { display: 'checkbox' });
  const multiple = { ...newField('choice', 'conditions', 'Conditions'), keyFixed: true, multiple: true, display: undefined, required: true, options: [{ value: 'PREPAYMENT', label: 'PREPAYMENT' }, { value: 'LETTER_OF_CREDIT', label: 'LETTER_OF_CREDIT' }] };
  const noHelp = { ...newField('longText', 'detail', 'Detail'), keyFixed: true, shownFor: ['REJECT'] };
  return [...fields, multiple, noHelp];
}

describe('modelToSchema / schemaToModel', () => {
  it('every field type, with its options, visibility and required flag, comes back as it went in', () => {
    const model: FormModel = { annotations: {}, entries: [...starter(), ...everyField()] };
    const { decisionSchema, uiSchema } = modelToSchema(model, CODES);
    const back = read(decisionSchema, uiSchema);
    expect(comparable(back)).toEqual(comparable(model));
    // Written again, the very same schema: nothing drifts from save to save.
    expect(modelToSchema(back, CODES)).toEqual({ decisionSchema, uiSchema });
  });

  it('writes what the runtime and the case worker form read: units in titles, conditions per decision, the decision codes', () => {
    const model: FormModel = { annotations: {}, entries: [...starter(), ...everyField()] };
    const { decisionSchema, uiSchema } = modelToSchema(model, CODES);
    const properties = decisionSchema.properties as Record<string, Record<string, unknown>>;
    expect(properties.decision).toEqual({ type: 'string', title: 'Decision', enum: CODES });
    expect(properties.moneyField).toMatchObject({ type: 'number', title: 'A money field (USD)', minimum: 0, maximum: 10000 });
    expect(properties.acknowledgementField).toMatchObject({ type: 'boolean', const: true });
    expect(decisionSchema.required).toEqual(['decision', 'reasonCode', 'textField', 'acknowledgementField', 'conditions']);
    expect(properties.detail).toBeUndefined();
    expect(decisionSchema.allOf).toContainEqual({
      if: { properties: { decision: { enum: ['REJECT'] } }, required: ['decision'] },
      then: { properties: { detail: { type: 'string', title: 'Detail', maxLength: 2000 } } },
    });
    expect(uiSchema['ui:order']).toEqual(model.entries.map((e) => e.key));
    expect(uiSchema.detail).toEqual({ 'ui:widget': 'textarea' });
    expect(uiSchema.yesNoField).toBeUndefined();
  });

  it('keeps visibility codes that are no decision option any more, rather than show the field for every decision', () => {
    const field = { ...newField('date', 'effectiveDate', 'Effective date'), required: true, shownFor: ['REJECT', 'GONE'] };
    const { decisionSchema } = modelToSchema({ annotations: {}, entries: [field] }, CODES);
    expect(decisionSchema.required).toBeUndefined();
    expect(decisionSchema.allOf).toEqual([{ if: { properties: { decision: { enum: ['REJECT', 'GONE'] } }, required: ['decision'] }, then: { properties: { effectiveDate: { type: 'string', title: 'Effective date', format: 'date' } }, required: ['effectiveDate'] } }]);
  });

  it('reads every shipped task type and writes back exactly what it read', () => {
    const files = readdirSync(definitionsDir).flatMap((id) => readdirSync(join(definitionsDir, id)).map((v) => join(definitionsDir, id, v)));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const taskType = JSON.parse(readFileSync(file, 'utf8')) as { decisionSchema: unknown; uiSchema?: unknown; decisionOptions: { code: string }[] };
      const model = read(taskType.decisionSchema, taskType.uiSchema);
      const written = modelToSchema(model, taskType.decisionOptions.map((o) => o.code));
      expect(written.decisionSchema, file).toEqual(taskType.decisionSchema);
      expect(written.uiSchema, file).toEqual(taskType.uiSchema);
    }
  });

  it('shows the shipped fields as the builder fields they are; what it cannot edit is kept as authored', () => {
    const discount = JSON.parse(readFileSync(join(definitionsDir, 'DISCOUNT_APPROVAL/v3.json'), 'utf8')) as { decisionSchema: unknown; uiSchema: unknown };
    const model = read(discount.decisionSchema, discount.uiSchema);
    expect(model.entries.map((e) => [e.kind, e.key, e.kind === 'field' ? e.type : undefined])).toEqual([
      ['builtin', 'decision', undefined],
      ['builtin', 'reasonCode', undefined],
      ['builtin', 'comment', undefined],
      ['field', 'evidenceAcknowledgement', 'yesNo'],
    ]);
    const price = JSON.parse(readFileSync(join(definitionsDir, 'PRICE_OVERRIDE_APPROVAL/v2.json'), 'utf8')) as { decisionSchema: unknown; uiSchema: unknown };
    const days = read(price.decisionSchema, price.uiSchema).entries.find((e) => e.key === 'approvalValidityDays');
    expect(days?.kind).toBe('kept');
  });

  it('a form with structure the builder does not know is unrepresentable, naming what it met', () => {
    expect(schemaToModel({ type: 'object', properties: {}, oneOf: [] }, {})).toEqual({ unrepresentable: true, detail: 'oneOf' });
    expect(schemaToModel({ type: 'object', properties: {}, allOf: [{ if: { properties: { amount: { minimum: 5 } } }, then: { required: ['x'] } }] }, {})).toEqual({ unrepresentable: true, detail: 'allOf' });
    expect(schemaToModel({ type: 'object', properties: { a: { type: 'string' } } }, { b: {} })).toEqual({ unrepresentable: true, detail: 'b' });
    expect(schemaToModel({ type: 'array' }, {})).toEqual({ unrepresentable: true, detail: 'type' });
  });

  it('orders by ui:order, with its wildcard', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' } } };
    expect(read(schema, { 'ui:order': ['c', '*', 'a'] }).entries.map((e) => e.key)).toEqual(['c', 'b', 'a']);
    expect(read(schema, { 'ui:order': ['b'] }).entries.map((e) => e.key)).toEqual(['b', 'a', 'c']);
  });
});
