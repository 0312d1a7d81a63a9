// The served /openapi.json against the app that serves it (every optional part mounted: the dev
// identity, store-backed governance, the embedded workflow engine): every route the app routes
// is in the document with typed 2xx answers and nothing else is; real answers match the response
// schemas the document gives their route and status; the reference page and its files are served with their CSP.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/testApp.js';
import { listRoutes } from '../../test-support/listRoutes.js';
import { quoteVariables, workflowApp } from '../../test-support/workflowApp.js';
import { openApiDocument, ROUTES } from '@mandate/contract';
import { isProblemCode, PROBLEM_CODES } from '@mandate/problems';
import { API_REFERENCE_CONTENT_SECURITY_POLICY } from './apiReference.js';

type App = Awaited<ReturnType<typeof workflowApp>>;
type Schema = { $ref?: string; anyOf?: unknown[]; type?: string };
type Answer = { description: string; content?: Record<string, { schema?: Schema }> };
type Doc = { openapi: string; paths: Record<string, Record<string, { responses: Record<string, Answer> }>>; components: { schemas: Record<string, unknown> } };
type Exchange = { status: number; body: unknown; text: string };

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats.default(ajv);
ajv.addFormat('instant', true);
const validators = new Map<string, ValidateFunction>();

/** A validator of a schema of the served document, its `$ref`s resolved against the document's own components. */
function validatorOf(doc: Doc, schema: Schema): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    const local = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"#/$defs/')) as Record<string, unknown>;
    validators.set(key, (validate = ajv.compile({ $defs: local(doc.components.schemas), ...local(schema) })));
  }
  return validate;
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

  it('names only catalogued problem codes, each under the status the catalogue gives it, with its sentence', () => {
    const misfiled: string[] = [];
    for (const route of ROUTES) {
      for (const [status, codes] of Object.entries(route.problems)) {
        for (const code of codes) {
          if (!isProblemCode(code)) misfiled.push(`${route.method} ${route.path}: ${code} is not in the catalogue`);
          else if (String(PROBLEM_CODES[code].status) !== status) misfiled.push(`${route.method} ${route.path}: ${code} listed under ${status}, catalogued as ${PROBLEM_CODES[code].status}`);
        }
      }
    }
    expect(misfiled).toEqual([]);
    const document = openApiDocument({ describeProblem: (code) => (isProblemCode(code) ? PROBLEM_CODES[code].sentence : undefined) });
    const decide = (document.paths as Record<string, Record<string, { responses: Record<string, { description: string }> }>>)['/work-items/{id}/decisions']!.post!;
    expect(decide.responses['403']!.description).toContain(`\`FOUR_EYES_VIOLATION\`: ${PROBLEM_CODES.FOUR_EYES_VIOLATION.sentence}`);
  });

  it('documents the answers the routes give: each real body matches the schema the served document gives its route and status', async () => {
    const found: string[] = [];
    /** Holds an answer to its route's documented 2xx answer (`route`: `METHOD /template`); `component` also to that component (where the route answers one of two). */
    const check = (route: string, res: Exchange, component?: string) => {
      const [method, path] = route.split(' ') as [string, string];
      const answer = doc.paths[path]?.[method.toLowerCase()]?.responses[String(res.status)];
      const schema = answer?.content?.['application/json']?.schema;
      if (res.status < 200 || res.status > 299 || !schema) {
        found.push(`${route}: ${res.status} is no documented 2xx answer: ${res.text.slice(0, 200)}`);
        return res.body as Record<string, unknown>;
      }
      for (const s of [schema, ...(component ? [{ $ref: `#/components/schemas/${component}` }] : [])]) {
        const validate = validatorOf(doc, s);
        if (!validate(res.body)) found.push(...(validate.errors ?? []).map((e) => `${route} ${res.status} (${s.$ref ?? 'anyOf'})${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`));
      }
      return res.body as Record<string, unknown>;
    };
    check('GET /healthz', await request(t.app).get('/healthz'));
    check('GET /openapi.json', await request(t.app).get('/openapi.json'));
    check('POST /auth/dev/token', await request(t.app).post('/auth/dev/token').send({ userId: 'dana' }));

    const item = check('POST /work-items', await post('rita', '/work-items', quote('Q-CONTRACT-000001')));
    const id = String(item.id);
    check('GET /work-items', await get('dana', '/work-items?businessObjectId=Q-CONTRACT-000001'), 'WorkItemPage');
    check('GET /work-items', await get('dana', '/work-items?view=summary&limit=5'), 'WorkItemSummaryPage');
    check('GET /work-items/count', await get('dana', '/work-items/count?max=10'));
    check('GET /work-items/{id}', await get('rita', `/work-items/${id}`));
    check('GET /work-items/{id}/allowed-actions', await get('dana', `/work-items/${id}/allowed-actions`));
    check('POST /work-items/{id}/claim', await post('dana', `/work-items/${id}/claim`));
    check('POST /work-items/{id}/comments', await post('dana', `/work-items/${id}/comments`, { comment: 'Looking at it.' }));
    check('POST /work-items/{id}/decisions', await post('dana', `/work-items/${id}/decisions`, { decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'Multi-year expansion.', acknowledged: true, expectedBusinessObjectVersion: 12 }));
    check('GET /work-items/{id}/actions', await get('dana', `/work-items/${id}/actions`));
    check('POST /events', await post('cpq', '/events', { type: 'QuoteRevised', businessObject: { type: 'QUOTE', id: 'Q-CONTRACT-000001', version: 13 } }));

    check('GET /audit', await get('aude', `/audit?workItemId=${id}`));
    check('GET /audit/verify', await get('aude', '/audit/verify'));
    check('POST /audit/checkpoints', await post('gabe', '/audit/checkpoints'));

    const list = check('GET /definitions', await get('gabe', '/definitions'));
    type Listed = { kind: string; id: string; versions: { version: number; status: string }[] };
    // A task type with two published versions: its diff, impact replay and a migration dry run between them.
    const taskType = (list.definitions as Listed[]).find((d) => d.kind === 'TaskType' && d.versions.filter((v) => v.status === 'published').length >= 2);
    if (!taskType) throw new Error('the shipped definitions have no task type with two published versions');
    const [older, newer] = [taskType.versions[0]!.version, taskType.versions.filter((v) => v.status === 'published').at(-1)!.version];
    const base = `/definitions/TaskType/${taskType.id}`;
    check('GET /definitions/{kind}/{id}/versions', await get('gabe', `${base}/versions`));
    check('GET /definitions/{kind}/{id}/versions/{version}', await get('gabe', `${base}/versions/${newer}`));
    check('GET /definitions/{kind}/{id}/diff', await get('gabe', `${base}/diff?from=${older}&to=${newer}`));
    check('GET /definitions/import-conflicts', await get('gabe', '/definitions/import-conflicts'));
    check('GET /definitions/{kind}/{id}/impact', await get('gabe', `${base}/impact?candidate=${older}`));
    check('POST /definitions/{kind}/{id}/migrations', await post('gabe', `${base}/migrations`, { fromVersion: older, toVersion: newer, dryRun: true }));
    check('POST /definitions/{kind}/{id}/drafts', await post('gabe', '/definitions/ReasonCodeSet/DISCOUNT_APPROVAL_REASONS/drafts', {}));

    check('GET /processes', await get('cpq', '/processes'));
    const receipt = check('POST /processes/{key}/instances', await post('cpq', '/processes/quote-approval/instances', { variables: quoteVariables('Q-CONTRACT-000002') }), 'ProcessInstance');
    check('GET /processes/{key}/instances/{id}', await get('cpq', `/processes/quote-approval/instances/${String(receipt.processInstanceId)}`));
    check('POST /processes/{key}/instances', await post('rita', '/processes/quote-approval/instances', { variables: quoteVariables('Q-CONTRACT-000003') }), 'ProcessStartReceipt');

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
