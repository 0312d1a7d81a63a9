// Decision authority at the API, on PGlite and on PostgreSQL: who may be handed a decision, who
// chooses the deciders, canonical identities for four-eyes, auditors who only read, reason codes
// of lifecycle commands, and which disabled reason is shown first.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, testApp } from '../test-support/testApp.js';

type App = Awaited<ReturnType<typeof testApp>>;

let quoteNumber = 0;
/** A high-value discount request: its SLA escalation group (manager authority) is the regional sales directors. */
const quote = (overrides: Record<string, unknown> = {}) => {
  const id = `Q-2026-7${String(++quoteNumber).padStart(5, '0')}`;
  return {
    taskType: 'DISCOUNT_APPROVAL',
    businessObject: { type: 'QUOTE', id, version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000, currency: 'EUR', customerTier: 'PLATINUM', regulatoryRisk: true } },
    region: 'EMEA',
    productFamily: 'BROADBAND',
    evidence: { quoteId: id, quoteRevision: 3, requestedDiscountPercent: 32, standardLimitPercent: 25, marginImpactPercent: -4.2, competitorPrice: 18250 },
    ...overrides,
  };
};

describe.each(engines)('decision authority on $name', ({ open }) => {
  let t: App;
  beforeAll(async () => {
    t = await testApp(open);
  });
  afterAll(() => t.db.close());

  const as = async (user: string) => ({ Authorization: await t.token(user) });
  const post = async (user: string, path: string, body: Record<string, unknown> = {}) => request(t.app).post(path).set(await as(user)).send(body);
  const create = async (user: string, body: Record<string, unknown> = quote()) => {
    const res = await post(user, '/work-items', body);
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string; candidateGroups: string[]; requestedBy: string };
  };

  it('shows the most permanent failure first: the quote owner sees four-eyes, not "claim first"', async () => {
    const { id } = await create('cpq', quote({ requestedBy: 'mia' }));
    const actions = async (user: string) => (await request(t.app).get(`/work-items/${id}/allowed-actions`).set(await as(user))).body.actions as { code: string; disabledReason?: string }[];
    const approveFor = async (user: string) => (await actions(user)).find((a) => a.code === 'APPROVE');
    // rita owns the quote: no claim will ever let her approve it.
    expect(await approveFor('rita')).toMatchObject({ disabledReason: 'FOUR_EYES_VIOLATION' });
    // The requester likewise, although her groups may claim it.
    expect(await approveFor('mia')).toMatchObject({ disabledReason: 'FOUR_EYES_VIOLATION' });
    // A director may approve once she claims it: the transient reason is the one left.
    expect(await approveFor('dana')).toMatchObject({ disabledReason: 'INVALID_STATE' });
    // A candidate without the authority is told so, not to claim first.
    expect(await approveFor('sam')).toMatchObject({ disabledReason: 'AUTHORITY_LIMIT_EXCEEDED' });
  });
});
