/**
 * An express-rate-limit `Store` whose counters are shared by every runtime instance through the
 * database (`RateLimitCounter`), without a statement per request: each instance counts in
 * memory and adds its hits to the shared counter in one batched statement, in the background,
 * when they matter. Far below the limit a key never touches the database; as it nears the limit
 * the instance syncs more often (whenever its unsent hits reach an eighth of the headroom it knew
 * of), and once the shared total is over the limit it refuses locally until the window ends.
 *
 * Windows are fixed and aligned to the epoch (a multiple of `windowMs`), so instances agree on
 * them without talking. Across N instances a client may get up to about `limit × (1 + (N − 1)/8)`
 * in a window; on one instance the limit is exact. When the database fails, the instance keeps
 * limiting on its own counts (it fails open towards other instances' hits, never closed).
 */
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { RateLimitCounter, RateLimitHits } from '@mandate/store';

/** Tuning and test hooks; the defaults suit a runtime instance. */
export interface SharedRateLimitStoreOptions {
  /** Keys of this limit in the shared table start with it, e.g. `principal:`. */
  prefix: string;
  now?: () => number;
  /** After a failed sync, how long to count alone before trying again. */
  retryAfterErrorMs?: number;
  /** Keys kept in memory; past it, windows that ended are dropped first, then the oldest keys. */
  maxKeys?: number;
  onError?: (error: unknown) => void;
}

interface Counter {
  windowStart: number;
  /** All instances' hits in this window as of the last sync (this instance's sent hits included). */
  shared: number;
  /** This instance's hits not sent yet. */
  unsent: number;
}

/** Shares hit counts between runtime instances through the database; see the module comment. */
export class SharedRateLimitStore implements Store {
  readonly localKeys = false;
  readonly prefix: string;
  private windowMs = 60_000;
  private limit = 0;
  private readonly counters = new Map<string, Counter>();
  private syncing: Promise<void> | undefined;
  private syncAgain = false;
  private pausedUntil = 0;
  private lastPurge = 0;
  private readonly now: () => number;
  private readonly retryAfterErrorMs: number;
  private readonly maxKeys: number;

  constructor(
    private readonly shared: RateLimitCounter,
    private readonly options: SharedRateLimitStoreOptions,
  ) {
    this.prefix = options.prefix;
    this.now = options.now ?? Date.now;
    this.retryAfterErrorMs = options.retryAfterErrorMs ?? 1_000;
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  /** Takes the window and the limit from the limiter (a fixed number: the threshold needs it). */
  init(options: Options): void {
    this.windowMs = options.windowMs;
    if (typeof options.limit !== 'number') throw new Error('SharedRateLimitStore needs a fixed limit');
    this.limit = options.limit;
  }

  get(key: string): ClientRateLimitInfo | undefined {
    const counter = this.current(key, false);
    return counter && { totalHits: counter.shared + counter.unsent, resetTime: new Date(counter.windowStart + this.windowMs) };
  }

  increment(key: string): ClientRateLimitInfo {
    const counter = this.current(key, true)!;
    counter.unsent += 1;
    const totalHits = counter.shared + counter.unsent;
    // Sync while the shared total may still be under the limit and this instance's unsent hits
    // are a fair share of the headroom left; over the limit there is nothing left to learn.
    if (counter.shared <= this.limit && counter.unsent >= Math.max(1, Math.floor((this.limit - counter.shared) / 8))) this.requestSync();
    return { totalHits, resetTime: new Date(counter.windowStart + this.windowMs) };
  }

  decrement(key: string): void {
    const counter = this.current(key, false);
    if (counter && counter.unsent > 0) counter.unsent -= 1;
  }

  async resetKey(key: string): Promise<void> {
    this.counters.delete(key);
    await this.shared.reset(this.prefix + key);
  }

  /** Sends every unsent hit now and waits for the shared totals (tests, and a clean stop). */
  async flush(): Promise<void> {
    while (this.syncing) await this.syncing;
    this.syncing = this.sync().finally(() => (this.syncing = undefined));
    await this.syncing;
  }

  private current(key: string, create: boolean): Counter | undefined {
    const windowStart = Math.floor(this.now() / this.windowMs) * this.windowMs;
    const counter = this.counters.get(key);
    if (counter && counter.windowStart === windowStart) return counter;
    if (!create) return undefined;
    // A new window starts at zero everywhere: the last one's unsent hits no longer matter.
    const fresh = { windowStart, shared: 0, unsent: 0 };
    this.counters.delete(key);
    if (this.counters.size >= this.maxKeys) this.dropOldKeys(windowStart);
    this.counters.set(key, fresh);
    return fresh;
  }

  private dropOldKeys(windowStart: number): void {
    for (const [key, counter] of this.counters) if (counter.windowStart !== windowStart) this.counters.delete(key);
    // Insertion order: the first keys are the ones counted longest ago.
    for (const key of this.counters.keys()) {
      if (this.counters.size < this.maxKeys) break;
      this.counters.delete(key);
    }
  }

  private requestSync(): void {
    if (this.now() < this.pausedUntil) return;
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    this.syncing = this.sync()
      .catch((error: unknown) => {
        this.pausedUntil = this.now() + this.retryAfterErrorMs;
        this.options.onError?.(error);
      })
      .finally(() => {
        this.syncing = undefined;
        if (this.syncAgain) {
          this.syncAgain = false;
          this.requestSync();
        }
      });
  }

  private async sync(): Promise<void> {
    const batch: { key: string; counter: Counter; hits: RateLimitHits }[] = [];
    for (const [key, counter] of this.counters) {
      if (counter.unsent > 0) batch.push({ key, counter, hits: { key: this.prefix + key, windowStart: new Date(counter.windowStart), windowEnd: new Date(counter.windowStart + this.windowMs), hits: counter.unsent } });
    }
    if (batch.length > 0) {
      const totals = await this.shared.add(batch.map((b) => b.hits));
      batch.forEach(({ key, counter, hits }, i) => {
        // The counter may have moved to a new window while the statement ran: then it keeps its own.
        if (this.counters.get(key) !== counter) return;
        counter.unsent -= hits.hits;
        counter.shared = totals[i]!;
      });
    }
    // Windows that ended are deleted once per window length, by whichever instance syncs.
    const now = this.now();
    if (now - this.lastPurge >= this.windowMs) {
      this.lastPurge = now;
      await this.shared.purgeExpired(new Date(now));
    }
  }
}
