/** Hits one instance adds to a client's counter in a window. */
export interface RateLimitHits {
  key: string;
  windowStart: Date;
  windowEnd: Date;
  hits: number;
}

/** Rate limit counters shared by the runtime instances on one database: each adds its hits in batches and learns the totals of all. */
export interface RateLimitCounter {
  /** Adds the hits to their counters and returns each counter's total over all instances, in the order given. */
  add(batch: readonly RateLimitHits[]): Promise<number[]>;
  /** Forgets every window of a key (an operator lifting a limit). */
  reset(key: string): Promise<void>;
  /** Deletes counters of windows that ended before `now`, at most `limit` of them; returns how many. */
  purgeExpired(now: Date, limit?: number): Promise<number>;
}
