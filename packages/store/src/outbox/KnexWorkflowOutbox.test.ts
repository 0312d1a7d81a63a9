import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/engines.js';
import type { Database } from '../createDatabase.js';
import { KnexWorkflowOutbox } from './KnexWorkflowOutbox.js';

describe.each(engines)('KnexWorkflowOutbox on $name', ({ open }) => {
  let db: Database;
  let outbox: KnexWorkflowOutbox;
  beforeAll(async () => {
    db = await open();
    outbox = new KnexWorkflowOutbox(db.knex, { maxAttempts: 3, backoffMs: (a) => a * 60_000 });
  });
  afterAll(() => db.close());

  const command = (n: number) => ({ tenantId: 'ACME_EU', commandType: 'COMPLETE_TASK', processInstanceId: `pi-${n}`, taskId: `t-${n}`, payload: { approvalStatus: 'APPROVED', n } });

  it('a command written in a rolled-back transaction is never sent', async () => {
    await expect(
      db.knex.transaction(async (trx) => {
        await outbox.enqueue(trx, command(0), '2026-07-02T10:00:00Z');
        throw new Error('decision refused');
      }),
    ).rejects.toThrow('decision refused');
    const seen: string[] = [];
    await outbox.relay('2026-07-02T10:00:00Z', 10, (c) => Promise.resolve(void seen.push(c.id)));
    expect(seen).toEqual([]);
  });

  it('retries a failed send with backoff, then gives up after the last attempt', async () => {
    const id = await db.knex.transaction((trx) => outbox.enqueue(trx, command(1), '2026-07-02T10:00:00Z'));
    const failing = () => Promise.reject(new Error('engine unavailable'));
    expect(await outbox.relay('2026-07-02T10:00:00Z', 10, failing)).toEqual({ sent: [], failed: [id] });
    // Not due again before the backoff has passed.
    expect(await outbox.relay('2026-07-02T10:00:30Z', 10, failing)).toEqual({ sent: [], failed: [] });
    expect(await outbox.relay('2026-07-02T10:01:00Z', 10, failing)).toEqual({ sent: [], failed: [id] });
    expect(await outbox.relay('2026-07-02T10:03:00Z', 10, () => Promise.resolve())).toEqual({ sent: [id], failed: [] });
    expect(await outbox.get(id)).toMatchObject({ status: 'SENT', attemptCount: 3 });

    const doomed = await db.knex.transaction((trx) => outbox.enqueue(trx, command(2), '2026-07-02T11:00:00Z'));
    for (const at of ['2026-07-02T11:00:00Z', '2026-07-02T11:01:00Z', '2026-07-02T11:03:00Z']) await outbox.relay(at, 10, failing);
    expect(await outbox.get(doomed)).toMatchObject({ status: 'FAILED', attemptCount: 3, lastError: 'engine unavailable' });
  });
});

// PGlite has one connection, so only PostgreSQL can show two relays racing.
describe.each(engines.filter((e) => e.name === 'postgresql'))('KnexWorkflowOutbox concurrency on $name', ({ open }) => {
  let db: Database;
  let outbox: KnexWorkflowOutbox;
  beforeAll(async () => {
    db = await open();
    outbox = new KnexWorkflowOutbox(db.knex);
  });
  afterAll(() => db.close());

  const command = (n: number) => ({ tenantId: 'ACME_EU', commandType: 'COMPLETE_TASK', taskId: `t-${n}`, payload: { n } });

  it('two relays at once never send the same command (SKIP LOCKED)', async () => {
    const ids = await db.knex.transaction(async (trx) => Promise.all(Array.from({ length: 20 }, (_, i) => outbox.enqueue(trx, command(100 + i), '2026-07-02T12:00:00Z'))));
    const sends: string[] = [];
    const slowSend = async (c: { id: string }) => {
      sends.push(c.id);
      await new Promise((r) => setTimeout(r, 5));
    };
    const [a, b] = await Promise.all([outbox.relay('2026-07-02T12:00:00Z', 50, slowSend), outbox.relay('2026-07-02T12:00:00Z', 50, slowSend)]);
    expect([...a.sent, ...b.sent].sort()).toEqual([...ids].sort());
    expect(new Set(sends).size).toBe(sends.length);
  });
});
