// Recovery actions (reconcile, retry, resolve, force) and second approvals, against the real app on PGlite and
// PostgreSQL: evidence is attached only where the action policy says, forbidden actions are
// refused with the safe alternative, and a dangerous action needs a second operations lead.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, testApp } from '../test-support/testApp.js';

type App = Awaited<ReturnType<typeof testApp>>;

const unknownOutcome = (orderId: string) => ({
  taskType: 'INVENTORY_RESERVATION_UNKNOWN_OUTCOME',
  businessObject: { type: 'ORDER', id: orderId, version: 7, snapshot: { customerImpacting: true } },
  region: 'EMEA',
  requestedBy: 'oms',
  evidence: {
    orderId,
    orderStatus: 'IN_PROGRESS',
    step: 'RESERVE_INVENTORY',
    externalSystem: 'INV-CORE',
    correlationId: 'inv-req-119',
    requestSentAt: '2026-07-02T10:15:00Z',
    timeoutAt: '2026-07-02T10:15:30Z',
    reconciliation: { status: 'NOT_STARTED' },
  },
});
const found = { reconciliation: { status: 'COMPLETED', queriedAt: '2026-07-02T10:20:00Z', result: 'FOUND', externalReference: 'RSV-88120' } };
const force = { reasonCode: 'RESERVATION_FOUND_BY_RECONCILIATION', comment: 'Stock is reserved; the order may continue.', acknowledged: true };

describe.each(engines)('recovery actions on $name', ({ open }) => {
  let t: App;
  beforeAll(async () => {
    t = await testApp(open);
  });
  afterAll(() => t.db.close());

  const as = async (user: string) => ({ Authorization: await t.token(user) });
  const count = async (table: string) => Number((await t.db.knex(table).count('* as n').first())?.n ?? 0);
  const claimed = async (orderId: string, user = 'olga') => {
    const created = await request(t.app).post('/work-items').set(await as('oms')).send(unknownOutcome(orderId));
    expect(created.status, created.text).toBe(201);
    const id = (created.body as { id: string }).id;
    expect((await request(t.app).post(`/work-items/${id}/claim`).set(await as(user))).status).toBe(200);
    return id;
  };
  const act = async (user: string, id: string, code: string, body: Record<string, unknown> = {}, key?: string) => {
    const req = request(t.app).post(`/work-items/${id}/actions/${code}`).set(await as(user));
    if (key) void req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const action = async (user: string, id: string, code: string) => {
    const res = await request(t.app).get(`/work-items/${id}/allowed-actions`).set(await as(user));
    return (res.body.actions as { code: string; enabled: boolean; disabledReason?: string }[]).find((a) => a.code === code)!;
  };

  it('a reconciliation result is attached as evidence, audited by hash, sent to the workflow, and enables the resolution', async () => {
    const id = await claimed('ORD-1001');
    expect(await action('olga', id, 'CONFIRM_RESERVED')).toMatchObject({ enabled: false, disabledReason: 'EVIDENCE_REQUIRED' });
    const res = await act('olga', id, 'RUN_RECONCILIATION', { evidence: found }, 'recon-1');
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ action: 'RUN_RECONCILIATION', status: 'EFFECTIVE', workItemId: id });
    // A retry with the same key replays the answer and records nothing twice.
    expect((await act('olga', id, 'RUN_RECONCILIATION', { evidence: found }, 'recon-1')).text).toBe(res.text);
    const item = await request(t.app).get(`/work-items/${id}`).set(await as('olga'));
    expect(item.body.evidence.reconciliation).toEqual(found.reconciliation);
    expect(item.body.evidence.correlationId).toBe('inv-req-119');
    expect(await action('olga', id, 'CONFIRM_RESERVED')).toMatchObject({ enabled: true });
    expect(await action('olga', id, 'MARK_NO_EFFECT')).toMatchObject({ enabled: false, disabledReason: 'RECONCILIATION_RESULT_REQUIRED' });

    const history = await request(t.app).get(`/work-items/${id}/actions`).set(await as('olga'));
    expect(history.body.actions).toHaveLength(1);
    expect(history.body.actions[0]).toMatchObject({ actionCode: 'RUN_RECONCILIATION', actor: 'olga', attachedEvidence: found, status: 'EFFECTIVE' });
    const [audit] = await t.db.knex('audit_event').where({ work_item_id: id, event_type: 'RecoveryActionTaken' });
    expect(audit.payload.attachedEvidence).toMatchObject({ paths: ['reconciliation'], sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(audit.payload)).not.toContain('RSV-88120');
    const outbox = await t.db.knex('workflow_command_outbox').whereRaw(`payload->>'workItemId' = ?`, [id]);
    expect(outbox.map((o: { command_type: string }) => o.command_type)).toEqual(['RECOVERY_ACTION']);

    const decided = await request(t.app).post(`/work-items/${id}/decisions`).set(await as('olga')).send({ decision: 'CONFIRM_RESERVED', reasonCode: 'RESERVATION_FOUND_BY_RECONCILIATION', acknowledged: true, expectedBusinessObjectVersion: 7 });
    expect(decided.status, decided.text).toBe(201);
  });

  it('refuses evidence outside the action\'s paths, evidence that breaks the schema, and stale versions, writing nothing', async () => {
    const id = await claimed('ORD-1002');
    const tables = ['recovery_action', 'audit_event', 'workflow_command_outbox'];
    const before = await Promise.all(tables.map(count));
    const outside = await act('olga', id, 'RUN_RECONCILIATION', { evidence: { ...found, orderStatus: 'ON_HOLD' } });
    expect(outside.body).toMatchObject({ status: 422, code: 'EVIDENCE_NOT_ATTACHABLE' });
    expect(outside.body.detail).toContain('evidence.orderStatus');
    const broken = await act('olga', id, 'RUN_RECONCILIATION', { evidence: { reconciliation: { status: 'COMPLETED', result: 'PROBABLY' } } });
    expect(broken.body).toMatchObject({ status: 422, code: 'EVIDENCE_INVALID' });
    expect((await act('olga', id, 'RETRY_COMMAND', { reasonCode: 'NO_RESERVATION_FOUND', evidence: found })).body).toMatchObject({ status: 403, code: 'EVIDENCE_REQUIRED' });
    expect((await act('olga', id, 'RUN_RECONCILIATION', { evidence: found, expectedBusinessObjectVersion: 6 })).body).toMatchObject({ status: 409, code: 'STALE_BUSINESS_OBJECT' });
    expect((await act('sam', id, 'RUN_RECONCILIATION', { evidence: found })).body).toMatchObject({ status: 403, code: 'NOT_ASSIGNEE' });
    expect(await Promise.all(tables.map(count))).toEqual(before);
    const item = await request(t.app).get(`/work-items/${id}`).set(await as('olga'));
    expect(item.body.evidence.reconciliation).toEqual({ status: 'NOT_STARTED' });
  });

  it('forbidden actions are refused with the safe alternative; lifecycle codes and unknown codes have no action here', async () => {
    const id = await claimed('ORD-1003');
    const forbidden = await act('olga', id, 'MARK_FAILED_WITHOUT_EVIDENCE', { reasonCode: 'NO_RESERVATION_FOUND' });
    expect(forbidden.body).toMatchObject({ status: 403, code: 'FORBIDDEN_ACTION' });
    expect(forbidden.body.detail).toContain('RUN_RECONCILIATION');
    expect((await act('olga', id, 'CLAIM')).body).toMatchObject({ status: 422, code: 'NOT_A_RECOVERY_ACTION' });
    expect((await act('olga', id, 'CONFIRM_RESERVED')).body).toMatchObject({ status: 422, code: 'NOT_A_RECOVERY_ACTION' });
    expect((await act('olga', id, 'LAUNCH_ROCKET')).body).toMatchObject({ status: 404, code: 'ACTION_NOT_FOUND' });
    expect((await act('olga', id, 'drop-table')).body).toMatchObject({ status: 400, code: 'INVALID_ACTION_CODE' });
    expect((await act('raj', id, 'RUN_RECONCILIATION')).body).toMatchObject({ status: 404, code: 'WORK_ITEM_NOT_FOUND' });
  });

  it("a recovery action's reason code is one the pinned set declares for that action, else 422 and nothing written", async () => {
    const id = await claimed('ORD-1005');
    await act('olga', id, 'RUN_RECONCILIATION', { evidence: found });
    const tables = ['recovery_action', 'audit_event', 'workflow_command_outbox', 'decision'];
    const before = await Promise.all(tables.map(count));
    for (const reasonCode of ['BECAUSE_I_SAY_SO', 'WORKLOAD', 'CUSTOMER_SITE_NOT_READY']) {
      // Unknown, declared for another action (REASSIGN), or of another task type's set.
      const refused = await act('olga', id, 'FORCE_ORDER_COMPLETED', { ...force, reasonCode });
      expect(refused.body, reasonCode).toMatchObject({ status: 422, code: 'REASON_CODE_NOT_ALLOWED' });
    }
    expect((await act('olga', id, 'PAUSE_ORDER', { reasonCode: 'BECAUSE_I_SAY_SO' })).body).toMatchObject({ status: 422, code: 'REASON_CODE_NOT_ALLOWED' });
    expect(await Promise.all(tables.map(count))).toEqual(before);
    const paused = await act('olga', id, 'PAUSE_ORDER', { reasonCode: 'RECONCILIATION_INCONCLUSIVE' });
    expect(paused.status, paused.text).toBe(201);
  });

  it('a dangerous action needs every guard, then a second operations lead: the first asks, another confirms', async () => {
    const id = await claimed('ORD-1004');
    await act('olga', id, 'RUN_RECONCILIATION', { evidence: found });
    expect((await act('olga', id, 'FORCE_ORDER_COMPLETED', { ...force, acknowledged: false })).body).toMatchObject({ status: 422, code: 'ACKNOWLEDGEMENT_REQUIRED' });
    expect((await act('olga', id, 'FORCE_ORDER_COMPLETED', { ...force, comment: undefined })).body).toMatchObject({ status: 422, code: 'COMMENT_REQUIRED' });
    const asked = await act('olga', id, 'FORCE_ORDER_COMPLETED', force);
    expect(asked.status, asked.text).toBe(202);
    expect(asked.body).toMatchObject({ status: 'AWAITING_SECOND_APPROVAL' });
    const waiting = await request(t.app).get(`/work-items/${id}`).set(await as('olga'));
    expect(waiting.body).toMatchObject({ state: 'available', pendingApproval: { kind: 'action', code: 'FORCE_ORDER_COMPLETED', requestedBy: 'olga', id: asked.body.id } });
    expect(waiting.body.assignee).toBeUndefined();
    // Nothing reaches the workflow until the second person agrees.
    expect(await t.db.knex('workflow_command_outbox').whereRaw(`payload->>'action' = 'FORCE_ORDER_COMPLETED'`)).toHaveLength(0);

    await request(t.app).post(`/work-items/${id}/claim`).set(await as('olga'));
    expect((await act('olga', id, 'FORCE_ORDER_COMPLETED', force)).body).toMatchObject({ status: 403, code: 'FOUR_EYES_VIOLATION' });
    await request(t.app).post(`/work-items/${id}/release`).set(await as('olga'));
    await request(t.app).post(`/work-items/${id}/claim`).set(await as('otto'));
    const confirmed = await act('otto', id, 'FORCE_ORDER_COMPLETED', force);
    expect(confirmed.status, confirmed.text).toBe(201);
    expect(confirmed.body).toMatchObject({ status: 'EFFECTIVE', secondApprovalOf: asked.body.id });
    const after = await request(t.app).get(`/work-items/${id}`).set(await as('otto'));
    expect(after.body.pendingApproval).toBeUndefined();
    expect(await t.db.knex('workflow_command_outbox').whereRaw(`payload->>'action' = 'FORCE_ORDER_COMPLETED'`)).toHaveLength(1);
    const events = (await t.db.knex('audit_event').where({ work_item_id: id }).orderBy('id')).map((e: { event_type: string }) => e.event_type);
    expect(events).toEqual(['TaskCreated', 'TaskClaimed', 'RecoveryActionTaken', 'SecondApprovalRequested', 'TaskClaimed', 'TaskReleased', 'TaskClaimed', 'RecoveryActionTaken']);
  });
});
