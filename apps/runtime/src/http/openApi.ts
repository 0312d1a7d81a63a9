import { requestSchemas } from './requestSchemas.js';

const problem = { description: 'RFC 9457 problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const json = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const body = (schema: string) => ({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } });
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const secured = [{ bearer: [] }];

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
  return {
    openapi: '3.1.0',
    info: { title: 'Mandate runtime', version: '0.1.0', description: 'Governs human decisions: work items, allowed actions, decisions, audit.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        CreateWorkItem: requestSchemas.createWorkItem,
        Decide: requestSchemas.decide,
        Lifecycle: requestSchemas.lifecycle,
        BusinessEvent: requestSchemas.businessEvent,
        RecoveryAction: requestSchemas.recoveryAction,
        DevToken: requestSchemas.devToken,
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
          summary: 'A page of the queue, highest priority first',
          security: secured,
          parameters: queryParameters(requestSchemas.workItemQuery),
          responses: { '200': json('items and nextCursor'), '4XX': problem },
        },
        post: { summary: 'Create a work item', security: secured, requestBody: body('CreateWorkItem'), responses: { '201': json('the item, projected for the caller'), '4XX': problem } },
      },
      '/work-items/count': {
        get: { summary: 'How many items match (same filters as the list)', security: secured, parameters: queryParameters(requestSchemas.workItemQuery).filter((p) => p.name !== 'limit' && p.name !== 'cursor'), responses: { '200': json('{ count }'), '4XX': problem } },
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
      '/audit/verify': { get: { summary: 'Walk the hash chain; names the first broken sequence', security: secured, responses: { '200': json('verification'), '4XX': problem } } },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { '200': { description: 'text exposition format' } } } },
    },
  };
}
