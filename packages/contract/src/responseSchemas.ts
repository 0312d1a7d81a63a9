/**
 * JSON Schemas of what the runtime answers, route by route (see `routes.ts`). They describe the
 * responses as the handlers write them today; the response types (`WorkItem`, `Decision`, ...)
 * are derived from them. Where an answer carries documents the contract does not fix (evidence,
 * definition content, audit payloads, policy traces), that member is an open object.
 */
import { DEFINITION_STATUSES } from '@mandate/definitions';
import { anyObject, instant, instantOrNull, stringOrNull, strings } from './schemaParts.js';

const integer = { type: 'integer' } as const;
const string = { type: 'string' } as const;
const boolean = { type: 'boolean' } as const;
/** Any JSON value: a before/after value, a fact value, a trace. */
const anyValue = {} as const;
const actionStatus = { enum: ['EFFECTIVE', 'AWAITING_SECOND_APPROVAL'], description: '201 EFFECTIVE, or 202 AWAITING_SECOND_APPROVAL: a second person must approve.' } as const;

/** `GET /healthz`. */
const health = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'database', 'auth', 'definitions'],
  properties: {
    status: { const: 'ok' },
    database: { enum: ['pglite', 'postgresql'] },
    auth: { enum: ['dev', 'jwt'] },
    definitions: { ...integer, description: 'How many definitions the runtime loaded.' },
    definitionImportConflicts: { ...integer, description: 'Shipped definition files that differ from their stored version (GET /definitions/import-conflicts).' },
  },
} as const;

/** `POST /auth/dev/token`. */
const devTokenResult = { type: 'object', additionalProperties: false, required: ['token'], properties: { token: string } } as const;

/** A reference to the business object a work item decides on, at one version. */
const businessObjectRef = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'id', 'version'],
  properties: { type: string, id: string, version: integer, revision: integer },
} as const;

/** The first half of a four-eyes pair: what was asked for, and by whom. */
const pendingApproval = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'code', 'requestedBy', 'id'],
  properties: {
    kind: { enum: ['decision', 'action'] },
    code: string,
    requestedBy: string,
    id: { ...string, description: 'The decision or recovery action waiting for the second approval.' },
  },
} as const;

/** Every member of a work item but its evidence. */
const workItemMembers = {
  id: string,
  tenantId: string,
  taskType: string,
  taskTypeVersion: integer,
  pinnedDefinitions: { ...strings, description: '`ID@VERSION` of every definition the item evaluates under.' },
  state: string,
  title: string,
  businessObject: businessObjectRef,
  region: string,
  productFamily: string,
  assignee: string,
  owner: string,
  requestedBy: string,
  delegatedTo: string,
  candidateGroups: strings,
  priority: integer,
  priorityReasons: { ...strings, description: 'Why the priority is what it is, e.g. `HIGH_VALUE_QUOTE:+50`.' },
  riskClass: string,
  escalationGroup: string,
  escalationLevel: integer,
  dueAt: instant,
  slaWarnAt: instant,
  slaEscalateAt: instant,
  expiresAt: { ...instant, description: 'When the item expires if still open; absent: never.' },
  callerRef: anyObject,
  callerKey: { ...string, description: "The workflow activation's key, when a workflow waits for this item." },
  outcomeReason: string,
  pendingApproval,
  rowVersion: integer,
  createdAt: instant,
  updatedAt: instant,
} as const;

const workItemSummaryRequired = ['id', 'tenantId', 'taskType', 'taskTypeVersion', 'pinnedDefinitions', 'state', 'title', 'businessObject', 'candidateGroups', 'priority', 'priorityReasons', 'escalationLevel', 'rowVersion', 'createdAt', 'updatedAt'] as const;

/**
 * A work item as the caller may see it: evidence fields the visibility policy hides are absent
 * from `evidence`, and their paths are listed in `redactedPaths` (never their values).
 */
const workItem = {
  type: 'object',
  additionalProperties: false,
  required: [...workItemSummaryRequired, 'evidence', 'redactedPaths'],
  properties: {
    ...workItemMembers,
    evidence: { ...anyObject, description: 'The evidence the caller may see; hidden fields are absent.' },
    redactedPaths: { ...strings, description: 'Paths of the evidence fields hidden from the caller.' },
  },
} as const;

/** A worklist row (`GET /work-items?view=summary`): the item without its evidence, so nothing to redact. */
const workItemSummary = { type: 'object', additionalProperties: false, required: workItemSummaryRequired, properties: workItemMembers } as const;

const nextCursor = { ...string, description: 'Present when there is a next page: pass it as `cursor`.' } as const;
const workItemPage = { type: 'object', additionalProperties: false, required: ['items'], properties: { items: { type: 'array', items: workItem }, nextCursor } } as const;
const workItemSummaryPage = { type: 'object', additionalProperties: false, required: ['items'], properties: { items: { type: 'array', items: workItemSummary }, nextCursor } } as const;

/** `GET /work-items/count`. */
const workItemCount = {
  type: 'object',
  additionalProperties: false,
  required: ['count'],
  properties: { count: integer, capped: { ...boolean, description: 'Asked with `max`: whether more items match than `count` (a tab shows "999+").' } },
} as const;

/** The item after a lifecycle command. */
const lifecycleResult = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'state', 'assignee', 'owner', 'delegatedTo', 'escalationLevel', 'rowVersion'],
  properties: { id: string, state: string, assignee: stringOrNull, owner: stringOrNull, delegatedTo: stringOrNull, escalationLevel: integer, rowVersion: integer },
} as const;

/** A recorded decision. */
const decision = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'workItemId', 'decision', 'reasonCode', 'status', 'decidedAt'],
  properties: {
    id: string,
    workItemId: string,
    decision: string,
    reasonCode: stringOrNull,
    status: actionStatus,
    secondApprovalOf: { ...string, description: 'The decision this one gives the second approval for.' },
    decidedAt: instant,
  },
} as const;

/** A recovery action taken: effective (201), or waiting for a second person's approval (202). */
const actionResult = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'workItemId', 'action', 'status', 'takenAt'],
  properties: {
    id: string,
    workItemId: string,
    action: string,
    status: actionStatus,
    secondApprovalOf: { ...string, description: 'The action this one gives the second approval for.' },
    takenAt: instant,
  },
} as const;

/** A recovery action as recorded, in `GET /work-items/{id}/actions`. */
const recoveryAction = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'tenantId', 'workItemId', 'actionCode', 'actor', 'actorRoles', 'status', 'policyTrace', 'takenAt'],
  properties: {
    id: string,
    tenantId: string,
    workItemId: string,
    actionCode: string,
    actor: string,
    actorRoles: strings,
    reasonCode: string,
    comment: string,
    attachedEvidence: { ...anyObject, description: 'Evidence the action recorded on the item, as sent.' },
    status: actionStatus,
    secondApprovalOf: string,
    policyTrace: { ...anyValue, description: 'The policy evaluation that allowed the action.' },
    takenAt: instant,
  },
} as const;

const recoveryActions = { type: 'object', additionalProperties: false, required: ['actions'], properties: { actions: { type: 'array', items: recoveryAction } } } as const;

/** What a business event did: items made obsolete and items requested anew. */
const businessEventResult = { type: 'object', additionalProperties: false, required: ['obsoleted', 'created'], properties: { obsoleted: strings, created: strings } } as const;

/** A condition of a rule as evaluated: its fact, operator and value with the result, or its `all`/`any`/`not` children. */
const conditionTrace = { type: 'object', required: ['result'], properties: { name: string, result: boolean }, description: 'The rule\'s conditions with each result and fact value (json-rules-engine), nested by `all`, `any` and `not`.' } as const;

/** One action and whether this actor may take it now. */
const actionAvailability = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'label', 'kind', 'enabled', 'failedChecks', 'requiredFields', 'requiredAcknowledgements', 'requiresSecondApproval', 'secondApprovalReasonCodes', 'dangerous'],
  properties: {
    code: string,
    label: string,
    kind: { enum: ['decision', 'lifecycle', 'recovery', 'forbidden'] },
    enabled: boolean,
    disabledReason: { ...string, description: 'The first failed check (`FOUR_EYES_VIOLATION`, `AUTHORITY_LIMIT_EXCEEDED`, ...), or `FORBIDDEN_ACTION`.' },
    failedChecks: { ...strings, description: 'Every failed check, in order.' },
    requiredFields: strings,
    requiredAcknowledgements: strings,
    requiresSecondApproval: boolean,
    secondApprovalReasonCodes: strings,
    dangerous: boolean,
    trace: conditionTrace,
    forbiddenReason: { ...string, description: 'For forbidden actions: why.' },
    instead: { ...string, description: 'For forbidden actions: what to do instead.' },
  },
} as const;

/** `GET /work-items/{id}/allowed-actions`: every action of the task type for the caller, and why not. */
const allowedActions = {
  type: 'object',
  additionalProperties: false,
  required: ['actions', 'factIssues'],
  properties: {
    actions: { type: 'array', items: actionAvailability },
    factIssues: {
      type: 'array',
      description: 'Context values that did not have their catalogue type and were ignored.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['fact', 'path', 'expected', 'got'],
        properties: { fact: string, path: string, expected: { enum: ['string', 'number', 'boolean', 'string[]', 'date-time'] }, got: string },
      },
    },
  },
} as const;

/** An audit event with its place in the tenant's hash chain. */
const auditEvent = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'sequence', 'eventType', 'payload', 'occurredAt', 'prevHash', 'hash'],
  properties: {
    tenantId: string,
    sequence: integer,
    eventType: string,
    workItemId: string,
    businessObject: { type: 'object', additionalProperties: false, required: ['type', 'id'], properties: { type: string, id: string } },
    actor: string,
    payload: anyObject,
    occurredAt: instant,
    prevHash: string,
    hash: string,
  },
} as const;

/** `GET /audit`: one page of events in chain order. */
const auditEvents = {
  type: 'object',
  additionalProperties: false,
  required: ['events'],
  properties: { events: { type: 'array', items: auditEvent }, nextAfter: { ...string, description: 'Present when the page is full: pass it as `after` for the next page.' } },
} as const;

/** A signed chain head: the tenant's chain had `sequence` events, the last with `hash`, at `signedAt`. */
const auditCheckpoint = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'sequence', 'hash', 'signedAt', 'keyId', 'signature'],
  properties: { tenantId: string, sequence: integer, hash: string, signedAt: instant, keyId: { ...string, description: 'Which signing key signed it.' }, signature: { ...string, description: 'Ed25519, base64url.' } },
} as const;

/** What verification found wrong, by kind. */
const auditFindingCode = { enum: ['SEQUENCE_MISSING', 'LINK_BROKEN', 'CONTENT_CHANGED', 'TRUNCATED', 'REHASHED', 'CHECKPOINT_SIGNATURE_INVALID', 'UNSEALED_EVENT_NOT_WRITTEN_BY_RUNTIME'] } as const;

/** One thing wrong with a tenant's trail: at a chain sequence, or an unsealed event by its id. */
const auditFinding = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'reason'],
  properties: {
    code: auditFindingCode,
    sequence: { ...integer, description: 'The first sequence that can no longer be trusted.' },
    eventId: { ...string, description: 'An unsealed event, which has no sequence.' },
    reason: string,
  },
} as const;

/**
 * `GET /audit/verify`: the chain walked and held against its signed checkpoints. `checkpoint` is
 * the latest one that verifies; when not ok, `findings` lists everything found and
 * `brokenAt`/`reason` repeat the first finding that has a sequence.
 */
const chainVerification = {
  oneOf: [
    { type: 'object', additionalProperties: false, required: ['ok', 'events'], properties: { ok: { const: true }, events: integer, checkpoint: auditCheckpoint } },
    {
      type: 'object',
      additionalProperties: false,
      required: ['ok', 'events', 'reason', 'findings'],
      properties: { ok: { const: false }, events: integer, checkpoint: auditCheckpoint, brokenAt: integer, reason: string, findings: { type: 'array', items: auditFinding } },
    },
  ],
} as const;

/** `POST /audit/checkpoints`: the checkpoint written, or the latest one when the head was already signed (`created: false`). */
const auditCheckpointResult = { type: 'object', additionalProperties: false, required: ['created'], properties: { created: boolean, checkpoint: auditCheckpoint } } as const;

/** A list entry on the way to a finding's field: `reason code 8 (COMPETITIVE_MATCH)`. */
const findingLocationEntry = {
  type: 'object',
  additionalProperties: false,
  required: ['nounKey', 'noun', 'position'],
  properties: { nounKey: string, noun: string, position: integer, name: string },
} as const;

/** A validation or lint finding of a version, located by JSON Pointer into its content, with its sentence in plain words. */
const draftFinding = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'severity', 'message', 'sentence', 'params', 'location', 'pointer'],
  properties: {
    code: string,
    severity: { enum: ['error', 'warning'] },
    message: { ...string, description: "The validator's own words, for developers." },
    sentence: { ...string, description: 'The finding in plain words for a governance admin, in English (`"Applies to" of reason code 8 (COMPETITIVE_MATCH) needs at least one entry.`).' },
    params: { type: 'object', additionalProperties: { anyOf: [string, { type: 'number' }] }, description: "The values the sentence is rendered from (the code's template in docs/definitions.md), for translations." },
    location: {
      type: 'object',
      additionalProperties: false,
      required: ['label', 'entries'],
      description: 'The field the finding concerns, in words.',
      properties: { labelKey: string, label: string, entries: { type: 'array', items: findingLocationEntry }, entry: findingLocationEntry },
    },
    pointer: string,
  },
} as const;

/** One reason a request or a decision was refused. */
const problemViolation = {
  type: 'object',
  required: ['message'],
  properties: {
    code: { ...string, description: 'Policy violations carry a code (`FOUR_EYES_VIOLATION`); schema violations do not.' },
    message: string,
    pointer: { ...string, description: 'JSON Pointer into the body or form.' },
    property: { ...string, description: 'The unexpected property, for `additionalProperties` violations.' },
  },
} as const;

/** An RFC 9457 problem document as the runtime sends it, with its extension members. */
const problem = {
  type: 'object',
  required: ['type', 'title', 'status', 'code', 'detail'],
  properties: {
    type: string,
    title: string,
    status: integer,
    code: { ...string, description: 'Stable SCREAMING_SNAKE code, e.g. `WORK_ITEM_NOT_FOUND`; the codes each route answers are listed in its responses.' },
    detail: string,
    instance: string,
    violations: { type: 'array', items: problemViolation },
    failedChecks: strings,
    requiredFields: strings,
    findings: { type: 'array', items: draftFinding, description: '`DEFINITION_INVALID`: every finding of the content, each with its sentence.' },
  },
} as const;

/** The lifecycle states of a definition version (docs/governance.md). */
const definitionVersionStatus = { enum: DEFINITION_STATUSES } as const;

/** A definition version's lifecycle record, without its content. */
const definitionVersionMetaMembers = {
  kind: string,
  id: string,
  version: integer,
  status: definitionVersionStatus,
  title: string,
  contentHash: { ...string, description: 'SHA-256 of the canonical content without `status` and `$schema`.' },
  author: string,
  reviewer: stringOrNull,
  reviewComment: stringOrNull,
  submittedAt: instantOrNull,
  approvedAt: instantOrNull,
  approvedContentHash: { ...stringOrNull, description: 'The content hash the approval saw; publishing needs it to equal `contentHash`. Null while not approved.' },
  publishedAt: instantOrNull,
  effectiveFrom: { ...instantOrNull, description: 'From when new work items resolve to it; null: since publication.' },
  retiredAt: instantOrNull,
  changeNote: stringOrNull,
  createdAt: instant,
  updatedAt: instant,
} as const;
const definitionVersionMetaRequired = ['kind', 'id', 'version', 'status', 'title', 'contentHash', 'author', 'reviewer', 'reviewComment', 'submittedAt', 'approvedAt', 'approvedContentHash', 'publishedAt', 'effectiveFrom', 'retiredAt', 'changeNote', 'createdAt', 'updatedAt'] as const;

const definitionVersionMeta = { type: 'object', additionalProperties: false, required: definitionVersionMetaRequired, properties: definitionVersionMetaMembers } as const;

/** A definition version with its content. */
const definitionVersionRecord = {
  type: 'object',
  additionalProperties: false,
  required: [...definitionVersionMetaRequired, 'content'],
  properties: { ...definitionVersionMetaMembers, content: anyObject },
} as const;


/** One contribution to a version's content: its author's first content (`created`, seq 1) or a later edit. No contributor may approve the version. */
const definitionContribution = {
  type: 'object',
  additionalProperties: false,
  required: ['seq', 'contributor', 'action', 'contentHash', 'contributedAt'],
  properties: { seq: integer, contributor: string, action: { enum: ['created', 'edited'] }, contentHash: string, contributedAt: instant },
} as const;

/** A version as `GET .../versions/{version}` and the governance commands answer: with its contributors and, for drafts, its findings. */
const definitionVersionView = {
  type: 'object',
  additionalProperties: false,
  required: [...definitionVersionMetaRequired, 'content', 'contributors'],
  properties: { ...definitionVersionMetaMembers, content: anyObject, contributors: { type: 'array', items: definitionContribution }, findings: { type: 'array', items: draftFinding } },
} as const;

/** One definition with its versions (`GET /definitions`). */
const definitionSummary = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id', 'title', 'versions', 'currentVersions', 'facts'],
  properties: {
    kind: string,
    id: string,
    title: string,
    versions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['version', 'status', 'effectiveFrom', 'references', 'referencedBy'],
        properties: {
          version: integer,
          status: definitionVersionStatus,
          effectiveFrom: instantOrNull,
          references: { ...strings, description: '`ID@VERSION` of every definition its content names.' },
          referencedBy: { ...strings, description: '`ID@VERSION` of the readable versions that name this one.' },
        },
      },
    },
    currentVersions: { type: 'array', items: integer, description: 'The versions new work items get: a task type\'s highest published version in effect; for other kinds the versions current task types pin.' },
    facts: { ...strings, description: 'Facts its conditions read, over all its readable versions: `fact` or `fact.path`.' },
  },
} as const;

// --- Definition references (GET /definitions/{kind}/{id}/references) ---

/** A version at the other end of a reference. */
const definitionLink = {
  type: 'object',
  additionalProperties: false,
  required: ['ref', 'kind', 'id', 'version', 'status', 'current'],
  properties: {
    ref: { ...string, description: '`ID@VERSION`.' },
    kind: string,
    id: string,
    version: integer,
    status: { anyOf: [definitionVersionStatus, { type: 'null' }], description: 'Null: not stored, or not readable by the caller.' },
    current: { ...boolean, description: 'New work items get this version.' },
  },
} as const;

/** One definition's versions with their references, referrers and pinned open items. */
const definitionReferences = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id', 'versions'],
  properties: {
    kind: string,
    id: string,
    versions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['version', 'status', 'effectiveFrom', 'current', 'references', 'referencedBy', 'openItems'],
        properties: {
          version: integer,
          status: definitionVersionStatus,
          effectiveFrom: instantOrNull,
          current: { ...boolean, description: 'New work items get this version.' },
          references: { type: 'array', items: definitionLink },
          referencedBy: { type: 'array', items: definitionLink },
          openItems: {
            type: 'object',
            additionalProperties: false,
            required: ['count', 'capped'],
            properties: { count: integer, capped: { ...boolean, description: 'More open items are pinned than `count` (counting stops at 1,000).' } },
            description: "Open work items of the caller's tenant pinned to this version (through their task type version).",
          },
        },
      },
    },
  },
} as const;
// --- end of definition references ---

const definitionList = { type: 'object', additionalProperties: false, required: ['definitions'], properties: { definitions: { type: 'array', items: definitionSummary } } } as const;
const definitionVersions = { type: 'object', additionalProperties: false, required: ['versions'], properties: { versions: { type: 'array', items: definitionVersionMeta } } } as const;

/** Whether a change tightens control, loosens it, or neither. */
const controlEffect = { enum: ['tightening', 'loosening', 'neutral'] } as const;

/** One semantic change between two versions, e.g. "reason code COMPETITIVE_MATCH added". */
const semanticChange = {
  type: 'object',
  additionalProperties: false,
  required: ['path', 'op', 'control', 'summary'],
  properties: {
    path: { ...string, description: 'Stable path keyed by ids, e.g. `codes[COMPETITIVE_MATCH].riskLevel`.' },
    op: { enum: ['added', 'removed', 'changed'] },
    before: anyValue,
    after: anyValue,
    control: controlEffect,
    summary: string,
  },
} as const;

/** An RFC 6902 JSON Patch operation. */
const jsonPatchOperation = {
  type: 'object',
  additionalProperties: false,
  required: ['op', 'path'],
  properties: { op: { enum: ['add', 'remove', 'replace', 'move', 'copy', 'test'] }, path: string, from: string, value: anyValue },
} as const;

/** `GET /definitions/{kind}/{id}/diff?from=&to=`: semantic changes, their counts by control effect, and the JSON Patch. */
const definitionVersionDiff = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to', 'changes', 'control', 'patch'],
  properties: {
    from: { ...string, description: '`ID@VERSION` of the older side.' },
    to: { ...string, description: '`ID@VERSION` of the newer side.' },
    changes: { type: 'array', items: semanticChange },
    control: { type: 'object', additionalProperties: false, required: ['tightening', 'loosening', 'neutral'], properties: { tightening: integer, loosening: integer, neutral: integer } },
    patch: { type: 'array', items: jsonPatchOperation },
  },
} as const;

const change = <T extends object>(value: T) => ({ type: 'object', additionalProperties: false, required: ['from', 'to'], properties: { from: value, to: value } }) as const;

/** Why an item cannot be migrated (`EVIDENCE_INVALID`, `BUSINESS_OBJECT_TYPE_MISMATCH`, `SECOND_APPROVAL_PENDING`). */
const migrationBlocker = { type: 'object', additionalProperties: false, required: ['code', 'message'], properties: { code: string, message: string, details: anyObject } } as const;

/** What a migration changes on one item. */
const itemMigration = {
  type: 'object',
  additionalProperties: false,
  required: ['workItemId', 'state', 'pinnedDefinitions', 'priority', 'dueAt', 'slaWarnAt', 'slaEscalateAt', 'escalationGroup', 'blockers'],
  properties: {
    workItemId: string,
    state: string,
    pinnedDefinitions: { type: 'object', additionalProperties: false, required: ['from', 'to', 'changed'], properties: { from: strings, to: strings, changed: strings } },
    priority: { type: 'object', additionalProperties: false, required: ['from', 'to', 'reasons'], properties: { from: integer, to: integer, reasons: change(strings) } },
    dueAt: change(instantOrNull),
    slaWarnAt: change(instantOrNull),
    slaEscalateAt: change(instantOrNull),
    escalationGroup: change(stringOrNull),
    blockers: { type: 'array', items: migrationBlocker },
  },
} as const;

/** The answer of a migration, dry run or applied. */
const migrationResult = {
  type: 'object',
  additionalProperties: false,
  required: ['taskType', 'from', 'to', 'dryRun', 'applied', 'definitionChanges', 'decisionOptions', 'items', 'skipped', 'truncated'],
  properties: {
    taskType: string,
    from: string,
    to: string,
    dryRun: boolean,
    applied: boolean,
    definitionChanges: { type: 'array', items: semanticChange },
    decisionOptions: { type: 'object', additionalProperties: false, required: ['added', 'removed'], properties: { added: strings, removed: strings } },
    items: { type: 'array', items: itemMigration },
    skipped: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['workItemId', 'reason'], properties: { workItemId: string, reason: { enum: ['NOT_FOUND', 'NOT_OPEN', 'NOT_AT_FROM_VERSION'] } } },
    },
    truncated: { ...boolean, description: 'More than 1,000 items matched: apply again.' },
  },
} as const;

/** A shipped definition file that differs from its stored version (the stored one is kept). */
const importConflict = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id', 'version', 'file', 'fileStatus', 'fileHash', 'storedStatus', 'storedHash', 'resolution'],
  properties: { kind: string, id: string, version: integer, file: string, fileStatus: string, fileHash: string, storedStatus: definitionVersionStatus, storedHash: string, resolution: { const: 'STORED_VERSION_KEPT' } },
} as const;

const importConflicts = { type: 'object', additionalProperties: false, required: ['importedAt', 'conflicts'], properties: { importedAt: instantOrNull, conflicts: { type: 'array', items: importConflict } } } as const;

/** What an impact finding is about. */
const impactAspect = { enum: ['decision', 'action', 'priority', 'sla', 'visibility'] } as const;

/** One case of a finding: which item, and the value before (baseline) and after (candidate). */
const impactExample = {
  type: 'object',
  additionalProperties: false,
  required: ['itemId', 'taskType', 'businessObject', 'before', 'after'],
  properties: {
    itemId: string,
    taskType: string,
    businessObject: { type: 'object', additionalProperties: false, required: ['type', 'id'], properties: { type: string, id: string } },
    decisionId: string,
    actor: { ...string, description: 'The actor evaluated for (decisions, actions, visibility).' },
    before: anyValue,
    after: anyValue,
  },
} as const;

/** A difference between baseline and candidate, per rule and check: how many cases show it and a bounded number of examples. */
const impactFinding = {
  type: 'object',
  additionalProperties: false,
  required: ['aspect', 'rule', 'change', 'count', 'examples'],
  properties: {
    aspect: impactAspect,
    rule: { ...string, description: 'The rule: `decision:APPROVE`, `lifecycle:CLAIM`, a priority rule, an SLA rule or `default`, an evidence path.' },
    check: { ...string, description: 'The named check behind it (`AUTHORITY_LIMIT_EXCEEDED`, ...), where there is one.' },
    change: { ...string, description: 'What changed, e.g. `accepted -> refused`, `enabled -> disabled`, `added +50`, `visible -> hidden`.' },
    count: integer,
    examples: { type: 'array', items: impactExample },
  },
} as const;

/** Case counts of a replay. */
const impactTotals = {
  type: 'object',
  additionalProperties: false,
  required: ['cases', 'affected', 'unaffected', 'notReferencing', 'failed', 'decided', 'open', 'closed', 'withoutActor', 'refusedDecisions', 'baselineRefused', 'byAspect'],
  properties: {
    cases: integer,
    affected: integer,
    unaffected: integer,
    notReferencing: integer,
    failed: integer,
    decided: integer,
    open: integer,
    closed: integer,
    withoutActor: integer,
    refusedDecisions: integer,
    baselineRefused: integer,
    byAspect: {
      type: 'object',
      additionalProperties: false,
      required: ['decision', 'action', 'priority', 'sla', 'visibility'],
      properties: { decision: integer, action: integer, priority: integer, sla: integer, visibility: integer },
    },
  },
} as const;

/** `GET /definitions/{kind}/{id}/impact`: the impact report of a candidate version over the tenant's pinned items. */
const impactReport = {
  type: 'object',
  additionalProperties: false,
  required: ['candidate', 'evaluator', 'totals', 'findings', 'errors'],
  properties: {
    candidate: { type: 'object', additionalProperties: false, required: ['kind', 'id', 'version', 'status'], properties: { kind: string, id: string, version: integer, status: string } },
    evaluator: { const: 'compiled', description: 'Which evaluator produced it: replay is an analysis path; enforcement stays on json-rules-engine.' },
    totals: impactTotals,
    findings: { type: 'array', items: impactFinding, description: 'Largest count first.' },
    errors: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['itemId', 'message'], properties: { itemId: string, message: string } } },
  },
} as const;

/** One action under one side of a simulation: whether the simulated principal may take it, and why not (no trace: it would carry fact values). */
const simulatedAction = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'label', 'kind', 'enabled', 'failedChecks', 'requiresSecondApproval', 'dangerous'],
  properties: {
    code: string,
    label: string,
    kind: { enum: ['decision', 'lifecycle', 'recovery', 'forbidden'] },
    enabled: boolean,
    disabledReason: { ...string, description: 'The first failed check, as `GET /work-items/{id}/allowed-actions` names it.' },
    failedChecks: strings,
    requiresSecondApproval: boolean,
    dangerous: boolean,
  },
} as const;

/** What one side (the simulated version, or the published one) decides for the item and the principal. */
const simulationSide = {
  type: 'object',
  additionalProperties: false,
  required: ['definitions', 'actions', 'view', 'priority', 'sla'],
  properties: {
    definitions: { ...strings, description: '`ID@VERSION` of every definition this side evaluated: the item\'s set with the simulated definition (or its published version) in its place.' },
    actions: { type: 'array', items: simulatedAction },
    view: {
      type: 'object',
      additionalProperties: false,
      required: ['evidence', 'redactedPaths', 'withheldPaths'],
      properties: {
        evidence: { ...anyObject, description: "The evidence the simulated principal would see (as `GET /work-items/{id}` projects it), less `withheldPaths`." },
        redactedPaths: { ...strings, description: 'Paths this side hides from the simulated principal.' },
        audience: { ...string, description: 'The restricted audience the principal belongs to, if any.' },
        withheldPaths: { ...strings, description: "Paths the principal would see but the caller may not (an existing item's values are never shown beyond what the caller reads at `GET /work-items/{id}`); empty for a sample." },
      },
    },
    priority: {
      type: 'object',
      additionalProperties: false,
      required: ['score', 'reasons', 'model'],
      properties: { score: integer, reasons: { ...strings, description: '`NAME:+WEIGHT`, largest first.' }, model: { ...string, description: '`ID@VERSION` of the priority model.' } },
    },
    sla: {
      type: 'object',
      additionalProperties: false,
      required: ['policy', 'calendar', 'appliedRule', 'reason', 'dueAt', 'warnAt', 'escalateAt', 'state', 'breached'],
      properties: {
        policy: string,
        calendar: string,
        appliedRule: { ...string, description: 'The rule whose terms apply, or `default`.' },
        reason: string,
        dueAt: instant,
        warnAt: instant,
        escalateAt: instant,
        escalationGroup: string,
        state: { enum: ['on_track', 'warning', 'breached', 'escalation_due'] },
        breached: boolean,
      },
    },
  },
} as const;

/** One thing the two sides decide differently. */
const simulationDifference = {
  type: 'object',
  additionalProperties: false,
  required: ['path', 'draft', 'published'],
  properties: {
    path: { ...string, description: 'What differs: `actions.APPROVE.enabled`, `actions.APPROVE` (offered on one side only), `view.evidence.marginPercent`, `view.audience`, `priority.score`, `priority.reasons`, `sla.dueAt`, ...' },
    draft: { ...anyValue, description: 'The simulated side\'s value; for `view.evidence.*` `visible` or `hidden` (never the value); null where the side has none.' },
    published: { ...anyValue, description: 'The published side\'s value, likewise.' },
  },
} as const;

/** One item of a simulation. */
const simulatedItem = {
  type: 'object',
  additionalProperties: false,
  required: ['sample', 'taskType', 'businessObject', 'draft', 'differences'],
  properties: {
    workItemId: { ...string, description: 'The existing item; absent for a sample.' },
    sample: boolean,
    taskType: { ...string, description: 'The task type id of the item.' },
    businessObject: { type: 'object', additionalProperties: false, required: ['type', 'id'], properties: { type: string, id: string } },
    draft: { ...simulationSide, description: 'Under the simulated version (whatever its status).' },
    published: { ...simulationSide, description: 'Under the published version of the same definition; absent when none is published.' },
    differences: { type: 'array', items: simulationDifference, description: 'Empty when both sides agree, and when there is no published side.' },
  },
} as const;

/** `POST /definitions/{kind}/{id}/versions/{version}/simulate`: the version beside the published one, per item, for one principal. Nothing is written. */
const definitionSimulation = {
  type: 'object',
  additionalProperties: false,
  required: ['definition', 'principal', 'evaluatedAt', 'items'],
  properties: {
    definition: { type: 'object', additionalProperties: false, required: ['kind', 'id', 'version', 'status'], properties: { kind: string, id: string, version: integer, status: definitionVersionStatus } },
    published: { type: 'object', additionalProperties: false, required: ['kind', 'id', 'version'], properties: { kind: string, id: string, version: integer }, description: 'The published version compared with; absent when none is published.' },
    principal: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'roles', 'groups', 'source'],
      properties: { id: string, roles: strings, groups: strings, region: string, source: { enum: ['directory', 'given'], description: '`directory`: `asUser`; `given`: `asPrincipal`.' } },
    },
    evaluatedAt: { ...instant, description: 'The instant both sides were evaluated at (now).' },
    items: { type: 'array', items: simulatedItem },
  },
} as const;

/** `GET /processes`: the processes deployed on the embedded engine. */
const processList = {
  type: 'object',
  additionalProperties: false,
  required: ['processes'],
  properties: { processes: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['key'], properties: { key: string } } } },
} as const;

const processInstanceStatus = { ...string, description: 'The instance status of the embedded engine, e.g. `running`, `completed`.' } as const;

/** What a person who started a process gets back: which instance, and whether it runs; no variables. */
const processStartReceipt = {
  type: 'object',
  additionalProperties: false,
  required: ['processInstanceId', 'processKey', 'status', 'createdAt'],
  properties: { processInstanceId: string, processKey: string, businessKey: string, status: processInstanceStatus, createdAt: instant },
} as const;

/** The raw view of a process instance (services and workflow operators): state, variables, waiting user tasks, end event. */
const processInstance = {
  type: 'object',
  required: ['processInstanceId', 'processKey', 'status', 'variables', 'waitingTasks', 'createdAt', 'updatedAt'],
  properties: {
    processInstanceId: string,
    processKey: string,
    businessKey: string,
    status: processInstanceStatus,
    variables: anyObject,
    waitingTasks: { type: 'array', items: { ...anyObject, description: 'A user task waiting for its work item.' } },
    endEventId: string,
    createdAt: instant,
    updatedAt: instant,
  },
} as const;

/** `GET /openapi.json`: the OpenAPI 3.1 document (see `openApiDocument`). */
const openApi = { type: 'object', required: ['openapi', 'info', 'paths'], properties: { openapi: string, info: anyObject, paths: anyObject, components: anyObject } } as const;

/** JSON Schemas of the runtime's answers, by name; each is a component of the OpenAPI document. */
export const responseSchemas = {
  Health: health,
  DevToken: devTokenResult,
  BusinessObjectRef: businessObjectRef,
  PendingApproval: pendingApproval,
  WorkItem: workItem,
  WorkItemSummary: workItemSummary,
  WorkItemPage: workItemPage,
  WorkItemSummaryPage: workItemSummaryPage,
  WorkItemCount: workItemCount,
  LifecycleResult: lifecycleResult,
  Decision: decision,
  ActionResult: actionResult,
  RecoveryAction: recoveryAction,
  RecoveryActions: recoveryActions,
  BusinessEventResult: businessEventResult,
  ConditionTrace: conditionTrace,
  ActionAvailability: actionAvailability,
  AllowedActions: allowedActions,
  AuditEvent: auditEvent,
  AuditEvents: auditEvents,
  AuditCheckpoint: auditCheckpoint,
  AuditFindingCode: auditFindingCode,
  AuditFinding: auditFinding,
  ChainVerification: chainVerification,
  AuditCheckpointResult: auditCheckpointResult,
  ProblemViolation: problemViolation,
  Problem: problem,
  DefinitionVersionStatus: definitionVersionStatus,
  DefinitionVersionMeta: definitionVersionMeta,
  DefinitionVersionRecord: definitionVersionRecord,
  DraftFinding: draftFinding,
  DefinitionContribution: definitionContribution,
  DefinitionVersionView: definitionVersionView,
  DefinitionSummary: definitionSummary,
  DefinitionList: definitionList,
  DefinitionVersions: definitionVersions,
  DefinitionLink: definitionLink,
  DefinitionReferences: definitionReferences,
  ControlEffect: controlEffect,
  SemanticChange: semanticChange,
  JsonPatchOperation: jsonPatchOperation,
  DefinitionVersionDiff: definitionVersionDiff,
  MigrationBlocker: migrationBlocker,
  ItemMigration: itemMigration,
  MigrationResult: migrationResult,
  ImportConflict: importConflict,
  ImportConflicts: importConflicts,
  ImpactAspect: impactAspect,
  ImpactExample: impactExample,
  ImpactFinding: impactFinding,
  ImpactTotals: impactTotals,
  ImpactReport: impactReport,
  SimulationSide: simulationSide,
  SimulationDifference: simulationDifference,
  SimulatedItem: simulatedItem,
  DefinitionSimulation: definitionSimulation,
  ProcessList: processList,
  ProcessStartReceipt: processStartReceipt,
  ProcessInstance: processInstance,
  OpenApiDocument: openApi,
} as const;
