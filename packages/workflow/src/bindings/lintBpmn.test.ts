import type { TaskType } from '@mandate/definitions';
import { describe, expect, it } from 'vitest';
import { shippedBpmn, shippedTaskType, shippedTaskTypes } from '../../test-support/shippedBpmn.js';
import { BPMN_FINDING_CODES } from './bpmnFindingCodes.js';
import { formatBpmnFinding, lintBpmn, type BpmnFinding } from './lintBpmn.js';
import { XmlLocator } from './xmlLocation.js';

const taskTypes = shippedTaskTypes();

/** A process `p` with a start, one user task `approve` and a decision gateway `decided` with the given flows. */
function approvalProcess(options: { task?: string; flows?: { id: string; condition?: string }[]; gatewayDefault?: string; executable?: boolean } = {}): string {
  const flows = options.flows ?? [{ id: 'approved', condition: "${decision == 'APPROVE'}" }];
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="https://mandate.dev/test">
  <bpmn:process id="p" isExecutable="${String(options.executable ?? true)}">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="to-approve" sourceRef="start" targetRef="approve" />
    ${options.task ?? '<bpmn:userTask id="approve" camunda:formKey="mandate:DISCOUNT_APPROVAL" />'}
    <bpmn:sequenceFlow id="to-decided" sourceRef="approve" targetRef="decided" />
    <bpmn:exclusiveGateway id="decided"${options.gatewayDefault ? ` default="${options.gatewayDefault}"` : ''} />
    ${flows.map((f) => `<bpmn:sequenceFlow id="${f.id}" sourceRef="decided" targetRef="end">${f.condition ? `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${f.condition.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</bpmn:conditionExpression>` : ''}</bpmn:sequenceFlow>`).join('\n    ')}
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

async function lint(text: string, types: readonly TaskType[] = taskTypes): Promise<BpmnFinding[]> {
  return (await lintBpmn([{ file: 'p.bpmn', text }], types)).findings;
}

/** The text a finding points at. */
function textAt(text: string, finding: BpmnFinding): string {
  const line = text.split('\n')[finding.line! - 1]!;
  return line.slice(finding.column! - 1);
}

describe('lintBpmn', () => {
  it('finds nothing in the shipped processes', async () => {
    const result = await lintBpmn(
      (['quote-approval', 'order-fulfilment'] as const).map((id) => ({ file: `bpmn/${id}.bpmn`, text: shippedBpmn(id) })),
      taskTypes,
    );
    expect(result).toEqual({ findings: [], processes: 2, userTasks: 3, ok: true });
  });

  it('places a finding at the element id and formats it like a compiler error', async () => {
    const text = approvalProcess({ task: '<bpmn:userTask id="approve" name="Approve" />' });
    const [finding, ...rest] = await lint(text);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ code: 'BPMN_UNBOUND_USER_TASK', severity: 'error', processId: 'p', elementId: 'approve', line: 6, column: 20 });
    expect(textAt(text, finding!)).toMatch(/^id="approve"/);
    expect(formatBpmnFinding(finding!)).toBe(
      'p.bpmn:6:20 error BPMN_UNBOUND_USER_TASK user task approve "Approve" binds to no task type: set camunda:formKey="mandate:TASK_TYPE" (template) or the property mandate.taskType (inline) (at approve)',
    );
  });

  it('reports an unknown task type, an unknown pinned version and an unpublished one', async () => {
    expect((await lint(approvalProcess({ task: '<bpmn:userTask id="approve" camunda:formKey="mandate:DISCOUNT_APPROVL" />' }))).map((f) => [f.code, f.message])).toEqual([
      ['BPMN_UNKNOWN_TASK_TYPE', 'user task approve: task type DISCOUNT_APPROVL does not exist'],
    ]);
    expect((await lint(approvalProcess({ task: '<bpmn:userTask id="approve" camunda:formKey="mandate:DISCOUNT_APPROVAL@4" />' }))).map((f) => f.message)).toEqual([
      'user task approve: task type DISCOUNT_APPROVAL@4 does not exist; known versions: DISCOUNT_APPROVAL@1 (published), DISCOUNT_APPROVAL@2 (published), DISCOUNT_APPROVAL@3 (published)',
    ]);
    const draft = { ...shippedTaskType('DISCOUNT_APPROVAL', 3), version: 4, status: 'draft' } as TaskType;
    expect((await lint(approvalProcess({ task: '<bpmn:userTask id="approve" camunda:formKey="mandate:DISCOUNT_APPROVAL@4" />' }), [...taskTypes, draft])).map((f) => [f.code, f.message])).toEqual([
      ['BPMN_TASK_TYPE_NOT_PUBLISHED', 'user task approve: task type DISCOUNT_APPROVAL@4 is draft, not published'],
    ]);
    const onlyDrafts = taskTypes.filter((t) => t.id !== 'DISCOUNT_APPROVAL').concat(draft);
    expect((await lint(approvalProcess(), onlyDrafts)).map((f) => f.message)).toEqual(['user task approve: task type DISCOUNT_APPROVAL has no published version; known versions: DISCOUNT_APPROVAL@4 (draft)']);
  });

  it('reports a mapping that does not parse at the offending token in the file, through entity escapes', async () => {
    const text = approvalProcess({
      task: `<bpmn:userTask id="approve" camunda:formKey="mandate:DISCOUNT_APPROVAL">
      <bpmn:extensionElements><camunda:properties>
        <camunda:property name="mandate.outputMapping" value="{
          'note': decision &amp; ' by ' &amp; decidedBy,
          'status': outcome.approvalStatus,
        }" />
      </camunda:properties></bpmn:extensionElements>
    </bpmn:userTask>`,
    });
    const [finding, ...rest] = await lint(text);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ code: 'BPMN_MAPPING_INVALID', elementId: 'approve', line: 11, column: 9 });
    expect(finding!.message).toBe('user task approve: mandate.outputMapping does not parse at line 4, column 9: The symbol "}" cannot be used as a unary operator (JSONata S0211)');
    expect(textAt(text, finding!)).toBe('}" />');
  });

  it('reports an input mapping that cannot produce the task type\'s work item', async () => {
    const text = approvalProcess({
      task: `<bpmn:userTask id="approve" camunda:formKey="mandate:DISCOUNT_APPROVAL">
      <bpmn:extensionElements><camunda:properties>
        <camunda:property name="mandate.inputMapping" value="{ 'businessObject': { 'type': 'ORDER', 'id': quoteId, 'version': 1 }, 'evidence': { 'quoteId': quoteId }, 'priority': 'HIGH' }" />
      </camunda:properties></bpmn:extensionElements>
    </bpmn:userTask>`,
      gatewayDefault: 'approved',
    });
    const findings = await lint(text);
    expect(findings.map((f) => [f.code, f.message, textAt(text, f).slice(0, 12)])).toEqual([
      ['BPMN_MAPPING_MISMATCH', 'user task approve: mandate.inputMapping sets businessObject.type ORDER, but the task type is about QUOTE (DISCOUNT_APPROVAL@3)', "'type': 'ORD"],
      ['BPMN_MAPPING_MISMATCH', 'user task approve: mandate.inputMapping evidence lacks quoteRevision, requestedDiscountPercent, standardLimitPercent, required by the evidence schema (DISCOUNT_APPROVAL@3)', "'evidence': "],
      [
        'BPMN_MAPPING_MISMATCH',
        'user task approve: mandate.inputMapping produces key priority, which is not part of a work item (expected businessObject, evidence, title, requestedBy, region, productFamily, expiresAt) (DISCOUNT_APPROVAL@3)',
        "'priority': ",
      ],
    ]);
  });

  it('reports a gateway testing a decision code the task type does not have', async () => {
    const text = approvalProcess({
      flows: [
        { id: 'approved', condition: "${decision == 'APPROVED'}" },
        { id: 'other', condition: "${decision != 'APPROVE' && decision != 'REJECT'}" },
      ],
    });
    const findings = await lint(text);
    expect(findings.map((f) => [f.code, f.elementId, f.message])).toEqual([
      ['BPMN_DECISION_NOT_ROUTED', 'decided', 'gateway decided after user task approve has no flow for decision APPROVE, REJECT, REQUEST_REPRICE, ESCALATE of DISCOUNT_APPROVAL@3 and no default flow'],
      ['BPMN_UNKNOWN_DECISION', 'approved', "approved tests decision == 'APPROVED' after user task approve, but DISCOUNT_APPROVAL@3 has no decision APPROVED; its decisions: APPROVE, REJECT, REQUEST_REPRICE, ESCALATE"],
    ]);
    expect(textAt(text, findings[1]!)).toMatch(/^id="approved"/);
  });

  it('follows the output mapping: decision and outcome variables under other names, through a merging gateway', async () => {
    const text = approvalProcess({
      task: `<bpmn:userTask id="approve" camunda:formKey="mandate:DISCOUNT_APPROVAL">
      <bpmn:extensionElements><camunda:properties>
        <camunda:property name="mandate.outputMapping" value="{ 'approvalDecision': decision, 'status': outcome.approvalStatus }" />
      </camunda:properties></bpmn:extensionElements>
    </bpmn:userTask>`,
      flows: [
        { id: 'approved', condition: "${approvalDecision == 'APPROVE'}" },
        { id: 'rejected', condition: "${status == 'REJECT'}" },
        { id: 'other', condition: "${decision == 'ANYTHING'}" },
      ],
      gatewayDefault: 'other',
    }).replace('<bpmn:sequenceFlow id="to-decided" sourceRef="approve" targetRef="decided" />', '<bpmn:sequenceFlow id="to-merge" sourceRef="approve" targetRef="merge" /><bpmn:exclusiveGateway id="merge" /><bpmn:sequenceFlow id="to-decided" sourceRef="merge" targetRef="decided" />');
    expect((await lint(text)).map((f) => [f.code, f.message])).toEqual([
      ['BPMN_UNKNOWN_OUTCOME', "rejected tests status == 'REJECT' after user task approve, but no decision of DISCOUNT_APPROVAL@3 has outcome approvalStatus REJECT; its values: APPROVED, REJECTED, REPRICE_REQUESTED, ESCALATED"],
    ]);
  });

  it('checks outcome fields under their own names with the default output mapping', async () => {
    const text = approvalProcess({ flows: [{ id: 'approved', condition: "${approvalStatus == 'APPROVE'}" }], gatewayDefault: 'approved' });
    expect((await lint(text)).map((f) => f.code)).toEqual(['BPMN_UNKNOWN_OUTCOME']);
  });

  it('warns about expressions the embedded engine cannot evaluate and processes no engine runs', async () => {
    const text = approvalProcess({
      executable: false,
      flows: [
        { id: 'approved', condition: "${decision == 'APPROVE'}" },
        { id: 'method', condition: '${decision.startsWith("A")}' },
        { id: 'bare', condition: "decision == 'REJECT'" },
      ],
      gatewayDefault: 'approved',
    });
    const findings = await lint(text);
    expect(findings.map((f) => [f.code, f.severity, f.elementId])).toEqual([
      ['BPMN_PROCESS_NOT_EXECUTABLE', 'warning', 'p'],
      ['BPMN_EXPRESSION_UNSUPPORTED', 'warning', 'method'],
      ['BPMN_EXPRESSION_UNSUPPORTED', 'warning', 'bare'],
    ]);
    expect(findings[2]!.message).toBe('condition of bare "decision == \'REJECT\'": a condition must be one ${...} expression');
    expect((await lintBpmn([{ file: 'p.bpmn', text }], taskTypes)).ok).toBe(true);
  });

  it('reports broken XML with the parser\'s line and column, and a process defined twice', async () => {
    const broken = shippedBpmn('quote-approval').replace('<bpmn:task id="reprice-quote" name="Reprice quote in CPQ">', '<bpmn:task id="reprice-quote" name="Reprice quote in CPQ"');
    const [finding] = await lint(broken);
    expect(finding).toMatchObject({ code: 'BPMN_XML_INVALID', line: expect.any(Number) as number });
    const twice = await lintBpmn(
      [
        { file: 'a.bpmn', text: shippedBpmn('quote-approval') },
        { file: 'b.bpmn', text: shippedBpmn('quote-approval') },
      ],
      taskTypes,
    );
    expect(twice.findings.map((f) => [f.file, f.code, f.message])).toEqual([['b.bpmn', 'BPMN_DUPLICATE_PROCESS', 'process quote-approval is also defined in a.bpmn']]);
  });

  it('reports binding syntax problems at the user task', async () => {
    const findings = await lint(approvalProcess({ task: '<bpmn:userTask id="approve" camunda:formKey="mandate:DISCOUNT APPROVAL" />' }));
    expect(findings.map((f) => [f.code, f.elementId, f.line])).toEqual([['BPMN_BINDING_INVALID', 'approve', 6]]);
  });

  it('describes every code', () => {
    for (const [code, description] of Object.entries(BPMN_FINDING_CODES)) {
      expect(code).toMatch(/^BPMN_[A-Z_]+$/);
      expect(description.length).toBeGreaterThan(20);
    }
  });
});

describe('XmlLocator', () => {
  it('finds positions, ids and property values through entities', () => {
    const xml = 'a\n<t id="x">\n  <c:property name="mandate.inputMapping" value="1 &amp;&gt; 2" />\n</t>';
    const locator = new XmlLocator(xml);
    expect(locator.position(0)).toEqual({ line: 1, column: 1 });
    expect(locator.element('x')).toEqual({ line: 2, column: 4 });
    expect(locator.element('y')).toBeUndefined();
    const offset = locator.propertyValueOffset('x', 'mandate.inputMapping', 3)!;
    expect(xml.slice(offset)).toMatch(/^&gt; 2/);
    expect(locator.propertyValueOffset('x', 'mandate.outputMapping', 0)).toBeUndefined();
  });
});
