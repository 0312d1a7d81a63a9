import { describe, expect, it } from 'vitest';
import { shippedBpmn } from '../../test-support/shippedBpmn.js';
import { BpmnBindingError, parseBindings, parseTaskTypeRef, readBindings } from './parseBindings.js';

/** A one-user-task process around the given `<bpmn:userTask ...>...</bpmn:userTask>`. */
function processWith(userTask: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="https://mandate.dev/test">
  <bpmn:process id="p" name="Test" isExecutable="true">
    ${userTask}
  </bpmn:process>
</bpmn:definitions>`;
}

describe('parseBindings on the shipped processes', () => {
  it('reads quote-approval: one template-bound user task with both mappings', async () => {
    const [quote, ...rest] = await parseBindings(shippedBpmn('quote-approval'));
    expect(rest).toEqual([]);
    expect(quote).toMatchObject({ processId: 'quote-approval', name: 'Quote discount approval', isExecutable: true });
    expect(quote!.userTasks).toHaveLength(1);
    const [task] = quote!.userTasks;
    expect(task).toMatchObject({ processId: 'quote-approval', elementId: 'approve-discount', name: 'Approve discount override', binding: { kind: 'template', taskType: 'DISCOUNT_APPROVAL' } });
    expect(task!.binding).not.toHaveProperty('version');
    expect(task!.inputMapping).toContain("'businessObject'");
    expect(task!.outputMapping).toContain("'approvalStatus': outcome.approvalStatus");
  });

  it('reads order-fulfilment: a pinned template binding and an inline binding', async () => {
    const [order] = await parseBindings(shippedBpmn('order-fulfilment'));
    expect(order!.processId).toBe('order-fulfilment');
    expect(order!.userTasks.map((t) => [t.elementId, t.binding])).toEqual([
      ['resolve-reservation-unknown', { kind: 'template', taskType: 'INVENTORY_RESERVATION_UNKNOWN_OUTCOME', version: 3 }],
      [
        'inventory-ops-review',
        { kind: 'inline', taskType: 'INVENTORY_RESERVATION_UNKNOWN_OUTCOME', version: 3, title: 'Reconcile reservation (inventory operations)', candidateGroups: ['inventory-operations'], expiresIn: 'PT4H' },
      ],
    ]);
    for (const task of order!.userTasks) {
      expect(task.inputMapping).toContain("'step': 'RESERVE_INVENTORY'");
      expect(task.outputMapping).toContain("'stepResult': outcome.stepResult");
    }
  });
});

describe('parseBindings', () => {
  it('reads an inline binding with several candidate groups and no mappings', async () => {
    const [p] = await parseBindings(
      processWith(`<bpmn:userTask id="review" name="IRB ethics committee review" camunda:candidateGroups="ethics-committee, legal-review">
        <bpmn:extensionElements><camunda:properties>
          <camunda:property name="mandate.taskType" value="HIGH_RISK_QUOTE_REVIEW" />
          <camunda:property name="mandate.expiresIn" value="P3D" />
        </camunda:properties></bpmn:extensionElements>
      </bpmn:userTask>`),
    );
    expect(p!.userTasks[0]).toEqual({
      processId: 'p',
      elementId: 'review',
      name: 'IRB ethics committee review',
      binding: { kind: 'inline', taskType: 'HIGH_RISK_QUOTE_REVIEW', title: 'IRB ethics committee review', candidateGroups: ['ethics-committee', 'legal-review'], expiresIn: 'P3D' },
    });
  });

  it('reports a user task without a binding as unbound, and ignores other form keys and properties', async () => {
    const [p] = await parseBindings(
      processWith(`<bpmn:userTask id="manual" camunda:formKey="embedded:app:forms/manual.html">
        <bpmn:extensionElements><camunda:properties><camunda:property name="team" value="ops" /></camunda:properties></bpmn:extensionElements>
      </bpmn:userTask>`),
    );
    expect(p!.userTasks[0]!.binding).toEqual({ kind: 'unbound' });
  });

  it.each([
    ['mandate:discount_approval', /camunda:formKey "mandate:discount_approval" is not mandate:TASK_TYPE or mandate:TASK_TYPE@VERSION/],
    ['mandate:DISCOUNT_APPROVAL@v2', /is not mandate:TASK_TYPE or mandate:TASK_TYPE@VERSION/],
    ['mandate:DISCOUNT_APPROVAL@0', /is not mandate:TASK_TYPE or mandate:TASK_TYPE@VERSION/],
    ['mandate:', /is not mandate:TASK_TYPE/],
  ])('refuses the form key %s with a clear error naming the task', async (formKey, message) => {
    const error = await parseBindings(processWith(`<bpmn:userTask id="approve" camunda:formKey="${formKey}" />`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BpmnBindingError);
    expect(error).toMatchObject({ code: 'BPMN_BINDING_INVALID', message: expect.stringMatching(/^user task approve: /) });
    expect((error as Error).message).toMatch(message);
  });

  it('collects every problem of a malformed binding', async () => {
    const { issues, processes } = await readBindings(
      processWith(`<bpmn:userTask id="approve" camunda:formKey="mandate:DISCOUNT_APPROVAL" camunda:candidateGroups="Sales Managers">
        <bpmn:extensionElements><camunda:properties>
          <camunda:property name="mandate.taskType" value="DISCOUNT_APPROVAL" />
          <camunda:property name="mandate.expiresIn" value="8 hours" />
          <camunda:property name="mandate.inputMaping" value="{}" />
          <camunda:property name="mandate.outputMapping" value="  " />
        </camunda:properties></bpmn:extensionElements>
      </bpmn:userTask>`),
    );
    expect(issues.map((i) => i.message)).toEqual([
      'user task approve: unknown property mandate.inputMaping; expected one of mandate.taskType, mandate.expiresIn, mandate.inputMapping, mandate.outputMapping',
      'user task approve: property mandate.outputMapping is empty; remove it to use the default mapping',
      'user task approve: binds twice: camunda:formKey "mandate:DISCOUNT_APPROVAL" (template) and property mandate.taskType (inline); keep one',
      "user task approve: property mandate.expiresIn applies to inline bindings only; a template binding takes the task type's SLA",
    ]);
    expect(issues.every((i) => i.code === 'BPMN_BINDING_INVALID' && i.elementId === 'approve' && i.processId === 'p')).toBe(true);
    expect(processes[0]!.userTasks[0]!.binding).toEqual({ kind: 'template', taskType: 'DISCOUNT_APPROVAL' });
  });

  it('refuses an inline binding with a bad duration or group', async () => {
    const { issues } = await readBindings(
      processWith(`<bpmn:userTask id="review" camunda:candidateGroups="\${approvers}">
        <bpmn:extensionElements><camunda:properties>
          <camunda:property name="mandate.taskType" value="HIGH_RISK_QUOTE_REVIEW@1" />
          <camunda:property name="mandate.expiresIn" value="PT0M" />
        </camunda:properties></bpmn:extensionElements>
      </bpmn:userTask>`),
    );
    expect(issues.map((i) => i.message)).toEqual([
      'user task review: camunda:candidateGroups "${approvers}" is not a group name (lower-case letters, digits and dashes; no expressions)',
      'user task review: property mandate.expiresIn "PT0M" is not a positive ISO 8601 duration such as PT4H or P1DT4H',
    ]);
  });

  it('reads the roles that may start a process from mandate:starters, under whatever prefix the document gives the namespace', async () => {
    const [quote] = await parseBindings(shippedBpmn('quote-approval'));
    expect(quote!.starterRoles).toEqual(['SERVICE', 'SALES_REP', 'SALES_MANAGER', 'REGIONAL_SALES_DIRECTOR']);
    const declared = (attribute: string) =>
      processWith('<bpmn:startEvent id="s" />')
        .replace('xmlns:camunda=', 'xmlns:m="https://mandate.dev/schema/bpmn" xmlns:camunda=')
        .replace('isExecutable="true"', `isExecutable="true" ${attribute}`);
    expect((await parseBindings(declared('m:starters="SERVICE, OPERATIONS_LEAD"')))[0]!.starterRoles).toEqual(['SERVICE', 'OPERATIONS_LEAD']);
    // Undeclared: nobody may start it over the API.
    expect((await parseBindings(processWith('<bpmn:startEvent id="s" />')))[0]).not.toHaveProperty('starterRoles');
    const { issues } = await readBindings(declared('m:starters="SERVICE sales-reps"'));
    expect(issues.map((i) => [i.code, i.message])).toEqual([['BPMN_BINDING_INVALID', 'process p: mandate:starters "sales-reps" is not a role name (SCREAMING_SNAKE roles, separated by spaces or commas)']]);
  });

  it('refuses mappings without a task type', async () => {
    const error = await parseBindings(
      processWith(`<bpmn:userTask id="t"><bpmn:extensionElements><camunda:properties>
        <camunda:property name="mandate.outputMapping" value="{ 'decision': decision }" />
      </camunda:properties></bpmn:extensionElements></bpmn:userTask>`),
    ).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^user task t: has mandate\.\* properties but no task type/);
  });

  it('reports XML that does not parse with its line and column', async () => {
    const xml = shippedBpmn('quote-approval').replace('<bpmn:endEvent id="quote-rejected" name="Quote rejected">', '<bpmn:endEvent id="quote-rejected" name="Quote rejected>');
    const { issues } = await readBindings(xml);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'BPMN_XML_INVALID', line: expect.any(Number) as number, column: expect.any(Number) as number });
    await expect(parseBindings(xml)).rejects.toMatchObject({ code: 'BPMN_XML_INVALID', message: expect.stringMatching(/\(line \d+, column \d+\)$/) });
  });

  it('reports a reference to a missing element', async () => {
    const xml = shippedBpmn('quote-approval').replace('targetRef="quote-rejected"', 'targetRef="quote-refused"');
    const { issues } = await readBindings(xml);
    expect(issues).toEqual([{ code: 'BPMN_XML_INVALID', message: 'unresolved reference <quote-refused>', elementId: 'flow-rejected' }]);
  });

  it('parses task type references', () => {
    expect(parseTaskTypeRef('DISCOUNT_APPROVAL')).toEqual({ taskType: 'DISCOUNT_APPROVAL' });
    expect(parseTaskTypeRef('DISCOUNT_APPROVAL@12')).toEqual({ taskType: 'DISCOUNT_APPROVAL', version: 12 });
    expect(parseTaskTypeRef('DISCOUNT_APPROVAL@')).toBeUndefined();
    expect(parseTaskTypeRef('Discount')).toBeUndefined();
  });
});
