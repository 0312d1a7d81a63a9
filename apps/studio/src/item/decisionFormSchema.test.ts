import type { ActionAvailability } from '@mandate/client';
import { describe, expect, it } from 'vitest';
import { decisionFormSchema, formPayload } from './decisionFormSchema.js';

const decisionSchema = {
  type: 'object',
  required: ['decision', 'reasonCode'],
  properties: {
    decision: { type: 'string', title: 'Decision', enum: ['APPROVE', 'REJECT'] },
    reasonCode: { type: 'string', title: 'Reason' },
    comment: { type: 'string', title: 'Comment' },
  },
};
const options = [
  { code: 'APPROVE', label: 'Approve discount' },
  { code: 'REJECT', label: 'Reject discount' },
];
const reasons = [
  { code: 'STRATEGIC', label: 'Strategic', appliesTo: ['APPROVE'] },
  { code: 'PRICE_BOOK', label: 'Price book', appliesTo: ['APPROVE'], requiresSecondApproval: true },
  { code: 'MARGIN', label: 'Margin', appliesTo: ['REJECT'] },
  { code: 'WORKLOAD', label: 'Workload', appliesTo: ['REASSIGN'] },
];
const action = (code: string, enabled: boolean, requiredFields: string[]): ActionAvailability =>
  ({ code, label: code, kind: 'decision', enabled, failedChecks: enabled ? [] : ['FOUR_EYES_VIOLATION'], requiredFields, requiredAcknowledgements: [], requiresSecondApproval: false, secondApprovalReasonCodes: [], dangerous: false });

describe('decisionFormSchema', () => {
  it('labels decisions, greys disabled ones, offers the reasons of the chosen decision and requires its fields', () => {
    const { schema, uiSchema } = decisionFormSchema(decisionSchema, { decision: { 'ui:widget': 'radio' } }, options, reasons, [action('APPROVE', true, ['reasonCode', 'comment']), action('REJECT', false, ['reasonCode'])], 'APPROVE');
    const properties = schema.properties as Record<string, { oneOf?: unknown[] }>;
    expect(properties.decision!.oneOf).toEqual([
      { const: 'APPROVE', title: 'Approve discount' },
      { const: 'REJECT', title: 'Reject discount' },
    ]);
    expect(properties.reasonCode!.oneOf).toEqual([
      { const: 'STRATEGIC', title: 'Strategic' },
      { const: 'PRICE_BOOK', title: 'Price book (needs a second approval)' },
    ]);
    expect(schema.required).toEqual(['decision', 'reasonCode', 'comment']);
    expect(uiSchema.decision).toEqual({ 'ui:widget': 'radio', 'ui:enumDisabled': ['REJECT'] });
  });

  it('before a decision is chosen, offers the reasons of every decision and none that only a lifecycle action takes', () => {
    const { schema } = decisionFormSchema(decisionSchema, {}, options, reasons, [action('APPROVE', true, ['reasonCode']), action('REJECT', true, ['reasonCode'])], undefined);
    const properties = schema.properties as Record<string, { oneOf?: { const: string }[] }>;
    expect(properties.reasonCode!.oneOf!.map((o) => o.const)).toEqual(['STRATEGIC', 'PRICE_BOOK', 'MARGIN']);
  });

  it('sends only the task type form fields, without empty ones', () => {
    expect(formPayload(decisionSchema, { decision: 'APPROVE', reasonCode: 'STRATEGIC', comment: '', extra: 1 })).toEqual({ decision: 'APPROVE', reasonCode: 'STRATEGIC' });
  });
});
