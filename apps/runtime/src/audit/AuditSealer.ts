import { KnexAuditLog, type Database } from '@mandate/store';
import type { Logger } from 'pino';

/**
 * Chains committed audit events in the background (migration 20261124175100 says why commands
 * no longer chain their own), so the window in which an event is durable but not yet
 * tamper-evident stays a few hundred milliseconds. Audit reads and verification seal first
 * anyway; several runtime instances may run a sealer at once.
 */
export class AuditSealer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly audit: KnexAuditLog;

  constructor(
    db: Database,
    private readonly logger?: Logger,
  ) {
    this.audit = new KnexAuditLog(db.knex);
  }

  start(intervalMs = 250): void {
    this.timer ??= setInterval(() => {
      this.running ??= this.audit
        .seal()
        .then(() => undefined)
        .catch((error: unknown) => this.logger?.error({ err: error }, 'audit sealing failed; the next pass retries'))
        .finally(() => (this.running = undefined));
    }, intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
