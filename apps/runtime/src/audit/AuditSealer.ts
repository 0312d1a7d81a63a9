import type { AuditLog } from '@mandate/store';
import type { Logger } from 'pino';
import { PeriodicTask } from '../PeriodicTask.js';

/**
 * Chains committed audit events in the background (migration 20261124175100 says why commands
 * no longer chain their own), so the window in which an event is durable but not yet
 * tamper-evident stays a few hundred milliseconds. Audit reads and verification seal first
 * anyway; several runtime instances may run a sealer at once.
 */
export class AuditSealer extends PeriodicTask {
  constructor(audit: AuditLog, logger?: Logger) {
    super('audit sealing', () => audit.seal(), logger);
  }

  override start(intervalMs = 250): void {
    super.start(intervalMs);
  }
}
