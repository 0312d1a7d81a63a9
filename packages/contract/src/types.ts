/**
 * The wire types, derived from the JSON Schemas with `json-schema-to-ts` (`FromSchema`): a schema
 * is the one source, and a type never restates it. Documentation of each member lives in its
 * schema's `description` (it shows in `/openapi.json` and `/api/reference`).
 */
import type { FromSchema } from 'json-schema-to-ts';
import type { queueFilter, requestSchemas } from './requestSchemas.js';
import type { responseSchemas } from './responseSchemas.js';

type Request<Name extends keyof typeof requestSchemas> = FromSchema<(typeof requestSchemas)[Name]>;
type Response<Name extends keyof typeof responseSchemas> = FromSchema<(typeof responseSchemas)[Name]>;

/** `GET /healthz`. */
export type Health = Response<'Health'>;
/** `POST /auth/dev/token` (dev identity only). */
export type DevToken = Response<'DevToken'>;
/** A reference to the business object a work item decides on, at one version. */
export type BusinessObjectRef = Response<'BusinessObjectRef'>;
/** The first half of a four-eyes pair: what was asked for, and by whom. */
export type PendingApproval = Response<'PendingApproval'>;
/** A work item as the caller may see it: hidden evidence fields absent, their paths in `redactedPaths`. */
export type WorkItem = Response<'WorkItem'>;
/** A worklist row (`GET /work-items?view=summary`): the item without its evidence. */
export type WorkItemSummary = Response<'WorkItemSummary'>;
/** One page of the queue, highest priority first. */
export type WorkItemPage = Response<'WorkItemPage'>;
/** One page of summaries, in the queue's order. */
export type WorkItemSummaryPage = Response<'WorkItemSummaryPage'>;
/** `GET /work-items/count`. */
export type WorkItemCount = Response<'WorkItemCount'>;
/** The item after a lifecycle command. */
export type LifecycleResult = Response<'LifecycleResult'>;
/** A recorded decision. */
export type Decision = Response<'Decision'>;
/** A recovery action taken: effective (201), or waiting for a second person's approval (202). */
export type ActionResult = Response<'ActionResult'>;
/** A recovery action as recorded, in `GET /work-items/{id}/actions`. */
export type RecoveryAction = Response<'RecoveryAction'>;
/** `GET /work-items/{id}/actions`: the item's recovery actions, oldest first. */
export type RecoveryActions = Response<'RecoveryActions'>;
/** What a business event did: items made obsolete and items requested anew. */
export type BusinessEventResult = Response<'BusinessEventResult'>;
/** One action and whether this actor may take it now. */
export type ActionAvailability = Response<'ActionAvailability'>;
/** `GET /work-items/{id}/allowed-actions`. */
export type AllowedActions = Response<'AllowedActions'>;
/** An audit event with its place in the tenant's hash chain. */
export type AuditEvent = Response<'AuditEvent'>;
/** `GET /audit`: one page of events in chain order. */
export type AuditEvents = Response<'AuditEvents'>;
/** A signed chain head. */
export type AuditCheckpoint = Response<'AuditCheckpoint'>;
/** What verification found wrong, by kind. */
export type AuditFindingCode = Response<'AuditFindingCode'>;
/** One thing wrong with a tenant's trail. */
export type AuditFinding = Response<'AuditFinding'>;
/** `GET /audit/verify`: the chain walked and held against its signed checkpoints. */
export type ChainVerification = Response<'ChainVerification'>;
/** `POST /audit/checkpoints`. */
export type AuditCheckpointResult = Response<'AuditCheckpointResult'>;
/** One reason a request or a decision was refused. */
export type ProblemViolation = Response<'ProblemViolation'>;
/** An RFC 9457 problem document as the runtime sends it, with its extension members. */
export type Problem = Response<'Problem'>;
/** The lifecycle states of a definition version. */
export type DefinitionVersionStatus = Response<'DefinitionVersionStatus'>;
/** A definition version's lifecycle record, without its content. */
export type DefinitionVersionMeta = Response<'DefinitionVersionMeta'>;
/** A definition version with its content. */
export type DefinitionVersionRecord = Response<'DefinitionVersionRecord'>;
/** A validation or lint finding of a version, located by JSON Pointer into its content. */
export type DraftFinding = Response<'DraftFinding'>;
/** One contribution to a version's content. */
export type DefinitionContribution = Response<'DefinitionContribution'>;
/** A version with its contributors and, for drafts, its findings. */
export type DefinitionVersionView = Response<'DefinitionVersionView'>;
/** One definition with its versions (`GET /definitions`). */
export type DefinitionSummary = Response<'DefinitionSummary'>;
/** `GET /definitions`. */
export type DefinitionList = Response<'DefinitionList'>;
/** `GET /definitions/{kind}/{id}/versions`, oldest first. */
export type DefinitionVersions = Response<'DefinitionVersions'>;
/** A version at the other end of a reference (`GET /definitions/{kind}/{id}/references`). */
export type DefinitionLink = Response<'DefinitionLink'>;
/** `GET /definitions/{kind}/{id}/references`: per version, references, referrers and pinned open items. */
export type DefinitionReferences = Response<'DefinitionReferences'>;
/** Whether a change tightens control, loosens it, or neither. */
export type ControlEffect = Response<'ControlEffect'>;
/** One semantic change between two versions. */
export type SemanticChange = Response<'SemanticChange'>;
/** An RFC 6902 JSON Patch operation. */
export type JsonPatchOperation = Response<'JsonPatchOperation'>;
/** `GET /definitions/{kind}/{id}/diff`. */
export type DefinitionVersionDiff = Response<'DefinitionVersionDiff'>;
/** Why an item cannot be migrated. */
export type MigrationBlocker = Response<'MigrationBlocker'>;
/** What a migration changes on one item. */
export type ItemMigration = Response<'ItemMigration'>;
/** The answer of a migration, dry run or applied. */
export type MigrationResult = Response<'MigrationResult'>;
/** A shipped definition file that differs from its stored version. */
export type ImportConflict = Response<'ImportConflict'>;
/** `GET /definitions/import-conflicts`. */
export type ImportConflicts = Response<'ImportConflicts'>;
/** What an impact finding is about. */
export type ImpactAspect = Response<'ImpactAspect'>;
/** One case of an impact finding. */
export type ImpactExample = Response<'ImpactExample'>;
/** A difference between baseline and candidate. */
export type ImpactFinding = Response<'ImpactFinding'>;
/** Case counts of a replay. */
export type ImpactTotals = Response<'ImpactTotals'>;
/** `GET /definitions/{kind}/{id}/impact`. */
export type ImpactReport = Response<'ImpactReport'>;
/** One side of a simulation: actions, the view, priority and SLA under one version. */
export type SimulationSide = Response<'SimulationSide'>;
/** One thing the simulated and the published version decide differently. */
export type SimulationDifference = Response<'SimulationDifference'>;
/** One item of a simulation, both sides and their differences. */
export type SimulatedItem = Response<'SimulatedItem'>;
/** `POST /definitions/{kind}/{id}/versions/{version}/simulate`. */
export type DefinitionSimulation = Response<'DefinitionSimulation'>;
/** `GET /processes`. */
export type ProcessList = Response<'ProcessList'>;
/** `POST /processes/{key}/instances` as a person: the receipt, no variables. */
export type ProcessStartReceipt = Response<'ProcessStartReceipt'>;
/** A process instance raw (services and workflow operators). */
export type ProcessInstance = Response<'ProcessInstance'>;

/** `GET /openapi.json`: the OpenAPI 3.1 document of the runtime. */
export type OpenApiDocument = Response<'OpenApiDocument'>;

/** `POST /work-items`: create a work item from a binding or a domain service. */
export type CreateWorkItem = Request<'createWorkItem'>;
/** The body of claim, release, delegate, resolve-delegation, reassign, escalate and comment. */
export type LifecycleCommand = Request<'lifecycle'>;
/** `POST /work-items/{id}/decisions`. */
export type DecideCommand = Request<'decide'>;
/** `POST /work-items/{id}/actions/{actionCode}`: a recovery action (reconcile, retry, ...). */
export type ActionCommand = Request<'recoveryAction'>;
/** `POST /events`: the business object changed in its own domain (e.g. `QuoteRevised`). */
export type BusinessEvent = Request<'businessEvent'>;
/** `POST /processes/{key}/instances`. */
export type StartProcess = Request<'startProcess'>;
/** `POST /definitions/{kind}/{id}/drafts`: empty, a copy of version `from`, or the given `content`; not both. */
export type CreateDraft = Request<'createDraft'>;
/** `PUT /definitions/{kind}/{id}/versions/{version}`: a draft's new content. */
export type UpdateDraft = Request<'updateDraft'>;
/** `POST .../versions/{version}/approve`. */
export type ApproveCommand = Request<'approve'>;
/** `POST .../versions/{version}/publish`. */
export type PublishCommand = Request<'publish'>;
/** `POST /definitions/TaskType/{id}/migrations`. */
export type MigrateWorkItems = Request<'migrateWorkItems'>;
/** `POST /definitions/{kind}/{id}/versions/{version}/simulate`: which items, as whom. */
export type SimulateDefinition = Request<'simulateDefinition'>;

/** The queue filters as the query sends them (text). */
type QueueFilterText = FromSchema<{ type: 'object'; additionalProperties: false; properties: typeof queueFilter }>;

/** Queue filters of `GET /work-items` and `GET /work-items/count`, with numbers and booleans where the query carries their text. */
export type WorkItemFilter = Omit<QueueFilterText, 'priorityMin' | 'overdue'> & {
  /** Only items past their due time. */
  overdue?: boolean;
  priorityMin?: number;
};

/** A queue query: filters, page size and the cursor of the page to fetch. */
export type WorkItemQuery = WorkItemFilter & { limit?: number; cursor?: string };

/** Filters of `GET /audit`, with the page size as a number. */
export type AuditFilter = Omit<Request<'auditQuery'>, 'limit'> & {
  /** Page size (the runtime's default is 500). */
  limit?: number;
};

/** `GET /definitions/{kind}/{id}/impact`: the candidate version and the time range (from inclusive, to exclusive). */
export type ImpactQuery = Omit<Request<'definitionImpactQuery'>, 'candidate'> & { candidate: number };

/** `GET /work-items` query parameters as the wire carries them (text). */
export type WorkItemQueryParams = Request<'workItemQuery'>;
/** `GET /work-items/count` query parameters as the wire carries them (text). */
export type WorkItemCountQueryParams = Request<'workItemCountQuery'>;
/** `GET /audit` query parameters as the wire carries them (text). */
export type AuditQueryParams = Request<'auditQuery'>;
/** Path parameters of `/definitions/{kind}/{id}[/versions/{version}]`, as text. */
export type DefinitionPathParams = Request<'definitionPath'>;
/** `GET /definitions/{kind}/{id}/diff` query parameters (text). */
export type DefinitionDiffQueryParams = Request<'definitionDiffQuery'>;
/** `GET /definitions/{kind}/{id}/impact` query parameters (text). */
export type DefinitionImpactQueryParams = Request<'definitionImpactQuery'>;
