/**
 * JSON Schemas of every request the runtime takes: bodies, query strings and path parameters. The
 * runtime validates each request with them before anything else runs, the OpenAPI document
 * publishes them, and the request types (`CreateWorkItem`, `DecideCommand`, ...) are derived from
 * them.
 */
import { DEFINITION_KINDS, WORK_ITEM_STATES } from '@mandate/definitions';
import { candidateGroup, code, definitionId, definitionVersion, externalId, instantText, integerText, principalId, reference, versionText, workItemId } from './schemaParts.js';

/** A definition document; its schema and lint run in the service and come back as findings. */
const definitionContent = { type: 'object', maxProperties: 100 } as const;
const changeNote = { type: 'string', minLength: 1, maxLength: 2000 } as const;

/** The queue filters (state, groups, assignee, business object, region, product family, priority, overdue), as query text. */
export const queueFilter = {
  status: { enum: WORK_ITEM_STATES },
  taskType: code,
  assignee: reference,
  candidateGroup,
  businessObjectType: code,
  businessObjectId: externalId,
  region: { type: 'string', minLength: 1, maxLength: 40 },
  productFamily: { type: 'string', minLength: 1, maxLength: 80 },
  priorityMin: integerText,
  overdue: { enum: ['true', 'false'] },
} as const;

/** A business object reference with its version and, optionally, the facts the policy reads. */
export const businessObjectInput = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'id', 'version'],
  properties: {
    type: code,
    id: { type: 'string', minLength: 1, maxLength: 120 },
    version: { type: 'integer', minimum: 0, maximum: 2147483647 },
    revision: { type: 'integer', minimum: 0, maximum: 2147483647 },
    snapshot: { type: 'object', maxProperties: 100 },
  },
} as const;

/** Whose eyes a simulation looks through when it is not a person of the directory: roles, groups and region as a token would carry them. */
const simulatedPrincipal = {
  type: 'object',
  additionalProperties: false,
  required: ['roles', 'groups'],
  description: 'A principal as a token would describe them; the tenant is always the caller\'s.',
  properties: {
    id: { ...principalId, description: 'Who they are (four-eyes and assignee checks compare it); `simulated` when absent.' },
    roles: { type: 'array', maxItems: 50, uniqueItems: true, items: code, description: 'Roles, e.g. `SALES_REP`.' },
    groups: { type: 'array', maxItems: 50, uniqueItems: true, items: candidateGroup, description: 'Groups, e.g. `sales-reps`.' },
    region: { type: 'string', minLength: 1, maxLength: 40 },
  },
} as const;

/** A work item entered as facts: what the policy reads of an item, its business object and its evidence. */
const simulationSample = {
  type: 'object',
  additionalProperties: false,
  required: ['evidence'],
  description: 'A sample item. The task type is the simulated one for kind TaskType; for another kind, the task type (a published one referencing the definition) it is an item of.',
  properties: {
    taskType: { ...code, description: 'The task type of the sample; required unless the simulated kind is TaskType.' },
    taskTypeVersion: { ...definitionVersion, description: 'Its version; the one in effect now when absent.' },
    businessObject: {
      type: 'object',
      additionalProperties: false,
      description: "The business object (type: the task type's; id `SAMPLE`, version 1 when absent) and the facts the policy reads of it.",
      properties: {
        type: code,
        id: { type: 'string', minLength: 1, maxLength: 120 },
        version: { type: 'integer', minimum: 0, maximum: 2147483647 },
        revision: { type: 'integer', minimum: 0, maximum: 2147483647 },
        snapshot: { type: 'object', maxProperties: 100 },
      },
    },
    evidence: { type: 'object', maxProperties: 200, description: "Checked against the simulated side's task type evidence schema (422 EVIDENCE_INVALID)." },
    region: { type: 'string', minLength: 1, maxLength: 40 },
    productFamily: { type: 'string', minLength: 1, maxLength: 80 },
    candidateGroups: { type: 'array', maxItems: 50, uniqueItems: true, items: candidateGroup, description: "The task type's when absent." },
    state: { enum: WORK_ITEM_STATES, description: '`available` when absent.' },
    assignee: principalId,
    owner: principalId,
    requestedBy: principalId,
    delegatedTo: principalId,
    escalationLevel: { type: 'integer', minimum: 0, maximum: 10 },
    createdAt: { ...instantText, description: 'When the item was created (the SLA counts from it); now when absent.' },
  },
} as const;

/** The body of a simulation (see `requestSchemas.simulateDefinition`). */
const simulateDefinitionRequest = {
  type: 'object',
  additionalProperties: false,
  description: 'Exactly one of `workItemIds` and `sample`; exactly one of `asUser` and `asPrincipal`.',
  properties: {
    workItemIds: { type: 'array', minItems: 1, maxItems: 50, uniqueItems: true, items: workItemId, description: "Existing items of the caller's tenant (another tenant's are not found)." },
    sample: simulationSample,
    asUser: { ...principalId, description: "A person the identity's directory knows in the caller's tenant, e.g. `rita`." },
    asPrincipal: simulatedPrincipal,
  },
  allOf: [
    { oneOf: [{ required: ['workItemIds'], properties: { workItemIds: true } }, { required: ['sample'], properties: { sample: true } }] },
    { oneOf: [{ required: ['asUser'], properties: { asUser: true } }, { required: ['asPrincipal'], properties: { asPrincipal: true } }] },
  ],
} as const;

/** JSON Schemas of request bodies, query strings and path parameters, by name. */
export const requestSchemas = {
  createWorkItem: {
    type: 'object',
    additionalProperties: false,
    required: ['taskType', 'businessObject', 'evidence'],
    properties: {
      taskType: code,
      taskTypeVersion: { type: 'integer', minimum: 1, maximum: 100000 },
      title: { type: 'string', minLength: 1, maxLength: 200 },
      businessObject: businessObjectInput,
      evidence: { type: 'object', maxProperties: 200 },
      requestedBy: principalId,
      candidateGroups: { type: 'array', maxItems: 50, items: candidateGroup },
      region: { type: 'string', minLength: 1, maxLength: 40 },
      productFamily: { type: 'string', minLength: 1, maxLength: 80 },
      expiresAt: instantText,
      callerRef: {
        type: 'object',
        additionalProperties: false,
        required: ['engine', 'processKey', 'processInstanceId', 'activityId', 'taskId'],
        description: 'The workflow activation waiting for the decision; set only by a service (role SERVICE) or the workflow bridge, else 403 CALLER_REF_NOT_ALLOWED; one live item per activation and tenant, else 409 CALLER_REF_IN_USE.',
        properties: { engine: externalId, processKey: externalId, processInstanceId: externalId, activityId: externalId, taskId: externalId },
      },
    },
  },
  decide: {
    type: 'object',
    additionalProperties: false,
    required: ['decision', 'expectedBusinessObjectVersion'],
    properties: {
      decision: code,
      reasonCode: code,
      comment: { type: 'string', maxLength: 4000 },
      acknowledged: { type: 'boolean' },
      expectedBusinessObjectVersion: { type: 'integer', minimum: 0, maximum: 2147483647 },
      form: { type: 'object', maxProperties: 100 },
    },
  },
  businessEvent: {
    type: 'object',
    additionalProperties: false,
    required: ['type', 'businessObject'],
    properties: {
      type: { type: 'string', pattern: '^[A-Z][A-Za-z0-9]{1,79}$' },
      businessObject: businessObjectInput,
      evidence: { type: 'object', maxProperties: 200 },
    },
  },
  lifecycle: {
    type: 'object',
    additionalProperties: false,
    properties: {
      reasonCode: code,
      comment: { type: 'string', minLength: 1, maxLength: 4000 },
      delegateTo: principalId,
      assignee: principalId,
    },
  },
  recoveryAction: {
    type: 'object',
    additionalProperties: false,
    properties: {
      reasonCode: code,
      comment: { type: 'string', minLength: 1, maxLength: 4000 },
      acknowledged: { type: 'boolean' },
      evidence: { type: 'object', minProperties: 1, maxProperties: 50 },
      expectedBusinessObjectVersion: { type: 'integer', minimum: 0, maximum: 2147483647 },
    },
  },
  /** Query strings arrive as text: each parameter has its pattern, unknown ones are refused. */
  workItemQuery: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...queueFilter,
      limit: { type: 'string', pattern: '^(?:[1-9]|[1-9][0-9]|1[0-9][0-9]|200)$' },
      cursor: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,400}$' },
      view: { enum: ['full', 'summary'] },
    },
  },
  /** The list's filters; `max` stops counting there (1 to 1,000,000). */
  workItemCountQuery: {
    type: 'object',
    additionalProperties: false,
    properties: { ...queueFilter, max: { type: 'string', pattern: '^(?:[1-9][0-9]{0,5}|1000000)$' } },
  },
  auditQuery: {
    type: 'object',
    additionalProperties: false,
    properties: {
      workItemId,
      businessObjectType: code,
      businessObjectId: externalId,
      actor: reference,
      from: instantText,
      to: instantText,
      after: { type: 'string', pattern: '^[0-9]{1,15}$' },
      limit: { type: 'string', pattern: '^(?:[1-9][0-9]{0,2}|1000)$' },
    },
    // An id alone is any object with that id (the design's `GET /audit?businessObjectId=`); a type narrows an id, it is no filter alone.
    dependentRequired: { businessObjectType: ['businessObjectId'] },
  },
  startProcess: {
    type: 'object',
    additionalProperties: false,
    properties: {
      businessKey: externalId,
      variables: { type: 'object', maxProperties: 200 },
    },
  },
  /** `POST /audit/checkpoints` takes nothing: the head it signs is the tenant's, now. */
  auditCheckpoint: { type: 'object', additionalProperties: false, properties: {} },
  devToken: {
    type: 'object',
    additionalProperties: false,
    required: ['userId'],
    properties: { userId: { type: 'string', pattern: '^[a-z]{1,40}$' } },
  },
  /** Path parameters of `/definitions/{kind}/{id}[/versions/{version}]`, as text. */
  definitionPath: {
    type: 'object',
    additionalProperties: false,
    required: ['kind', 'id'],
    properties: { kind: { enum: DEFINITION_KINDS }, id: definitionId, version: versionText },
  },
  definitionListQuery: {
    type: 'object',
    additionalProperties: false,
    properties: { kind: { enum: DEFINITION_KINDS } },
  },
  definitionDiffQuery: {
    type: 'object',
    additionalProperties: false,
    required: ['from', 'to'],
    properties: { from: versionText, to: versionText },
  },
  definitionImpactQuery: {
    type: 'object',
    additionalProperties: false,
    required: ['candidate'],
    properties: {
      candidate: { ...versionText, description: 'The version to replay under: a draft or any stored version of the definition.' },
      from: { ...instantText, description: 'Items decided (open items: created) at or after this instant.' },
      to: { ...instantText, description: 'Items decided (open items: created) before this instant.' },
    },
  },
  createDraft: {
    type: 'object',
    additionalProperties: false,
    description: 'A new version (the highest + 1): empty, a copy of `from`, or the given `content`; not both.',
    properties: {
      from: definitionVersion,
      content: definitionContent,
      changeNote,
    },
    not: { required: ['from', 'content'], properties: { from: true, content: true } },
  },
  updateDraft: {
    type: 'object',
    additionalProperties: false,
    required: ['content'],
    properties: { content: definitionContent, changeNote },
  },
  definitionCommand: {
    type: 'object',
    additionalProperties: false,
    description: 'Submit or retire: no fields.',
    properties: {},
  },
  review: {
    type: 'object',
    additionalProperties: false,
    required: ['comment'],
    properties: { comment: { type: 'string', minLength: 1, maxLength: 4000, pattern: '\\S' } },
  },
  approve: {
    type: 'object',
    additionalProperties: false,
    required: ['comment'],
    properties: {
      comment: { type: 'string', minLength: 1, maxLength: 4000, pattern: '\\S' },
      contentHash: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'The content hash the reviewer read; the approval is refused (409 DEFINITION_CONTENT_CHANGED) if the version holds other content.' },
    },
  },
  publish: {
    type: 'object',
    additionalProperties: false,
    properties: { effectiveFrom: { ...instantText, description: 'From when new work items resolve to this version; now when absent. Not in the past.' } },
  },
  /**
   * `POST /definitions/{kind}/{id}/versions/{version}/simulate`: over which items (existing ones of
   * the caller's tenant, or one sample entered as facts) and as whom (a person of the directory, or
   * a set of roles and groups). Exactly one of `workItemIds` and `sample`, one of `asUser` and `asPrincipal`.
   */
  simulateDefinition: simulateDefinitionRequest,
  migrateWorkItems: {
    type: 'object',
    additionalProperties: false,
    required: ['fromVersion', 'toVersion', 'dryRun'],
    properties: {
      fromVersion: definitionVersion,
      toVersion: definitionVersion,
      dryRun: { type: 'boolean', description: 'true: report what would change, write nothing.' },
      workItemIds: { type: 'array', minItems: 1, maxItems: 1000, uniqueItems: true, items: workItemId },
    },
  },
} as const;
