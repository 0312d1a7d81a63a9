// Simulation through the API, on PGlite and PostgreSQL: a draft beside the published version over
// existing items and a sample, as a person of the directory or given roles. A visibility draft that
// hides one field from sales reps changes exactly that field in rita's view; an SLA draft moves the
// SLA instants and nothing else; hidden values never appear; invalid drafts are 422 with their
// findings; another tenant's item is not found; only governance admins may ask; nothing is written.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseSchemas, type DefinitionSimulation } from '@mandate/contract';
import { engines, testApp } from '../../test-support/testApp.js';

type App = Awaited<ReturnType<typeof testApp>>;

const VISIBILITY = '/definitions/VisibilityPolicy/QUOTE_COMMERCIAL_VISIBILITY';
const SLA = '/definitions/SlaPolicy/QUOTE_APPROVAL_SLA';
/** Values no one but finance, directors and risk officers may see; distinctive, so a scan of the response text finds them. */
const SECRET = { marginImpactPercent: -4.3719, competitorPrice: 18251.73, riskScore: 0.87316 };
const quote = (id: string) => ({
  taskType: 'DISCOUNT_APPROVAL',
  businessObject: { type: 'QUOTE', id, version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 42000, currency: 'EUR', customerTier: 'GOLD', regulatoryRisk: false } },
  region: 'EMEA',
  productFamily: 'BROADBAND',
  evidence: { quoteId: id, quoteRevision: 3, requestedDiscountPercent: 28, standardLimitPercent: 25, pricingResultId: 'PR-5521-XQ', ...SECRET },
});

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats.default(ajv);
const matchesContract = ajv.compile(responseSchemas.DefinitionSimulation);

describe.each(engines)('definition simulation on $name', ({ open }) => {
  let t: App;
  let itemId: string;
  let visibilityDraft: number;
  let slaDraft: number;
  const as = async (user: string) => ({ Authorization: await t.token(user) });
  const count = async (table: string) => Number((await t.db.knex(table).count('* as n').first())?.n ?? 0);
  const written = async () => ({ audit: await count('audit_event'), items: await count('work_item'), definitions: await count('definition_version'), rowVersion: (await t.db.knex('work_item').where({ id: itemId }).first()).row_version as number });
  const simulate = async (user: string, path: string, body: object) => request(t.app).post(`${path}/simulate`).set(await as(user)).send(body);

  beforeAll(async () => {
    t = await testApp(open);
    const created = await request(t.app).post('/work-items').set(await as('cpq')).send({ ...quote('Q-SIM-1'), requestedBy: 'rita' });
    expect(created.status, created.text).toBe(201);
    itemId = created.body.id as string;

    // Sales reps no longer see which pricing run produced the quote.
    const draft = await request(t.app).post(`${VISIBILITY}/drafts`).set(await as('gabe')).send({ from: 2, changeNote: 'pricing runs stay with managers' });
    expect(draft.status, draft.text).toBe(201);
    visibilityDraft = draft.body.version as number;
    const content = draft.body.content as { fields: object[] };
    const hidden = { path: 'evidence.pricingResultId', classification: 'INTERNAL_NOTES', visibleToRoles: ['SALES_MANAGER', 'REGIONAL_SALES_DIRECTOR', 'FINANCE_APPROVER'] };
    const put = await request(t.app).put(`${VISIBILITY}/versions/${visibilityDraft}`).set(await as('gabe')).send({ content: { ...content, fields: [...content.fields, hidden] } });
    expect(put.status, put.text).toBe(200);
    expect((put.body.findings as { severity: string }[]).filter((f) => f.severity === 'error')).toEqual([]);

    // Normal approvals get twice as long.
    const sla = await request(t.app).post(`${SLA}/drafts`).set(await as('gina')).send({ from: 2 });
    expect(sla.status, sla.text).toBe(201);
    slaDraft = sla.body.version as number;
    const slaContent = sla.body.content as { default: Record<string, unknown> };
    expect((await request(t.app).put(`${SLA}/versions/${slaDraft}`).set(await as('gina')).send({ content: { ...slaContent, default: { ...slaContent.default, dueIn: 'PT8H' } } })).status).toBe(200);
  });
  afterAll(() => t.db.close());

  it("a visibility draft that hides a field from sales reps: rita's view loses exactly that field under the draft and keeps it under the published version", async () => {
    const before = await written();
    const res = await simulate('gabe', `${VISIBILITY}/versions/${visibilityDraft}`, { workItemIds: [itemId], asUser: 'rita' });
    expect(res.status, res.text).toBe(200);
    expect(matchesContract(res.body), JSON.stringify(matchesContract.errors)).toBe(true);
    const body = res.body as DefinitionSimulation;
    expect(body.definition).toEqual({ kind: 'VisibilityPolicy', id: 'QUOTE_COMMERCIAL_VISIBILITY', version: visibilityDraft, status: 'draft' });
    expect(body.published).toEqual({ kind: 'VisibilityPolicy', id: 'QUOTE_COMMERCIAL_VISIBILITY', version: 2 });
    expect(body.principal).toEqual({ id: 'rita', roles: ['SALES_REP'], groups: ['sales-reps'], region: 'EMEA', source: 'directory' });
    const [item] = body.items;
    expect(item).toMatchObject({ workItemId: itemId, sample: false, taskType: 'DISCOUNT_APPROVAL', businessObject: { type: 'QUOTE', id: 'Q-SIM-1' } });
    expect(item!.draft.definitions).toContain(`QUOTE_COMMERCIAL_VISIBILITY@${visibilityDraft}`);
    expect(item!.published!.definitions).toContain('QUOTE_COMMERCIAL_VISIBILITY@2');
    expect(item!.draft.view.evidence).not.toHaveProperty('pricingResultId');
    expect(item!.published!.view.evidence).toMatchObject({ pricingResultId: 'PR-5521-XQ', requestedDiscountPercent: 28 });
    expect(item!.draft.view.redactedPaths).toEqual([...item!.published!.view.redactedPaths, 'evidence.pricingResultId'].sort());
    expect(item!.differences).toEqual([{ path: 'view.evidence.pricingResultId', draft: 'hidden', published: 'visible' }]);
    // Rita's view under the published version is what she reads at GET /work-items/{id}.
    const own = await request(t.app).get(`/work-items/${itemId}`).set(await as('rita'));
    expect(item!.published!.view.evidence).toEqual(own.body.evidence);
    expect(item!.published!.view.redactedPaths).toEqual(own.body.redactedPaths);
    // Her allowed actions are the ones GET .../allowed-actions gives her.
    const allowed = await request(t.app).get(`/work-items/${itemId}/allowed-actions`).set(await as('rita'));
    expect(item!.published!.actions.map((a) => [a.code, a.enabled, a.disabledReason])).toEqual((allowed.body.actions as { code: string; enabled: boolean; disabledReason?: string }[]).map((a) => [a.code, a.enabled, a.disabledReason]));
    expect(item!.draft.actions).toEqual(item!.published!.actions);
    for (const value of Object.values(SECRET)) expect(res.text).not.toContain(String(value));
    expect(await written()).toEqual(before);
  });

  it('an SLA draft with a longer due time: the SLA instants differ, actions, view and priority do not; in review alike', async () => {
    const before = await written();
    const res = await simulate('gabe', `${SLA}/versions/${slaDraft}`, { workItemIds: [itemId], asUser: 'sam' });
    expect(res.status, res.text).toBe(200);
    expect(matchesContract(res.body), JSON.stringify(matchesContract.errors)).toBe(true);
    const [item] = (res.body as DefinitionSimulation).items;
    expect(item!.differences.map((d) => d.path)).toEqual(['sla.dueAt', 'sla.warnAt', 'sla.escalateAt']);
    const stored = (await request(t.app).get(`/work-items/${itemId}`).set(await as('sam'))).body;
    // The published side is the item as created: its due instants are the stored ones.
    expect(item!.published!.sla).toMatchObject({ policy: 'QUOTE_APPROVAL_SLA@2', appliedRule: 'default', dueAt: stored.dueAt, warnAt: stored.slaWarnAt, escalateAt: stored.slaEscalateAt });
    expect(item!.draft.sla).toMatchObject({ policy: `QUOTE_APPROVAL_SLA@${slaDraft}`, appliedRule: 'default' });
    expect(Date.parse(item!.draft.sla.dueAt)).toBeGreaterThan(Date.parse(item!.published!.sla.dueAt));
    expect(item!.draft.actions).toEqual(item!.published!.actions);
    expect(item!.draft.priority.score).toBe(item!.published!.priority.score);
    expect(item!.draft.view).toEqual(item!.published!.view);
    expect(await written()).toEqual(before);

    // The same version in review: simulated as it now stands.
    expect((await request(t.app).post(`${SLA}/versions/${slaDraft}/submit`).set(await as('gina'))).status).toBe(200);
    const inReview = await simulate('gabe', `${SLA}/versions/${slaDraft}`, { workItemIds: [itemId], asUser: 'sam' });
    expect(inReview.status, inReview.text).toBe(200);
    expect(inReview.body.definition).toMatchObject({ version: slaDraft, status: 'in_review' });
    expect((inReview.body as DefinitionSimulation).items[0]!.differences.map((d) => d.path)).toEqual(['sla.dueAt', 'sla.warnAt', 'sla.escalateAt']);
  });

  it('hidden values never appear: through finance eyes an admin still sees no more of an item than GET /work-items/{id} shows them', async () => {
    const res = await simulate('gabe', `${VISIBILITY}/versions/${visibilityDraft}`, { workItemIds: [itemId], asUser: 'fiona' });
    expect(res.status, res.text).toBe(200);
    const [item] = (res.body as DefinitionSimulation).items;
    // Fiona would see the margin, the competitor price and the risk score; gabe may not, so they are withheld by name.
    expect(item!.published!.view.redactedPaths).not.toContain('evidence.marginImpactPercent');
    expect(item!.published!.view.withheldPaths).toEqual(expect.arrayContaining(['evidence.marginImpactPercent', 'evidence.competitorPrice', 'evidence.riskScore']));
    for (const value of Object.values(SECRET)) expect(res.text).not.toContain(String(value));
    const gabes = (await request(t.app).get(`/work-items/${itemId}`).set(await as('gabe'))).body;
    expect(item!.published!.view.evidence).toEqual(gabes.evidence);
    // Given roles alike: everything a role could unlock is still cut to the caller's own view.
    const given = await simulate('gina', `${VISIBILITY}/versions/${visibilityDraft}`, { workItemIds: [itemId], asPrincipal: { id: 'someone', roles: ['FINANCE_APPROVER', 'RISK_OFFICER', 'REGIONAL_SALES_DIRECTOR'], groups: ['finance-approvers'], region: 'EMEA' } });
    expect(given.status, given.text).toBe(200);
    expect(given.body.principal).toEqual({ id: 'someone', roles: ['FINANCE_APPROVER', 'RISK_OFFICER', 'REGIONAL_SALES_DIRECTOR'], groups: ['finance-approvers'], region: 'EMEA', source: 'given' });
    for (const value of Object.values(SECRET)) expect(given.text).not.toContain(String(value));
  });

  it('a sample entered as facts: evidence checked against the task type, hidden fields absent for a sales rep and shown to finance', async () => {
    const sample = { taskType: 'DISCOUNT_APPROVAL', businessObject: { snapshot: { totalAmount: 200000, regulatoryRisk: true } }, region: 'EMEA', evidence: quote('Q-SAMPLE').evidence };
    const before = await written();
    const rita = await simulate('gabe', `${VISIBILITY}/versions/${visibilityDraft}`, { sample, asUser: 'rita' });
    expect(rita.status, rita.text).toBe(200);
    expect(matchesContract(rita.body), JSON.stringify(matchesContract.errors)).toBe(true);
    const [item] = (rita.body as DefinitionSimulation).items;
    expect(item).toMatchObject({ sample: true, taskType: 'DISCOUNT_APPROVAL', businessObject: { type: 'QUOTE', id: 'SAMPLE' } });
    expect(item).not.toHaveProperty('workItemId');
    expect(item!.differences).toEqual([{ path: 'view.evidence.pricingResultId', draft: 'hidden', published: 'visible' }]);
    // A high-value quote with regulatory risk: the high-value SLA rule and the risk weight apply.
    expect(item!.published!.sla).toMatchObject({ appliedRule: 'HIGH_VALUE_QUOTE', escalationGroup: 'regional-sales-directors' });
    expect(item!.published!.priority.reasons).toContain('REGULATORY_RISK:+50');
    for (const value of Object.values(SECRET)) expect(rita.text).not.toContain(String(value));
    // The scan finds them where they may be seen: the caller entered them, finance sees them.
    const fiona = await simulate('gabe', `${VISIBILITY}/versions/${visibilityDraft}`, { sample, asUser: 'fiona' });
    expect(fiona.body.items[0].draft.view.evidence).toMatchObject({ marginImpactPercent: SECRET.marginImpactPercent, competitorPrice: SECRET.competitorPrice });
    expect(fiona.body.items[0].draft.view.withheldPaths).toEqual([]);

    const invalid = await simulate('gabe', `${VISIBILITY}/versions/${visibilityDraft}`, { sample: { ...sample, evidence: { quoteId: 'Q-1' } }, asUser: 'rita' });
    expect(invalid.status).toBe(422);
    expect(invalid.body).toMatchObject({ code: 'EVIDENCE_INVALID' });
    expect(invalid.body.violations.length).toBeGreaterThan(0);
    const elsewhere = await simulate('gabe', `${VISIBILITY}/versions/${visibilityDraft}`, { sample: { taskType: 'FULFILLMENT_FALLOUT', evidence: {} }, asUser: 'rita' });
    expect(elsewhere.body).toMatchObject({ status: 422, code: 'DEFINITION_NOT_REFERENCED' });
    const noTaskType = await simulate('gabe', `${VISIBILITY}/versions/${visibilityDraft}`, { sample: { evidence: {} }, asUser: 'rita' });
    expect(noTaskType.body).toMatchObject({ status: 422, code: 'DEFINITION_NOT_REFERENCED' });
    const wrongObject = await simulate('gabe', `${VISIBILITY}/versions/${visibilityDraft}`, { sample: { ...sample, businessObject: { type: 'ORDER' } }, asUser: 'rita' });
    expect(wrongObject.body).toMatchObject({ status: 422, code: 'BUSINESS_OBJECT_TYPE_MISMATCH' });
    expect(await written()).toEqual(before);
  });

  it('a task type draft brings the versions it references; a published version has no differences with itself', async () => {
    // Back to the first visibility policy: sales managers lose the margin summary they see under v2.
    const draft = await request(t.app).post('/definitions/TaskType/DISCOUNT_APPROVAL/drafts').set(await as('gabe')).send({ from: 3 });
    expect(draft.status, draft.text).toBe(201);
    const base = `/definitions/TaskType/DISCOUNT_APPROVAL/versions/${draft.body.version}`;
    expect((await request(t.app).put(base).set(await as('gabe')).send({ content: { ...draft.body.content, visibilityPolicy: 'QUOTE_COMMERCIAL_VISIBILITY@1' } })).status).toBe(200);
    const sam = await simulate('gabe', base, { sample: { evidence: quote('Q-TT').evidence }, asUser: 'sam' });
    expect(sam.status, sam.text).toBe(200);
    expect(sam.body.published).toEqual({ kind: 'TaskType', id: 'DISCOUNT_APPROVAL', version: 3 });
    const [item] = (sam.body as DefinitionSimulation).items;
    expect(item!.draft.definitions).toEqual(expect.arrayContaining([`DISCOUNT_APPROVAL@${draft.body.version}`, 'QUOTE_COMMERCIAL_VISIBILITY@1']));
    expect(item!.differences).toContainEqual({ path: 'view.evidence.marginImpactPercent', draft: 'hidden', published: 'visible' });
    const same = await simulate('gabe', '/definitions/TaskType/DISCOUNT_APPROVAL/versions/3', { workItemIds: [itemId], asUser: 'dana' });
    expect(same.status, same.text).toBe(200);
    expect(same.body.definition).toMatchObject({ version: 3, status: 'published' });
    expect(same.body.items[0].differences).toEqual([]);
  });

  it('an invalid draft is 422 DEFINITION_INVALID with its findings, and nothing is written', async () => {
    const draft = await request(t.app).post('/definitions/PriorityModel/CPQ_OMS_PRIORITY/drafts').set(await as('gabe')).send({ from: 2 });
    expect(draft.status, draft.text).toBe(201);
    const base = `/definitions/PriorityModel/CPQ_OMS_PRIORITY/versions/${draft.body.version}`;
    const broken = { ...draft.body.content, rules: [{ name: 'BROKEN', conditions: { all: [{ fact: 'nowhere', operator: 'equal', value: 1 }] }, event: { type: 'PRIORITY_WEIGHT', params: { weight: 'heavy' } } }] };
    expect((await request(t.app).put(base).set(await as('gabe')).send({ content: broken })).status).toBe(200);
    const before = await written();
    const res = await simulate('gabe', base, { workItemIds: [itemId], asUser: 'rita' });
    expect(res.status, res.text).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'DEFINITION_INVALID' });
    expect(res.body.findings.length).toBeGreaterThan(0);
    expect((res.body.findings as { severity: string; pointer: string }[]).every((f) => f.severity === 'error' && typeof f.pointer === 'string')).toBe(true);
    expect(await written()).toEqual(before);
  });

  it("another tenant's item is not found; an unknown user, version or item is refused; only governance admins may simulate", async () => {
    const apac = await request(t.app).post('/work-items').set(await as('raj')).send({ ...quote('Q-APAC-1'), region: 'APAC' });
    expect(apac.status, apac.text).toBe(201);
    const path = `${VISIBILITY}/versions/${visibilityDraft}`;
    const before = await written();
    expect((await simulate('gabe', path, { workItemIds: [apac.body.id], asUser: 'rita' })).body).toMatchObject({ status: 404, code: 'WORK_ITEM_NOT_FOUND' });
    expect((await simulate('gabe', path, { workItemIds: [itemId, apac.body.id], asUser: 'rita' })).body).toMatchObject({ status: 404, code: 'WORK_ITEM_NOT_FOUND' });
    expect((await simulate('gabe', path, { workItemIds: [itemId], asUser: 'raj' })).body).toMatchObject({ status: 422, code: 'SIMULATION_USER_UNKNOWN' });
    expect((await simulate('gabe', path, { workItemIds: [itemId], asUser: 'Not An Id' })).body).toMatchObject({ status: 400, code: 'INVALID_PRINCIPAL_ID' });
    expect((await simulate('gabe', `${VISIBILITY}/versions/99`, { workItemIds: [itemId], asUser: 'rita' })).body).toMatchObject({ status: 404, code: 'DEFINITION_VERSION_NOT_FOUND' });
    expect((await simulate('gabe', path, { workItemIds: [itemId], sample: { evidence: {} }, asUser: 'rita' })).body).toMatchObject({ status: 400, code: 'INVALID_REQUEST_BODY' });
    expect((await simulate('gabe', path, { workItemIds: [itemId] })).body).toMatchObject({ status: 400, code: 'INVALID_REQUEST_BODY' });
    expect((await simulate('rita', path, { workItemIds: [itemId], asUser: 'rita' })).body).toMatchObject({ status: 403, code: 'GOVERNANCE_ADMIN_REQUIRED' });
    expect((await simulate('dana', path, { workItemIds: [itemId], asUser: 'fiona' })).body).toMatchObject({ status: 403, code: 'GOVERNANCE_ADMIN_REQUIRED' });
    expect((await simulate('aude', path, { workItemIds: [itemId], asUser: 'rita' })).body).toMatchObject({ status: 403, code: 'AUDITOR_READ_ONLY' });
    expect((await request(t.app).post(`${path}/simulate`).send({ workItemIds: [itemId], asUser: 'rita' })).status).toBe(401);
    expect(await written()).toEqual(before);
  });
});
