/**
 * Every finding code `mandate bpmn lint` can report, with what it means. Codes are stable: tools
 * and tests match on them, so a code is never renamed or reused for another meaning.
 */
export const BPMN_FINDING_CODES = {
  BPMN_XML_INVALID: 'The file is not well-formed BPMN 2.0 XML: it does not parse, has an unknown element or attribute, or refers to an id it does not define.',
  BPMN_DUPLICATE_PROCESS: 'Two files define the same process id.',
  BPMN_PROCESS_NOT_EXECUTABLE: 'A process is not isExecutable="true", so no engine runs it (warning).',
  BPMN_BINDING_INVALID: 'A binding is malformed: a mandate: form key that is not mandate:ID or mandate:ID@N, template and inline at once, an unknown mandate.* property, a bad expiresIn or candidate group.',
  BPMN_UNBOUND_USER_TASK: 'A user task binds to no task type: nothing in Mandate decides it.',
  BPMN_UNKNOWN_TASK_TYPE: 'A binding names a task type, or a pinned version, that does not exist.',
  BPMN_TASK_TYPE_NOT_PUBLISHED: 'A binding pins a version that is not published, or the task type has no published version.',
  BPMN_MAPPING_INVALID: 'An input or output mapping is not valid JSONata; the finding points at the offending token.',
  BPMN_MAPPING_MISMATCH: "An input mapping cannot produce the task type's work item: an unknown key, another business object type, a required evidence field missing.",
  BPMN_UNKNOWN_DECISION: "A gateway after a user task compares the decision with a code the task type's decision options do not have.",
  BPMN_UNKNOWN_OUTCOME: "A gateway after a user task compares an outcome variable with a value no decision option's outcome has.",
  BPMN_DECISION_NOT_ROUTED: 'A gateway that routes on the decision has no flow for one of its codes and no default flow (warning).',
  BPMN_EXPRESSION_UNSUPPORTED: 'A condition or timer expression is outside the JUEL subset the embedded engine evaluates (warning: Camunda 7 may still run it).',
} as const;

/** A BPMN lint finding code. */
export type BpmnFindingCode = keyof typeof BPMN_FINDING_CODES;
