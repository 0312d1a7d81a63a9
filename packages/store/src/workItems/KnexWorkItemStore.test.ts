import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/engines.js';
import type { Database } from '../createDatabase.js';
import { KnexApprovalRequestStore } from '../approvals/KnexApprovalRequestStore.js';
import { KnexBusinessObjectStore } from '../businessObjects/KnexBusinessObjectStore.js';
import type { DbIdempotencyKeyRow } from '../idempotency/IdempotencyStore.js';
import { KnexIdempotencyStore } from '../idempotency/KnexIdempotencyStore.js';
import { InvalidCursorError, KnexWorkItemStore } from './KnexWorkItemStore.js';
import type { NewWorkItem } from './WorkItemStore.js';

function item(n: number, overrides: Partial<NewWorkItem> = {}): NewWorkItem {
  return {
    id: randomUUID(),
    tenantId: 'ACME_EU',
    taskType: 'DISCOUNT_APPROVAL',
    taskTypeVersion: 2,
    pinnedDefinitions: ['DISCOUNT_APPROVAL@2', 'DISCOUNT_APPROVAL_REASONS@2'],
    state: 'available',
    title: `Approve discount ${n}`,
    businessObject: { type: 'QUOTE', id: `Q-${n}`, version: 12, revision: 3 },
    region: 'EMEA',
    requestedBy: 'rita',
    candidateGroups: ['sales-managers', 'regional-sales-directors'],
    priority: (n % 5) * 10,
    priorityReasons: [`N:+${(n % 5) * 10}`],
    escalationLevel: 0,
    dueAt: new Date(Date.UTC(2026, 6, 2, 10 + (n % 7))).toISOString(),
    evidence: { requestedDiscountPercent: 20 + n, marginImpactPercent: -4.2 },
    ...overrides,
  };
}

describe.each(engines)('KnexWorkItemStore on $name', ({ open }) => {
  let db: Database;
  let store: KnexWorkItemStore;
  const created: NewWorkItem[] = [];
  beforeAll(async () => {
    db = await open();
    store = new KnexWorkItemStore(db.knex);
    await db.transaction(async (tx) => {
      for (let n = 0; n < 37; n++) {
        const overrides: Partial<NewWorkItem> = n % 9 === 0 ? { candidateGroups: ['fulfillment-operations'], taskType: 'FULFILLMENT_FALLOUT', dueAt: undefined } : {};
        const it = item(n, overrides);
        created.push(it);
        await store.create(tx, it, '2026-07-02T08:00:00Z');
      }
      await store.create(tx, item(99, { tenantId: 'GLOBEX' }), '2026-07-02T08:00:00Z');
    });
  });
  afterAll(() => db.close());

  it('stores and returns an item with its candidate groups and evidence', async () => {
    const first = created[1]!;
    const got = await store.get('ACME_EU', first.id);
    expect(got).toMatchObject({ id: first.id, state: 'available', businessObject: { type: 'QUOTE', id: 'Q-1', version: 12, revision: 3 }, candidateGroups: ['regional-sales-directors', 'sales-managers'], rowVersion: 1 });
    expect(got?.evidence).toEqual(first.evidence);
  });

  it("another tenant's item, or a malformed id, is simply not found", async () => {
    const globex = (await store.list('GLOBEX')).items[0]!;
    expect(await store.get('ACME_EU', globex.id)).toBeUndefined();
    expect(await store.get('ACME_EU', "1' or '1'='1")).toBeUndefined();
  });

  it('pages through a queue in priority order with a cursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let previous: { priority: number; dueAt: string } | undefined;
    do {
      const page = await store.list('ACME_EU', { state: 'available' }, { limit: 5, ...(cursor ? { cursor } : {}) });
      for (const it of page.items) {
        const key = { priority: it.priority, dueAt: it.dueAt ?? '9999' };
        if (previous) expect(previous.priority > key.priority || (previous.priority === key.priority && previous.dueAt <= key.dueAt)).toBe(true);
        previous = key;
        seen.push(it.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(37);
    expect(new Set(seen).size).toBe(37);
  });

  it('filters by candidate group, task type, priority, overdue and business object; counts agree', async () => {
    const fallout = await store.list('ACME_EU', { candidateGroup: 'fulfillment-operations' });
    expect(fallout.items.every((i) => i.taskType === 'FULFILLMENT_FALLOUT')).toBe(true);
    expect(fallout.items).toHaveLength(5);
    expect(await store.count('ACME_EU', { candidateGroup: 'fulfillment-operations' })).toBe(5);
    expect(await store.countUpTo('ACME_EU', { candidateGroup: 'fulfillment-operations' }, 5)).toEqual({ count: 5, capped: false });
    expect(await store.countUpTo('ACME_EU', { candidateGroup: 'fulfillment-operations' }, 4)).toEqual({ count: 4, capped: true });
    expect(await store.countUpTo('ACME_EU', { taskType: 'DISCOUNT_APPROVAL' }, 1000)).toEqual({ count: 32, capped: false });
    expect(await store.count('ACME_EU', { taskType: 'DISCOUNT_APPROVAL' })).toBe(32);
    expect((await store.list('ACME_EU', { priorityMin: 40 })).items.every((i) => i.priority >= 40)).toBe(true);
    const overdue = await store.list('ACME_EU', { overdueAt: '2026-07-02T12:30:00Z' }, { limit: 200 });
    expect(overdue.items.every((i) => i.dueAt !== undefined && i.dueAt < '2026-07-02T12:30:00Z')).toBe(true);
    expect(overdue.items.length).toBeGreaterThan(0);
    expect((await store.list('ACME_EU', { businessObjectId: 'Q-3' })).items.map((i) => i.title)).toEqual(['Approve discount 3']);
  });

  it('pages through due dates with microseconds (written by SQL) without repeats or gaps', async () => {
    // Items the service creates have whole milliseconds; a migration, an import or plain SQL can
    // write microseconds, and a cursor that kept milliseconds would repeat rows on the next page.
    const ids: string[] = [];
    await db.transaction(async (tx) => {
      for (let n = 0; n < 14; n++) {
        const it = item(200 + n, { tenantId: 'MICRO', priority: 50 });
        ids.push(it.id);
        await store.create(tx, it, '2026-07-02T08:00:00Z');
      }
    });
    // Pairs share a microsecond; all share one millisecond except the last two (no due date, and the next millisecond).
    await db.knex.raw(
      `update work_item set due_at = case when ordinal = 13 then null when ordinal = 12 then '2026-07-02T10:00:00.124Z'::timestamptz
         else '2026-07-02T10:00:00.123Z'::timestamptz + make_interval(secs => (ordinal / 2) * 0.000137) end
       from unnest(?::uuid[]) with ordinality as o(item_id, ordinal) where work_item.id = o.item_id`,
      [ids],
    );
    const expected = await db.knex('work_item').where({ tenant_id: 'MICRO' }).orderBy([{ column: 'priority', order: 'desc' }, { column: 'due_at', order: 'asc', nulls: 'last' }, { column: 'id', order: 'asc' }]).pluck('id');
    expect((await db.knex.raw(`select count(distinct due_at) as n from work_item where tenant_id = 'MICRO' and extract(microseconds from due_at)::bigint % 1000 <> 0`)).rows[0].n).toSatisfy((n: unknown) => Number(n) >= 5);
    for (const limit of [1, 2, 3, 5]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.list('MICRO', {}, { limit, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor && seen.length <= expected.length);
      expect(seen).toEqual(expected);
    }
  });

  it('reads items with their business object and approval request in one statement', async () => {
    const [withBoth, withNone] = [created[5]!, created[6]!];
    await db.transaction(async (tx) => {
      await new KnexBusinessObjectStore(db.knex).record(tx, { tenantId: 'ACME_EU', type: 'QUOTE', id: withBoth.businessObject.id, version: 14, snapshot: { ownerId: 'rita', totalAmount: 1000 } }, '2026-07-02T08:30:00Z');
      await new KnexApprovalRequestStore(db.knex).insert(tx, { workItemId: withBoth.id, requestedBy: 'rita', requestedAt: '2026-07-02T08:00:00.123Z', requiredAuthority: { measure: 'discountPercent', amount: 25 }, forbiddenApproverUserIds: ['rita'], forbiddenApproverRoleCodes: [] });
    });
    const statements: string[] = [];
    const listen = (q: { sql: string }) => statements.push(q.sql);
    db.knex.on('query', listen);
    const both = await store.getWithContext('ACME_EU', withBoth.id);
    const none = await store.getWithContext('ACME_EU', withNone.id);
    db.knex.removeListener('query', listen);
    expect(statements).toHaveLength(2);
    expect(both).toEqual({
      item: await store.get('ACME_EU', withBoth.id),
      businessObject: { tenantId: 'ACME_EU', type: 'QUOTE', id: withBoth.businessObject.id, version: 14, snapshot: { ownerId: 'rita', totalAmount: 1000 }, updatedAt: '2026-07-02T08:30:00.000Z' },
      approvalRequest: { workItemId: withBoth.id, requestedBy: 'rita', requestedAt: '2026-07-02T08:00:00.123Z', requiredAuthority: { measure: 'discountPercent', amount: 25 }, forbiddenApproverUserIds: ['rita'], forbiddenApproverRoleCodes: [] },
    });
    expect(none).toEqual({ item: await store.get('ACME_EU', withNone.id) });
    expect(await store.getWithContext('GLOBEX', withBoth.id)).toBeUndefined();
    const page = await store.listWithContext('ACME_EU', { state: 'available' }, { limit: 200 });
    expect(page.items.map((i) => i.item)).toEqual((await store.list('ACME_EU', { state: 'available' }, { limit: 200 })).items);
    expect(page.items.find((i) => i.item.id === withBoth.id)).toEqual(both);
    expect(page.items.filter((i) => i.businessObject || i.approvalRequest).map((i) => i.item.id)).toEqual([withBoth.id]);
  });

  it('reads an item with its context and another read in the same statement', async () => {
    const keys = new KnexIdempotencyStore(db.knex);
    const target = created[7]!;
    const scope = (key: string) => ({ tenantId: 'ACME_EU', principal: 'iss|dana', route: 'POST /work-items/{id}/decisions', key });
    await db.transaction((tx) => keys.record(tx, scope('read-1'), { n: 1 }, '2026-07-02T09:00:00Z', 201, '{"ok":true}'));
    const statements: string[] = [];
    const listen = (q: { sql: string }) => statements.push(q.sql);
    db.knex.on('query', listen);
    const first = await store.getWithContextReading<DbIdempotencyKeyRow>('ACME_EU', target.id, keys.lookupStatement(scope('read-1')));
    db.knex.removeListener('query', listen);
    expect(statements).toHaveLength(1);
    expect(first!.besideRow).toMatchObject({ status: 'COMPLETED', response_status: 201, response_body: '{"ok":true}' });
    expect(first!.loaded()).toEqual(await store.getWithContext('ACME_EU', target.id));
    // A read that finds nothing: null beside the same item.
    const none = await store.getWithContextReading('ACME_EU', target.id, keys.lookupStatement(scope('read-2')));
    expect([none!.besideRow, none!.loaded()]).toEqual([null, first!.loaded()]);
    // Another tenant's item is not read, but the other read ran.
    const otherTenant = await store.getWithContextReading('GLOBEX', target.id, keys.lookupStatement(scope('read-1')));
    expect(otherTenant!.loaded()).toBeUndefined();
    expect(otherTenant!.besideRow).toMatchObject({ status: 'COMPLETED' });
    // A malformed id sends nothing at all.
    expect(await store.getWithContextReading('ACME_EU', "1' or '1'='1", keys.lookupStatement(scope('read-1')))).toBeUndefined();
  });

  it('lists summaries: every page of the full list, field for field, without evidence', async () => {
    const summaries: unknown[] = [];
    const full: unknown[] = [];
    let cursor: string | undefined;
    let fullCursor: string | undefined;
    do {
      const page = await store.listSummaries('ACME_EU', { state: 'available' }, { limit: 4, ...(cursor ? { cursor } : {}) });
      const fullPage = await store.list('ACME_EU', { state: 'available' }, { limit: 4, ...(fullCursor ? { cursor: fullCursor } : {}) });
      summaries.push(...page.items);
      full.push(...fullPage.items.map(({ evidence: _evidence, ...rest }) => rest));
      expect(page.nextCursor).toBe(fullPage.nextCursor);
      cursor = page.nextCursor;
      fullCursor = fullPage.nextCursor;
    } while (cursor);
    expect(summaries.length).toBeGreaterThan(4);
    expect(summaries).toEqual(full);
  });

  it('refuses a cursor it did not issue', async () => {
    await expect(store.list('ACME_EU', {}, { cursor: 'not-a-cursor' })).rejects.toThrow(InvalidCursorError);
  });

  it('a transition applies only at the expected row version', async () => {
    const target = created[2]!;
    const claimed = await db.transaction((tx) => store.transition(tx, 'ACME_EU', target.id, 1, { state: 'claimed', assignee: 'sam' }, '2026-07-02T09:00:00Z'));
    expect(claimed).toMatchObject({ state: 'claimed', assignee: 'sam', rowVersion: 2 });
    expect(claimed).toEqual(await store.get('ACME_EU', target.id));
    const late = await db.transaction((tx) => store.transition(tx, 'ACME_EU', target.id, 1, { state: 'claimed', assignee: 'dana' }, '2026-07-02T09:00:01Z'));
    expect(late).toBeUndefined();
    expect(await store.get('ACME_EU', target.id)).toMatchObject({ assignee: 'sam', rowVersion: 2 });
    const released = await db.transaction((tx) => store.transition(tx, 'ACME_EU', target.id, 2, { state: 'available', assignee: undefined }, '2026-07-02T09:05:00Z'));
    expect(released?.assignee).toBeUndefined();
  });

  it('concurrent claims: exactly one wins', async () => {
    const target = created[4]!;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => db.transaction((tx) => store.transition(tx, 'ACME_EU', target.id, 1, { state: 'claimed', assignee: `user-${i}` }, '2026-07-02T09:00:00Z'))),
    );
    expect(results.filter((r) => r !== undefined)).toHaveLength(1);
  });

  it('a caller key is unique within a tenant only: another tenant with the same key does not collide', async () => {
    const key = 'embedded:quote-approval:7d1e0f5c-2a52-4a55-9a8e-2f1f3c4b5a69:approve-discount:approve_1';
    const callerRef = { engine: 'embedded', processKey: 'quote-approval', processInstanceId: '7d1e0f5c-2a52-4a55-9a8e-2f1f3c4b5a69', activityId: 'approve-discount', taskId: 'approve_1' };
    const initech = item(200, { tenantId: 'INITECH', callerRef, callerKey: key });
    const umbrella = item(201, { tenantId: 'UMBRELLA', callerRef, callerKey: key });
    await db.transaction((tx) => store.create(tx, initech, '2026-07-02T08:00:00Z'));
    await db.transaction((tx) => store.create(tx, umbrella, '2026-07-02T08:00:00Z'));
    expect((await store.byCallerKey('INITECH', key))?.id).toBe(initech.id);
    expect((await store.byCallerKey('UMBRELLA', key))?.id).toBe(umbrella.id);
    // Within one tenant the key still makes one live item per activation.
    await expect(db.transaction((tx) => store.create(tx, item(202, { tenantId: 'INITECH', callerRef, callerKey: key }), '2026-07-02T08:00:00Z'))).rejects.toMatchObject({ code: '23505' });
  });
});
