// The generated schema against the runtime's own validator (createAjv('authored'), as
// compilePolicy compiles a task type's decisionSchema) and against what the case worker's form
// shows (rjsf resolving the schema for the chosen decision): the two must agree.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAjv, lintDefinitionSet, type Definition } from '@mandate/definitions';
import { retrieveSchema } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { formValidator } from '../../forms/formValidator.js';
import { formPayload } from '../../item/decisionFormSchema.js';
import { newField, starterModel, type FormModel } from './builderModel.js';
import { modelToSchema } from './modelToSchema.js';

const CODES = ['APPROVE', 'REJECT'];
const model: FormModel = {
  annotations: {},
  entries: [
    ...starterModel().entries,
    { ...newField('money', 'creditAmount', 'Credit amount'), required: true },
    { ...newField('longText', 'reasonDetail', 'Reason detail'), required: true, shownFor: ['REJECT'] },
    newField('date', 'effectiveDate', 'Effective date'),
    newField('acknowledgement', 'customerInformed', 'The customer was informed'),
    { ...newField('percent', 'discount', 'Discount') },
  ],
};
const { decisionSchema } = modelToSchema(model, CODES);
const validate = createAjv('authored').compile(decisionSchema);
const errorsOf = (data: Record<string, unknown>) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.keyword}`));
const approve = { decision: 'APPROVE', reasonCode: 'STRATEGIC', creditAmount: 120.5, customerInformed: true };

describe('a generated decision schema on the runtime validator', () => {
  it('accepts a complete decision', () => {
    expect(errorsOf(approve)).toEqual([]);
    expect(errorsOf({ ...approve, decision: 'REJECT', reasonDetail: 'Over budget', effectiveDate: '2026-12-31', discount: 12.5 })).toEqual([]);
  });

  it('requires the required fields', () => {
    const { creditAmount: _c, ...withoutAmount } = approve;
    expect(errorsOf(withoutAmount)).toEqual(['/ required']);
  });

  it('requires a field shown only for Reject only when the decision is Reject', () => {
    expect(errorsOf({ ...approve, decision: 'REJECT' })).toEqual(['/ required', '/ if']);
    expect(errorsOf(approve)).toEqual([]);
  });

  it('an acknowledgement must be ticked: false or missing is refused', () => {
    expect(errorsOf({ ...approve, customerInformed: false })).toEqual(['/customerInformed const']);
    const { customerInformed: _a, ...withoutAck } = approve;
    expect(errorsOf(withoutAck)).toEqual(['/ required']);
  });

  it('holds a percent between 0 and 100, money at 0 or more, a date to the calendar', () => {
    expect(errorsOf({ ...approve, discount: 100 })).toEqual([]);
    expect(errorsOf({ ...approve, discount: 100.5 })).toEqual(['/discount maximum']);
    expect(errorsOf({ ...approve, discount: -1 })).toEqual(['/discount minimum']);
    expect(errorsOf({ ...approve, creditAmount: -0.01 })).toEqual(['/creditAmount minimum']);
    expect(errorsOf({ ...approve, effectiveDate: '2026-02-30' })).toEqual(['/effectiveDate format']);
  });
});

describe('the case worker form of a generated schema', () => {
  const shown = (data: Record<string, unknown>) => Object.keys((retrieveSchema(formValidator, decisionSchema, decisionSchema, data).properties ?? {}));
  const required = (data: Record<string, unknown>) => retrieveSchema(formValidator, decisionSchema, decisionSchema, data).required;

  it('shows the Reject-only field, required, exactly when the runtime requires it', () => {
    expect(shown({ decision: 'REJECT' })).toContain('reasonDetail');
    expect(required({ decision: 'REJECT' })).toContain('reasonDetail');
    expect(shown({ decision: 'APPROVE' })).not.toContain('reasonDetail');
    expect(shown({})).not.toContain('reasonDetail');
  });

  it('sends the fields shown for the decision, and not a hidden one typed before the decision changed', () => {
    expect(formPayload(decisionSchema, { ...approve, decision: 'REJECT', reasonDetail: 'Over budget' })).toMatchObject({ reasonDetail: 'Over budget' });
    expect(formPayload(decisionSchema, { ...approve, reasonDetail: 'Over budget' })).not.toHaveProperty('reasonDetail');
    expect(errorsOf(formPayload(decisionSchema, { ...approve, reasonDetail: 'typed under Reject' }))).toEqual([]);
  });
});

describe('the lint of a task type with a generated form', () => {
  it('takes the uiSchema of a field shown for some decisions only as a field of the form', () => {
    const file = join(import.meta.dirname, '../../../../../definitions/TaskType/DISCOUNT_APPROVAL/v3.json');
    const shipped = JSON.parse(readFileSync(file, 'utf8')) as Definition & { decisionOptions: { code: string }[] };
    const generated = modelToSchema(model, shipped.decisionOptions.map((o) => o.code));
    const findings = lintDefinitionSet([{ file, definition: { ...shipped, ...generated } }]).map((f) => f.code);
    expect(generated.uiSchema.reasonDetail).toEqual({ 'ui:widget': 'textarea' });
    expect(findings).not.toContain('UI_SCHEMA_UNKNOWN_FIELD');
    const misspelt = lintDefinitionSet([{ file, definition: { ...shipped, ...generated, uiSchema: { ...generated.uiSchema, reasonDetial: {} } } as Definition }]).map((f) => f.code);
    expect(misspelt).toContain('UI_SCHEMA_UNKNOWN_FIELD');
  });
});
