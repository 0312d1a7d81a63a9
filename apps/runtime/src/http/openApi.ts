import { requestSchemas } from './requestSchemas.js';

const problem = { description: 'RFC 9457 problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const json = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const body = (schema: string) => ({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } });
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const secured = [{ bearer: [] }];
const processKey = { name: 'key', in: 'path', required: true, description: 'a deployed process key (GET /processes), e.g. quote-approval', schema: { type: 'string' } };

/** Path parameters of a definition (and of one of its versions). */
function definitionPath(withVersion = false) {
  const { kind, id, version } = requestSchemas.definitionPath.properties;
  return [
    { name: 'kind', in: 'path', required: true, schema: kind },
    { name: 'id', in: 'path', required: true, schema: id },
    ...(withVersion ? [{ name: 'version', in: 'path', required: true, schema: version }] : []),
  ];
}

/** Query parameters from a query schema: each with its own pattern or enum. */
function queryParameters(schema: { properties: Record<string, object> }) {
  return Object.entries(schema.properties).map(([name, property]) => ({ name, in: 'query', schema: property }));
}

/** The OpenAPI 3.1 document, built from the same JSON Schemas that validate requests. */
export function openApiDocument(): Record<string, unknown> {
  const command = (summary: string, schema?: string) => ({
    summary,
    security: secured,
    parameters: [id],
    ...(schema ? { requestBody: body(schema) } : {}),
    responses: { '200': json('the item after the change'), '4XX': problem },
  });
  const definitionCommand = (summary: string, schema: string) => ({
    summary,
    security: secured,
    parameters: definitionPath(true),
    requestBody: { ...body(schema), required: false },
    responses: { '200': json('the version after the change'), '4XX': problem },
  });
  return {
    openapi: '3.1.0',
    info: { title: 'Mandate runtime', version: '0.1.0', description: 'Governs human decisions: work items, allowed actions, decisions, audit, definition governance.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        CreateWorkItem: requestSchemas.createWorkItem,
        Decide: requestSchemas.decide,
        Lifecycle: requestSchemas.lifecycle,
        BusinessEvent: requestSchemas.businessEvent,
        RecoveryAction: requestSchemas.recoveryAction,
        DevToken: requestSchemas.devToken,
        CreateDraft: requestSchemas.createDraft,
        UpdateDraft: requestSchemas.updateDraft,
        DefinitionCommand: requestSchemas.definitionCommand,
        Review: requestSchemas.review,
        Approve: requestSchemas.approve,
        Publish: requestSchemas.publish,
        MigrateWorkItems: requestSchemas.migrateWorkItems,
        StartProcess: requestSchemas.startProcess,
        AuditCheckpoint: requestSchemas.auditCheckpoint,
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'code', 'detail'],
          properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, code: { type: 'string' }, detail: { type: 'string' }, violations: { type: 'array' } },
        },
      },
    },
    paths: {
      '/healthz': { get: { summary: 'Health, database kind and auth mode', responses: { '200': json('healthy') } } },
      '/work-items': {
        get: {
          summary: 'A page of the queue, highest priority first; view=summary leaves out evidence (a worklist\'s rows)',
          security: secured,
          parameters: queryParameters(requestSchemas.workItemQuery),
          responses: { '200': json('items (projected for the caller, or summaries) and nextCursor'), '4XX': problem },
        },
        post: { summary: 'Create a work item', security: secured, requestBody: body('CreateWorkItem'), responses: { '201': json('the item, projected for the caller'), '4XX': problem } },
      },
      '/work-items/count': {
        get: { summary: 'How many items match (same filters as the list); with max, counting stops there', security: secured, parameters: queryParameters(requestSchemas.workItemCountQuery), responses: { '200': json('{ count }, or with max { count, capped }'), '4XX': problem } },
      },
      '/work-items/{id}': { get: { summary: 'One item, hidden fields absent', security: secured, parameters: [id], responses: { '200': json('the item'), '4XX': problem } } },
      '/work-items/{id}/allowed-actions': { get: { summary: 'What the caller may do, and why not', security: secured, parameters: [id], responses: { '200': json('actions'), '4XX': problem } } },
      '/work-items/{id}/claim': { post: command('Claim') },
      '/work-items/{id}/release': { post: command('Release to the queue') },
      '/work-items/{id}/delegate': { post: command('Ask someone for input; the owner stays', 'Lifecycle') },
      '/work-items/{id}/resolve-delegation': { post: command('Hand a delegated item back', 'Lifecycle') },
      '/work-items/{id}/reassign': { post: command('Reassign (manager authority and a reason)', 'Lifecycle') },
      '/work-items/{id}/escalate': { post: command('Escalate', 'Lifecycle') },
      '/work-items/{id}/comments': { post: command('Comment', 'Lifecycle') },
      '/work-items/{id}/decisions': {
        post: {
          summary: 'Decide (Idempotency-Key: same body replays, another body is 422)',
          security: secured,
          parameters: [id, { name: 'Idempotency-Key', in: 'header', schema: { type: 'string', maxLength: 100 } }],
          requestBody: body('Decide'),
          responses: { '201': json('the decision'), '4XX': problem },
        },
      },
      '/work-items/{id}/actions': { get: { summary: 'Recovery actions taken on the item', security: secured, parameters: [id], responses: { '200': json('actions'), '4XX': problem } } },
      '/work-items/{id}/actions/{actionCode}': {
        post: {
          summary: 'A recovery action (reconcile, retry, mark no-effect, ...), with the evidence it records. 201 when effective, 202 when it waits for a second approval',
          security: secured,
          parameters: [id, { name: 'actionCode', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,79}$' } }, { name: 'Idempotency-Key', in: 'header', schema: { type: 'string', maxLength: 100 } }],
          requestBody: body('RecoveryAction'),
          responses: { '201': json('the action'), '202': json('the action, awaiting a second approval'), '4XX': problem },
        },
      },
      '/events': { post: { summary: 'A business event, e.g. QuoteRevised', security: secured, requestBody: body('BusinessEvent'), responses: { '202': json('obsoleted and created items'), '4XX': problem } } },
      '/audit': { get: { summary: "Audit events: one item's history, or the tenant trail for auditors", security: secured, parameters: queryParameters(requestSchemas.auditQuery), responses: { '200': json('events'), '4XX': problem } } },
      '/audit/verify': { get: { summary: 'Walk the hash chain and hold it against the signed checkpoints; names the first sequence that cannot be trusted and every finding (truncation, re-hashing, forged rows)', security: secured, responses: { '200': json('verification'), '4XX': problem } } },
      '/audit/checkpoints': { post: { summary: "Sign the caller's tenant's audit chain head now (governance admins and services; the runtime also signs periodically)", security: secured, requestBody: { ...body('AuditCheckpoint'), required: false }, responses: { '201': json('{ created: true, checkpoint }'), '200': json('{ created: false, checkpoint? }: the head was already signed, or the chain is empty'), '4XX': problem } } },
      '/definitions': {
        get: { summary: 'Definitions with their versions (drafts and reviews for governance admins and auditors only)', security: secured, parameters: queryParameters(requestSchemas.definitionListQuery), responses: { '200': json('{ definitions: [{ kind, id, title, versions }] }'), '4XX': problem } },
      },
      '/definitions/import-conflicts': {
        get: { summary: 'Shipped definition files that differ from their stored published version (the stored one is kept)', security: secured, responses: { '200': json('{ importedAt, conflicts }'), '4XX': problem } },
      },
      '/definitions/{kind}/{id}/versions': {
        get: { summary: 'Versions of one definition, with lifecycle metadata', security: secured, parameters: definitionPath(), responses: { '200': json('{ versions }'), '4XX': problem } },
      },
      '/definitions/{kind}/{id}/versions/{version}': {
        get: { summary: 'One version with its content', security: secured, parameters: definitionPath(true), responses: { '200': json('the version and its content'), '4XX': problem } },
        put: { summary: 'Replace a draft\'s content (409 DEFINITION_IMMUTABLE once published); returns its findings', security: secured, parameters: definitionPath(true), requestBody: body('UpdateDraft'), responses: { '200': json('the draft with findings'), '4XX': problem } },
      },
      '/definitions/{kind}/{id}/drafts': {
        post: { summary: 'A new draft (highest version + 1): empty, a copy of `from`, or the given content', security: secured, parameters: definitionPath(), requestBody: body('CreateDraft'), responses: { '201': json('the draft with findings'), '4XX': problem } },
      },
      '/definitions/{kind}/{id}/versions/{version}/submit': { post: definitionCommand('Submit a draft for review (422 DEFINITION_INVALID with error findings)', 'DefinitionCommand') },
      '/definitions/{kind}/{id}/versions/{version}/approve': { post: definitionCommand('Approve a version under review: a governance admin who contributed nothing to it (403 FOUR_EYES_VIOLATION for the author, CONTRIBUTOR_MAY_NOT_APPROVE for an editor); records the content hash it approves', 'Approve') },
      '/definitions/{kind}/{id}/versions/{version}/reject': { post: definitionCommand('Send a version under review back to draft with a comment: a governance admin other than the author', 'Review') },
      '/definitions/{kind}/{id}/versions/{version}/publish': { post: definitionCommand('Publish an approved version, now or from effectiveFrom', 'Publish') },
      '/definitions/{kind}/{id}/versions/{version}/retire': { post: definitionCommand('Retire a published version: no new item resolves to it; pinned items keep it', 'DefinitionCommand') },
      '/definitions/{kind}/{id}/diff': {
        get: { summary: 'Semantic diff of two versions (tightening, loosening, neutral) with the RFC 6902 JSON Patch', security: secured, parameters: [...definitionPath(), ...queryParameters(requestSchemas.definitionDiffQuery).map((p) => ({ ...p, required: true }))], responses: { '200': json('{ from, to, changes, control, patch }'), '4XX': problem } },
      },
      '/definitions/{kind}/{id}/impact': {
        get: {
          summary: "Impact replay: re-evaluate the caller's tenant's items pinned to this definition under a candidate version (a draft or any version) and report what would differ (governance admins and auditors)",
          security: secured,
          parameters: [...definitionPath(), ...queryParameters(requestSchemas.definitionImpactQuery).map((p) => ({ ...p, required: p.name === 'candidate' }))],
          responses: { '200': json('{ candidate, evaluator, totals, findings, errors }'), '4XX': problem },
        },
      },
      '/definitions/{kind}/{id}/migrations': {
        post: {
          summary: 'Move open work items of the caller\'s tenant from one task type version to another (kind TaskType only): dryRun lists per item what changes; applying writes them and an audit event per item in one transaction',
          security: secured,
          parameters: [{ name: 'kind', in: 'path', required: true, schema: { const: 'TaskType' } }, definitionPath()[1]!],
          requestBody: body('MigrateWorkItems'),
          responses: { '200': json('per item: pinned definitions, priority, SLA instants, blockers'), '4XX': problem },
        },
      },
      '/processes': { get: { summary: 'The processes deployed on the embedded workflow engine (present when the runtime runs workflows)', security: secured, responses: { '200': json('{ processes: [{ key }] }'), '4XX': problem } } },
      '/processes/{key}/instances': {
        post: {
          summary: "Start an instance of a deployed process in the caller's tenant; its user tasks become work items",
          security: secured,
          parameters: [processKey],
          requestBody: { ...body('StartProcess'), required: false },
          responses: { '201': json('the instance: status, variables, waiting tasks'), '4XX': problem },
        },
      },
      '/processes/{key}/instances/{id}': {
        get: { summary: "One instance of the caller's tenant: status, variables, waiting tasks", security: secured, parameters: [processKey, { ...id, name: 'id' }], responses: { '200': json('the instance'), '4XX': problem } },
      },
      '/auth/dev/token': {
        post: { summary: 'A token for a demo user (development identity only; absent with JWT/OIDC)', requestBody: body('DevToken'), responses: { '200': json('{ token }'), '4XX': problem } },
      },
      '/openapi.json': { get: { summary: 'This document', responses: { '200': json('the OpenAPI 3.1 document') } } },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { '200': { description: 'text exposition format' } } } },
    },
  };
}
