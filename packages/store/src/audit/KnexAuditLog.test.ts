import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/engines.js';
import type { Database } from '../createDatabase.js';
import { KnexAuditLog } from './KnexAuditLog.js';

describe.each(engines)('KnexAuditLog on $name', ({ open }) => {
  let db: Database;
  let log: KnexAuditLog;
  beforeAll(async () => {
    db = await open();
    log = new KnexAuditLog(db.knex, db.auditKeys);
  });
  afterAll(() => db.close());

  /** Runs SQL as an attacker with the owner's rights would: with the append-only triggers disabled first. */
  const tamper = async (sql: (knex: Database['knex']) => Promise<unknown>) => {
    await db.knex.raw('alter table audit_event disable trigger user');
    try {
      await sql(db.knex);
    } finally {
      await db.knex.raw('alter table audit_event enable trigger user');
    }
  };

  const event = (i: number, tenantId = 'ACME_EU') => ({
    tenantId,
    eventType: i === 1 ? 'TaskCreated' : 'TaskClaimed',
    workItemId: '00000000-0000-4000-8000-000000000001',
    businessObject: { type: 'QUOTE', id: 'Q-2026-000918' },
    actor: `https://id.example|user-${i}`,
    payload: { n: i, nested: { b: 2, a: 1 } },
    occurredAt: `2026-07-02T10:0${i}:00Z`,
  });

  it('chains events per tenant and verifies the chain', async () => {
    for (let i = 1; i <= 5; i++) await db.transaction((tx) => log.append(tx, event(i)));
    await db.transaction((tx) => log.append(tx, event(1, 'GLOBEX')));
    const events = await log.list('ACME_EU');
    expect(events.map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(events[0]).toMatchObject({ eventType: 'TaskCreated', actor: 'https://id.example|user-1', payload: { n: 1, nested: { a: 1, b: 2 } } });
    expect(await log.verify('ACME_EU')).toEqual({ ok: true, events: 5 });
    expect(await log.verify('GLOBEX')).toEqual({ ok: true, events: 1 });
    expect(await log.list('ACME_EU', { actor: 'https://id.example|user-3' })).toHaveLength(1);
    expect(await log.list('ACME_EU', { from: '2026-07-02T10:03:00Z' })).toHaveLength(3);
  });

  it('names the sequence where someone changed a row with SQL', async () => {
    await tamper((knex) => knex('audit_event').where({ tenant_id: 'ACME_EU', sequence: 3 }).update({ payload: JSON.stringify({ n: 3, nested: { a: 1, b: 3 } }) }));
    expect(await log.verify('ACME_EU')).toEqual({ ok: false, events: 5, brokenAt: 3, reason: 'content does not match its hash', findings: [{ code: 'CONTENT_CHANGED', sequence: 3, reason: 'content does not match its hash' }] });
  });

  it('names a deleted sequence', async () => {
    await tamper((knex) => knex('audit_event').where({ tenant_id: 'GLOBEX' }).del());
    await db.transaction((tx) => log.append(tx, event(1, 'GLOBEX')));
    await db.transaction((tx) => log.append(tx, event(2, 'GLOBEX')));
    await log.seal('GLOBEX'); // tamper evidence starts at sealing
    await tamper((knex) => knex('audit_event').where({ tenant_id: 'GLOBEX', sequence: 1 }).del());
    expect(await log.verify('GLOBEX')).toMatchObject({ ok: false, brokenAt: 1, reason: 'sequence 1 is missing' });
  });

  it('a rolled-back transaction leaves no event', async () => {
    await expect(
      db.transaction(async (tx) => {
        await log.append(tx, event(9, 'ROLLBACK'));
        throw new Error('decision failed');
      }),
    ).rejects.toThrow('decision failed');
    expect(await log.list('ROLLBACK')).toEqual([]);
  });

  it('seals unicode, escapes, look-alike keys and events without an item so that verify agrees', async () => {
    const tricky = (i: number) => ({
      tenantId: 'UNICODE',
      eventType: 'TaskCommented',
      actor: `https://id.example|jürgen-${i}-😀`,
      payload: { text: 'Grüße "quoted" \\ back\nslash \u2028 ∑ 😀', nested: { sequence: 0, tenantId: 'x', '"sequence":0,': i }, sequence: i, list: [null, 1.5, -0, 1e21, true] },
      occurredAt: `2026-07-02T10:0${i}:00.123+02:00`,
    });
    for (let i = 1; i <= 3; i++) await db.transaction((tx) => log.append(tx, tricky(i)));
    expect(await log.verify('UNICODE')).toEqual({ ok: true, events: 3 });
  });

  it('concurrent appends extend the chain one at a time', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => db.transaction((tx) => log.append(tx, event((i % 9) + 1, 'BUSY')))));
    expect(await log.verify('BUSY')).toEqual({ ok: true, events: 20 });
  });

  const sequences = (tenantId: string) => db.knex('audit_event').where({ tenant_id: tenantId }).orderBy('id').pluck<(string | number | null)[]>('sequence');

  it('an appended event is unsealed until the sealer chains it after the last sealed one', async () => {
    await db.transaction((tx) => log.append(tx, event(1, 'SEALING')));
    await db.transaction((tx) => log.append(tx, event(2, 'SEALING')));
    expect(await sequences('SEALING')).toEqual([null, null]);
    expect(await log.seal('SEALING')).toBe(2);
    await db.transaction((tx) => log.append(tx, event(3, 'SEALING')));
    expect(await log.seal()).toBe(1);
    expect((await sequences('SEALING')).map(Number)).toEqual([1, 2, 3]);
    expect(await log.seal('SEALING')).toBe(0);
    expect(await log.verify('SEALING')).toEqual({ ok: true, events: 3 });
  });

  it('an event that commits after a later-inserted one is chained after it, not lost', async () => {
    // A command that took its id first but committed last: its row appears only after the sealer
    // chained a higher id. Emulated on one connection (PGlite has no second one) by giving the late
    // event an id below every id already taken.
    await db.transaction((tx) => log.append(tx, event(2, 'LATE')));
    expect(await log.seal('LATE')).toBe(1);
    await db.transaction((tx) => log.append(tx, event(1, 'LATE')));
    // Moving the id is not something the runtime does, so it needs the triggers off.
    await tamper((knex) => knex.raw(`update audit_event set id = (select min(id) - 1 from audit_event) where tenant_id = 'LATE' and sequence is null`));
    expect(await log.seal('LATE')).toBe(1);
    const events = await log.list('LATE');
    expect(events.map((e) => [e.sequence, e.eventType])).toEqual([
      [1, 'TaskClaimed'],
      [2, 'TaskCreated'],
    ]);
    expect(await log.verify('LATE')).toEqual({ ok: true, events: 2 });
  });

  it('sealers running at once while commands append build one unbroken chain', async () => {
    const appends = Array.from({ length: 30 }, (_, i) => db.transaction((tx) => log.append(tx, event((i % 9) + 1, 'RACE'))));
    const sealers = Array.from({ length: 3 }, () => log.seal('RACE'));
    await Promise.all([...appends, ...sealers]);
    await log.seal();
    expect(await log.verify('RACE')).toEqual({ ok: true, events: 30 });
    expect((await sequences('RACE')).map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });
});
