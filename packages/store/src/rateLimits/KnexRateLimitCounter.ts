import type { Knex } from 'knex';
import { affectedRows } from '../affectedRows.js';
import type { RateLimitCounter, RateLimitHits } from './RateLimitCounter.js';

/**
 * Rate limit counters shared by the runtime instances on one database (`rate_limit_window`). An
 * instance counts in memory and adds its hits here in batches, one statement per batch, and learns
 * the totals of all instances in the same statement.
 */
export class KnexRateLimitCounter implements RateLimitCounter {
  constructor(private readonly knex: Knex) {}

  /**
   * Adds the hits to their counters and returns each counter's total over all instances, in the
   * order given. Keys are written in sorted order, so two instances adding the same keys never
   * deadlock; the statement commits without waiting for the WAL flush (a counter lost in a crash
   * only lets a client a little further in one window).
   */
  async add(batch: readonly RateLimitHits[]): Promise<number[]> {
    if (batch.length === 0) return [];
    const sorted = [...batch].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.windowStart.getTime() - b.windowStart.getTime()));
    const rows = sorted.map(() => '(?::text, ?::timestamptz, ?::integer, ?::timestamptz)').join(', ');
    const bindings = sorted.flatMap((h) => [h.key, h.windowStart.toISOString(), h.hits, h.windowEnd.toISOString()]);
    const { rows: totals } = await this.knex.raw<{ rows: { key: string; window_start: Date | string; hits: number }[] }>(
      `insert into rate_limit_window (key, window_start, hits, expires_at)
       select v.key, v.window_start, v.hits, v.expires_at
         from (values ${rows}) as v (key, window_start, hits, expires_at), (select set_config('synchronous_commit', 'off', true)) as async_commit
       on conflict (key, window_start) do update set hits = rate_limit_window.hits + excluded.hits
       returning key, window_start, hits`,
      bindings,
    );
    const byKey = new Map(totals.map((t) => [`${t.key}@${new Date(t.window_start).getTime()}`, Number(t.hits)]));
    return batch.map((h) => byKey.get(`${h.key}@${h.windowStart.getTime()}`) ?? h.hits);
  }

  /** Forgets every window of a key (an operator lifting a limit). */
  async reset(key: string): Promise<void> {
    await this.knex('rate_limit_window').where({ key }).delete();
  }

  /** Deletes counters of windows that ended before `now`, at most `limit` of them; returns how many. */
  async purgeExpired(now: Date, limit = 5_000): Promise<number> {
    const at = now.toISOString();
    const batch = this.knex('rate_limit_window').select('key', 'window_start').where('expires_at', '<', at).orderBy('expires_at').limit(limit);
    return affectedRows(await this.knex('rate_limit_window').whereIn(['key', 'window_start'], batch).andWhere('expires_at', '<', at).del());
  }
}
