import { HTTP_PROBLEM_KINDS, PROBLEM_KINDS, type DomainErrorKind, type ProblemKind } from './problemKinds.js';

/** One catalogued problem code: its kind, the status and title that kind answers with, and what it means. */
export interface ProblemCodeEntry<K extends ProblemKind = ProblemKind> {
  kind: K;
  status: (typeof PROBLEM_KINDS)[K]['status'];
  title: (typeof PROBLEM_KINDS)[K]['title'];
  /** What the code means, in one sentence; also the problem's `detail` when the thrower gives none. */
  sentence: string;
}

const of =
  <K extends ProblemKind>(kind: K) =>
  (sentence: string): ProblemCodeEntry<K> => ({ kind, status: PROBLEM_KINDS[kind].status, title: PROBLEM_KINDS[kind].title, sentence });

const input = of('input');
const unauthenticated = of('unauthenticated');
const notAllowed = of('notAllowed');
const notFound = of('notFound');
const conflict = of('conflict');
const unprocessable = of('unprocessable');
const unavailable = of('unavailable');

/**
 * Every problem code the runtime answers with, by kind. Codes are stable: clients and tests match
 * on them, so a code is never renamed or reused for another meaning. `docs/problems.md` lists them
 * (`npm run generate-docs -w packages/problems`).
 *
 * @example
 * ```ts
 * PROBLEM_CODES.FOUR_EYES_VIOLATION.status; // 403
 * ```
 */
export const PROBLEM_CODES = {
  // Reading the request
  INVALID_REQUEST_BODY: input('The request body does not match the route\'s JSON Schema; `violations` says where.'),
  INVALID_QUERY: input('The query string does not match the route\'s schema, or an instant in it does not exist; `violations` says where.'),
  INVALID_PATH: input('A path parameter does not match its pattern; `violations` says where.'),
  MALFORMED_JSON: input('The request body is not valid JSON.'),
  JSON_TOO_DEEP: input('The request body nests objects and arrays deeper than `maxDepth` levels.'),
  NUL_CHARACTER: input('Text in the body or the query contains the NUL character (U+0000).'),
  BAD_REQUEST: input('The request body could not be read (aborted, or an unsupported charset or encoding); the status is the body reader\'s.'),
  INVALID_IDEMPOTENCY_KEY: input('The Idempotency-Key header is not 1 to 100 letters, digits and `_.:-`.'),
  INVALID_ACTION_CODE: input('The action code in the path is not SCREAMING_SNAKE_CASE.'),
  INVALID_PRINCIPAL_ID: input('A principal id in the request is not canonical (lower-case letters, digits and `. _ @ + | -`).'),
  INVALID_CURSOR: input('The cursor is not one this server issued.'),
  INVALID_TIME_RANGE: input('`from` is after `to`.'),
  INVALID_POLICY_CONTEXT: input('The policy cannot evaluate the context: an instant without an offset, or evidence that is not an object.'),
  INVALID_PROCESS_VARIABLES: input('Process variables the embedded engine cannot take: a name bpmn-engine reserves (such as `content`), or a value that is not JSON.'),
  PAYLOAD_TOO_LARGE: of('payloadTooLarge')('The request body is larger than the limit.'),
  UNSUPPORTED_MEDIA_TYPE: of('unsupportedMediaType')('A command was sent with another Content-Type than application/json.'),
  ROUTE_NOT_FOUND: notFound('No route answers this method and path.'),
  RATE_LIMITED: of('tooManyRequests')('More requests than the window allows; retry after `Retry-After` seconds (`retryAfterSeconds`).'),

  // Identity
  AUTHENTICATION_REQUIRED: unauthenticated('No `Authorization: Bearer` token was sent.'),
  INVALID_TOKEN: unauthenticated('The token does not verify (signature, issuer, audience, expiry, lifetime or algorithm); with JWTs, `reason` says which.'),
  TOKEN_CLAIMS_INVALID: unauthenticated('The token verifies, but a claim the runtime maps to the principal (`claim`) is missing or malformed.'),
  UNKNOWN_DEV_USER: unauthenticated('The development identity has no demo user with this id.'),
  METRICS_TOKEN_REQUIRED: unauthenticated('`/metrics` needs the metrics token (`MANDATE_METRICS_TOKEN`); a user\'s token is not it.'),
  IDENTITY_PROVIDER_UNAVAILABLE: unavailable('The identity provider\'s signing keys could not be fetched.'),

  // Who may
  AUDITOR_READ_ONLY: notAllowed('The caller holds a read-only role: auditors read everything of their tenant and write nothing.'),
  GOVERNANCE_ADMIN_REQUIRED: notAllowed('Changing definitions needs the governance admin role.'),
  GOVERNANCE_READER_REQUIRED: notAllowed('Drafts, reviews, import conflicts and impact replay are open to governance admins and auditors only.'),
  AUDIT_READER_REQUIRED: notAllowed('The tenant\'s audit trail is open to auditors and governance admins; others read one item\'s history.'),
  AUDIT_CHECKPOINT_WRITER_REQUIRED: notAllowed('Audit checkpoints are signed on demand by governance admins and services only.'),
  SERVICE_ROLE_REQUIRED: notAllowed('Business events come from a service (role SERVICE), not from a person.'),
  REQUESTED_BY_NOT_CALLER: notAllowed('Only a service creates a work item on behalf of someone else (`requestedBy`).'),
  CANDIDATE_GROUPS_NOT_ALLOWED: notAllowed('Candidate groups come from the task type; only a service may narrow them, and only to some of them.'),
  CALLER_REF_NOT_ALLOWED: notAllowed('Only the workflow bridge or a service binds a work item to a workflow activation (`callerRef`).'),
  NOT_A_PROCESS_STARTER: notAllowed('The caller holds none of the roles the process declares as its starters (`starters`).'),
  PROCESS_INSTANCE_NOT_READABLE: notAllowed('Process instances are read by services and workflow operators only.'),
  FOUR_EYES_VIOLATION: notAllowed('Four-eyes: whoever requested the item, owns its business object, asked for the pending approval or authored the definition version may not decide or approve it.'),
  CONTRIBUTOR_MAY_NOT_APPROVE: notAllowed('A governance admin who contributed to a definition version may not approve it (`contributors`).'),
  AUTHORITY_LIMIT_EXCEEDED: notAllowed('The decision is above the actor\'s authority limit.'),
  NOT_ASSIGNEE: notAllowed('Only the item\'s assignee may do this; claim it first.'),
  NOT_A_CANDIDATE: notAllowed('The actor is in none of the item\'s candidate groups, nor in its escalation group.'),
  NOT_A_PARTICIPANT: notAllowed('Only the people working on the item (its assignee, candidates and delegate) may do this.'),
  NOT_THE_DELEGATE: notAllowed('Only the person the item was delegated to may hand it back.'),
  TENANT_MISMATCH: notAllowed('The item belongs to another tenant.'),
  EVIDENCE_REQUIRED: notAllowed('Evidence the decision or action needs is missing.'),
  ELEVATED_ROLE_REQUIRED: notAllowed('The action needs an elevated role the actor does not hold.'),
  MANAGER_AUTHORITY_REQUIRED: notAllowed('The action needs manager authority over the item (its escalation group).'),
  FORBIDDEN_ACTION: notAllowed('The action policy forbids this action; the detail names the safe alternative when there is one.'),

  // Not found
  WORK_ITEM_NOT_FOUND: notFound('No work item with this id in the caller\'s tenant.'),
  DEFINITION_NOT_FOUND: notFound('No definition of this kind and id, or a pinned reference that does not resolve in the definition set.'),
  DEFINITION_VERSION_NOT_FOUND: notFound('The definition has no such version.'),
  ACTION_NOT_FOUND: notFound('The item\'s action policy has no action with this code.'),
  PROCESS_NOT_FOUND: notFound('No process with this key is deployed.'),
  PROCESS_INSTANCE_NOT_FOUND: notFound('No instance with this id of this process in the caller\'s tenant.'),
  UNKNOWN_PROCESS: notFound('The embedded workflow engine was given no process with this key.'),

  // Work items: state and concurrency
  CONCURRENT_CHANGE: conflict('The row changed between reading and writing it (another request won); reload and retry.'),
  STALE_BUSINESS_OBJECT: conflict('The business object moved on (version or revision) since the item, or the caller, saw it.'),
  INVALID_STATE: conflict('The action is not possible in the item\'s current state.'),
  SECOND_APPROVAL_PENDING: conflict('A decision or action waits for a second approval; give it or let it lapse first.'),
  IDEMPOTENCY_KEY_IN_FLIGHT: conflict('A request with this Idempotency-Key is still running.'),
  CALLER_REF_IN_USE: conflict('A live work item is already bound to this workflow activation (`workItemId`).'),

  // Work items: commands
  IDEMPOTENCY_KEY_REUSED: unprocessable('The Idempotency-Key was used with another request body.'),
  UNKNOWN_DECISION: unprocessable('The decision is not one of the task type\'s decision options.'),
  DECISION_PAYLOAD_INVALID: unprocessable('The decision form does not match the task type\'s decision schema, or differs from the command\'s fields.'),
  REASON_CODE_REQUIRED: unprocessable('The decision or action needs a reason code.'),
  REASON_CODE_NOT_ALLOWED: unprocessable('The reason code is not one the pinned reason-code set declares for this decision or action.'),
  REASON_CODES_NOT_DECLARED: unprocessable('The action needs a reason code, but the item\'s pinned reason-code set declares none for it; migrate the item to a version that does.'),
  COMMENT_REQUIRED: unprocessable('The decision or action needs a comment.'),
  ACKNOWLEDGEMENT_REQUIRED: unprocessable('The decision or action needs its acknowledgement (`acknowledged: true`).'),
  DELEGATE_REQUIRED: unprocessable('A delegation names who is asked for input (`delegateTo`).'),
  ASSIGNEE_REQUIRED: unprocessable('A reassignment names the new assignee.'),
  ASSIGNEE_NOT_ELIGIBLE: unprocessable('The new assignee is not known in the tenant, or may not claim the item.'),
  ACTION_NOT_OFFERED: unprocessable('The item\'s action policy does not offer this lifecycle action.'),
  CONDITION_NOT_MET: unprocessable('A condition of the action policy is not met; the first violation\'s code names the reason the policy declares, if any.'),
  NOT_A_RECOVERY_ACTION: unprocessable('The action is a lifecycle action or a decision, which have their own endpoints.'),
  EVIDENCE_INVALID: unprocessable('The evidence does not match the task type\'s evidence schema (`violations`).'),
  EVIDENCE_NOT_ATTACHABLE: unprocessable('A recovery action attaches evidence outside the paths it may write.'),
  UNKNOWN_TASK_TYPE: unprocessable('No published task type with this id (and version).'),
  BUSINESS_OBJECT_TYPE_MISMATCH: unprocessable('The task type decides on another business object type.'),
  EXPIRES_AT_NOT_IN_FUTURE: unprocessable('`expiresAt` is not an instant after now.'),

  // Definitions: lifecycle and content
  DRAFT_EXISTS: conflict('The definition already has an open version (a draft or one in review).'),
  DEFINITION_ID_KIND_CONFLICT: conflict('The id already names a definition of another kind.'),
  DEFINITION_IMMUTABLE: conflict('A published or retired version cannot be changed; create a new draft from it.'),
  DEFINITION_NOT_DRAFT: conflict('Only a draft can be changed or submitted for review.'),
  DEFINITION_NOT_IN_REVIEW: conflict('Only a version in review can be approved, rejected or published.'),
  DEFINITION_NOT_PUBLISHED: conflict('Only a published version can be retired.'),
  DEFINITION_NOT_APPROVED: conflict('A version is published only after a second governance admin approved it.'),
  DEFINITION_ALREADY_APPROVED: conflict('The version is already approved.'),
  DEFINITION_CONTENT_CHANGED: conflict('The version holds other content than the one the reviewer saw (`contentHash`).'),
  APPROVED_CONTENT_MISMATCH: conflict('The version\'s content is not the content its approval was given for.'),
  DEFINITION_IN_USE: conflict('Published definitions still reference this version (`referencedBy`).'),
  SOURCE_VERSION_NOT_FOUND: unprocessable('The version a new draft is to be copied from (`from`) does not exist.'),
  DEFINITION_INVALID: unprocessable('The content fails its JSON Schema or the cross-reference lint (`findings`, each with its `code`, `pointer` and `sentence` in plain words).'),
  DEFINITION_IDENTITY_MISMATCH: unprocessable('The content\'s kind or id is not the one in the path.'),
  EFFECTIVE_FROM_IN_PAST: unprocessable('`effectiveFrom` is before now.'),
  DEFINITION_NOT_REFERENCED: unprocessable('A simulated item\'s task type does not reference the simulated definition (or a sample names no task type that does), so the simulation would change nothing there.'),
  SIMULATION_USER_UNKNOWN: unprocessable('`asUser` is not a person the identity\'s directory knows in the caller\'s tenant.'),
  RULE_COMPILE_FAILED: unprocessable('A rule reads a fact or path outside the fact catalogue, uses an unknown operator, or sets condition priorities.'),
  MIGRATION_SAME_VERSION: unprocessable('A migration moves items from one version to the same version.'),
  MIGRATION_TARGET_NOT_PUBLISHED: unprocessable('Work items move only to a published version.'),
  MIGRATION_TARGET_NOT_IN_EFFECT: unprocessable('The target version is not in effect yet (`effectiveFrom`).'),
  MIGRATION_BLOCKED: unprocessable('Some of the items cannot move to the target version (`blocked`); leave them out or fix them.'),

  // Workflow
  PROCESS_EXECUTION_FAILED: unprocessable('The BPMN process raised an error while it ran (no flow to take, an expression that failed).'),
  EXPRESSION_SYNTAX: unprocessable('A BPMN condition or timer expression is outside the JUEL subset the embedded engine evaluates.'),
  UNKNOWN_VARIABLE: unprocessable('A BPMN expression reads a process variable that is not set.'),
  TYPE_MISMATCH: unprocessable('A BPMN expression compares or combines values of types that do not fit.'),
  MAPPING_SYNTAX: unprocessable('An input or output mapping is not valid JSONata.'),
  MAPPING_EVALUATION: unprocessable('An input or output mapping failed while it was evaluated.'),
  MAPPING_RESULT: unprocessable('A mapping\'s result is not a plain object, or not a work item the task type accepts.'),
  BPMN_XML_INVALID: unprocessable('The BPMN is not well-formed BPMN 2.0 XML.'),
  BPMN_BINDING_INVALID: unprocessable('A user task\'s binding to a task type is malformed.'),
  BPMN_UNBOUND_USER_TASK: unprocessable('A user task binds to no task type.'),
  BPMN_MAPPING_INVALID: unprocessable('A binding\'s input or output mapping does not compile.'),
  BPMN_DUPLICATE_PROCESS: unprocessable('Two BPMN files define the same process id.'),
  WORKFLOW_ENGINE_REFUSED: unprocessable('The external workflow engine (Camunda 7) refused the command with a 4xx; sending it again will not help.'),
  WORKFLOW_UNAVAILABLE: unavailable('The workflow engine could not be reached or did not answer; retry later.'),

  // The server
  DATABASE_UNAVAILABLE: unavailable('The database did not answer; retry shortly (under the same Idempotency-Key a command runs at most once).'),
  INTERNAL_ERROR: of('internal')('The server failed; the error is logged.'),
} as const;

/** A catalogued problem code, e.g. `FOUR_EYES_VIOLATION`. */
export type ProblemCode = keyof typeof PROBLEM_CODES;

/** The codes of one kind, e.g. `ProblemCodeOf<'notFound'>` is `'WORK_ITEM_NOT_FOUND' | ...`. */
export type ProblemCodeOf<K extends ProblemKind> = { [C in ProblemCode]: (typeof PROBLEM_CODES)[C]['kind'] extends K ? C : never }[ProblemCode];

/** The codes a `DomainError` may carry (every code but those the HTTP layer alone answers). */
export type DomainProblemCode = ProblemCodeOf<DomainErrorKind>;

/** Whether `value` is a catalogued problem code. */
export function isProblemCode(value: unknown): value is ProblemCode {
  return typeof value === 'string' && Object.hasOwn(PROBLEM_CODES, value);
}

/** Whether `value` is a catalogued code a `DomainError` may carry. */
export function isDomainProblemCode(value: unknown): value is DomainProblemCode {
  return isProblemCode(value) && !(HTTP_PROBLEM_KINDS as readonly ProblemKind[]).includes(PROBLEM_CODES[value].kind);
}
