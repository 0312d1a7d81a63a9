import type { AuditLog } from '@mandate/store';
import type { Logger } from 'pino';
import { PeriodicTask } from '../PeriodicTask.js';

/** Default period of the checkpoint pass: a minute. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 60_000;

/**
 * Signs the head of every tenant chain that moved since its last checkpoint, periodically, so
 * that what an attacker with the database owner's rights can rewrite unseen is at most the last
 * interval's events (docs/runtime.md, "Audit"). Several runtime instances may run it at once:
 * signing takes the tenant's chain lock and skips a head that is already signed.
 */
export class AuditCheckpointer extends PeriodicTask {
  constructor(audit: AuditLog, logger?: Logger) {
    super('audit checkpointing', () => audit.checkpointAll(), logger);
  }

  override start(intervalMs = DEFAULT_CHECKPOINT_INTERVAL_MS): void {
    super.start(intervalMs);
  }
}
