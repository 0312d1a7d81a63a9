import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/engines.js';
import { KnexAuditLog } from '../audit/KnexAuditLog.js';
import { KnexBusinessObjectStore } from '../businessObjects/KnexBusinessObjectStore.js';
import type { Database } from '../createDatabase.js';
import { KnexWorkflowOutbox } from '../outbox/KnexWorkflowOutbox.js';
import { KnexWorkItemStore } from '../workItems/KnexWorkItemStore.js';
import { KnexDecisionStore } from './KnexDecisionStore.js';

describe.each(engines)('a decision command on $name', ({ open }) => {
  let db: Database;
  let items: KnexWorkItemStore;
  let decisions: KnexDecisionStore;
  let objects: KnexBusinessObjectStore;
  let audit: KnexAuditLog;
  let outbox: KnexWorkflowOutbox;
  const itemId = randomUUID();
  beforeAll(async () => {
    db = await open();
    items = new KnexWorkItemStore(db.knex);
    decisions = new KnexDecisionStore(db.knex);
    objects = new KnexBusinessObjectStore(db.knex);
    audit = new KnexAuditLog(db.knex, db.auditKeys);
    outbox = new KnexWorkflowOutbox(db.knex);
    await db.transaction(async (tx) => {
      await objects.record(tx, { tenantId: 'ACME_EU', type: 'QUOTE', id: 'Q-1', version: 12, revision: 3, snapshot: { ownerId: 'rita' } }, '2026-07-02T08:00:00Z');
      await items.create(
        tx,
        {
          id: itemId,
          tenantId: 'ACME_EU',
          taskType: 'DISCOUNT_APPROVAL',
          taskTypeVersion: 2,
          pinnedDefinitions: ['DISCOUNT_APPROVAL@2'],
          state: 'claimed',
          title: 'Approve discount',
          businessObject: { type: 'QUOTE', id: 'Q-1', version: 12, revision: 3 },
          assignee: 'fiona',
          candidateGroups: ['finance-approvers'],
          priority: 10,
          priorityReasons: [],
          escalationLevel: 0,
          evidence: { requestedDiscountPercent: 32 },
        },
        '2026-07-02T08:00:00Z',
      );
    });
  });
  afterAll(() => db.close());

  const decide = (fail: boolean) =>
    db.transaction(async (tx) => {
      const decisionId = randomUUID();
      await decisions.insert(tx, {
        id: decisionId,
        workItemId: itemId,
        tenantId: 'ACME_EU',
        decision: 'APPROVE',
        reasonCode: 'COMPETITIVE_MATCH',
        actor: 'fiona',
        actorRoles: ['FINANCE_APPROVER'],
        businessObjectVersion: 12,
        payload: { decision: 'APPROVE' },
        policyTrace: { ok: true },
        status: 'EFFECTIVE',
        decidedAt: '2026-07-02T10:00:00Z',
      });
      const moved = await items.transition(tx, 'ACME_EU', itemId, 1, { state: 'decided' }, '2026-07-02T10:00:00Z');
      if (!moved) throw new Error('conflict');
      await audit.append(tx, { tenantId: 'ACME_EU', eventType: 'TaskDecisionSubmitted', workItemId: itemId, actor: 'fiona', payload: { decision: 'APPROVE' }, occurredAt: '2026-07-02T10:00:00Z' });
      await outbox.enqueue(tx, { tenantId: 'ACME_EU', commandType: 'COMPLETE_TASK', payload: { approvalStatus: 'APPROVED' } }, '2026-07-02T10:00:00Z');
      if (fail) throw new Error('crash before commit');
      return decisionId;
    });

  it('a failure anywhere in the command leaves nothing written: decision, state, audit and outbox together', async () => {
    await expect(decide(true)).rejects.toThrow('crash before commit');
    expect(await decisions.forWorkItem('ACME_EU', itemId)).toEqual([]);
    expect(await items.get('ACME_EU', itemId)).toMatchObject({ state: 'claimed', rowVersion: 1 });
    expect(await audit.list('ACME_EU', { workItemId: itemId })).toEqual([]);
    expect(Number((await db.knex('workflow_command_outbox').count('* as n').first())?.n)).toBe(0);
  });

  it('a committed command writes all four, once', async () => {
    const id = await decide(false);
    expect((await decisions.forWorkItem('ACME_EU', itemId)).map((d) => [d.id, d.decision, d.status])).toEqual([[id, 'APPROVE', 'EFFECTIVE']]);
    expect(await items.get('ACME_EU', itemId)).toMatchObject({ state: 'decided', rowVersion: 2 });
    expect(await audit.list('ACME_EU', { workItemId: itemId })).toHaveLength(1);
    expect(Number((await db.knex('workflow_command_outbox').count('* as n').first())?.n)).toBe(1);
    // The same command again finds the item already moved on: it cannot decide twice.
    await expect(decide(false)).rejects.toThrow('conflict');
    expect(await decisions.forWorkItem('ACME_EU', itemId)).toHaveLength(1);
  });

  it('business object versions only move forward', async () => {
    const newer = await db.transaction((tx) => objects.record(tx, { tenantId: 'ACME_EU', type: 'QUOTE', id: 'Q-1', version: 13, revision: 4, snapshot: { ownerId: 'rita' } }, '2026-07-02T11:00:00Z'));
    const stale = await db.transaction((tx) => objects.record(tx, { tenantId: 'ACME_EU', type: 'QUOTE', id: 'Q-1', version: 12, revision: 3, snapshot: {} }, '2026-07-02T11:00:01Z'));
    expect([newer, stale]).toEqual([true, false]);
    expect(await objects.get('ACME_EU', 'QUOTE', 'Q-1')).toMatchObject({ version: 13, revision: 4 });
  });
});
