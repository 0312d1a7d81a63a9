// Reason codes of lifecycle commands at the API, on PGlite and on PostgreSQL: a reason a reassign,
// an escalate or any other lifecycle command carries must be declared for that action by the
// item's pinned reason-code set (422 REASON_CODE_NOT_ALLOWED, nothing written or audited
// otherwise), and an item pinned to a version that declares none for an action that needs one
// is not offered it until it is migrated to a version that does.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, testApp } from '../test-support/testApp.js';

type App = Awaited<ReturnType<typeof testApp>>;

let quoteNumber = 0;
/** A high-value discount request (its escalation group, the managers' authority, is the regional sales directors), at `taskTypeVersion` or the latest. */
const quote = (taskTypeVersion?: number) => {
  const id = `Q-2026-8${String(++quoteNumber).padStart(5, '0')}`;
  return {
    taskType: 'DISCOUNT_APPROVAL',
    ...(taskTypeVersion ? { taskTypeVersion } : {}),
    requestedBy: 'rita',
    businessObject: { type: 'QUOTE', id, version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000, currency: 'EUR', customerTier: 'PLATINUM', regulatoryRisk: true } },
    region: 'EMEA',
    productFamily: 'BROADBAND',
    evidence: { quoteId: id, quoteRevision: 3, requestedDiscountPercent: 32, standardLimitPercent: 25, marginImpactPercent: -4.2 },
  };
};

describe.each(engines)('lifecycle reason codes on $name', ({ open }) => {
  let t: App;
  beforeAll(async () => {
    t = await testApp(open);
  });
  afterAll(() => t.db.close());

  const as = async (user: string) => ({ Authorization: await t.token(user) });
  const post = async (user: string, path: string, body: Record<string, unknown> = {}) => request(t.app).post(path).set(await as(user)).send(body);
  const get = async (path: string, user = 'aude') => (await request(t.app).get(path).set(await as(user))).body as Record<string, unknown>;
  /** An item claimed by sam (a sales manager: a candidate without the authority for 32%). */
  const claimed = async (taskTypeVersion?: number) => {
    const created = await post('cpq', '/work-items', quote(taskTypeVersion));
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    expect((await post('sam', `/work-items/${id}/claim`)).status).toBe(200);
    return id;
  };
  const count = async (table: string) => Number((await t.db.knex(table).count('* as n').first())?.n ?? 0);
  const tables = ['work_item', 'audit_event', 'decision', 'comment', 'workflow_command_outbox'];
  /** What a refused command must leave as it was: the item as read, its audit trail, every table's size. */
  const snapshot = async (id: string) => ({ item: await get(`/work-items/${id}`), events: (await get(`/audit?workItemId=${id}`)).events, rows: await Promise.all(tables.map(count)) });
  const eventTypes = async (id: string) => ((await get(`/audit?workItemId=${id}`)).events as { eventType: string }[]).map((e) => e.eventType);

  it('BECAUSE_I_SAY_SO on reassign and on escalate is 422 REASON_CODE_NOT_ALLOWED and writes nothing', async () => {
    const id = await claimed();
    expect((await get(`/work-items/${id}`)).taskTypeVersion).toBe(3);
    const before = await snapshot(id);
    const refusals: [string, string, Record<string, unknown>][] = [
      ['mia', 'reassign', { assignee: 'fiona', reasonCode: 'BECAUSE_I_SAY_SO', comment: 'Trust me.' }],
      ['sam', 'escalate', { reasonCode: 'BECAUSE_I_SAY_SO', comment: 'Trust me.' }],
      // Declared in the set, but for another action or for a decision.
      ['mia', 'reassign', { assignee: 'fiona', reasonCode: 'SLA_AT_RISK' }],
      ['sam', 'escalate', { reasonCode: 'WORKLOAD' }],
      ['sam', 'escalate', { reasonCode: 'MARGIN_BELOW_FLOOR' }],
    ];
    for (const [user, path, body] of refusals) {
      const res = await post(user, `/work-items/${id}/${path}`, body);
      expect(res.status, `${path} ${String(body.reasonCode)}`).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 422, code: 'REASON_CODE_NOT_ALLOWED', violations: [{ code: 'REASON_CODE_NOT_ALLOWED', pointer: '/reasonCode' }] });
      expect(res.body.detail).toContain(`${String(body.reasonCode)} is not a reason for ${path.toUpperCase()} in DISCOUNT_APPROVAL_REASONS@3`);
    }
    expect(await snapshot(id)).toEqual(before);
    expect(await eventTypes(id)).toEqual(['TaskCreated', 'TaskClaimed']);
  });

  it('a declared reason works and is audited with the command', async () => {
    const id = await claimed();
    const reassigned = await post('mia', `/work-items/${id}/reassign`, { assignee: 'fiona', reasonCode: 'WORKLOAD' });
    expect(reassigned.body, reassigned.text).toMatchObject({ state: 'claimed', assignee: 'fiona', owner: 'fiona' });
    const escalated = await post('fiona', `/work-items/${id}/escalate`, { reasonCode: 'SLA_AT_RISK', comment: 'Cannot close this today.' });
    expect(escalated.body, escalated.text).toMatchObject({ state: 'escalated', escalationLevel: 1 });
    const events = (await get(`/audit?workItemId=${id}`)).events as { eventType: string; payload: { reasonCode?: string | null } }[];
    expect(events.map((e) => [e.eventType, e.payload.reasonCode ?? null])).toEqual([
      ['TaskCreated', null],
      ['TaskClaimed', null],
      ['TaskAssigned', 'WORKLOAD'],
      ['TaskEscalated', 'SLA_AT_RISK'],
    ]);
  });

  it('a reason is optional where the definitions do not ask for one, and checked when it is given', async () => {
    const id = await claimed();
    const before = await snapshot(id);
    // v3 declares no reason for RELEASE or COMMENT: any reason given there is refused.
    expect((await post('sam', `/work-items/${id}/release`, { reasonCode: 'WORKLOAD' })).body).toMatchObject({ status: 422, code: 'REASON_CODE_NOT_ALLOWED' });
    expect((await post('sam', `/work-items/${id}/comments`, { comment: 'Looking.', reasonCode: 'BECAUSE_I_SAY_SO' })).body).toMatchObject({ status: 422, code: 'REASON_CODE_NOT_ALLOWED' });
    expect(await snapshot(id)).toEqual(before);
    expect((await post('sam', `/work-items/${id}/release`)).body).toMatchObject({ state: 'available' });
  });

  it('an item pinned to a version that declares no reasons for reassigning is not offered it until migrated', async () => {
    const id = await claimed(2);
    const reassign = async () => ((await get(`/work-items/${id}/allowed-actions`, 'mia')).actions as { kind: string; code: string; enabled: boolean; disabledReason?: string }[]).find((a) => a.kind === 'lifecycle' && a.code === 'REASSIGN');
    expect(await reassign()).toMatchObject({ enabled: false, disabledReason: 'REASON_CODES_NOT_DECLARED' });
    const before = await snapshot(id);
    // No reason is accepted for REASSIGN under DISCOUNT_APPROVAL_REASONS@2, not even the ones v3 declares.
    for (const reasonCode of ['WORKLOAD', 'BECAUSE_I_SAY_SO']) {
      expect((await post('mia', `/work-items/${id}/reassign`, { assignee: 'fiona', reasonCode })).body, reasonCode).toMatchObject({ status: 422, code: 'REASON_CODES_NOT_DECLARED' });
    }
    // Escalating stays possible with the escalation reasons v2 declares (those of its ESCALATE decision), and only with those.
    expect((await post('sam', `/work-items/${id}/escalate`, { reasonCode: 'SLA_AT_RISK' })).body).toMatchObject({ status: 422, code: 'REASON_CODE_NOT_ALLOWED' });
    expect(await snapshot(id)).toEqual(before);
    expect((await post('sam', `/work-items/${id}/escalate`, { reasonCode: 'OUTSIDE_AUTHORITY' })).body).toMatchObject({ state: 'escalated' });

    // A governance admin moves the item to v3, which declares them.
    const migrated = await post('gabe', '/definitions/TaskType/DISCOUNT_APPROVAL/migrations', { fromVersion: 2, toVersion: 3, dryRun: false, workItemIds: [id] });
    expect(migrated.status, migrated.text).toBe(200);
    expect(await reassign()).toMatchObject({ enabled: true });
    // Escalated, it is the regional sales directors' now: mia hands it to one of them.
    expect((await post('mia', `/work-items/${id}/reassign`, { assignee: 'dana', reasonCode: 'ASSIGNEE_UNAVAILABLE' })).body).toMatchObject({ state: 'claimed', assignee: 'dana' });
    expect((await get(`/work-items/${id}`)).taskTypeVersion).toBe(3);
  });
});
