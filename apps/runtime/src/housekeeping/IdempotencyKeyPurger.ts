import type { IdempotencyStore } from '@mandate/store';
import type { Logger } from 'pino';
import { PeriodicTask } from '../PeriodicTask.js';

/** Keys deleted per statement: a backlog is worked off in short statements, not one long delete. */
const BATCH = 5_000;

/**
 * Deletes idempotency keys past their retention (at least 24 h, docs/runtime.md), so the table
 * holds about a day of commands instead of growing for ever. A key past its retention is already
 * treated as new by a claim, so deleting it changes no answer.
 */
export class IdempotencyKeyPurger extends PeriodicTask {
  constructor(keys: IdempotencyStore, clock: () => Date = () => new Date(), logger?: Logger) {
    super(
      'idempotency key purge',
      async () => {
        while ((await keys.purgeExpired(clock().toISOString(), BATCH)) === BATCH);
      },
      logger,
    );
  }

  override start(intervalMs = 10 * 60_000): void {
    void this.runOnce();
    super.start(intervalMs);
  }
}
