// The client against the real runtime listening on a loopback port (PGlite, and PostgreSQL when
// DATABASE_URL is set), plus what only a stubbed fetch can show: non-problem errors and network
// failures.
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { engines, testApp } from '@mandate/runtime/test-support';
import type { ControlEffect as DefinitionsControlEffect, JsonPatchOperation as DefinitionsJsonPatchOperation, SemanticChange as DefinitionsSemanticChange } from '@mandate/definitions';
import type { ImpactReport as PolicyImpactReport } from '@mandate/policy';
import type {
  AuditCheckpoint as StoreAuditCheckpoint,
  AuditEvent as StoreAuditEvent,
  AuditFinding as StoreAuditFinding,
  ChainVerification as StoreChainVerification,
  DatabaseKind,
  DefinitionContribution as StoreDefinitionContribution,
  DefinitionVersionMeta as StoreDefinitionVersionMeta,
  DefinitionVersionRecord as StoreDefinitionVersionRecord,
  DefinitionVersionStatus as StoreDefinitionVersionStatus,
  RecoveryActionRecord,
  WorkItemRecord,
} from '@mandate/store';
import {
  MandateClient,
  MandateProblem,
  type ActionResult,
  type AuditCheckpoint,
  type AuditEvent,
  type AuditFinding,
  type ChainVerification,
  type ControlEffect,
  type CreateWorkItem,
  type DefinitionContribution,
  type DefinitionVersionMeta,
  type DefinitionVersionRecord,
  type DefinitionVersionStatus,
  type Health,
  type ImpactReport,
  type JsonPatchOperation,
  type RecoveryAction,
  type SemanticChange,
  type WorkItem,
} from './index.js';

type App = Awaited<ReturnType<typeof testApp>>;

const quote = (id: string, ownerId = 'rita'): CreateWorkItem => ({
  taskType: 'DISCOUNT_APPROVAL',
  businessObject: { type: 'QUOTE', id, version: 12, revision: 3, snapshot: { ownerId, totalAmount: 420000, currency: 'EUR', customerTier: 'PLATINUM', regulatoryRisk: true } },
  region: 'EMEA',
  productFamily: 'BROADBAND',
  evidence: { quoteId: id, quoteRevision: 3, requestedDiscountPercent: 32, standardLimitPercent: 25, marginImpactPercent: -4.2, competitorPrice: 18250 },
});

const fallout = (orderId: string): CreateWorkItem => ({
  taskType: 'FULFILLMENT_FALLOUT',
  businessObject: { type: 'ORDER', id: orderId, version: 3, snapshot: {} },
  region: 'EMEA',
  evidence: {
    orderId,
    orderStatus: 'FALLOUT',
    failedStep: { stepId: 'ACTIVATE_LINE', name: 'Activate line', sequence: 4 },
    externalSystem: 'PARTNER_ACTIVATION',
    failureClassification: 'UNKNOWN_OUTCOME',
    reconciliation: { status: 'NOT_STARTED' },
  },
});

const approve = { decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'Multi-year expansion.', acknowledged: true, expectedBusinessObjectVersion: 12 };

const urlOf = (input: RequestInfo | URL) => (input instanceof Request ? input.url : input.toString());

/** A fetch that records every URL it is asked for. */
function recordingFetch() {
  const urls: string[] = [];
  const recorded: typeof fetch = (input, init) => {
    urls.push(urlOf(input));
    return fetch(input, init);
  };
  return { urls, fetch: recorded };
}

describe.each(engines)('MandateClient against the runtime on $name', ({ open }) => {
  let t: App;
  let server: Server;
  let baseUrl: string;
  let anonymous: MandateClient;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    t = await testApp(open);
    server = t.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    anonymous = new MandateClient({ baseUrl });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    await t.db.close();
  });

  /** A client acting as a demo user, its token fetched through the client itself. */
  const as = (userId: string) =>
    anonymous.withToken(async () => {
      let token = tokens.get(userId);
      if (!token) {
        token = (await anonymous.devToken(userId)).token;
        tokens.set(userId, token);
      }
      return token;
    });

  it('health, the OpenAPI document and metrics need no token', async () => {
    expect(await anonymous.health()).toMatchObject({ status: 'ok', auth: 'dev', database: t.db.kind });
    const doc = await anonymous.openApi();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/work-items', '/work-items/{id}/decisions', '/audit/verify']));
    expect(await anonymous.metrics()).toContain('work_items_created_total');
  });

  it('a dev token authenticates, as a string or from an async provider; none is a 401 problem', async () => {
    const { token } = await anonymous.devToken('dana');
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    await expect(new MandateClient({ baseUrl, token }).listWorkItems({ limit: 1 })).resolves.toHaveProperty('items');
    await expect(new MandateClient({ baseUrl, token: `Bearer ${token}` }).listWorkItems({ limit: 1 })).resolves.toHaveProperty('items');
    let calls = 0;
    const provided = new MandateClient({
      baseUrl: `${baseUrl}/`,
      token: async () => {
        calls += 1;
        return Promise.resolve(token);
      },
    });
    await provided.listWorkItems({ limit: 1 });
    await provided.listWorkItems({ limit: 1 });
    expect(calls).toBe(2);

    const missing = await anonymous.listWorkItems().catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(MandateProblem);
    expect(missing).toMatchObject({ name: 'MandateProblem', status: 401, code: 'AUTHENTICATION_REQUIRED', title: 'Unauthenticated' });
    await expect(new MandateClient({ baseUrl, token: 'not.a.token' }).listWorkItems()).rejects.toMatchObject({ status: 401, code: 'INVALID_TOKEN' });
    await expect(anonymous.devToken('nobody')).rejects.toMatchObject({ status: 401, code: 'UNKNOWN_DEV_USER' });
  });

  it('create -> list every page -> get -> allowed actions -> claim -> decide idempotently -> audit verifies', async () => {
    const rita = as('rita');
    const dana = as('dana');
    const created: WorkItem[] = [];
    for (const _ of [1, 2, 3]) created.push(await rita.createWorkItem(quote('Q-CLIENT-000001')));
    expect(created[0]).toMatchObject({ state: 'available', taskType: 'DISCOUNT_APPROVAL', businessObject: { type: 'QUOTE', id: 'Q-CLIENT-000001', version: 12 } });

    const recorder = recordingFetch();
    const paging = new MandateClient({ baseUrl, token: (await anonymous.devToken('dana')).token, fetch: recorder.fetch });
    const listed: WorkItem[] = [];
    for await (const item of paging.iterateWorkItems({ businessObjectId: 'Q-CLIENT-000001', limit: 2 })) listed.push(item);
    expect(listed.map((i) => i.id).sort()).toEqual(created.map((i) => i.id).sort());
    expect(recorder.urls).toHaveLength(2);
    expect(recorder.urls[1]).toMatch(/[?&]cursor=[\w-]+/);

    const id = created[0]!.id;
    // The visibility policy hides the margin from the sales rep; its path is named, its value never.
    const seenByRita = await rita.getWorkItem(id);
    expect(seenByRita.evidence).not.toHaveProperty('marginImpactPercent');
    expect(seenByRita.redactedPaths).toContain('evidence.marginImpactPercent');

    const before = await dana.allowedActions(id);
    expect(before.actions.find((a) => a.code === 'CLAIM')).toMatchObject({ enabled: true, kind: 'lifecycle' });
    expect(before.actions.find((a) => a.code === 'APPROVE')).toMatchObject({ enabled: false, kind: 'decision' });
    expect(await dana.claim(id)).toMatchObject({ id, state: 'claimed', assignee: 'dana', owner: 'dana' });
    expect(await dana.comment(id, { comment: 'Looking at it.' })).toMatchObject({ state: 'claimed' });

    const first = await dana.decide(id, approve);
    expect(first.status).toBe(201);
    expect(first.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.result).toMatchObject({ workItemId: id, decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', status: 'EFFECTIVE' });
    const retried = await dana.decide(id, approve, { idempotencyKey: first.idempotencyKey });
    expect(retried).toEqual(first);
    const reused = await dana.decide(id, { ...approve, comment: 'changed' }, { idempotencyKey: first.idempotencyKey }).catch((e: unknown) => e);
    expect(reused).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED', idempotencyKey: first.idempotencyKey });
    expect((await dana.getWorkItem(id)).state).toBe('decided');

    const aude = as('aude');
    const { events } = await aude.audit({ workItemId: id });
    expect(events.map((e) => e.eventType)).toEqual(['TaskCreated', 'TaskClaimed', 'TaskCommented', 'TaskDecisionSubmitted']);
    expect(events.at(-1)).toMatchObject({ actor: 'dana', workItemId: id, payload: { decisionId: first.result.id } });
    expect(await aude.verifyAudit()).toMatchObject({ ok: true });
  });

  it('a refused decision is a MandateProblem with its code, violations, request id and idempotency key', async () => {
    const dana = as('dana');
    const { id } = await dana.createWorkItem(quote('Q-CLIENT-000777', 'dana'));
    await dana.claim(id);
    const refused = await dana.decide(id, approve, { idempotencyKey: 'four-eyes-1' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MandateProblem);
    const problem = refused as MandateProblem;
    expect(problem).toMatchObject({ status: 403, code: 'FOUR_EYES_VIOLATION', title: 'Not allowed', idempotencyKey: 'four-eyes-1' });
    expect(problem.message).toMatch(/^FOUR_EYES_VIOLATION: /);
    expect(problem.violations?.[0]).toMatchObject({ code: 'FOUR_EYES_VIOLATION' });
    expect(problem.extensions).toHaveProperty('violations');
    expect(problem.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(problem.toProblem()).toMatchObject({ type: 'https://mandate.dev/problems/four-eyes-violation', status: 403, code: 'FOUR_EYES_VIOLATION' });

    const withExtra = { ...quote('Q-CLIENT-000778'), extra: 1 };
    const invalid = await dana.createWorkItem(withExtra).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ status: 400, code: 'INVALID_REQUEST_BODY', violations: [{ pointer: '/', property: 'extra' }] });
  });

  it('encodes path segments: an id with a slash, a space, ? and # is looked up as that id', async () => {
    const odd = 'a/b c?d#e';
    const recorder = recordingFetch();
    const dana = new MandateClient({ baseUrl, token: (await anonymous.devToken('dana')).token, fetch: recorder.fetch });
    const missing = await dana.getWorkItem(odd).catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404, code: 'WORK_ITEM_NOT_FOUND', detail: `no work item ${odd}` });
    expect(recorder.urls).toEqual([`${baseUrl}/work-items/a%2Fb%20c%3Fd%23e`]);
    await expect(dana.claim(odd)).rejects.toMatchObject({ status: 404, code: 'WORK_ITEM_NOT_FOUND' });
  });

  it('builds queries with URLSearchParams and leaves undefined filters out', async () => {
    const businessObjectId = 'Q.2026:000918-client';
    const { id } = await as('rita').createWorkItem(quote(businessObjectId));
    const recorder = recordingFetch();
    const dana = new MandateClient({ baseUrl, token: (await anonymous.devToken('dana')).token, fetch: recorder.fetch });
    const page = await dana.listWorkItems({ status: 'available', assignee: undefined, priorityMin: 0, businessObjectId, limit: 10 });
    expect(page.items.map((i) => i.id)).toEqual([id]);
    expect(page).not.toHaveProperty('nextCursor');
    // Sent unencoded, the + of the offset would arrive as a space and the instant be refused.
    const { events } = await dana.audit({ workItemId: id, actor: 'rita', from: '2026-07-02T09:00:00+02:00', to: undefined, limit: 10 });
    expect(events.map((e) => e.eventType)).toEqual(['TaskCreated']);
    await dana.listWorkItems();
    const summaries = await dana.listWorkItemSummaries({ businessObjectId, limit: 10 });
    expect(summaries.items.map((i) => i.id)).toEqual([id]);
    expect(summaries.items[0]).not.toHaveProperty('evidence');
    expect(recorder.urls).toEqual([
      `${baseUrl}/work-items?status=available&priorityMin=0&businessObjectId=Q.2026%3A000918-client&limit=10`,
      `${baseUrl}/audit?workItemId=${id}&actor=rita&from=2026-07-02T09%3A00%3A00%2B02%3A00&limit=10`,
      `${baseUrl}/work-items`,
      `${baseUrl}/work-items?businessObjectId=Q.2026%3A000918-client&limit=10&view=summary`,
    ]);
    // One parameter, not two: the & and = travel inside the value, which the runtime then refuses.
    const refused = await dana.listWorkItems({ businessObjectId: 'a b&status=claimed' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 400, code: 'INVALID_QUERY' });
    expect((refused as MandateProblem).detail).toContain('businessObjectId');
  });

  it('posts a business event (as the quote service: a person may not)', async () => {
    const rita = as('rita');
    const { id } = await rita.createWorkItem(quote('Q-CLIENT-000555'));
    await expect(rita.postEvent({ type: 'QuoteRevised', businessObject: { type: 'QUOTE', id: 'Q-CLIENT-000555', version: 13 } })).rejects.toMatchObject({ status: 403, code: 'SERVICE_ROLE_REQUIRED' });
    const result = await as('cpq').postEvent({ type: 'QuoteRevised', businessObject: { type: 'QUOTE', id: 'Q-CLIENT-000555', version: 13, revision: 4, snapshot: { ownerId: 'rita', totalAmount: 430000 } } });
    expect(result.obsoleted).toEqual([id]);
    expect(result.created).toHaveLength(1);
  });

  it('counts work items with the same filters as the queue', async () => {
    const rita = as('rita');
    const dana = as('dana');
    const businessObjectId = 'Q-CLIENT-000321';
    const { id } = await rita.createWorkItem(quote(businessObjectId));
    await rita.createWorkItem(quote(businessObjectId));
    await dana.claim(id);
    expect(await dana.countWorkItems({ businessObjectId })).toEqual({ count: 2 });
    expect(await dana.countWorkItems({ businessObjectId, status: 'claimed', assignee: 'dana' })).toEqual({ count: 1 });
    expect(await dana.countWorkItems({ businessObjectId: 'Q-CLIENT-NONE' })).toEqual({ count: 0 });
    expect(await dana.countWorkItems({ businessObjectId }, { max: 1 })).toEqual({ count: 1, capped: true });
    expect(await dana.countWorkItems({ businessObjectId }, { max: 2 })).toEqual({ count: 2, capped: false });
  });

  it('runs a recovery action with an Idempotency-Key; the same key replays the answer', async () => {
    const olga = as('olga');
    const { id } = await olga.createWorkItem(fallout('ORD-CLIENT-0001'));
    await olga.claim(id);
    expect((await olga.allowedActions(id)).actions.find((a) => a.code === 'RUN_RECONCILIATION')).toMatchObject({ enabled: true, kind: 'recovery' });
    const first = await olga.runAction(id, 'RUN_RECONCILIATION', { comment: 'Query the partner system.' });
    expect([200, 201, 202]).toContain(first.status);
    expect(first.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.result).toMatchObject({ workItemId: id, action: 'RUN_RECONCILIATION' });
    expect(await olga.runAction(id, 'RUN_RECONCILIATION', { comment: 'Query the partner system.' }, { idempotencyKey: first.idempotencyKey })).toEqual(first);
    const { actions } = await olga.actionHistory(id);
    expect(actions.map((a) => [a.id, a.actionCode, a.actor])).toEqual([[first.result.id, 'RUN_RECONCILIATION', 'olga']]);
    await expect(olga.runAction(id, 'NO_SUCH_ACTION')).rejects.toBeInstanceOf(MandateProblem);
  });

  it('governs definitions: drafts, review, publish, retire, diff, import conflicts, migration dry run', async () => {
    const gabe = as('gabe');
    const gina = as('gina');
    const kind = 'PriorityModel';
    const id = 'WORKFLOW_INCIDENT_PRIORITY';
    const listed = await as('aude').listDefinitions(kind);
    expect(listed.definitions.map((d) => d.id)).toContain(id);
    const { versions } = await gabe.definitionVersions(kind, id);
    const latest = versions[versions.length - 1]!;
    expect(latest).toMatchObject({ kind, id, status: 'published' });
    const draft = await gabe.createDraft(kind, id, { from: latest.version, changeNote: 'client test' });
    expect(draft).toMatchObject({ version: latest.version + 1, status: 'draft', author: 'gabe', findings: [] });
    const updated = await gabe.updateDraft(kind, id, draft.version, { content: { ...draft.content, title: 'Workflow incident priority (client)' } });
    expect(updated.title).toBe('Workflow incident priority (client)');
    const read = await gabe.getDefinitionVersion(kind, id, draft.version);
    expect(read.content.title).toBe('Workflow incident priority (client)');
    expect(read.contributors.map((c) => [c.contributor, c.action, c.contentHash])).toEqual([['gabe', 'created', draft.contentHash], ['gabe', 'edited', updated.contentHash]]);
    expect((await gabe.submitDefinition(kind, id, draft.version)).status).toBe('in_review');
    const own = await gabe.approveDefinition(kind, id, draft.version, 'mine').catch((e: unknown) => e);
    expect(own).toBeInstanceOf(MandateProblem);
    expect(own).toMatchObject({ status: 403, code: 'FOUR_EYES_VIOLATION' });
    expect((await gina.rejectDefinition(kind, id, draft.version, 'Say why.')).status).toBe('draft');
    await gabe.submitDefinition(kind, id, draft.version);
    await expect(gina.approveDefinition(kind, id, draft.version, 'Fine.', { contentHash: draft.contentHash })).rejects.toMatchObject({ status: 409, code: 'DEFINITION_CONTENT_CHANGED' });
    expect(await gina.approveDefinition(kind, id, draft.version, 'Fine.', { contentHash: updated.contentHash })).toMatchObject({ reviewer: 'gina', approvedContentHash: updated.contentHash });
    expect((await gabe.publishDefinition(kind, id, draft.version)).status).toBe('published');
    const diff = await as('sam').diffDefinitionVersions(kind, id, latest.version, draft.version);
    expect(diff).toMatchObject({ from: `${id}@${latest.version}`, to: `${id}@${draft.version}` });
    expect(diff.patch).toContainEqual(expect.objectContaining({ op: 'replace', path: '/title' }));
    expect((await gabe.retireDefinition(kind, id, draft.version)).status).toBe('retired');
    expect(await as('aude').importConflicts()).toMatchObject({ conflicts: [] });
    await expect(as('rita').importConflicts()).rejects.toMatchObject({ status: 403, code: 'GOVERNANCE_READER_REQUIRED' });
    const plan = await gabe.planMigration('DISCOUNT_APPROVAL', { fromVersion: 1, toVersion: 2 });
    expect(plan).toMatchObject({ taskType: 'DISCOUNT_APPROVAL', dryRun: true, applied: false });
  });

  it('reads the impact of a candidate version', async () => {
    const report = await as('aude').definitionImpact('AuthorityPolicy', 'COMMERCIAL_AUTHORITY', { candidate: 1, from: '2000-01-01T00:00:00Z' });
    expect(report).toMatchObject({ candidate: { kind: 'AuthorityPolicy', id: 'COMMERCIAL_AUTHORITY', version: 1 }, evaluator: 'compiled', totals: { affected: 0, failed: 0 } });
    await expect(as('rita').definitionImpact('AuthorityPolicy', 'COMMERCIAL_AUTHORITY', { candidate: 1 })).rejects.toMatchObject({ status: 403, code: 'GOVERNANCE_READER_REQUIRED' });
    await expect(as('aude').definitionImpact('AuthorityPolicy', 'COMMERCIAL_AUTHORITY', { candidate: 99 })).rejects.toMatchObject({ status: 404, code: 'DEFINITION_VERSION_NOT_FOUND' });
  });

  it('simulates a version beside the published one for a sample', async () => {
    const sample = { taskType: 'DISCOUNT_APPROVAL', evidence: quote('Q-CLIENT-SIM').evidence };
    const result = await as('gabe').simulateDefinition('SlaPolicy', 'QUOTE_APPROVAL_SLA', 2, { sample, asUser: 'rita' });
    expect(result).toMatchObject({ definition: { kind: 'SlaPolicy', id: 'QUOTE_APPROVAL_SLA', version: 2, status: 'published' }, published: { version: 2 }, principal: { id: 'rita', source: 'directory' } });
    expect(result.items[0]).toMatchObject({ sample: true, differences: [] });
    expect(result.items[0]!.draft.view.evidence).not.toHaveProperty('competitorPrice');
    await expect(as('rita').simulateDefinition('SlaPolicy', 'QUOTE_APPROVAL_SLA', 2, { sample, asUser: 'rita' })).rejects.toMatchObject({ status: 403, code: 'GOVERNANCE_ADMIN_REQUIRED' });
  });
});

describe('MandateClient with a stubbed fetch', () => {
  it('an error response without a problem body is HTTP_<status>', async () => {
    const client = new MandateClient({
      baseUrl: 'http://runtime.invalid',
      fetch: () => Promise.resolve(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'Content-Type': 'text/html', 'X-Request-Id': 'req-1' } })),
    });
    const problem = await client.health().catch((e: unknown) => e);
    expect(problem).toBeInstanceOf(MandateProblem);
    expect(problem).toMatchObject({ status: 502, code: 'HTTP_502', title: 'Bad Gateway', detail: '<html>Bad gateway</html>', type: 'about:blank', requestId: 'req-1' });
  });

  it('a problem+json body that is not JSON is HTTP_<status> too', async () => {
    const client = new MandateClient({ baseUrl: 'http://runtime.invalid', fetch: () => Promise.resolve(new Response('{', { status: 500, headers: { 'Content-Type': 'application/problem+json' } })) });
    await expect(client.health()).rejects.toMatchObject({ status: 500, code: 'HTTP_500' });
  });

  it('network failures propagate as fetch threw them', async () => {
    const failure = new TypeError('fetch failed');
    const client = new MandateClient({ baseUrl: 'http://runtime.invalid', token: 't', fetch: () => Promise.reject(failure) });
    await expect(client.decide('id', approve, { idempotencyKey: 'k-1' })).rejects.toBe(failure);
  });

  it('sends the bearer token, JSON body and Idempotency-Key it was given', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const taken: ActionResult = { id: 'a-1', workItemId: 'w/1', action: 'MARK_NO_EFFECT', status: 'AWAITING_SECOND_APPROVAL', takenAt: '2026-07-02T08:00:00.000Z' };
    const client = new MandateClient({
      baseUrl: 'http://runtime.invalid/api/',
      token: 'abc',
      fetch: (input, init) => {
        seen.push({ url: urlOf(input), init });
        return Promise.resolve(Response.json(taken, { status: 202 }));
      },
    });
    const run = await client.runAction('w/1', 'MARK_NO_EFFECT', { reasonCode: 'NO_EFFECT_CONFIRMED', evidence: { result: 'NOT_FOUND' } }, { idempotencyKey: 'key-7' });
    expect(run).toEqual({ idempotencyKey: 'key-7', status: 202, result: taken });
    expect(seen[0]!.url).toBe('http://runtime.invalid/api/work-items/w%2F1/actions/MARK_NO_EFFECT');
    expect(seen[0]!.init).toMatchObject({ method: 'POST', body: '{"reasonCode":"NO_EFFECT_CONFIRMED","evidence":{"result":"NOT_FOUND"}}' });
    expect(seen[0]!.init?.headers).toMatchObject({ Authorization: 'Bearer abc', 'Content-Type': 'application/json', 'Idempotency-Key': 'key-7' });
  });

  it('wire types equal the records of the store they are restated from', () => {
    expectTypeOf<DefinitionVersionMeta>().toEqualTypeOf<StoreDefinitionVersionMeta>();
    expectTypeOf<DefinitionVersionRecord>().toEqualTypeOf<StoreDefinitionVersionRecord>();
    expectTypeOf<DefinitionVersionStatus>().toEqualTypeOf<StoreDefinitionVersionStatus>();
    expectTypeOf<DefinitionContribution>().toEqualTypeOf<StoreDefinitionContribution>();
    expectTypeOf<SemanticChange>().toEqualTypeOf<DefinitionsSemanticChange>();
    expectTypeOf<ControlEffect>().toEqualTypeOf<DefinitionsControlEffect>();
    expectTypeOf<DefinitionsJsonPatchOperation>().toExtend<JsonPatchOperation>();
    expectTypeOf<ImpactReport>().toEqualTypeOf<PolicyImpactReport>();
    expectTypeOf<AuditEvent>().toEqualTypeOf<StoreAuditEvent>();
    expectTypeOf<ChainVerification>().toEqualTypeOf<StoreChainVerification>();
    expectTypeOf<AuditCheckpoint>().toEqualTypeOf<StoreAuditCheckpoint>();
    expectTypeOf<AuditFinding>().toEqualTypeOf<StoreAuditFinding>();
    expectTypeOf<Health['database']>().toEqualTypeOf<DatabaseKind>();
    expectTypeOf<Omit<WorkItem, 'redactedPaths'>>().toEqualTypeOf<WorkItemRecord>();
    expectTypeOf<RecoveryAction>().toEqualTypeOf<RecoveryActionRecord>();
  });
});
