// The reference graph through the API, on PGlite and PostgreSQL: GET /definitions/{kind}/{id}/references
// (references, referrers, the current version by the runtime's rule, open items pinned per
// version in the caller's tenant) and the graph's fields on GET /definitions; drafts only for
// governance readers; bad input answers a problem.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishNewVersion } from '../../test-support/definitionGovernance.js';
import { engines, TEST_NOW, testApp } from '../../test-support/testApp.js';

type App = Awaited<ReturnType<typeof testApp>>;

interface Link {
  ref: string;
  kind: string;
  status: string | null;
  current: boolean;
}
interface VersionRefs {
  version: number;
  status: string;
  current: boolean;
  references: Link[];
  referencedBy: Link[];
  openItems: { count: number; capped: boolean };
}

const quote = (id: string) => ({
  taskType: 'DISCOUNT_APPROVAL',
  businessObject: { type: 'QUOTE', id, version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000, currency: 'EUR', customerTier: 'PLATINUM', regulatoryRisk: true } },
  region: 'EMEA',
  productFamily: 'BROADBAND',
  evidence: { quoteId: id, quoteRevision: 3, requestedDiscountPercent: 32, standardLimitPercent: 25, marginImpactPercent: -4.2 },
});

describe.each(engines)('definition references on $name', ({ open }) => {
  const clock = { now: Date.parse(TEST_NOW) };
  let t: App;
  beforeAll(async () => {
    t = await testApp(open, () => new Date(clock.now));
  });
  afterAll(() => t.db.close());

  const as = async (user: string) => ({ Authorization: await t.token(user) });
  const refs = async (path: string, user = 'gabe') => {
    const res = await request(t.app).get(`/definitions/${path}/references`).set(await as(user));
    expect(res.status, res.text).toBe(200);
    return res.body.versions as VersionRefs[];
  };
  const at = (versions: VersionRefs[], version: number) => versions.find((v) => v.version === version)!;

  it('a reason-code set: the version the current task type pins is current, older ones are referenced by older task types; open items are counted per version', async () => {
    const before = await refs('ReasonCodeSet/DISCOUNT_APPROVAL_REASONS');
    expect(before.map((v) => [v.version, v.status, v.current])).toEqual([
      [1, 'published', false],
      [2, 'published', false],
      [3, 'published', true],
    ]);
    expect(at(before, 3).referencedBy).toEqual([{ ref: 'DISCOUNT_APPROVAL@3', kind: 'TaskType', id: 'DISCOUNT_APPROVAL', version: 3, status: 'published', current: true }]);
    expect(at(before, 1).referencedBy.map((l) => [l.ref, l.current])).toEqual([['DISCOUNT_APPROVAL@1', false]]);
    expect(at(before, 3).references).toEqual([]);

    const created = await request(t.app).post('/work-items').set(await as('rita')).send(quote('Q-REF-1'));
    expect(created.status, created.text).toBe(201);
    expect(created.body.pinnedDefinitions).toContain('DISCOUNT_APPROVAL_REASONS@3');
    const after = await refs('ReasonCodeSet/DISCOUNT_APPROVAL_REASONS');
    expect(at(after, 3).openItems.count - at(before, 3).openItems.count).toBe(1);
    expect(at(after, 1).openItems).toEqual(at(before, 1).openItems);
    // The calendar is pinned through the SLA policy the task type names.
    const calendar = await refs('BusinessCalendar/EU_SALES_CALENDAR');
    expect(at(calendar, 1).current).toBe(true);
    expect(at(calendar, 1).openItems.count).toBeGreaterThanOrEqual(1);
    expect(at(calendar, 1).referencedBy.map((l) => l.ref)).toContain('QUOTE_APPROVAL_SLA@2');
  });

  it('a task type: its references with their status; a version in effect later is not current until its instant', async () => {
    const task = await refs('TaskType/DISCOUNT_APPROVAL');
    expect(at(task, 3).references.map((l) => [l.ref, l.kind, l.status, l.current])).toEqual(
      expect.arrayContaining([
        ['DISCOUNT_APPROVAL_REASONS@3', 'ReasonCodeSet', 'published', true],
        ['QUOTE_APPROVAL_SLA@2', 'SlaPolicy', 'published', true],
      ]),
    );
    const later = new Date(clock.now + 86_400_000).toISOString();
    const v4 = await publishNewVersion(t.app, t.token, 'TaskType', 'DISCOUNT_APPROVAL', 3, (c) => ({ ...c, title: 'Discount approval (next)' }), { effectiveFrom: later });
    const scheduled = await refs('TaskType/DISCOUNT_APPROVAL');
    expect([at(scheduled, 3).current, at(scheduled, v4).current]).toEqual([true, false]);
    const listed = await request(t.app).get('/definitions?kind=TaskType').set(await as('gabe'));
    const listedTask = (listed.body.definitions as { id: string; currentVersions: number[] }[]).find((d) => d.id === 'DISCOUNT_APPROVAL')!;
    expect(listedTask.currentVersions).toEqual([3]);

    clock.now += 2 * 86_400_000;
    const inEffect = await refs('TaskType/DISCOUNT_APPROVAL');
    expect([at(inEffect, 3).current, at(inEffect, v4).current]).toEqual([false, true]);
    clock.now = Date.parse(TEST_NOW);
  });

  it('GET /definitions carries current versions, each version\'s references and referrers, and the facts its conditions read', async () => {
    const res = await request(t.app).get('/definitions').set(await as('gabe'));
    expect(res.status).toBe(200);
    const byId = new Map((res.body.definitions as { id: string; currentVersions: number[]; facts: string[]; versions: { version: number; references: string[]; referencedBy: string[] }[] }[]).map((d) => [d.id, d]));
    const priority = byId.get('CPQ_OMS_PRIORITY')!;
    expect(priority.facts).toEqual(expect.arrayContaining(['businessObject.totalAmount', 'businessObject.customerTier']));
    expect(priority.currentVersions.length).toBeGreaterThan(0);
    const sla = byId.get('QUOTE_APPROVAL_SLA')!;
    expect(sla.versions.find((v) => v.version === 2)!.references).toEqual(['EU_SALES_CALENDAR@1']);
    expect(sla.versions.find((v) => v.version === 2)!.referencedBy).toContain('DISCOUNT_APPROVAL@3');
    // A definition no condition reads facts in has none.
    expect(byId.get('EU_SALES_CALENDAR')!.facts).toEqual([]);
  });

  it('a draft is in the graph for governance readers only', async () => {
    const draft = await request(t.app).post('/definitions/TaskType/PRICE_OVERRIDE_APPROVAL/drafts').set(await as('gabe')).send({ from: 2 });
    expect(draft.status, draft.text).toBe(201);
    const draftVersion = (draft.body as { version: number }).version;
    const name = `PRICE_OVERRIDE_APPROVAL@${draftVersion}`;
    const reasons = (draft.body.content as { reasonCodeSet: string }).reasonCodeSet;
    const [id] = reasons.split('@');
    const forAdmin = await refs(`ReasonCodeSet/${id}`, 'gabe');
    const forWorker = await refs(`ReasonCodeSet/${id}`, 'rita');
    const referrers = (versions: VersionRefs[]) => versions.flatMap((v) => v.referencedBy.map((l) => l.ref));
    expect(referrers(forAdmin)).toContain(name);
    expect(referrers(forWorker)).not.toContain(name);
    const ownVersions = await refs('TaskType/PRICE_OVERRIDE_APPROVAL', 'gabe');
    expect(at(ownVersions, draftVersion)).toMatchObject({ status: 'draft', current: false, openItems: { count: 0, capped: false } });
    expect((await refs('TaskType/PRICE_OVERRIDE_APPROVAL', 'rita')).map((v) => v.status)).not.toContain('draft');
  });

  it('bad input: an unknown kind is 400, an unknown id 404, no token 401; nothing is written', async () => {
    const count = async () => Number((await t.db.knex('audit_event').count('* as n').first())?.n ?? 0);
    const before = await count();
    const kind = await request(t.app).get('/definitions/Nonsense/X/references').set(await as('gabe'));
    expect(kind.status).toBe(400);
    expect(kind.headers['content-type']).toMatch(/application\/problem\+json/);
    const missing = await request(t.app).get('/definitions/TaskType/NO_SUCH_TASK/references').set(await as('gabe'));
    expect(missing.body).toMatchObject({ status: 404, code: 'DEFINITION_NOT_FOUND' });
    expect((await request(t.app).get('/definitions/TaskType/DISCOUNT_APPROVAL/references')).status).toBe(401);
    expect(await count()).toBe(before);
  });
});
