/**
 * The outbox relay: takes due workflow commands under a lease, sends each
 * through the port of its engine, and settles it. Several relays (runtime instances) may run at
 * once: `FOR UPDATE SKIP LOCKED` gives each its own commands, and a relay that dies lets its
 * commands go when the lease ends (the port then detects a completion that did happen). A command
 * that keeps failing is dead-lettered and handed to an operator, never dropped.
 */
import { randomUUID } from 'node:crypto';
import { defaultRetryPolicy, type RetryPolicy, type Settlement, type Stores, type WorkflowCommand, type WorkflowOutbox } from '@mandate/store';
import { WorkflowUnavailableError, type CompleteTaskCommand, type CorrelateMessageCommand, type PortOutcome, type WorkflowPort } from '../WorkflowPort.js';

/** What a command means for an engine, as the router decides. */
export type RoutedCommand =
  | { kind: 'complete'; engine: string; command: CompleteTaskCommand }
  | { kind: 'correlate'; engine: string; command: CorrelateMessageCommand }
  /** Nothing waits for it (an item not created by a workflow): closed with the note. */
  | { kind: 'none'; note: string };

/** Why a command needs an operator: dead-lettered after its last attempt, or the engine disagrees. */
export interface OperatorAttention {
  kind: 'DEAD_LETTER' | 'INCIDENT';
  command: WorkflowCommand;
  reason: string;
}

export interface OutboxRelayOptions {
  /** Where the commands wait: the outbox store. */
  stores: Pick<Stores, 'outbox'>;
  ports: readonly WorkflowPort[];
  route: (command: WorkflowCommand) => Promise<RoutedCommand>;
  /** Opens an operator work item; called once per dead letter or incident. */
  onAttention?: (attention: OperatorAttention) => Promise<void>;
  /** After a command settled (e.g. mark the decided item completed once the engine took the decision). */
  onSettled?: (command: WorkflowCommand, settlement: Settlement) => Promise<void>;
  clock?: () => Date;
  /** This relay's name in leases; unique per process. */
  owner?: string;
  leaseMs?: number;
  batchSize?: number;
  /** Commands sent at once within a batch. */
  concurrency?: number;
  /** Attempts and backoff; default `defaultRetryPolicy()`. */
  retry?: RetryPolicy;
  logger?: { warn: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
}

/** What one pass did. */
export interface RelayPass {
  sent: number;
  closed: number;
  incidents: number;
  retried: number;
  deadLettered: number;
}

export class OutboxRelay {
  readonly owner: string;
  private readonly outbox: WorkflowOutbox;
  private readonly retry: RetryPolicy;
  private readonly ports: Map<string, WorkflowPort>;
  private readonly clock: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(private readonly options: OutboxRelayOptions) {
    this.owner = options.owner ?? `relay-${randomUUID()}`;
    this.outbox = options.stores.outbox;
    this.retry = options.retry ?? defaultRetryPolicy();
    this.ports = new Map(options.ports.map((p) => [p.engine, p]));
    this.clock = options.clock ?? (() => new Date());
  }

  /** One pass: lease a batch, send it, settle every command. */
  async runOnce(): Promise<RelayPass> {
    const pass: RelayPass = { sent: 0, closed: 0, incidents: 0, retried: 0, deadLettered: 0 };
    const commands = await this.outbox.claim(this.now(), { owner: this.owner, limit: this.options.batchSize ?? 50, leaseMs: this.options.leaseMs ?? 30_000 });
    const concurrency = Math.max(1, this.options.concurrency ?? 8);
    for (let i = 0; i < commands.length; i += concurrency) {
      await Promise.all(commands.slice(i, i + concurrency).map((command) => this.deliver(command, pass)));
    }
    return pass;
  }

  /** Runs passes until stopped: immediately again after a full batch, else after `intervalMs`. */
  start(intervalMs = 250): void {
    const loop = async () => {
      let busy = false;
      try {
        const pass = await (this.running = this.runOnce());
        busy = pass.sent + pass.closed + pass.incidents + pass.retried + pass.deadLettered >= (this.options.batchSize ?? 50);
      } catch (error) {
        this.options.logger?.error({ err: error }, 'outbox relay pass failed');
      }
      if (this.timer !== undefined) this.timer = setTimeout(() => void loop(), busy ? 0 : intervalMs);
    };
    this.timer = setTimeout(() => void loop(), 0);
  }

  /** Stops after the pass in progress. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private now(): string {
    return this.clock().toISOString();
  }

  private async deliver(command: WorkflowCommand, pass: RelayPass): Promise<void> {
    let settlement: Settlement;
    try {
      settlement = await this.send(command);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const status = await this.outbox.retryLater(command.id, this.owner, message, this.now(), this.retry);
      if (status === 'FAILED') {
        pass.deadLettered++;
        this.options.logger?.error({ commandId: command.id, commandType: command.commandType, error: message }, 'workflow command dead-lettered');
        await this.options.onAttention?.({ kind: 'DEAD_LETTER', command: { ...command, attemptCount: command.attemptCount + 1, lastError: message }, reason: message });
      } else if (status === 'PENDING') {
        pass.retried++;
        if (!(error instanceof WorkflowUnavailableError)) this.options.logger?.warn({ commandId: command.id, error: message }, 'workflow command failed; will retry');
      }
      return;
    }
    if (!(await this.outbox.settle(command.id, this.owner, settlement, this.now()))) return; // the lease was lost; the new holder settles it
    await this.options.onSettled?.(command, settlement).catch((error: unknown) => this.options.logger?.error({ err: error, commandId: command.id }, 'after-settlement step failed; reconciliation will redo it'));
    if (settlement.status === 'SENT') pass.sent++;
    if (settlement.status === 'CLOSED') {
      pass.closed++;
      this.options.logger?.warn({ commandId: command.id, note: settlement.note }, 'workflow command closed without effect');
    }
    if (settlement.status === 'INCIDENT') {
      pass.incidents++;
      await this.options.onAttention?.({ kind: 'INCIDENT', command, reason: settlement.note ?? 'the engine disagrees' });
    }
  }

  private async send(command: WorkflowCommand): Promise<Settlement> {
    const routed = await this.options.route(command);
    if (routed.kind === 'none') return { status: 'CLOSED', note: routed.note };
    const port = this.ports.get(routed.engine);
    if (!port) throw new Error(`no workflow port for engine ${routed.engine}`);
    const outcome = routed.kind === 'complete' ? await port.completeTask(routed.command) : await port.correlateMessage(routed.command);
    return settlementOf(outcome);
  }
}

function settlementOf(outcome: PortOutcome): Settlement {
  switch (outcome.kind) {
    case 'done':
      return { status: 'SENT' };
    case 'already-done':
      return { status: 'SENT', note: outcome.note };
    case 'gone':
      return { status: 'CLOSED', note: outcome.note };
    case 'conflict':
      return { status: 'INCIDENT', note: outcome.note };
  }
}
