// The binding round trip on the shipped processes: process variables -> work item (checked against
// the task type's evidence schema), decision -> process variables -> the flow the gateway takes.
import { describe, expect, it } from 'vitest';
import { evidenceViolations, shippedBpmn, shippedTaskType } from '../../test-support/shippedBpmn.js';
import { resolveJuelTemplate } from '../embedded/juelExpressions.js';
import type { DecisionOutput } from '../relay/routeCommand.js';
import { BindingCatalog, bindingKey, DEFAULT_INPUT_MAPPING, DEFAULT_OUTPUT_MAPPING } from './BindingCatalog.js';
import { readBpmn, type BpmnProcess } from './readBpmn.js';

const quoteVariables = {
  quoteId: 'Q-2026-000918',
  quoteVersion: 12,
  quoteRevision: 3,
  salesRepId: 'rita',
  customerName: 'Acme Manufacturing',
  customerTier: 'PLATINUM',
  totalAmount: 420000,
  currency: 'EUR',
  regulatoryRisk: true,
  requestedDiscountPercent: 32,
  standardLimitPercent: 25,
  marginImpactPercent: -4.2,
  pricingResultId: 'price-771',
  region: 'EMEA',
  productFamily: 'BROADBAND',
  slaReminderAfter: 'PT4H',
  slaEscalateAfter: 'PT8H',
};

const orderVariables = {
  orderId: 'ORD-2026-004411',
  orderVersion: 7,
  orderStatus: 'IN_PROGRESS',
  customerImpacting: true,
  region: 'EMEA',
  orderLines: [{ sku: 'ONT-G2', quantity: 3, warehouse: 'FRA-2' }],
  reservationOutcome: 'UNKNOWN',
  reservationCorrelationId: 'inv-req-119',
  reservationRequestSentAt: '2026-07-02T10:15:00Z',
  reservationTimeoutAt: '2026-07-02T10:15:30Z',
  reservationRequestSummary: 'RESERVE 3 x ONT-G2 at warehouse FRA-2',
  cancellationRequested: false,
};

const catalog = await BindingCatalog.fromBpmn([shippedBpmn('quote-approval'), shippedBpmn('order-fulfilment')]);
const models = new Map<string, BpmnProcess>();
for (const id of ['quote-approval', 'order-fulfilment'] as const) {
  const read = await readBpmn(shippedBpmn(id));
  if (read.ok) for (const p of read.processes) models.set(p.id, p);
}

/** The flows out of a gateway whose condition holds for the variables (the engine takes the first; the default when none). */
function flowsTaken(processId: string, gatewayId: string, variables: Record<string, unknown>): string[] {
  const process = models.get(processId)!;
  const gateway = process.nodes.get(gatewayId)!;
  const taken = gateway.outgoing.filter((id) => {
    const condition = process.flows.get(id)!.condition;
    return condition !== undefined && resolveJuelTemplate(condition, variables) === true;
  });
  return taken.length ? taken : [gateway.defaultFlowId!];
}

function decisionOf(taskType: string, version: number, code: string): DecisionOutput {
  const option = shippedTaskType(taskType, version).decisionOptions.find((o) => o.code === code)!;
  return { workItemId: 'wi-1', taskType, decisionId: 'dec-1', decision: code, reasonCode: 'REASON', comment: null, decidedBy: 'dana', outcome: option.outcome ?? {} };
}

describe('BindingCatalog over the shipped processes', () => {
  it('holds the three bound user tasks', () => {
    expect(catalog.list().map((t) => t.key)).toEqual(['quote-approval/approve-discount', 'order-fulfilment/resolve-reservation-unknown', 'order-fulfilment/inventory-ops-review']);
    expect(catalog.get('quote-approval', 'approve-discount')?.input.kind).toBe('expression');
    expect(catalog.get('quote-approval', 'nope')).toBeUndefined();
  });

  it('routes a discount above the standard limit to approval, one within it past approval', () => {
    expect(flowsTaken('quote-approval', 'discount-threshold', quoteVariables)).toEqual(['flow-approval-needed']);
    expect(flowsTaken('quote-approval', 'discount-threshold', { ...quoteVariables, requestedDiscountPercent: 20 })).toEqual(['flow-within-limit']);
  });

  it('maps the quote variables to a DISCOUNT_APPROVAL work item whose evidence passes the evidence schema', async () => {
    const request = await catalog.workItemRequest('quote-approval', 'approve-discount', quoteVariables);
    expect(request).toEqual({
      taskType: 'DISCOUNT_APPROVAL',
      title: 'Approve 32% discount on Q-2026-000918',
      businessObject: { type: 'QUOTE', id: 'Q-2026-000918', version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000, currency: 'EUR', customerTier: 'PLATINUM', regulatoryRisk: true } },
      evidence: { quoteId: 'Q-2026-000918', quoteRevision: 3, customerName: 'Acme Manufacturing', requestedDiscountPercent: 32, standardLimitPercent: 25, marginImpactPercent: -4.2, pricingResultId: 'price-771' },
      requestedBy: 'rita',
      region: 'EMEA',
      productFamily: 'BROADBAND',
    });
    expect(evidenceViolations(shippedTaskType('DISCOUNT_APPROVAL', 2), request.evidence)).toEqual([]);
  });

  it.each([
    ['APPROVE', 'APPROVED', 'flow-approved'],
    ['REJECT', 'REJECTED', 'flow-rejected'],
    ['REQUEST_REPRICE', 'REPRICE_REQUESTED', 'flow-reprice-requested'],
    ['ESCALATE', 'ESCALATED', 'flow-escalated'],
  ])('maps the decision %s to the variables the decision gateway routes on', async (code, approvalStatus, flow) => {
    const variables = await catalog.outputVariables('quote-approval', 'approve-discount', decisionOf('DISCOUNT_APPROVAL', 2, code));
    expect(variables).toEqual({ decision: code, approvalStatus, approvalReasonCode: 'REASON', approvalComment: null, approvalDecidedBy: 'dana', approvalWorkItemId: 'wi-1' });
    expect(flowsTaken('quote-approval', 'approval-decision', { ...quoteVariables, ...variables })).toEqual([flow]);
  });

  it('reads its SLA timers from the start variables', () => {
    const timers = models.get('quote-approval')!.timers;
    expect(timers.map((t) => [t.eventId, t.interrupting, resolveJuelTemplate(t.expression, quoteVariables)])).toEqual([
      ['sla-reminder', false, 'PT4H'],
      ['sla-escalation', true, 'PT8H'],
    ]);
  });

  it('sends an UNKNOWN reservation outcome to the fallout task, a CONFIRMED one to fulfilment', () => {
    expect(flowsTaken('order-fulfilment', 'reservation-outcome', orderVariables)).toEqual(['flow-reservation-unknown']);
    expect(flowsTaken('order-fulfilment', 'reservation-outcome', { ...orderVariables, reservationOutcome: 'CONFIRMED' })).toEqual(['flow-reservation-confirmed']);
    expect(flowsTaken('order-fulfilment', 'reservation-outcome', { ...orderVariables, reservationOutcome: 'REJECTED' })).toEqual(['flow-reservation-rejected']);
  });

  it('maps the order variables to an INVENTORY_RESERVATION_UNKNOWN_OUTCOME work item whose evidence passes the evidence schema', async () => {
    const request = await catalog.workItemRequest('order-fulfilment', 'resolve-reservation-unknown', orderVariables);
    expect(request).toEqual({
      taskType: 'INVENTORY_RESERVATION_UNKNOWN_OUTCOME',
      businessObject: { type: 'ORDER', id: 'ORD-2026-004411', version: 7, snapshot: { customerImpacting: true } },
      evidence: {
        orderId: 'ORD-2026-004411',
        orderVersion: 7,
        orderStatus: 'IN_PROGRESS',
        step: 'RESERVE_INVENTORY',
        externalSystem: 'INV-CORE',
        correlationId: 'inv-req-119',
        requestSentAt: '2026-07-02T10:15:00Z',
        timeoutAt: '2026-07-02T10:15:30Z',
        lastOutcome: 'TIMEOUT_OUTCOME_UNKNOWN',
        lastRequestSummary: 'RESERVE 3 x ONT-G2 at warehouse FRA-2',
        cancellationRequested: false,
        lines: [{ sku: 'ONT-G2', quantity: 3, warehouse: 'FRA-2' }],
        reconciliation: { status: 'NOT_STARTED' },
      },
      region: 'EMEA',
    });
    expect(evidenceViolations(shippedTaskType('INVENTORY_RESERVATION_UNKNOWN_OUTCOME', 2), request.evidence)).toEqual([]);
  });

  it('takes a reconciliation result from the variables when there is one', async () => {
    const reconciliation = { status: 'COMPLETED', queriedAt: '2026-07-02T10:40:00Z', result: 'FOUND', externalReference: 'RSV-88213' };
    const request = await catalog.workItemRequest('order-fulfilment', 'resolve-reservation-unknown', { ...orderVariables, reconciliation });
    expect(request.evidence.reconciliation).toEqual(reconciliation);
    expect(evidenceViolations(shippedTaskType('INVENTORY_RESERVATION_UNKNOWN_OUTCOME', 2), request.evidence)).toEqual([]);
  });

  it.each([
    ['CONFIRM_RESERVED', { stepResult: 'SUCCEEDED', retryReservation: false }, 'flow-confirm-reserved'],
    ['MARK_NO_EFFECT_AND_RETRY', { stepResult: 'NO_EFFECT', retryReservation: true }, 'flow-retry-reservation'],
    ['RELEASE_RESERVATION', { stepResult: 'RELEASED', retryReservation: false }, 'flow-compensate'],
    ['MARK_NO_EFFECT_AND_STOP', { stepResult: 'NO_EFFECT', retryReservation: false }, 'flow-compensate'],
    ['ESCALATE_TO_INVENTORY_OPS', { stepResult: 'ESCALATED', retryReservation: false }, 'flow-escalate-to-ops'],
  ])('maps the fallout decision %s to the variables the resolution gateway routes on', async (code, expected, flow) => {
    const variables = await catalog.outputVariables('order-fulfilment', 'resolve-reservation-unknown', decisionOf('INVENTORY_RESERVATION_UNKNOWN_OUTCOME', 2, code));
    expect(variables).toEqual({ decision: code, ...expected, falloutReasonCode: 'REASON', falloutComment: null, falloutDecidedBy: 'dana', falloutWorkItemId: 'wi-1' });
    expect(flowsTaken('order-fulfilment', 'fallout-decision', { ...orderVariables, ...variables })).toEqual([flow]);
  });

  it('creates the inline-bound escalation with its own title and candidate groups, and the escalation note as evidence', async () => {
    const escalated = { ...orderVariables, decision: 'ESCALATE_TO_INVENTORY_OPS', falloutComment: 'INV-CORE reconciliation query times out' };
    const request = await catalog.workItemRequest('order-fulfilment', 'inventory-ops-review', escalated);
    expect(request).toMatchObject({ taskType: 'INVENTORY_RESERVATION_UNKNOWN_OUTCOME', title: 'Reconcile reservation (inventory operations)', candidateGroups: ['inventory-operations'] });
    expect(request.evidence.internalNotes).toBe('INV-CORE reconciliation query times out');
    expect(evidenceViolations(shippedTaskType('INVENTORY_RESERVATION_UNKNOWN_OUTCOME', 2), request.evidence)).toEqual([]);
    expect(catalog.get('order-fulfilment', 'inventory-ops-review')!.binding).toMatchObject({ kind: 'inline', expiresIn: 'PT4H' });
    const withoutNote = await catalog.workItemRequest('order-fulfilment', 'inventory-ops-review', { ...escalated, falloutComment: null });
    expect(withoutNote.evidence).not.toHaveProperty('internalNotes');
  });

  it('refuses variables that make no work item, naming every problem', async () => {
    const { quoteVersion: _v, ...withoutVersion } = quoteVariables;
    await expect(catalog.workItemRequest('quote-approval', 'approve-discount', { ...withoutVersion, quoteId: '' })).rejects.toMatchObject({
      code: 'MAPPING_RESULT',
      message: "the input mapping's result is not a work item for DISCOUNT_APPROVAL: businessObject.id must be a string of 1 to 120 characters (got \"\"); businessObject.version must be an integer >= 0 (got nothing)",
    });
  });

  it('refuses an activity without a binding', async () => {
    await expect(catalog.workItemRequest('quote-approval', 'reprice-quote', quoteVariables)).rejects.toMatchObject({ code: 'BPMN_UNBOUND_USER_TASK' });
  });
});

/** A one-user-task process `p` with the given task. */
function processWith(userTask: string): string {
  return `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">${userTask}</bpmn:process>
</bpmn:definitions>`;
}

describe('BindingCatalog', () => {
  const bare = processWith('<bpmn:userTask id="approve" camunda:formKey="mandate:DISCOUNT_APPROVAL" />');

  it('uses the default mappings when the BPMN gives none', async () => {
    const defaults = await BindingCatalog.fromBpmn([bare]);
    expect(defaults.get('p', 'approve')!.input.source).toBe(DEFAULT_INPUT_MAPPING);
    expect(defaults.get('p', 'approve')!.output.source).toBe(DEFAULT_OUTPUT_MAPPING);
    const businessObject = { type: 'QUOTE', id: 'Q-1', version: 1 };
    expect(await defaults.workItemRequest('p', 'approve', { businessObject, evidence: { quoteId: 'Q-1' }, other: 1 })).toEqual({ taskType: 'DISCOUNT_APPROVAL', businessObject, evidence: { quoteId: 'Q-1' } });
    expect(await defaults.outputVariables('p', 'approve', decisionOf('DISCOUNT_APPROVAL', 2, 'APPROVE'))).toEqual({ approvalStatus: 'APPROVED', decision: 'APPROVE', reasonCode: 'REASON' });
  });

  it('takes mapping functions registered by binding key', async () => {
    const coded = await BindingCatalog.fromBpmn([bare], {
      functions: {
        [bindingKey('p', 'approve')]: {
          input: (v) => ({ businessObject: { type: 'QUOTE', id: v.quoteId, version: v.quoteVersion }, evidence: { quoteId: v.quoteId } }),
          output: (d) => ({ approved: d.decision === 'APPROVE' }),
        },
      },
    });
    expect(coded.get('p', 'approve')!.input).toMatchObject({ kind: 'function', source: 'function p/approve input' });
    expect(await coded.workItemRequest('p', 'approve', { quoteId: 'Q-1', quoteVersion: 4 })).toMatchObject({ businessObject: { id: 'Q-1', version: 4 } });
    expect(await coded.outputVariables('p', 'approve', decisionOf('DISCOUNT_APPROVAL', 2, 'REJECT'))).toEqual({ approved: false });
  });

  it('refuses a function for a task that has an expression, or for no task', async () => {
    await expect(BindingCatalog.fromBpmn([shippedBpmn('quote-approval')], { functions: { 'quote-approval/approve-discount': { output: () => ({}) } } })).rejects.toThrow(
      'user task quote-approval/approve-discount has both mandate.outputMapping and a mapping function; keep one',
    );
    await expect(BindingCatalog.fromBpmn([bare], { functions: { 'p/aprove': { input: () => ({}) } } })).rejects.toThrow('mapping functions for p/aprove, which no bound user task has');
  });

  it('refuses an unbound user task, a process given twice and a mapping that does not parse', async () => {
    await expect(BindingCatalog.fromBpmn([processWith('<bpmn:userTask id="t" />')])).rejects.toMatchObject({ code: 'BPMN_UNBOUND_USER_TASK', message: expect.stringMatching(/^user task p\/t has no Mandate binding/) as string });
    await expect(BindingCatalog.fromBpmn([bare, bare])).rejects.toMatchObject({ code: 'BPMN_DUPLICATE_PROCESS' });
    const broken = processWith(`<bpmn:userTask id="approve" camunda:formKey="mandate:DISCOUNT_APPROVAL"><bpmn:extensionElements><camunda:properties>
      <camunda:property name="mandate.outputMapping" value="{ 'decision': decision, }" /></camunda:properties></bpmn:extensionElements></bpmn:userTask>`);
    await expect(BindingCatalog.fromBpmn([broken])).rejects.toMatchObject({
      code: 'MAPPING_SYNTAX',
      message: 'user task p/approve: mandate.outputMapping does not parse at line 1, column 25: The symbol "}" cannot be used as a unary operator (JSONata S0211)',
    });
  });
});
