// Four-eyes on definitions through the API, on PGlite and PostgreSQL: whoever contributed content
// to a version (author or editor) may not approve it; an approval is bound to the content hash it
// saw, and only that content is published; a new submission invalidates an earlier approval.
import { definitionContentHash } from '@mandate/store';
import { SignJWT } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ISSUER } from '../identity/devIdentity.js';
import { engines, testApp } from '../../test-support/testApp.js';

type App = Awaited<ReturnType<typeof testApp>>;
type Contribution = { seq: number; contributor: string; action: string; contentHash: string };
type AuditEvent = { eventType: string; actor: string; payload: Record<string, unknown> & { definition?: { ref: string }; contentHash?: string } };

const REASONS = '/definitions/ReasonCodeSet/DISCOUNT_APPROVAL_REASONS';

describe.each(engines)('definition four-eyes on $name', ({ open }) => {
  let t: App;
  beforeAll(async () => {
    t = await testApp(open);
  });
  afterAll(() => t.db.close());

  const as = async (user: string) => ({ Authorization: await t.token(user) });
  // A third governance admin, not in the demo directory: signed with the dev identity's key.
  const asHal = async () => ({
    Authorization: `Bearer ${await new SignJWT({ roles: ['GOVERNANCE_ADMIN'], groups: [], tenant: 'ACME_EU', name: 'Hal (governance admin)' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(DEV_ISSUER).setAudience('mandate-runtime').setSubject('hal').setIssuedAt().setExpirationTime('1h').sign(t.devKey)}`,
  });
  const count = async (table: string) => Number((await t.db.knex(table).count('* as n').first())?.n ?? 0);
  const written = async () => [await count('definition_version'), await count('definition_version_contributor'), await count('audit_event')];
  const auditOf = async (ref: string) => ((await request(t.app).get('/audit?limit=1000').set(await as('aude'))).body.events as AuditEvent[]).filter((e) => e.payload.definition?.ref === ref);

  it('an admin who edits another\'s draft may not approve it alone; the author may not either; both are contributors, each edit audited', async () => {
    const draft = await request(t.app).post(`${REASONS}/drafts`).set(await as('gabe')).send({ from: 2, changeNote: 'Wording' });
    expect(draft.status, draft.text).toBe(201);
    expect(draft.body.contributors).toEqual([expect.objectContaining({ seq: 1, contributor: 'gabe', action: 'created', contentHash: draft.body.contentHash })]);
    const v3 = `${REASONS}/versions/${draft.body.version}`;
    const ref = `DISCOUNT_APPROVAL_REASONS@${draft.body.version}`;

    // gina takes over gabe's draft: two second-approval rules loosened.
    const loosened = { ...draft.body.content, codes: (draft.body.content.codes as { code: string }[]).map((c) => (c.code === 'COMPETITIVE_MATCH' || c.code === 'REGULATORY_REVIEW_REQUIRED' ? { ...c, requiresSecondApproval: false } : c)) };
    const edit = await request(t.app).put(v3).set(await as('gina')).send({ content: loosened });
    expect(edit.status, edit.text).toBe(200);
    expect(edit.body.author).toBe('gabe');
    expect((edit.body.contributors as Contribution[]).map((c) => [c.seq, c.contributor, c.action, c.contentHash])).toEqual([
      [1, 'gabe', 'created', draft.body.contentHash],
      [2, 'gina', 'edited', edit.body.contentHash],
    ]);
    expect((await request(t.app).post(`${v3}/submit`).set(await as('gina'))).status).toBe(200);

    const before = await written();
    const alone = await request(t.app).post(`${v3}/approve`).set(await as('gina')).send({ comment: 'Fine.' });
    expect(alone.status).toBe(403);
    expect(alone.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(alone.body).toMatchObject({ code: 'CONTRIBUTOR_MAY_NOT_APPROVE', contributors: ['gabe', 'gina'] });
    expect((await request(t.app).post(`${v3}/approve`).set(await as('gabe')).send({ comment: 'Fine.' })).body).toMatchObject({ status: 403, code: 'FOUR_EYES_VIOLATION' });
    expect((await request(t.app).post(`${v3}/publish`).set(await as('gina')).send({})).body).toMatchObject({ status: 409, code: 'DEFINITION_NOT_APPROVED' });
    expect(await written()).toEqual(before);

    // The version shows both contributors to every governance reader.
    const read = await request(t.app).get(v3).set(await as('aude'));
    expect((read.body.contributors as Contribution[]).map((c) => c.contributor)).toEqual(['gabe', 'gina']);
    expect(read.body).toMatchObject({ status: 'in_review', approvedAt: null, approvedContentHash: null, reviewer: null });

    // Each contribution is in the audit trail with its contributor and content hash.
    const trail = await auditOf(ref);
    expect(trail.map((e) => `${e.eventType}:${e.actor}`)).toEqual(['DefinitionDraftCreated:gabe', 'DefinitionDraftUpdated:gina', 'DefinitionSubmitted:gina']);
    expect(trail[0]!.payload).toMatchObject({ author: 'gabe', contentHash: draft.body.contentHash });
    expect(trail[1]!.payload).toMatchObject({ author: 'gabe', editor: 'gina', contribution: 2, contentHash: edit.body.contentHash, previousContentHash: draft.body.contentHash });

    // A third admin who contributed nothing approves exactly this content; it is published.
    const approved = await request(t.app).post(`${v3}/approve`).set(await asHal()).send({ comment: 'Both rules loosened on purpose: signed off.', contentHash: edit.body.contentHash });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({ reviewer: 'hal', approvedContentHash: edit.body.contentHash });
    const published = await request(t.app).post(`${v3}/publish`).set(await as('gina')).send({});
    expect(published.status, published.text).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', contentHash: edit.body.contentHash, approvedContentHash: edit.body.contentHash });
    const events = await auditOf(ref);
    expect(events.find((e) => e.eventType === 'DefinitionApproved')!.payload).toMatchObject({ contributors: ['gabe', 'gina'], approvedContentHash: edit.body.contentHash });
    expect(events.find((e) => e.eventType === 'DefinitionPublished')!.payload).toMatchObject({ contributors: ['gabe', 'gina'], approvedBy: 'hal', approvedContentHash: edit.body.contentHash });
    // Published: no one contributes to it any more, even below the API.
    await expect(t.db.knex('definition_version_contributor').insert({ kind: 'ReasonCodeSet', id: 'DISCOUNT_APPROVAL_REASONS', version: draft.body.version, seq: 3, contributor: 'mallory', action: 'edited', content_hash: edit.body.contentHash, contributed_at: new Date() })).rejects.toThrow(/no new contributor/);
    await expect(t.db.knex('definition_version_contributor').where({ id: 'DISCOUNT_APPROVAL_REASONS', version: draft.body.version }).del()).rejects.toThrow(/cannot be deleted/);
  });

  it('an approval is bound to the content hash it saw: a stale hash is refused, and content changed after the approval is not published', async () => {
    const draft = await request(t.app).post('/definitions/SlaPolicy/QUOTE_APPROVAL_SLA/drafts').set(await as('gabe')).send({ from: 2 });
    expect(draft.status, draft.text).toBe(201);
    const base = `/definitions/SlaPolicy/QUOTE_APPROVAL_SLA/versions/${draft.body.version}`;
    const submitted = await request(t.app).post(`${base}/submit`).set(await as('gabe'));
    expect(submitted.status, submitted.text).toBe(200);

    let before = await written();
    const stale = await request(t.app).post(`${base}/approve`).set(await as('gina')).send({ comment: 'ok', contentHash: '0'.repeat(64) });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'DEFINITION_CONTENT_CHANGED', contentHash: draft.body.contentHash });
    expect((await request(t.app).post(`${base}/approve`).set(await as('gina')).send({ comment: 'ok', contentHash: 'not-a-hash' })).body).toMatchObject({ status: 400, code: 'INVALID_REQUEST_BODY' });
    expect(await written()).toEqual(before);

    const approved = await request(t.app).post(`${base}/approve`).set(await as('gina')).send({ comment: 'ok' });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body.approvedContentHash).toBe(draft.body.contentHash);

    // Content changed after the approval by a path that did not clear it: publishing refuses it.
    const row = t.db.knex('definition_version').where({ id: 'QUOTE_APPROVAL_SLA', version: draft.body.version });
    const changed: Record<string, unknown> = { ...draft.body.content, status: 'in_review', default: { ...draft.body.content.default, escalateAfter: 'PT99H' } };
    const changedHash = definitionContentHash(changed);
    await row.clone().update({ content: JSON.stringify(changed), content_hash: changedHash });
    before = await written();
    const refused = await request(t.app).post(`${base}/publish`).set(await as('gabe')).send({});
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'APPROVED_CONTENT_MISMATCH', contentHash: changedHash, approvedContentHash: draft.body.contentHash });
    expect(await written()).toEqual(before);
    expect(await row.clone().first()).toMatchObject({ status: 'in_review', published_at: null });
    // Below the API too: the database publishes only the approved content.
    await expect(row.clone().update({ status: 'published', published_at: new Date() })).rejects.toThrow(/only the approved content can be published/);
  });

  it('the database refuses an approval by a contributor or of other content, whatever code sends it', async () => {
    const draft = await request(t.app).post('/definitions/SlaPolicy/ORDER_FALLOUT_SLA/drafts').set(await as('gabe')).send({ from: 1 });
    expect(draft.status, draft.text).toBe(201);
    const base = `/definitions/SlaPolicy/ORDER_FALLOUT_SLA/versions/${draft.body.version}`;
    expect((await request(t.app).put(base).set(await as('gina')).send({ content: draft.body.content })).status).toBe(200);
    expect((await request(t.app).post(`${base}/submit`).set(await as('gabe'))).status).toBe(200);
    const current = await t.db.knex('definition_version').where({ id: 'ORDER_FALLOUT_SLA', version: draft.body.version }).first();
    const approve = (reviewer: string, hash: string) => t.db.knex('definition_version').where({ id: 'ORDER_FALLOUT_SLA', version: draft.body.version }).update({ reviewer, approved_at: new Date(), approved_content_hash: hash });
    await expect(approve('gina', current.content_hash as string)).rejects.toThrow(/gina contributed to it and may not approve it/);
    await expect(approve('gabe', current.content_hash as string)).rejects.toThrow(/may not approve it/);
    await expect(approve('hal', '2'.repeat(64))).rejects.toThrow(/must name the content it approves/);
    // Contributions are append-only.
    await expect(t.db.knex('definition_version_contributor').where({ id: 'ORDER_FALLOUT_SLA', version: draft.body.version }).update({ contributor: 'hal' })).rejects.toThrow(/append-only/);
    await expect(t.db.knex('definition_version_contributor').where({ id: 'ORDER_FALLOUT_SLA', version: draft.body.version, seq: 2 }).del()).rejects.toThrow(/cannot be deleted/);
    expect((await request(t.app).post(`${base}/approve`).set(await asHal()).send({ comment: 'ok' })).status).toBe(200);
  });

  it('a new submission after a rejection and an edit invalidates the earlier approval', async () => {
    const draft = await request(t.app).post('/definitions/PriorityModel/CPQ_OMS_PRIORITY/drafts').set(await as('gabe')).send({ from: 2 });
    expect(draft.status, draft.text).toBe(201);
    const base = `/definitions/PriorityModel/CPQ_OMS_PRIORITY/versions/${draft.body.version}`;
    expect((await request(t.app).post(`${base}/submit`).set(await as('gabe'))).status).toBe(200);
    const first = await request(t.app).post(`${base}/approve`).set(await as('gina')).send({ comment: 'ok' });
    expect(first.body).toMatchObject({ reviewer: 'gina', approvedContentHash: draft.body.contentHash });
    expect((await request(t.app).post(`${base}/reject`).set(await as('gina')).send({ comment: 'One more change first.' })).body).toMatchObject({ status: 'draft', approvedAt: null, approvedContentHash: null });
    const edit = await request(t.app).put(base).set(await as('gabe')).send({ content: { ...draft.body.content, title: 'CPQ/OMS priority (re-weighted)' } });
    expect(edit.status, edit.text).toBe(200);
    const again = await request(t.app).post(`${base}/submit`).set(await as('gabe'));
    expect(again.body).toMatchObject({ status: 'in_review', approvedAt: null, approvedContentHash: null, reviewer: null });
    expect((await request(t.app).post(`${base}/publish`).set(await as('gabe')).send({})).body).toMatchObject({ status: 409, code: 'DEFINITION_NOT_APPROVED' });
    // gina reviewed but contributed nothing: she may approve the new content.
    const second = await request(t.app).post(`${base}/approve`).set(await as('gina')).send({ comment: 'ok now', contentHash: edit.body.contentHash });
    expect(second.status, second.text).toBe(200);
    expect(second.body.approvedContentHash).toBe(edit.body.contentHash);
    expect((await request(t.app).post(`${base}/publish`).set(await as('gabe')).send({})).status).toBe(200);
  });
});
