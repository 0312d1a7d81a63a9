import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/engines.js';
import type { Database } from '../createDatabase.js';
import { KnexWorkflowOutbox, defaultRetryPolicy } from './KnexWorkflowOutbox.js';

const command = (n: number) => ({ tenantId: 'ACME_EU', commandType: 'COMPLETE_TASK', processInstanceId: `pi-${n}`, taskId: `t-${n}`, payload: { approvalStatus: 'APPROVED', n } });
const lease = { owner: 'relay-a', limit: 10, leaseMs: 30_000 };

describe.each(engines)('KnexWorkflowOutbox on $name', ({ open }) => {
  let db: Database;
  let outbox: KnexWorkflowOutbox;
  beforeAll(async () => {
    db = await open();
    outbox = new KnexWorkflowOutbox(db.knex, { maxAttempts: 3, backoffMs: (a) => a * 60_000 });
  });
  afterAll(() => db.close());

  const ids = (commands: { id: string }[]) => commands.map((c) => c.id);

  it('a command written in a rolled-back transaction is never sent', async () => {
    await expect(
      db.transaction(async (tx) => {
        await outbox.enqueue(tx, command(0), '2026-07-02T10:00:00Z');
        throw new Error('decision refused');
      }),
    ).rejects.toThrow('decision refused');
    expect(await outbox.claim('2026-07-02T10:00:00Z', lease)).toEqual([]);
  });

  it('a leased command is not claimed again until its lease ends; settling needs the lease', async () => {
    const id = await db.transaction((tx) => outbox.enqueue(tx, command(1), '2026-07-02T09:00:00Z'));
    expect(ids(await outbox.claim('2026-07-02T09:00:00Z', lease))).toEqual([id]);
    expect(await outbox.claim('2026-07-02T09:00:10Z', { ...lease, owner: 'relay-b' })).toEqual([]);
    // relay-a died: after the lease, relay-b takes over, and relay-a can no longer settle it.
    expect(ids(await outbox.claim('2026-07-02T09:00:31Z', { ...lease, owner: 'relay-b' }))).toEqual([id]);
    expect(await outbox.settle(id, 'relay-a', { status: 'SENT' }, '2026-07-02T09:00:32Z')).toBe(false);
    expect(await outbox.settle(id, 'relay-b', { status: 'CLOSED', note: 'process ended' }, '2026-07-02T09:00:32Z')).toBe(true);
    expect(await outbox.get(id)).toMatchObject({ status: 'CLOSED', note: 'process ended', attemptCount: 1 });
    expect(await outbox.claim('2026-07-02T09:10:00Z', lease)).toEqual([]);
  });

  it('retries a failed send with backoff, then dead-letters it after the last attempt; an operator can requeue it', async () => {
    const id = await db.transaction((tx) => outbox.enqueue(tx, command(2), '2026-07-02T11:00:00Z'));
    await outbox.claim('2026-07-02T11:00:00Z', lease);
    expect(await outbox.retryLater(id, 'relay-a', 'engine unavailable', '2026-07-02T11:00:00Z')).toBe('PENDING');
    // Not due again before the backoff has passed.
    expect(await outbox.claim('2026-07-02T11:00:30Z', lease)).toEqual([]);
    expect(ids(await outbox.claim('2026-07-02T11:01:00Z', lease))).toEqual([id]);
    expect(await outbox.retryLater(id, 'relay-a', 'engine unavailable', '2026-07-02T11:01:00Z')).toBe('PENDING');
    expect(ids(await outbox.claim('2026-07-02T11:03:00Z', lease))).toEqual([id]);
    expect(await outbox.retryLater(id, 'relay-a', 'engine unavailable', '2026-07-02T11:03:00Z')).toBe('FAILED');
    expect(await outbox.get(id)).toMatchObject({ status: 'FAILED', attemptCount: 3, lastError: 'engine unavailable' });
    expect(await outbox.claim('2026-07-02T12:00:00Z', lease)).toEqual([]);
    expect(await outbox.requeue(id, '2026-07-02T12:00:00Z')).toBe(true);
    expect(await outbox.requeue(id, '2026-07-02T12:00:00Z')).toBe(false); // already pending
    expect(ids(await outbox.claim('2026-07-02T12:00:00Z', lease))).toEqual([id]);
    expect(await outbox.settle(id, 'relay-a', { status: 'SENT' }, '2026-07-02T12:00:01Z')).toBe(true);
    expect(await outbox.get(id)).toMatchObject({ status: 'SENT', attemptCount: 1 });
    expect(await outbox.closeByOperator(id, 'fixed by hand', '2026-07-02T12:00:02Z')).toBe(false); // only dead letters and incidents
  });

  it('the default backoff grows exponentially to 15 minutes, jittered within its upper half', () => {
    const low = defaultRetryPolicy(() => 0);
    const high = defaultRetryPolicy(() => 0.999999);
    expect([1, 2, 3].map(low.backoffMs)).toEqual([1000, 2000, 4000]);
    expect([1, 2, 3].map(high.backoffMs)).toEqual([2000, 4000, 8000]);
    expect(high.backoffMs(30)).toBe(900_000);
  });
});

// PGlite has one connection, so only PostgreSQL can show relays racing.
describe.each(engines.filter((e) => e.name === 'postgresql'))('KnexWorkflowOutbox concurrency on $name', ({ open }) => {
  let db: Database;
  let outbox: KnexWorkflowOutbox;
  beforeAll(async () => {
    db = await open();
    outbox = new KnexWorkflowOutbox(db.knex);
  });
  afterAll(() => db.close());

  it('three relays claiming at once never lease the same command (SKIP LOCKED)', async () => {
    const all = await db.transaction(async (tx) => Promise.all(Array.from({ length: 60 }, (_, i) => outbox.enqueue(tx, command(100 + i), '2026-07-02T12:00:00Z'))));
    const claims = await Promise.all(['a', 'b', 'c'].map((owner) => outbox.claim('2026-07-02T12:00:00Z', { owner, limit: 25, leaseMs: 30_000 })));
    const claimed = claims.flat().map((c) => c.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.every((id) => all.includes(id))).toBe(true);
    expect(claimed.length).toBe(60);
  });
});
