// The served /openapi.json against the app that serves it (every optional part mounted: the dev
// identity, store-backed governance, the embedded workflow engine): every route the app routes
// is in the document with typed 2xx answers and nothing else is; real answers match the response
// schemas they are documented with; the reference page and its files are served with their CSP.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseSchemas } from '@mandate/contract';
import { engines } from '../../test-support/testApp.js';
import { listRoutes } from '../../test-support/listRoutes.js';
import { quoteVariables, workflowApp } from '../../test-support/workflowApp.js';
import { API_REFERENCE_CONTENT_SECURITY_POLICY } from './apiReference.js';

type App = Awaited<ReturnType<typeof workflowApp>>;
type Answer = { description: string; content?: Record<string, { schema?: { $ref?: string; anyOf?: unknown[]; type?: string } }> };
type Doc = { openapi: string; paths: Record<string, Record<string, { responses: Record<string, Answer> }>> };

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats.default(ajv);
const validators = new Map<string, ValidateFunction>();

/** The violations of a body against a named response schema, or [] when it matches. */
function violations(name: keyof typeof responseSchemas, body: unknown): string[] {
  let validate = validators.get(name);
  if (!validate) validators.set(name, (validate = ajv.compile(responseSchemas[name])));
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${name}${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

const quote = (id: string) => ({
  taskType: 'DISCOUNT_APPROVAL',
  businessObject: { type: 'QUOTE', id, version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000, currency: 'EUR', customerTier: 'PLATINUM', regulatoryRisk: true } },
  region: 'EMEA',
  productFamily: 'BROADBAND',
  evidence: { quoteId: id, quoteRevision: 3, requestedDiscountPercent: 32, standardLimitPercent: 25, marginImpactPercent: -4.2, competitorPrice: 18250 },
});

describe.each(engines)('the OpenAPI document of the app on $name', ({ open }) => {
  let t: App;
  let doc: Doc;

  beforeAll(async () => {
    t = await workflowApp(open);
    doc = (await request(t.app).get('/openapi.json').expect(200)).body as Doc;
  });
  afterAll(async () => {
    await t?.workflow.stop();
    await t?.db.close();
  });

  const get = async (userId: string, path: string) => request(t.app).get(path).set('Authorization', await t.token(userId));
  const post = async (userId: string, path: string, body: object = {}) => request(t.app).post(path).set('Authorization', await t.token(userId)).send(body);

  it('lists every route the app routes, each with a typed 2xx answer, and no route the app does not route', () => {
    const served = listRoutes(t.app).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(served.filter((r) => !documented.includes(r)), 'routed but missing from /openapi.json').toEqual([]);
    expect(documented.filter((r) => !served.includes(r)), 'in /openapi.json but not routed').toEqual([]);
    expect(served).toEqual(expect.arrayContaining(['GET /processes', 'GET /definitions/{kind}/{id}/impact', 'POST /auth/dev/token', 'GET /api/reference']));

    const untyped = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).flatMap(([method, operation]) => {
        const ok = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
        const typed = ok.filter(([, answer]) => Object.values(answer.content ?? {}).some((media) => media.schema?.$ref || media.schema?.anyOf || media.schema?.type));
        return ok.length > 0 && typed.length === ok.length ? [] : [`${method.toUpperCase()} ${path}`];
      }),
    );
    expect(untyped, 'routes without a typed 2xx answer').toEqual([]);
  });

  it('documents the answers the routes give: real bodies match their response schemas', async () => {
    const found: string[] = [];
    const check = (name: keyof typeof responseSchemas, res: { status: number; body: unknown; text: string }, status = 200) => {
      if (res.status !== status) found.push(`${name}: expected ${status}, got ${res.status} ${res.text.slice(0, 200)}`);
      else found.push(...violations(name, res.body));
      return res.body as Record<string, unknown>;
    };
    check('Health', await request(t.app).get('/healthz'));
    check('OpenApiDocument', await request(t.app).get('/openapi.json'));
    check('DevToken', await request(t.app).post('/auth/dev/token').send({ userId: 'dana' }));

    const item = check('WorkItem', await post('rita', '/work-items', quote('Q-CONTRACT-000001')), 201);
    const id = String(item.id);
    check('WorkItemPage', await get('dana', '/work-items?businessObjectId=Q-CONTRACT-000001'));
    check('WorkItemSummaryPage', await get('dana', '/work-items?view=summary&limit=5'));
    check('WorkItemCount', await get('dana', '/work-items/count?max=10'));
    check('WorkItem', await get('rita', `/work-items/${id}`));
    check('AllowedActions', await get('dana', `/work-items/${id}/allowed-actions`));
    check('LifecycleResult', await post('dana', `/work-items/${id}/claim`));
    check('LifecycleResult', await post('dana', `/work-items/${id}/comments`, { comment: 'Looking at it.' }));
    check('Decision', await post('dana', `/work-items/${id}/decisions`, { decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'Multi-year expansion.', acknowledged: true, expectedBusinessObjectVersion: 12 }), 201);
    check('RecoveryActions', await get('dana', `/work-items/${id}/actions`));
    check('BusinessEventResult', await post('cpq', '/events', { type: 'QuoteRevised', businessObject: { type: 'QUOTE', id: 'Q-CONTRACT-000001', version: 13 } }), 202);

    check('AuditEvents', await get('aude', `/audit?workItemId=${id}`));
    check('ChainVerification', await get('aude', '/audit/verify'));
    const checkpoint = await post('gabe', '/audit/checkpoints');
    check('AuditCheckpointResult', checkpoint, checkpoint.status === 201 ? 201 : 200);

    const list = check('DefinitionList', await get('gabe', '/definitions'));
    type Listed = { kind: string; id: string; versions: { version: number; status: string }[] };
    // A task type with two published versions: its diff, impact replay and a migration dry run between them.
    const taskType = (list.definitions as Listed[]).find((d) => d.kind === 'TaskType' && d.versions.filter((v) => v.status === 'published').length >= 2);
    if (!taskType) throw new Error('the shipped definitions have no task type with two published versions');
    const [older, newer] = [taskType.versions[0]!.version, taskType.versions.filter((v) => v.status === 'published').at(-1)!.version];
    const base = `/definitions/TaskType/${taskType.id}`;
    check('DefinitionVersions', await get('gabe', `${base}/versions`));
    check('DefinitionVersionView', await get('gabe', `${base}/versions/${newer}`));
    check('DefinitionVersionDiff', await get('gabe', `${base}/diff?from=${older}&to=${newer}`));
    check('ImportConflicts', await get('gabe', '/definitions/import-conflicts'));
    check('ImpactReport', await get('gabe', `${base}/impact?candidate=${older}`));
    check('MigrationResult', await post('gabe', `${base}/migrations`, { fromVersion: older, toVersion: newer, dryRun: true }));
    check('DefinitionVersionView', await post('gabe', '/definitions/ReasonCodeSet/DISCOUNT_APPROVAL_REASONS/drafts', {}), 201);

    check('ProcessList', await get('cpq', '/processes'));
    const receipt = check('ProcessInstance', await post('cpq', '/processes/quote-approval/instances', { variables: quoteVariables('Q-CONTRACT-000002') }), 201);
    check('ProcessInstance', await get('cpq', `/processes/quote-approval/instances/${String(receipt.processInstanceId)}`));
    check('ProcessStartReceipt', await post('rita', '/processes/quote-approval/instances', { variables: quoteVariables('Q-CONTRACT-000003') }), 201);

    expect(found).toEqual([]);
  });

  it('serves the reference page and its own files with its CSP, and nothing else of the bundle', async () => {
    const page = await request(t.app).get('/api/reference').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toBe(API_REFERENCE_CONTENT_SECURITY_POLICY);
    expect(page.text).not.toMatch(/<script>|<style|style=|https?:\/\//);
    for (const asset of page.text.matchAll(/(?:src|href)="(reference\/assets\/[^"]+)"/g)) {
      const res = await request(t.app).get(`/api/${asset[1]!}`).expect(200);
      expect(res.headers['content-type']).toMatch(/^(text\/css|application\/javascript|text\/javascript)/);
      expect(res.headers['content-security-policy']).toBe(API_REFERENCE_CONTENT_SECURITY_POLICY);
    }
    await request(t.app).get('/api/reference/').expect(301).expect('Location', '../reference');
    await request(t.app).get('/api/reference/assets/index.html').expect(404);
    await request(t.app).get('/api/reference/assets/../apiReference.ts').expect(404);
  });
});
