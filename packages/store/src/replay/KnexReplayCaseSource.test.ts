import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/engines.js';
import { KnexApprovalRequestStore } from '../approvals/KnexApprovalRequestStore.js';
import { KnexBusinessObjectStore } from '../businessObjects/KnexBusinessObjectStore.js';
import type { Database } from '../createDatabase.js';
import { KnexDecisionStore } from '../decisions/KnexDecisionStore.js';
import { KnexWorkItemStore } from '../workItems/KnexWorkItemStore.js';
import { KnexReplayCaseSource } from './KnexReplayCaseSource.js';
import type { ReplayCaseFilter, ReplayCaseRecord } from './ReplayCaseSource.js';

const V2 = ['DISCOUNT_APPROVAL@2', 'DISCOUNT_APPROVAL_REASONS@2', 'QUOTE_APPROVAL_SLA@2', 'EU_SALES_CALENDAR@1', 'CPQ_OMS_PRIORITY@2', 'QUOTE_COMMERCIAL_VISIBILITY@2', 'APPROVAL_ACTIONS@1', 'COMMERCIAL_AUTHORITY@1'];
// Names a look-alike id: an `_` taken as LIKE's wildcard would match COMMERCIAL_AUTHORITY.
const LOOKALIKE = ['FULFILLMENT_FALLOUT@1', 'COMMERCIALXAUTHORITY@1'];
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

interface Seed {
  n: number;
  tenant: string;
  state: string;
  createdAt: string;
  pinned?: string[];
  decisions?: { n: number; status: 'EFFECTIVE' | 'AWAITING_SECOND_APPROVAL'; at: string; actor: string }[];
}

const seeds: Seed[] = [
  { n: 1, tenant: 'ACME_EU', state: 'decided', createdAt: '2026-03-01T08:00:00Z', decisions: [{ n: 101, status: 'EFFECTIVE', at: '2026-03-02T09:00:00Z', actor: 'dana' }] },
  // A first approval awaiting the second, then the effective one: the effective decision is replayed.
  {
    n: 2,
    tenant: 'ACME_EU',
    state: 'decided',
    createdAt: '2026-02-01T08:00:00Z',
    decisions: [
      { n: 102, status: 'AWAITING_SECOND_APPROVAL', at: '2026-02-01T10:00:00Z', actor: 'fiona' },
      { n: 103, status: 'EFFECTIVE', at: '2026-03-05T09:00:00Z', actor: 'dana' },
    ],
  },
  { n: 3, tenant: 'ACME_EU', state: 'claimed', createdAt: '2026-03-03T08:00:00Z' },
  // Open, with only a first approval: it counts as open (created_at), not decided.
  { n: 4, tenant: 'ACME_EU', state: 'available', createdAt: '2026-01-10T08:00:00Z', decisions: [{ n: 104, status: 'AWAITING_SECOND_APPROVAL', at: '2026-03-06T09:00:00Z', actor: 'fiona' }] },
  { n: 5, tenant: 'GLOBEX', state: 'decided', createdAt: '2026-03-01T08:00:00Z', decisions: [{ n: 105, status: 'EFFECTIVE', at: '2026-04-01T09:00:00Z', actor: 'dana' }] },
  { n: 6, tenant: 'ACME_EU', state: 'available', createdAt: '2026-03-04T08:00:00Z', pinned: LOOKALIKE },
];

describe.each(engines)('KnexReplayCaseSource on $name', ({ open }) => {
  let db: Database;
  let source: KnexReplayCaseSource;
  beforeAll(async () => {
    db = await open();
    source = new KnexReplayCaseSource(db.knex);
    const items = new KnexWorkItemStore(db.knex);
    const objects = new KnexBusinessObjectStore(db.knex);
    const approvals = new KnexApprovalRequestStore(db.knex);
    const decisions = new KnexDecisionStore(db.knex);
    await db.transaction(async (tx) => {
      for (const s of seeds) {
        const bo = `Q-${s.n}`;
        await objects.record(tx, { tenantId: s.tenant, type: 'QUOTE', id: bo, version: 7, revision: 2, snapshot: { ownerId: 'rita', totalAmount: 1000 * s.n } }, s.createdAt);
        await items.create(
          tx,
          {
            id: uuid(s.n),
            tenantId: s.tenant,
            taskType: 'DISCOUNT_APPROVAL',
            taskTypeVersion: 2,
            pinnedDefinitions: s.pinned ?? V2,
            state: s.state,
            title: `Approve ${bo}`,
            businessObject: { type: 'QUOTE', id: bo, version: 6, revision: 2 },
            region: 'EMEA',
            productFamily: 'BROADBAND',
            ...(s.state === 'claimed' ? { assignee: 'dana', owner: 'dana' } : {}),
            requestedBy: 'rita',
            candidateGroups: ['sales-managers', 'regional-sales-directors'],
            priority: 10,
            priorityReasons: [],
            escalationLevel: 0,
            escalationGroup: 'sales-managers',
            dueAt: '2026-03-10T12:00:00.000Z',
            evidence: { requestedDiscountPercent: 30 + s.n / 2 },
          },
          s.createdAt,
        );
        await approvals.insert(tx, { workItemId: uuid(s.n), requestedBy: 'rita', requestedAt: s.createdAt, requiredAuthority: { measure: 'discountPercent' }, forbiddenApproverUserIds: ['rita'], forbiddenApproverRoleCodes: [] });
        for (const d of s.decisions ?? []) {
          await decisions.insert(tx, {
            id: uuid(d.n),
            workItemId: uuid(s.n),
            tenantId: s.tenant,
            decision: 'APPROVE',
            reasonCode: 'STRATEGIC_CUSTOMER_RETENTION',
            comment: 'ok',
            actor: d.actor,
            actorRoles: d.actor === 'dana' ? ['REGIONAL_SALES_DIRECTOR'] : ['FINANCE_APPROVER'],
            businessObjectVersion: 6,
            payload: { decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'ok' },
            policyTrace: null,
            status: d.status,
            decidedAt: d.at,
          });
        }
      }
    });
  });
  afterAll(() => db.close());

  const read = async (filter: ReplayCaseFilter) => {
    const batches: ReplayCaseRecord[][] = [];
    for await (const batch of source.batches(filter)) batches.push(batch);
    return batches;
  };
  const ids = async (filter: ReplayCaseFilter) => (await read(filter)).flat().map((r) => Number(r.item.id.slice(-4)));

  it('pages through every item once, in id order, in batches of the asked size', async () => {
    const batches = await read({ batchSize: 2 });
    expect(batches.map((b) => b.length)).toEqual([2, 2, 2]);
    expect(batches.flat().map((r) => Number(r.item.id.slice(-4)))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await ids({ batchSize: 4 })).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('joins the business object, the approval request and the latest effective decision, with the decider from the decision row', async () => {
    const [first] = await read({ batchSize: 10 });
    const two = first!.find((r) => r.item.id === uuid(2))!;
    expect(two).toMatchObject({
      item: { tenantId: 'ACME_EU', state: 'decided', pinnedDefinitions: V2, businessObject: { type: 'QUOTE', id: 'Q-2', version: 6, revision: 2 }, region: 'EMEA', candidateGroups: ['regional-sales-directors', 'sales-managers'], dueAt: '2026-03-10T12:00:00.000Z', evidence: { requestedDiscountPercent: 31 }, createdAt: '2026-02-01T08:00:00.000Z' },
      businessObject: { version: 7, revision: 2, snapshot: { ownerId: 'rita', totalAmount: 2000 } },
      approvalRequest: { requestedBy: 'rita', forbiddenApproverUserIds: ['rita'] },
      decision: { id: uuid(103), decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', businessObjectVersion: 6, decidedAt: '2026-03-05T09:00:00.000Z', actor: { id: 'dana', roles: ['REGIONAL_SALES_DIRECTOR'], groups: [], tenant: 'ACME_EU', region: 'EMEA' } },
    });
    // An item with only a first approval is open: no decision to replay.
    expect(first!.find((r) => r.item.id === uuid(4))!.decision).toBeUndefined();
  });

  it('filters by tenant, by pinned definition id (not by pattern) and by time: decided_at for decided items, created_at for the others', async () => {
    expect(await ids({ tenantId: 'GLOBEX' })).toEqual([5]);
    expect(await ids({ definitionId: 'COMMERCIAL_AUTHORITY' })).toEqual([1, 2, 3, 4, 5]);
    expect(await ids({ definitionId: 'FULFILLMENT_FALLOUT' })).toEqual([6]);
    // March: items 1 and 2 by their decisions (2 was created in February), 3 and 6 by creation; 4's first approval in March does not count.
    expect(await ids({ from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' })).toEqual([1, 2, 3, 6]);
    expect(await ids({ from: '2026-04-01T00:00:00Z' })).toEqual([5]);
    expect(await ids({ to: '2026-02-01T00:00:00Z' })).toEqual([4]);
    expect(await ids({ tenantId: 'ACME_EU', definitionId: 'COMMERCIAL_AUTHORITY', from: '2026-03-01T00:00:00Z', batchSize: 1 })).toEqual([1, 2, 3]);
    await expect(read({ batchSize: 0 })).rejects.toThrow(RangeError);
  });

  it('reads the decider from actor_context once the decision row has it', async () => {
    // The column a later migration adds (if not applied yet, added here in this test's own database).
    await db.knex.raw('alter table decision add column if not exists actor_context jsonb');
    await db.knex('decision').where({ id: uuid(101) }).update({ actor_context: JSON.stringify({ id: 'dana', roles: ['REGIONAL_SALES_DIRECTOR'], groups: ['regional-sales-directors'], tenant: 'ACME_EU', region: 'EMEA' }) });
    const records = (await read({ tenantId: 'ACME_EU' })).flat();
    expect(records.find((r) => r.item.id === uuid(1))!.decision!.actor).toEqual({ id: 'dana', roles: ['REGIONAL_SALES_DIRECTOR'], groups: ['regional-sales-directors'], tenant: 'ACME_EU', region: 'EMEA' });
    // Rows without it still fall back to actor and actor_roles.
    expect(records.find((r) => r.item.id === uuid(2))!.decision!.actor).toEqual({ id: 'dana', roles: ['REGIONAL_SALES_DIRECTOR'], groups: [], tenant: 'ACME_EU', region: 'EMEA' });
  });
});
