import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/engines.js';
import { KnexApprovalRequestStore } from '../approvals/KnexApprovalRequestStore.js';
import type { Database } from '../createDatabase.js';
import { KnexWorkItemStore } from '../workItems/KnexWorkItemStore.js';
import { KnexBusinessObjectStore } from './KnexBusinessObjectStore.js';

describe.each(engines)('KnexBusinessObjectStore and KnexApprovalRequestStore on $name', ({ open }) => {
  let db: Database;
  let objects: KnexBusinessObjectStore;
  let approvals: KnexApprovalRequestStore;
  beforeAll(async () => {
    db = await open();
    objects = new KnexBusinessObjectStore(db.knex);
    approvals = new KnexApprovalRequestStore(db.knex);
  });
  afterAll(() => db.close());

  it('reads several objects in one query: exact (type, id) pairs of the tenant only', async () => {
    await db.transaction(async (tx) => {
      for (const [tenantId, type, id] of [['ACME_EU', 'QUOTE', 'Q-1'], ['ACME_EU', 'QUOTE', 'Q-2'], ['ACME_EU', 'ORDER', 'Q-1'], ['ACME_EU', 'ORDER', 'O-1'], ['GLOBEX', 'QUOTE', 'Q-3']] as const) {
        await objects.record(tx, { tenantId, type, id, version: 3, snapshot: { ownerId: 'rita' } }, '2026-07-02T08:00:00Z');
      }
    });
    const got = await objects.getMany('ACME_EU', [{ type: 'QUOTE', id: 'Q-1' }, { type: 'ORDER', id: 'O-1' }, { type: 'QUOTE', id: 'Q-3' }, { type: 'QUOTE', id: 'Q-404' }]);
    // Not ORDER Q-1 (its type and id were both asked for, never as a pair), nor GLOBEX's Q-3.
    expect(got.map((o) => `${o.type}:${o.id}`).sort()).toEqual(['ORDER:O-1', 'QUOTE:Q-1']);
    expect(got.find((o) => o.id === 'Q-1')).toEqual(await objects.get('ACME_EU', 'QUOTE', 'Q-1'));
    expect(await objects.getMany('ACME_EU', [])).toEqual([]);
  });

  it('reads the approval requests of several items in one query', async () => {
    const items = new KnexWorkItemStore(db.knex);
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    await db.transaction(async (tx) => {
      for (const [n, id] of ids.entries()) {
        await items.create(tx, { id, tenantId: 'ACME_EU', taskType: 'DISCOUNT_APPROVAL', taskTypeVersion: 2, pinnedDefinitions: [], state: 'available', title: `t${n}`, businessObject: { type: 'QUOTE', id: 'Q-1', version: 3 }, candidateGroups: [], priority: 0, priorityReasons: [], escalationLevel: 0, evidence: {} }, '2026-07-02T08:00:00Z');
        if (n < 2) await approvals.insert(tx, { workItemId: id, requestedBy: 'rita', requestedAt: '2026-07-02T08:00:00Z', requiredAuthority: { amount: n }, forbiddenApproverUserIds: ['rita'], forbiddenApproverRoleCodes: [] });
      }
    });
    const got = await approvals.forWorkItems(ids);
    expect(got.map((a) => a.workItemId).sort()).toEqual(ids.slice(0, 2).sort());
    expect(got.find((a) => a.workItemId === ids[0])).toEqual(await approvals.forWorkItem(ids[0]!));
    expect(await approvals.forWorkItems([])).toEqual([]);
  });
});
