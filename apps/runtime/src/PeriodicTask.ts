import type { Logger } from 'pino';
import { asSystem } from '@mandate/store';

/**
 * A background pass run every interval, one at a time: a pass still running when the next is due
 * is not started twice, and a failing pass is logged and the next one retries. Several runtime
 * instances may run the same task; each pass must be safe to run concurrently with another's.
 * A pass works across tenants, so it runs in the system scope of the database (docs/security.md).
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly name: string,
    private readonly pass: () => Promise<unknown>,
    private readonly logger?: Logger,
  ) {}

  /** Runs one pass now (or joins the one running) and resolves when it is done. */
  runOnce(): Promise<void> {
    this.running ??= asSystem(this.pass)
      .then(() => undefined)
      .catch((error: unknown) => this.logger?.error({ err: error }, `${this.name} failed; the next pass retries`))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  start(intervalMs: number): void {
    this.timer ??= setInterval(() => void this.runOnce(), intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
