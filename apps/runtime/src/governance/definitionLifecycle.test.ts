// Definition governance through the API, on PGlite and PostgreSQL: drafts with findings, four-eyes
// review, publishing, immutability of published versions, retiring, reads, diffs and bad input.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, TEST_NOW, testApp } from '../../test-support/testApp.js';

type App = Awaited<ReturnType<typeof testApp>>;

const SLA = '/definitions/SlaPolicy/QUOTE_APPROVAL_SLA';

describe.each(engines)('definition governance on $name', ({ open }) => {
  let t: App;
  beforeAll(async () => {
    t = await testApp(open);
  });
  afterAll(() => t.db.close());

  const as = async (user: string) => ({ Authorization: await t.token(user) });
  const count = async (table: string) => Number((await t.db.knex(table).count('* as n').first())?.n ?? 0);
  const written = async () => [await count('definition_version'), await count('audit_event')];
  const row = (id: string, version: number) => t.db.knex('definition_version').where({ id, version }).first();

  it('four-eyes on review: the author cannot approve or reject their own draft; a second admin approves, then it is published', async () => {
    const draft = await request(t.app).post(`${SLA}/drafts`).set(await as('gabe')).send({ from: 2, changeNote: 'Faster escalation' });
    expect(draft.status, draft.text).toBe(201);
    expect(draft.body).toMatchObject({ kind: 'SlaPolicy', id: 'QUOTE_APPROVAL_SLA', version: 3, status: 'draft', author: 'gabe', changeNote: 'Faster escalation', findings: [] });
    expect(draft.body.content).toMatchObject({ kind: 'SlaPolicy', id: 'QUOTE_APPROVAL_SLA', version: 3, status: 'draft' });
    expect(draft.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const v3 = `${SLA}/versions/3`;
    const content = { ...draft.body.content, default: { ...draft.body.content.default, escalateAfter: 'PT6H' } };
    expect((await request(t.app).put(v3).set(await as('gabe')).send({ content })).status).toBe(200);
    expect((await request(t.app).post(`${v3}/publish`).set(await as('gabe')).send({})).body).toMatchObject({ status: 409, code: 'DEFINITION_NOT_IN_REVIEW' });
    const submitted = await request(t.app).post(`${v3}/submit`).set(await as('gabe'));
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'in_review', approvedAt: null });
    expect(submitted.body.submittedAt).toBe(new Date(TEST_NOW).toISOString());

    const before = await written();
    const own = await request(t.app).post(`${v3}/approve`).set(await as('gabe')).send({ comment: 'Looks good to me.' });
    expect(own.status).toBe(403);
    expect(own.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(own.body).toMatchObject({ code: 'FOUR_EYES_VIOLATION' });
    expect((await request(t.app).post(`${v3}/reject`).set(await as('gabe')).send({ comment: 'Withdraw.' })).body).toMatchObject({ status: 403, code: 'FOUR_EYES_VIOLATION' });
    // Only governance admins review: a director and an auditor are refused.
    expect((await request(t.app).post(`${v3}/approve`).set(await as('dana')).send({ comment: 'ok' })).body).toMatchObject({ status: 403, code: 'GOVERNANCE_ADMIN_REQUIRED' });
    expect((await request(t.app).post(`${v3}/approve`).set(await as('aude')).send({ comment: 'ok' })).body).toMatchObject({ status: 403, code: 'AUDITOR_READ_ONLY' });
    expect((await request(t.app).post(`${v3}/publish`).set(await as('gabe')).send({})).body).toMatchObject({ status: 409, code: 'DEFINITION_NOT_APPROVED' });
    expect(await written()).toEqual(before);
    expect(await row('QUOTE_APPROVAL_SLA', 3)).toMatchObject({ status: 'in_review', approved_at: null, reviewer: null });

    const approved = await request(t.app).post(`${v3}/approve`).set(await as('gina')).send({ comment: 'Checked against the escalation roster.' });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({ status: 'in_review', reviewer: 'gina', reviewComment: 'Checked against the escalation roster.' });
    expect((await request(t.app).post(`${v3}/approve`).set(await as('gina')).send({ comment: 'again' })).body).toMatchObject({ status: 409, code: 'DEFINITION_ALREADY_APPROVED' });
    const published = await request(t.app).post(`${v3}/publish`).set(await as('gabe')).send({});
    expect(published.status, published.text).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', author: 'gabe', reviewer: 'gina', publishedAt: new Date(TEST_NOW).toISOString(), effectiveFrom: new Date(TEST_NOW).toISOString() });
    expect(published.body.content.status).toBe('published');

    // Every step is in the hash-chained audit trail of the actors' tenant.
    const audit = (await request(t.app).get('/audit?limit=1000').set(await as('aude'))).body.events as { eventType: string; actor: string; payload: { definition?: { ref: string } } }[];
    const steps = audit.filter((e) => e.payload.definition?.ref === 'QUOTE_APPROVAL_SLA@3').map((e) => `${e.eventType}:${e.actor}`);
    expect(steps).toEqual(['DefinitionDraftCreated:gabe', 'DefinitionDraftUpdated:gabe', 'DefinitionSubmitted:gabe', 'DefinitionApproved:gina', 'DefinitionPublished:gabe']);
    expect((await request(t.app).get('/audit/verify').set(await as('aude'))).body).toMatchObject({ ok: true });
  });

  it('a rejected version goes back to draft with the reviewer\'s comment, and can be changed and submitted again', async () => {
    const draft = await request(t.app).post('/definitions/PriorityModel/CPQ_OMS_PRIORITY/drafts').set(await as('gina')).send({ from: 2 });
    expect(draft.status, draft.text).toBe(201);
    const base = `/definitions/PriorityModel/CPQ_OMS_PRIORITY/versions/${draft.body.version}`;
    expect((await request(t.app).post(`${base}/submit`).set(await as('gina'))).status).toBe(200);
    const rejected = await request(t.app).post(`${base}/reject`).set(await as('gabe')).send({ comment: 'No change in it; say what it is for.' });
    expect(rejected.status, rejected.text).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'draft', reviewer: 'gabe', reviewComment: 'No change in it; say what it is for.', approvedAt: null });
    expect((await request(t.app).put(base).set(await as('gina')).send({ content: draft.body.content, changeNote: 'Re-weighting next quarter' })).status).toBe(200);
    expect((await request(t.app).post(`${base}/submit`).set(await as('gina'))).body).toMatchObject({ status: 'in_review', reviewer: null, reviewComment: null });
  });

  it('published versions are immutable: every write is 409 and the database refuses it too', async () => {
    const v2 = `${SLA}/versions/2`;
    const stored = await row('QUOTE_APPROVAL_SLA', 2);
    const before = await written();
    const content = { ...(stored.content as Record<string, unknown>), description: 'edited in place' };
    const put = await request(t.app).put(v2).set(await as('gabe')).send({ content });
    expect(put.status).toBe(409);
    expect(put.body).toMatchObject({ code: 'DEFINITION_IMMUTABLE', status: 409 });
    for (const step of ['submit', 'approve', 'reject', 'publish']) {
      const res = await request(t.app).post(`${v2}/${step}`).set(await as('gina')).send(step === 'approve' || step === 'reject' ? { comment: 'x' } : {});
      expect(res.body, step).toMatchObject({ status: 409, code: 'DEFINITION_IMMUTABLE' });
    }
    expect(await written()).toEqual(before);
    expect((await row('QUOTE_APPROVAL_SLA', 2)).content_hash).toBe(stored.content_hash);
    // Below the API: the trigger refuses an edit in place and a delete.
    await expect(t.db.knex('definition_version').where({ id: 'QUOTE_APPROVAL_SLA', version: 2 }).update({ content: JSON.stringify(content) })).rejects.toThrow(/immutable/);
    await expect(t.db.knex('definition_version').where({ id: 'QUOTE_APPROVAL_SLA', version: 2 }).del()).rejects.toThrow(/cannot be deleted/);
  });

  it('retiring: a version a published definition references is in use; a retired task type takes no new items, and stays immutable', async () => {
    const inUse = await request(t.app).post(`${SLA}/versions/1/retire`).set(await as('gabe'));
    expect(inUse.body).toMatchObject({ status: 409, code: 'DEFINITION_IN_USE' });
    expect(inUse.body.referencedBy).toContain('DISCOUNT_APPROVAL@1');
    const retired = await request(t.app).post('/definitions/TaskType/DISCOUNT_APPROVAL/versions/1/retire').set(await as('gabe'));
    expect(retired.status, retired.text).toBe(200);
    expect(retired.body).toMatchObject({ status: 'retired', retiredAt: new Date(TEST_NOW).toISOString() });
    const pinned = await request(t.app)
      .post('/work-items')
      .set(await as('rita'))
      .send({ taskType: 'DISCOUNT_APPROVAL', taskTypeVersion: 1, businessObject: { type: 'QUOTE', id: 'Q-R1', version: 1 }, evidence: { quoteId: 'Q-R1', quoteRevision: 1, requestedDiscountPercent: 30, standardLimitPercent: 25 } });
    expect(pinned.body).toMatchObject({ status: 422, code: 'UNKNOWN_TASK_TYPE' });
    expect((await request(t.app).post('/definitions/TaskType/DISCOUNT_APPROVAL/versions/1/retire').set(await as('gabe'))).body).toMatchObject({ status: 409, code: 'DEFINITION_IMMUTABLE' });
    expect((await request(t.app).put('/definitions/TaskType/DISCOUNT_APPROVAL/versions/1').set(await as('gabe')).send({ content: retired.body.content })).body).toMatchObject({ status: 409, code: 'DEFINITION_IMMUTABLE' });
  });

  it('a draft\'s findings carry JSON Pointers; a draft with errors cannot be submitted; publishing needs published references', async () => {
    const draft = await request(t.app).post('/definitions/SlaPolicy/ORDER_FALLOUT_SLA/drafts').set(await as('gabe')).send({ from: 1 });
    expect(draft.status, draft.text).toBe(201);
    const base = `/definitions/SlaPolicy/ORDER_FALLOUT_SLA/versions/${draft.body.version}`;
    const broken = { ...draft.body.content, calendar: 'NO_SUCH_CALENDAR@1', default: { ...draft.body.content.default, dueIn: 'soon' } };
    const put = await request(t.app).put(base).set(await as('gabe')).send({ content: broken });
    expect(put.status, put.text).toBe(200);
    const codes = (put.body.findings as { code: string; pointer: string; severity: string }[]).map((f) => `${f.severity} ${f.code} ${f.pointer}`);
    expect(codes).toContain('error SCHEMA_PATTERN /default/dueIn');
    const before = await written();
    const refused = await request(t.app).post(`${base}/submit`).set(await as('gabe'));
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'DEFINITION_INVALID' });
    expect((refused.body.findings as { code: string; pointer: string }[]).some((f) => f.code === 'SCHEMA_PATTERN' && f.pointer === '/default/dueIn')).toBe(true);
    // API users read words: each finding of the problem carries its sentence, and the detail quotes it.
    expect(refused.body.findings).toContainEqual(expect.objectContaining({ code: 'SCHEMA_PATTERN', pointer: '/default/dueIn', sentence: '"Due in" is not in the right form: a duration in days, hours and minutes (e.g. PT8H for 8 hours, P1DT4H for a day and 4 hours).' }));
    expect(refused.body.detail).toContain('"Due in" is not in the right form');
    expect(await written()).toEqual(before);
    // Schema-valid but pointing nowhere: the lint names the reference.
    const dangling = await request(t.app).put(base).set(await as('gabe')).send({ content: { ...broken, default: draft.body.content.default } });
    expect(dangling.body.findings).toEqual([expect.objectContaining({ code: 'REFERENCE_NOT_FOUND', severity: 'error', pointer: '/calendar' })]);

    // A task type draft may reference a draft while both are worked on, but is published only once that one is.
    const calendar = await request(t.app).post('/definitions/BusinessCalendar/EU_SALES_CALENDAR/drafts').set(await as('gabe')).send({ from: 1 });
    expect(calendar.status, calendar.text).toBe(201);
    const fixed = await request(t.app).put(base).set(await as('gabe')).send({ content: { ...draft.body.content, calendar: `EU_SALES_CALENDAR@${calendar.body.version}` } });
    expect(fixed.body.findings).toEqual([]);
    expect((await request(t.app).post(`${base}/submit`).set(await as('gabe'))).status).toBe(200);
    expect((await request(t.app).post(`${base}/approve`).set(await as('gina')).send({ comment: 'ok' })).status).toBe(200);
    const early = await request(t.app).post(`${base}/publish`).set(await as('gabe')).send({});
    expect(early.body).toMatchObject({ status: 422, code: 'DEFINITION_INVALID' });
    expect(early.body.findings).toEqual([expect.objectContaining({ code: 'REFERENCE_NOT_FOUND', pointer: '/calendar' })]);
    expect((await row('ORDER_FALLOUT_SLA', draft.body.version as number)).status).toBe('in_review');
  });

  it('reads: case workers see published and retired versions only; governance admins and auditors see drafts too', async () => {
    const rita = await request(t.app).get('/definitions?kind=SlaPolicy').set(await as('rita'));
    expect(rita.status).toBe(200);
    const sla = (rita.body.definitions as { id: string; title: string; versions: { version: number; status: string }[] }[]).find((d) => d.id === 'QUOTE_APPROVAL_SLA')!;
    expect(sla.versions.every((v) => v.status === 'published' || v.status === 'retired')).toBe(true);
    const fallout = (rita.body.definitions as { id: string; versions: { status: string }[] }[]).find((d) => d.id === 'ORDER_FALLOUT_SLA')!;
    expect(fallout.versions.map((v) => v.status)).toEqual(['published']);
    const aude = await request(t.app).get('/definitions?kind=SlaPolicy').set(await as('aude'));
    expect((aude.body.definitions as { id: string; versions: { status: string }[] }[]).find((d) => d.id === 'ORDER_FALLOUT_SLA')!.versions.map((v) => v.status)).toEqual(['published', 'in_review']);
    expect((aude.body.definitions as { kind: string }[]).every((d) => d.kind === 'SlaPolicy')).toBe(true);

    expect((await request(t.app).get('/definitions/SlaPolicy/ORDER_FALLOUT_SLA/versions/2').set(await as('rita'))).body).toMatchObject({ status: 403, code: 'GOVERNANCE_READER_REQUIRED' });
    const asAuditor = await request(t.app).get('/definitions/SlaPolicy/ORDER_FALLOUT_SLA/versions/2').set(await as('aude'));
    expect(asAuditor.body).toMatchObject({ status: 'in_review', version: 2 });
    const published = await request(t.app).get(`${SLA}/versions/2`).set(await as('rita'));
    expect(published.body).toMatchObject({ kind: 'SlaPolicy', id: 'QUOTE_APPROVAL_SLA', version: 2, status: 'published', author: 'urn:mandate:import' });
    expect(published.body.content.calendar).toBe('EU_SALES_CALENDAR@1');
    const versions = await request(t.app).get(`${SLA}/versions`).set(await as('rita'));
    expect((versions.body.versions as { version: number }[]).map((v) => v.version)).toEqual([1, 2, 3]);
    expect(versions.body.versions[0]).not.toHaveProperty('content');
    expect((await request(t.app).get('/definitions/SlaPolicy/NO_SUCH_SLA/versions').set(await as('aude'))).body).toMatchObject({ status: 404, code: 'DEFINITION_NOT_FOUND' });
    expect((await request(t.app).get(`${SLA}/versions/99`).set(await as('aude'))).body).toMatchObject({ status: 404, code: 'DEFINITION_VERSION_NOT_FOUND' });
  });

  it('diffs two versions: semantic changes classed for control, with the RFC 6902 patch underneath', async () => {
    const res = await request(t.app).get(`${SLA}/diff?from=1&to=2`).set(await as('aude'));
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ from: 'QUOTE_APPROVAL_SLA@1', to: 'QUOTE_APPROVAL_SLA@2' });
    const changes = res.body.changes as { control: string; summary: string }[];
    expect(changes).toContainEqual(expect.objectContaining({ control: 'tightening', summary: 'SLA dueIn 8h -> 4h business time' }));
    expect(res.body.control.tightening).toBeGreaterThan(0);
    const patch = res.body.patch as { op: string; path: string; value?: unknown }[];
    expect(patch).toContainEqual({ op: 'replace', path: '/default/dueIn', value: 'PT4H' });
    expect(patch.every((p) => ['add', 'remove', 'replace', 'move', 'copy', 'test'].includes(p.op) && p.path.startsWith('/'))).toBe(true);
    // The published v3 of the first test against v2: only the escalation moved.
    const v3 = await request(t.app).get(`${SLA}/diff?from=2&to=3`).set(await as('rita'));
    expect(v3.body.patch).toEqual(expect.arrayContaining([{ op: 'replace', path: '/default/escalateAfter', value: 'PT6H' }]));
    // A case worker may not diff against a draft.
    expect((await request(t.app).get('/definitions/SlaPolicy/ORDER_FALLOUT_SLA/diff?from=1&to=2').set(await as('rita'))).body).toMatchObject({ status: 403, code: 'GOVERNANCE_READER_REQUIRED' });
  });

  it('the OpenAPI document describes the governance routes with the schemas that validate them', async () => {
    const doc = await request(t.app).get('/openapi.json');
    const paths = doc.body.paths as Record<string, Record<string, { parameters?: { name: string }[] }>>;
    for (const path of ['/definitions', '/definitions/import-conflicts', '/definitions/{kind}/{id}/versions', '/definitions/{kind}/{id}/versions/{version}', '/definitions/{kind}/{id}/drafts', '/definitions/{kind}/{id}/versions/{version}/approve', '/definitions/{kind}/{id}/versions/{version}/publish', '/definitions/{kind}/{id}/diff', '/definitions/{kind}/{id}/migrations']) {
      expect(paths[path], path).toBeDefined();
    }
    expect(Object.keys(paths['/definitions/{kind}/{id}/versions/{version}']!)).toEqual(['get', 'put']);
    expect(paths['/definitions/{kind}/{id}/diff']!.get!.parameters!.map((p) => p.name)).toEqual(['kind', 'id', 'from', 'to']);
    expect(doc.body.components.schemas.MigrateWorkItems.required).toEqual(['fromVersion', 'toVersion', 'dryRun']);
    expect(doc.body.components.schemas.Review.required).toEqual(['comment']);
  });

  it('bad input is an RFC 9457 problem with a stable code, and writes nothing', async () => {
    const gabe = await as('gabe');
    const content = (await row('QUOTE_APPROVAL_SLA', 2)).content as Record<string, unknown>;
    const cases: [string, () => request.Test, number, string][] = [
      ['unknown kind', () => request(t.app).get('/definitions/Widget/X/versions').set(gabe), 400, 'INVALID_PATH'],
      ['lower-case id', () => request(t.app).post('/definitions/SlaPolicy/quote_sla/drafts').set(gabe).send({}), 400, 'INVALID_PATH'],
      ['version not a number', () => request(t.app).get(`${SLA}/versions/two`).set(gabe), 400, 'INVALID_PATH'],
      ['unknown kind filter', () => request(t.app).get('/definitions?kind=Widget').set(gabe), 400, 'INVALID_QUERY'],
      ['diff without to', () => request(t.app).get(`${SLA}/diff?from=1`).set(gabe), 400, 'INVALID_QUERY'],
      ['from and content', () => request(t.app).post(`${SLA}/drafts`).set(gabe).send({ from: 1, content }), 400, 'INVALID_REQUEST_BODY'],
      ['unknown field', () => request(t.app).post(`${SLA}/drafts`).set(gabe).send({ form: 1 }), 400, 'INVALID_REQUEST_BODY'],
      ['content not an object', () => request(t.app).put(`${SLA}/versions/3`).set(gabe).send({ content: 'x' }), 400, 'INVALID_REQUEST_BODY'],
      ['approve without comment', () => request(t.app).post(`${SLA}/versions/3/approve`).set(gabe).send({}), 400, 'INVALID_REQUEST_BODY'],
      ['blank comment', () => request(t.app).post(`${SLA}/versions/3/reject`).set(gabe).send({ comment: '   ' }), 400, 'INVALID_REQUEST_BODY'],
      ['submit with a body', () => request(t.app).post(`${SLA}/versions/3/submit`).set(gabe).send({ force: true }), 400, 'INVALID_REQUEST_BODY'],
      ['malformed instant', () => request(t.app).post(`${SLA}/versions/3/publish`).set(gabe).send({ effectiveFrom: 'tomorrow' }), 400, 'INVALID_REQUEST_BODY'],
      ['past instant', () => request(t.app).post(`${SLA}/versions/3/publish`).set(gabe).send({ effectiveFrom: '2020-01-01T00:00:00Z' }), 422, 'EFFECTIVE_FROM_IN_PAST'],
      ['copy of a missing version', () => request(t.app).post('/definitions/SlaPolicy/COMPENSATION_SLA/drafts').set(gabe).send({ from: 7 }), 422, 'SOURCE_VERSION_NOT_FOUND'],
      ['content of another definition', () => request(t.app).post('/definitions/SlaPolicy/COMPENSATION_SLA/drafts').set(gabe).send({ content }), 422, 'DEFINITION_IDENTITY_MISMATCH'],
      ['id of another kind', () => request(t.app).post('/definitions/PriorityModel/QUOTE_APPROVAL_SLA/drafts').set(gabe).send({}), 409, 'DEFINITION_ID_KIND_CONFLICT'],
      ['a second open draft', () => request(t.app).post('/definitions/SlaPolicy/ORDER_FALLOUT_SLA/drafts').set(gabe).send({}), 409, 'DRAFT_EXISTS'],
      ['missing version', () => request(t.app).post(`${SLA}/versions/42/submit`).set(gabe), 404, 'DEFINITION_VERSION_NOT_FOUND'],
      ['no token', () => request(t.app).get('/definitions'), 401, ''],
      ['a case worker drafting', async () => request(t.app).post('/definitions/SlaPolicy/COMPENSATION_SLA/drafts').set(await as('dana')).send({}), 403, 'GOVERNANCE_ADMIN_REQUIRED'],
      ['migrating another kind', () => request(t.app).post('/definitions/SlaPolicy/QUOTE_APPROVAL_SLA/migrations').set(gabe).send({ fromVersion: 1, toVersion: 2, dryRun: true }), 404, 'ROUTE_NOT_FOUND'],
    ] as unknown as [string, () => request.Test, number, string][];
    const before = await written();
    for (const [name, send, status, code] of cases) {
      const res = await send();
      expect(res.status, `${name}: ${res.text}`).toBe(status);
      expect(res.headers['content-type'], name).toMatch(/application\/problem\+json/);
      if (code) expect(res.body.code, name).toBe(code);
    }
    expect(await written()).toEqual(before);
  });
});
