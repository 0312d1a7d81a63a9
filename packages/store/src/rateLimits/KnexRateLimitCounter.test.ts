import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test-support/engines.js';
import type { Database } from '../createDatabase.js';
import { KnexRateLimitCounter } from './KnexRateLimitCounter.js';

describe.each(engines)('KnexRateLimitCounter on $name', ({ open }) => {
  let db: Database;
  let counter: KnexRateLimitCounter;
  beforeAll(async () => {
    db = await open();
    counter = new KnexRateLimitCounter(db.knex);
  });
  afterAll(() => db.close());

  const w1 = { windowStart: new Date('2026-07-02T10:00:00Z'), windowEnd: new Date('2026-07-02T10:01:00Z') };
  const w2 = { windowStart: new Date('2026-07-02T10:01:00Z'), windowEnd: new Date('2026-07-02T10:02:00Z') };

  it('adds the hits of several instances to one counter per key and window, and returns the totals in the order given', async () => {
    expect(await counter.add([{ key: 'principal:b', ...w1, hits: 3 }, { key: 'principal:a', ...w1, hits: 5 }])).toEqual([3, 5]);
    // Another instance, the same keys: the totals include both.
    expect(await counter.add([{ key: 'principal:a', ...w1, hits: 2 }, { key: 'principal:b', ...w1, hits: 1 }])).toEqual([7, 4]);
    // A new window starts from zero.
    expect(await counter.add([{ key: 'principal:a', ...w2, hits: 1 }])).toEqual([1]);
    expect(await counter.add([])).toEqual([]);
  });

  it('adds concurrently without losing a hit', async () => {
    await Promise.all(Array.from({ length: 20 }, () => counter.add([{ key: 'address:10.0.0.1', ...w1, hits: 1 }, { key: 'address:10.0.0.2', ...w1, hits: 2 }])));
    expect(await counter.add([{ key: 'address:10.0.0.1', ...w1, hits: 0 }, { key: 'address:10.0.0.2', ...w1, hits: 0 }])).toEqual([20, 40]);
  });

  it('forgets a key, and purges windows that ended', async () => {
    await counter.reset('principal:b');
    expect(await counter.add([{ key: 'principal:b', ...w1, hits: 1 }])).toEqual([1]);
    expect(await counter.purgeExpired(new Date('2026-07-02T10:01:30Z'))).toBe(4);
    expect(await counter.purgeExpired(new Date('2026-07-02T10:01:30Z'))).toBe(0);
    expect(Number((await db.knex('rate_limit_window').count('* as n').first())?.n)).toBe(1);
  });
});
