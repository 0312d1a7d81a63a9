/**
 * The route table: every route the runtime serves, with its parameters, request schema, response
 * schemas per 2xx status and the problem codes it answers per error status. `openApiDocument()`
 * turns it into the OpenAPI 3.1 document; the runtime's tests hold every route it mounts to a row
 * here. Problem codes are plain strings for now: a catalogue of codes can check them later.
 */
import { requestSchemas } from './requestSchemas.js';
import type { responseSchemas } from './responseSchemas.js';

/** An error status a route may answer with a problem document. */
export type ProblemStatus = '400' | '401' | '403' | '404' | '409' | '413' | '415' | '422' | '429' | '500' | '503';

/** The problem codes a route answers, by status (`{ '404': ['WORK_ITEM_NOT_FOUND'] }`). */
export type ProblemCodes = Partial<Record<ProblemStatus, readonly string[]>>;

/** One 2xx answer: what it means and the schema of its JSON body (or another media type's). */
export interface RouteResponse {
  description: string;
  /** A response schema by name (several: the body is one of them); absent: `content` says what is sent. */
  schema?: keyof typeof responseSchemas | readonly (keyof typeof responseSchemas)[];
  /** A media type other than JSON (e.g. the metrics' text, the reference page's HTML). */
  content?: { mediaType: string; schema: { type: 'string' } };
}

/** A path or header parameter. */
export interface RouteParameter {
  name: string;
  in: 'path' | 'header';
  required: boolean;
  description?: string;
  schema: object;
}

/** One route. */
export interface Route {
  method: 'get' | 'post' | 'put';
  /** The OpenAPI path template, e.g. `/work-items/{id}/claim`. */
  path: string;
  /** Unique; the client's method of the same name where there is one. */
  operationId: string;
  tag: RouteTag;
  summary: string;
  description?: string;
  /** `bearer`: a token (dev or JWT); `metrics`: the metrics token when one is configured; `none`: open. */
  security: 'bearer' | 'metrics' | 'none';
  parameters?: readonly RouteParameter[];
  /** A query schema by name: each property becomes a query parameter, required as the schema says. */
  query?: keyof typeof requestSchemas;
  /** A body schema by name, and whether a body must be sent (commands without fields take none). */
  body?: { schema: keyof typeof requestSchemas; required: boolean };
  responses: Partial<Record<'200' | '201' | '202', RouteResponse>>;
  problems: ProblemCodes;
  /** When the route is mounted only in some deployments. */
  mountedWhen?: string;
}

/** The tags of the document, in order, with their descriptions. */
export const ROUTE_TAGS = {
  runtime: 'Health, this document, its reference page, metrics and the development identity.',
  'work items': 'The queue, one item, what the caller may do, lifecycle commands, decisions and recovery actions.',
  events: 'Business events from the domain systems.',
  audit: "The tenant's hash-chained audit trail and its signed checkpoints.",
  definitions: 'Definition governance: drafts, four-eyes review, publication, diffs, impact replay and migrations.',
  processes: 'Processes of the embedded workflow engine.',
} as const;

/** A tag of the document. */
export type RouteTag = keyof typeof ROUTE_TAGS;

/** Merges problem code lists status by status, without duplicates. */
export function problems(...lists: ProblemCodes[]): ProblemCodes {
  const merged: Partial<Record<ProblemStatus, string[]>> = {};
  for (const list of lists) {
    for (const [status, codes] of Object.entries(list) as [ProblemStatus, readonly string[]][]) {
      merged[status] = [...new Set([...(merged[status] ?? []), ...codes])];
    }
  }
  return merged;
}

/** What any request may meet: the NUL guard, a database that does not answer, a failure. */
const ANY: ProblemCodes = { '400': ['NUL_CHARACTER'], '500': ['INTERNAL_ERROR'], '503': ['DATABASE_UNAVAILABLE'] };
/** Authenticated routes: no or a bad token, a rate limit, an identity provider that does not answer. */
const AUTHENTICATED = problems(ANY, { '401': ['AUTHENTICATION_REQUIRED', 'INVALID_TOKEN', 'TOKEN_CLAIMS_INVALID', 'UNKNOWN_DEV_USER'], '429': ['RATE_LIMITED'], '503': ['IDENTITY_PROVIDER_UNAVAILABLE'] });
/** Authenticated commands: a body that cannot be read or does not match its schema; auditors read only. */
const COMMAND = problems(AUTHENTICATED, {
  '400': ['MALFORMED_JSON', 'JSON_TOO_DEEP', 'INVALID_REQUEST_BODY', 'BAD_REQUEST'],
  '403': ['AUDITOR_READ_ONLY'],
  '413': ['PAYLOAD_TOO_LARGE'],
  '415': ['UNSUPPORTED_MEDIA_TYPE'],
});
const QUERY: ProblemCodes = { '400': ['INVALID_QUERY'] };
const ITEM: ProblemCodes = { '404': ['WORK_ITEM_NOT_FOUND'] };
const IDEMPOTENT: ProblemCodes = { '400': ['INVALID_IDEMPOTENCY_KEY'], '409': ['IDEMPOTENCY_KEY_IN_FLIGHT'], '422': ['IDEMPOTENCY_KEY_REUSED'] };
/** The built-in checks of action policies (a definition may name its own checks; the code is then the check's name). */
const POLICY_CHECKS: ProblemCodes = {
  '403': ['NOT_A_CANDIDATE', 'NOT_ASSIGNEE', 'NOT_A_PARTICIPANT', 'NOT_THE_DELEGATE', 'TENANT_MISMATCH', 'MANAGER_AUTHORITY_REQUIRED', 'ELEVATED_ROLE_REQUIRED', 'EVIDENCE_REQUIRED', 'FORBIDDEN_ACTION'],
  '409': ['INVALID_STATE', 'STALE_BUSINESS_OBJECT', 'CONCURRENT_CHANGE'],
  '422': ['CONDITION_NOT_MET', 'REASON_CODE_REQUIRED', 'REASON_CODE_NOT_ALLOWED', 'REASON_CODES_NOT_DECLARED', 'COMMENT_REQUIRED', 'ACKNOWLEDGEMENT_REQUIRED'],
};
const DEFINITION_PATH: ProblemCodes = { '400': ['INVALID_PATH'], '404': ['DEFINITION_NOT_FOUND', 'DEFINITION_VERSION_NOT_FOUND'] };
const GOVERNANCE_ADMIN: ProblemCodes = { '403': ['GOVERNANCE_ADMIN_REQUIRED'] };

const workItemId: RouteParameter = { name: 'id', in: 'path', required: true, description: 'The work item id.', schema: { type: 'string', format: 'uuid' } };
const idempotencyKey: RouteParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'The same key with the same body replays the first answer; with another body it is 422 IDEMPOTENCY_KEY_REUSED.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,100}$' },
};
const actionCode: RouteParameter = { name: 'actionCode', in: 'path', required: true, description: 'A recovery action of the task type, e.g. RUN_RECONCILIATION.', schema: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,79}$' } };
const processKey: RouteParameter = { name: 'key', in: 'path', required: true, description: 'A deployed process key (GET /processes), e.g. quote-approval.', schema: { type: 'string' } };
const processInstanceId: RouteParameter = { name: 'id', in: 'path', required: true, description: 'The process instance id.', schema: { type: 'string', format: 'uuid' } };

/** Path parameters of a definition (and of one of its versions), from the schema that validates them. */
function definitionPath(withVersion = false): RouteParameter[] {
  const { kind, id, version } = requestSchemas.definitionPath.properties;
  return [
    { name: 'kind', in: 'path', required: true, description: 'The definition kind.', schema: kind },
    { name: 'id', in: 'path', required: true, description: 'The definition id.', schema: id },
    ...(withVersion ? [{ name: 'version', in: 'path' as const, required: true, description: 'The version number.', schema: version }] : []),
  ];
}

const WORKFLOW = 'the runtime runs the embedded workflow engine';
const GOVERNED = 'the registry reads the store (the runtime; not a fixed definition set)';

const lifecycle = (path: string, operationId: string, summary: string, extra: ProblemCodes = {}): Route => ({
  method: 'post',
  path: `/work-items/{id}/${path}`,
  operationId,
  tag: 'work items',
  summary,
  security: 'bearer',
  parameters: [workItemId],
  body: { schema: 'lifecycle', required: false },
  responses: { '200': { description: 'The item after the change.', schema: 'LifecycleResult' } },
  problems: problems(COMMAND, ITEM, POLICY_CHECKS, { '422': ['ACTION_NOT_OFFERED'] }, extra),
});

const governanceCommand = (verb: string, operationId: string, summary: string, body: keyof typeof requestSchemas, extra: ProblemCodes): Route => ({
  method: 'post',
  path: `/definitions/{kind}/{id}/versions/{version}/${verb}`,
  operationId,
  tag: 'definitions',
  summary,
  security: 'bearer',
  parameters: definitionPath(true),
  body: { schema: body, required: false },
  responses: { '200': { description: 'The version after the change, with its contributors.', schema: 'DefinitionVersionView' } },
  problems: problems(COMMAND, DEFINITION_PATH, GOVERNANCE_ADMIN, { '409': ['CONCURRENT_CHANGE'] }, extra),
  mountedWhen: GOVERNED,
});

/** Every route of the runtime, in the document's order. */
export const ROUTES: readonly Route[] = [
  { method: 'get', path: '/healthz', operationId: 'health', tag: 'runtime', summary: 'Health, database kind and auth mode', security: 'none', responses: { '200': { description: 'Healthy.', schema: 'Health' } }, problems: ANY },
  { method: 'get', path: '/openapi.json', operationId: 'openApi', tag: 'runtime', summary: 'This document', security: 'none', responses: { '200': { description: 'The OpenAPI 3.1 document, generated from the contract.', schema: 'OpenApiDocument' } }, problems: ANY },
  {
    method: 'get',
    path: '/api/reference',
    operationId: 'apiReference',
    tag: 'runtime',
    summary: 'The API reference: this document rendered as a page',
    security: 'none',
    responses: { '200': { description: 'An HTML page; its script and styles are served beside it, and it reads /openapi.json.', content: { mediaType: 'text/html', schema: { type: 'string' } } } },
    problems: ANY,
  },
  {
    method: 'get',
    path: '/metrics',
    operationId: 'metrics',
    tag: 'runtime',
    summary: 'Prometheus metrics (with MANDATE_METRICS_TOKEN set, only for that bearer token)',
    security: 'metrics',
    responses: { '200': { description: 'The Prometheus text exposition format.', content: { mediaType: 'text/plain', schema: { type: 'string' } } } },
    problems: problems(ANY, { '401': ['METRICS_TOKEN_REQUIRED'] }),
  },
  {
    method: 'post',
    path: '/auth/dev/token',
    operationId: 'devToken',
    tag: 'runtime',
    summary: 'A token for a demo user',
    security: 'none',
    body: { schema: 'devToken', required: true },
    responses: { '200': { description: 'The token.', schema: 'DevToken' } },
    problems: problems(ANY, { '400': ['MALFORMED_JSON', 'JSON_TOO_DEEP', 'INVALID_REQUEST_BODY'], '401': ['UNKNOWN_DEV_USER'], '413': ['PAYLOAD_TOO_LARGE'], '415': ['UNSUPPORTED_MEDIA_TYPE'], '429': ['RATE_LIMITED'] }),
    mountedWhen: 'the development identity is on (absent with JWT/OIDC)',
  },

  {
    method: 'get',
    path: '/work-items',
    operationId: 'listWorkItems',
    tag: 'work items',
    summary: 'A page of the queue, highest priority first',
    description: "Each item projected for the caller (hidden evidence absent). `view=summary` leaves out evidence (a worklist's rows) and answers `WorkItemSummaryPage`.",
    security: 'bearer',
    query: 'workItemQuery',
    responses: { '200': { description: 'Items and, when there is a next page, its cursor; with `view=summary`, summaries.', schema: ['WorkItemPage', 'WorkItemSummaryPage'] } },
    problems: problems(AUTHENTICATED, QUERY, { '400': ['INVALID_CURSOR'] }),
  },
  {
    method: 'post',
    path: '/work-items',
    operationId: 'createWorkItem',
    tag: 'work items',
    summary: 'Create a work item',
    security: 'bearer',
    body: { schema: 'createWorkItem', required: true },
    responses: { '201': { description: 'The item, projected for the caller.', schema: 'WorkItem' } },
    problems: problems(COMMAND, {
      '400': ['INVALID_PRINCIPAL_ID'],
      '403': ['CANDIDATE_GROUPS_NOT_ALLOWED', 'REQUESTED_BY_NOT_CALLER', 'CALLER_REF_NOT_ALLOWED', 'SERVICE_ROLE_REQUIRED'],
      '409': ['CALLER_REF_IN_USE', 'CONCURRENT_CHANGE'],
      '422': ['UNKNOWN_TASK_TYPE', 'EVIDENCE_INVALID', 'BUSINESS_OBJECT_TYPE_MISMATCH', 'EXPIRES_AT_NOT_IN_FUTURE'],
    }),
  },
  {
    method: 'get',
    path: '/work-items/count',
    operationId: 'countWorkItems',
    tag: 'work items',
    summary: 'How many items match (the list\'s filters); with max, counting stops there',
    security: 'bearer',
    query: 'workItemCountQuery',
    responses: { '200': { description: '`{ count }`, or with `max` `{ count, capped }`.', schema: 'WorkItemCount' } },
    problems: problems(AUTHENTICATED, QUERY),
  },
  { method: 'get', path: '/work-items/{id}', operationId: 'getWorkItem', tag: 'work items', summary: 'One item, hidden fields absent', security: 'bearer', parameters: [workItemId], responses: { '200': { description: 'The item, projected for the caller.', schema: 'WorkItem' } }, problems: problems(AUTHENTICATED, ITEM) },
  {
    method: 'get',
    path: '/work-items/{id}/allowed-actions',
    operationId: 'allowedActions',
    tag: 'work items',
    summary: 'What the caller may do now, and why not',
    security: 'bearer',
    parameters: [workItemId],
    responses: { '200': { description: 'Every action of the task type with whether it is enabled and its failed checks.', schema: 'AllowedActions' } },
    problems: problems(AUTHENTICATED, ITEM),
  },
  lifecycle('claim', 'claim', 'Claim'),
  lifecycle('release', 'release', 'Release to the queue'),
  lifecycle('delegate', 'delegate', 'Ask someone for input; the owner stays', { '400': ['INVALID_PRINCIPAL_ID'], '422': ['DELEGATE_REQUIRED', 'ASSIGNEE_NOT_ELIGIBLE'] }),
  lifecycle('resolve-delegation', 'resolveDelegation', 'Hand a delegated item back'),
  lifecycle('reassign', 'reassign', 'Reassign (manager authority and, per policy, a reason)', { '400': ['INVALID_PRINCIPAL_ID'], '422': ['ASSIGNEE_REQUIRED', 'ASSIGNEE_NOT_ELIGIBLE'] }),
  lifecycle('escalate', 'escalate', 'Escalate'),
  lifecycle('comments', 'comment', 'Comment'),
  {
    method: 'post',
    path: '/work-items/{id}/decisions',
    operationId: 'decide',
    tag: 'work items',
    summary: 'Decide',
    description: 'With an Idempotency-Key the same body replays the first answer. A decision that needs a second person answers AWAITING_SECOND_APPROVAL.',
    security: 'bearer',
    parameters: [workItemId, idempotencyKey],
    body: { schema: 'decide', required: true },
    responses: { '201': { description: 'The decision: effective, or awaiting a second approval.', schema: 'Decision' } },
    problems: problems(COMMAND, ITEM, POLICY_CHECKS, IDEMPOTENT, {
      '403': ['FOUR_EYES_VIOLATION', 'AUTHORITY_LIMIT_EXCEEDED'],
      '409': ['SECOND_APPROVAL_PENDING'],
      '422': ['UNKNOWN_DECISION', 'DECISION_PAYLOAD_INVALID'],
    }),
  },
  {
    method: 'get',
    path: '/work-items/{id}/actions',
    operationId: 'actionHistory',
    tag: 'work items',
    summary: 'Recovery actions taken on the item, oldest first',
    security: 'bearer',
    parameters: [workItemId],
    responses: { '200': { description: 'The actions.', schema: 'RecoveryActions' } },
    problems: problems(AUTHENTICATED, ITEM),
  },
  {
    method: 'post',
    path: '/work-items/{id}/actions/{actionCode}',
    operationId: 'runAction',
    tag: 'work items',
    summary: 'A recovery action (reconcile, retry, mark no-effect, ...), with the evidence it records',
    description: '201 when effective, 202 when it waits for a second approval. With an Idempotency-Key the same body replays the first answer.',
    security: 'bearer',
    parameters: [workItemId, actionCode, idempotencyKey],
    body: { schema: 'recoveryAction', required: false },
    responses: { '201': { description: 'The action, effective.', schema: 'ActionResult' }, '202': { description: 'The action, awaiting a second approval.', schema: 'ActionResult' } },
    problems: problems(COMMAND, ITEM, POLICY_CHECKS, IDEMPOTENT, {
      '400': ['INVALID_ACTION_CODE'],
      '404': ['ACTION_NOT_FOUND'],
      '409': ['SECOND_APPROVAL_PENDING'],
      '422': ['NOT_A_RECOVERY_ACTION', 'EVIDENCE_NOT_ATTACHABLE', 'EVIDENCE_INVALID'],
    }),
  },

  {
    method: 'post',
    path: '/events',
    operationId: 'postEvent',
    tag: 'events',
    summary: 'A business event, e.g. QuoteRevised',
    security: 'bearer',
    body: { schema: 'businessEvent', required: true },
    responses: { '202': { description: 'The items made obsolete and the items requested anew.', schema: 'BusinessEventResult' } },
    problems: problems(COMMAND, { '403': ['SERVICE_ROLE_REQUIRED'], '409': ['CONCURRENT_CHANGE'], '422': ['EVIDENCE_INVALID', 'BUSINESS_OBJECT_TYPE_MISMATCH'] }),
  },

  {
    method: 'get',
    path: '/audit',
    operationId: 'audit',
    tag: 'audit',
    summary: "Audit events: one item's history, or the tenant trail for auditors",
    security: 'bearer',
    query: 'auditQuery',
    responses: { '200': { description: 'One page of events in chain order.', schema: 'AuditEvents' } },
    problems: problems(AUTHENTICATED, QUERY, ITEM, { '403': ['AUDIT_READER_REQUIRED'] }),
  },
  {
    method: 'get',
    path: '/audit/verify',
    operationId: 'verifyAudit',
    tag: 'audit',
    summary: 'Walk the hash chain and hold it against the signed checkpoints',
    description: 'Names the first sequence that cannot be trusted and every finding (truncation, re-hashing, forged rows).',
    security: 'bearer',
    responses: { '200': { description: 'The verification.', schema: 'ChainVerification' } },
    problems: problems(AUTHENTICATED, { '403': ['AUDIT_READER_REQUIRED'] }),
  },
  {
    method: 'post',
    path: '/audit/checkpoints',
    operationId: 'checkpointAudit',
    tag: 'audit',
    summary: "Sign the caller's tenant's audit chain head now (governance admins and services; the runtime also signs periodically)",
    security: 'bearer',
    body: { schema: 'auditCheckpoint', required: false },
    responses: {
      '200': { description: '`created: false`: the head was already signed (the latest checkpoint), or the chain is empty.', schema: 'AuditCheckpointResult' },
      '201': { description: '`created: true` and the checkpoint.', schema: 'AuditCheckpointResult' },
    },
    problems: problems(COMMAND, { '403': ['AUDIT_CHECKPOINT_WRITER_REQUIRED'] }),
  },

  {
    method: 'get',
    path: '/definitions',
    operationId: 'listDefinitions',
    tag: 'definitions',
    summary: 'Definitions with their versions (drafts and reviews for governance admins and auditors only)',
    security: 'bearer',
    query: 'definitionListQuery',
    responses: { '200': { description: 'Every definition with its versions.', schema: 'DefinitionList' } },
    problems: problems(AUTHENTICATED, QUERY),
    mountedWhen: GOVERNED,
  },
  {
    method: 'get',
    path: '/definitions/import-conflicts',
    operationId: 'importConflicts',
    tag: 'definitions',
    summary: 'Shipped definition files that differ from their stored published version (the stored one is kept)',
    security: 'bearer',
    responses: { '200': { description: 'When the shipped files were imported, and the conflicts.', schema: 'ImportConflicts' } },
    problems: problems(AUTHENTICATED, { '403': ['GOVERNANCE_READER_REQUIRED'] }),
    mountedWhen: GOVERNED,
  },
  {
    method: 'get',
    path: '/definitions/{kind}/{id}/versions',
    operationId: 'definitionVersions',
    tag: 'definitions',
    summary: 'Versions of one definition, with lifecycle metadata, oldest first',
    security: 'bearer',
    parameters: definitionPath(),
    responses: { '200': { description: 'The versions, without content.', schema: 'DefinitionVersions' } },
    problems: problems(AUTHENTICATED, DEFINITION_PATH),
    mountedWhen: GOVERNED,
  },
  // --- definition references (the definitions home, the version page) ---
  {
    method: 'get',
    path: '/definitions/{kind}/{id}/references',
    operationId: 'definitionReferences',
    tag: 'definitions',
    summary: "Per version: what it references, which versions reference it, whether new items get it, and the caller's tenant's open items pinned to it",
    security: 'bearer',
    parameters: definitionPath(),
    responses: { '200': { description: 'The versions, oldest first, with their references and referrers.', schema: 'DefinitionReferences' } },
    problems: problems(AUTHENTICATED, DEFINITION_PATH),
    mountedWhen: GOVERNED,
  },
  // --- end of definition references ---
  {
    method: 'get',
    path: '/definitions/{kind}/{id}/versions/{version}',
    operationId: 'getDefinitionVersion',
    tag: 'definitions',
    summary: 'One version with its content and contributors',
    security: 'bearer',
    parameters: definitionPath(true),
    responses: { '200': { description: 'The version.', schema: 'DefinitionVersionView' } },
    problems: problems(AUTHENTICATED, DEFINITION_PATH),
    mountedWhen: GOVERNED,
  },
  {
    method: 'put',
    path: '/definitions/{kind}/{id}/versions/{version}',
    operationId: 'updateDraft',
    tag: 'definitions',
    summary: "Replace a draft's content; returns its findings",
    security: 'bearer',
    parameters: definitionPath(true),
    body: { schema: 'updateDraft', required: true },
    responses: { '200': { description: 'The draft with its findings.', schema: 'DefinitionVersionView' } },
    problems: problems(COMMAND, DEFINITION_PATH, GOVERNANCE_ADMIN, { '409': ['DEFINITION_IMMUTABLE', 'CONCURRENT_CHANGE'], '422': ['DEFINITION_IDENTITY_MISMATCH'] }),
    mountedWhen: GOVERNED,
  },
  {
    method: 'post',
    path: '/definitions/{kind}/{id}/drafts',
    operationId: 'createDraft',
    tag: 'definitions',
    summary: 'A new draft (highest version + 1): empty, a copy of `from`, or the given content',
    security: 'bearer',
    parameters: definitionPath(),
    body: { schema: 'createDraft', required: false },
    responses: { '201': { description: 'The draft with its findings.', schema: 'DefinitionVersionView' } },
    problems: problems(COMMAND, DEFINITION_PATH, GOVERNANCE_ADMIN, { '409': ['DRAFT_EXISTS', 'DEFINITION_ID_KIND_CONFLICT', 'CONCURRENT_CHANGE'], '422': ['SOURCE_VERSION_NOT_FOUND', 'DEFINITION_IDENTITY_MISMATCH'] }),
    mountedWhen: GOVERNED,
  },
  governanceCommand('submit', 'submitDefinition', 'Submit a draft for review (422 DEFINITION_INVALID with its error findings)', 'definitionCommand', { '409': ['DEFINITION_IMMUTABLE'], '422': ['DEFINITION_INVALID'] }),
  governanceCommand(
    'approve',
    'approveDefinition',
    'Approve a version under review: a governance admin who contributed nothing to it; records the content hash it approves',
    'approve',
    { '403': ['FOUR_EYES_VIOLATION', 'CONTRIBUTOR_MAY_NOT_APPROVE'], '409': ['DEFINITION_ALREADY_APPROVED', 'DEFINITION_CONTENT_CHANGED', 'DEFINITION_IMMUTABLE'] },
  ),
  governanceCommand('reject', 'rejectDefinition', 'Send a version under review back to draft with a comment: a governance admin other than the author', 'review', { '403': ['FOUR_EYES_VIOLATION'], '409': ['DEFINITION_IMMUTABLE'] }),
  governanceCommand('publish', 'publishDefinition', 'Publish an approved version, now or from effectiveFrom', 'publish', { '409': ['DEFINITION_NOT_APPROVED', 'APPROVED_CONTENT_MISMATCH'], '422': ['EFFECTIVE_FROM_IN_PAST', 'DEFINITION_INVALID'] }),
  governanceCommand('retire', 'retireDefinition', 'Retire a published version: no new item resolves to it; pinned items keep it', 'definitionCommand', { '409': ['DEFINITION_IN_USE', 'DEFINITION_IMMUTABLE'] }),
  {
    method: 'get',
    path: '/definitions/{kind}/{id}/diff',
    operationId: 'diffDefinitionVersions',
    tag: 'definitions',
    summary: 'Semantic diff of two versions (tightening, loosening, neutral) with the RFC 6902 JSON Patch',
    security: 'bearer',
    parameters: definitionPath(),
    query: 'definitionDiffQuery',
    responses: { '200': { description: 'The changes, their counts by control effect, and the patch.', schema: 'DefinitionVersionDiff' } },
    problems: problems(AUTHENTICATED, QUERY, DEFINITION_PATH),
    mountedWhen: GOVERNED,
  },
  {
    method: 'get',
    path: '/definitions/{kind}/{id}/impact',
    operationId: 'definitionImpact',
    tag: 'definitions',
    summary: "Impact replay: the caller's tenant's items pinned to this definition re-evaluated under a candidate version",
    description: 'A draft or any stored version; reports decisions that would have been refused, actions that flip, priority and SLA changes (governance admins and auditors).',
    security: 'bearer',
    parameters: definitionPath(),
    query: 'definitionImpactQuery',
    responses: { '200': { description: 'The impact report.', schema: 'ImpactReport' } },
    problems: problems(AUTHENTICATED, QUERY, DEFINITION_PATH, { '400': ['INVALID_TIME_RANGE'], '403': ['GOVERNANCE_READER_REQUIRED'], '422': ['DEFINITION_INVALID'] }),
    mountedWhen: GOVERNED,
  },
  // Try it before proposing: the simulation of one version beside the published one.
  {
    method: 'post',
    path: '/definitions/{kind}/{id}/versions/{version}/simulate',
    operationId: 'simulateDefinition',
    tag: 'definitions',
    summary: 'Try a version (draft, in review or published) beside the published one: allowed actions, the visible view, priority and SLA, per item, for one principal',
    description:
      "Over existing items of the caller's tenant or one sample entered as facts, as a person of the directory or a given set of roles and groups. The version takes the place of its published counterpart in the item's definitions; the runtime's own policy code evaluates both sides. Writes nothing (no audit event); no Idempotency-Key. Governance admins only.",
    security: 'bearer',
    parameters: definitionPath(true),
    body: { schema: 'simulateDefinition', required: true },
    responses: { '200': { description: 'Per item: both sides and what differs.', schema: 'DefinitionSimulation' } },
    problems: problems(COMMAND, DEFINITION_PATH, GOVERNANCE_ADMIN, ITEM, {
      '400': ['INVALID_PRINCIPAL_ID', 'INVALID_POLICY_CONTEXT'],
      '422': ['DEFINITION_INVALID', 'RULE_COMPILE_FAILED', 'EVIDENCE_INVALID', 'UNKNOWN_TASK_TYPE', 'BUSINESS_OBJECT_TYPE_MISMATCH', 'DEFINITION_NOT_REFERENCED', 'SIMULATION_USER_UNKNOWN'],
    }),
    mountedWhen: GOVERNED,
  },
  {
    method: 'post',
    path: '/definitions/{kind}/{id}/migrations',
    operationId: 'migrateWorkItems',
    tag: 'definitions',
    summary: "Move open work items of the caller's tenant from one task type version to another (kind TaskType only)",
    description: 'dryRun lists per item what changes; applying writes them and an audit event per item in one transaction (422 MIGRATION_BLOCKED if any selected item is blocked).',
    security: 'bearer',
    parameters: [{ ...definitionPath()[0]!, description: 'TaskType: only task types migrate items (another kind is 404 ROUTE_NOT_FOUND).' }, definitionPath()[1]!],
    body: { schema: 'migrateWorkItems', required: true },
    responses: { '200': { description: 'Per item: pinned definitions, priority, SLA instants, blockers.', schema: 'MigrationResult' } },
    problems: problems(COMMAND, DEFINITION_PATH, GOVERNANCE_ADMIN, {
      '404': ['ROUTE_NOT_FOUND'],
      '409': ['CONCURRENT_CHANGE'],
      '422': ['MIGRATION_BLOCKED', 'MIGRATION_SAME_VERSION', 'MIGRATION_TARGET_NOT_IN_EFFECT', 'MIGRATION_TARGET_NOT_PUBLISHED'],
    }),
    mountedWhen: GOVERNED,
  },

  {
    method: 'get',
    path: '/processes',
    operationId: 'listProcesses',
    tag: 'processes',
    summary: 'The processes deployed on the embedded workflow engine',
    security: 'bearer',
    responses: { '200': { description: 'The deployed process keys.', schema: 'ProcessList' } },
    problems: AUTHENTICATED,
    mountedWhen: WORKFLOW,
  },
  {
    method: 'post',
    path: '/processes/{key}/instances',
    operationId: 'startProcess',
    tag: 'processes',
    summary: "Start an instance of a deployed process in the caller's tenant; its user tasks become work items",
    description: 'Started by the roles the process declares (`mandate:starters`). Services and workflow operators get the raw instance (ProcessInstance); a person gets a receipt without variables (ProcessStartReceipt).',
    security: 'bearer',
    parameters: [processKey],
    body: { schema: 'startProcess', required: false },
    responses: { '201': { description: 'The receipt (people), or the raw instance (services and workflow operators).', schema: ['ProcessStartReceipt', 'ProcessInstance'] } },
    problems: problems(COMMAND, { '403': ['NOT_A_PROCESS_STARTER'], '404': ['PROCESS_NOT_FOUND', 'PROCESS_INSTANCE_NOT_FOUND'] }),
    mountedWhen: WORKFLOW,
  },
  {
    method: 'get',
    path: '/processes/{key}/instances/{id}',
    operationId: 'getProcessInstance',
    tag: 'processes',
    summary: "One instance of the caller's tenant: status, variables, waiting tasks (services and workflow operators)",
    security: 'bearer',
    parameters: [processKey, processInstanceId],
    responses: { '200': { description: 'The raw instance.', schema: 'ProcessInstance' } },
    problems: problems(AUTHENTICATED, { '403': ['PROCESS_INSTANCE_NOT_READABLE'], '404': ['PROCESS_INSTANCE_NOT_FOUND'] }),
    mountedWhen: WORKFLOW,
  },
];
