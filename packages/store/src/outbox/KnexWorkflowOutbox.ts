import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

/** A workflow command to send after the decision committed (seed section 21). */
export interface WorkflowCommandInput {
  tenantId: string;
  commandType: string;
  processInstanceId?: string;
  taskId?: string;
  businessKey?: string;
  payload: Record<string, unknown>;
}

/** A command as stored. */
export interface WorkflowCommand extends WorkflowCommandInput {
  id: string;
  status: 'PENDING' | 'SENT' | 'FAILED';
  attemptCount: number;
  lastError?: string;
}

interface DbOutboxRow {
  id: string;
  tenant_id: string;
  command_type: string;
  process_instance_id: string | null;
  task_id: string | null;
  business_key: string | null;
  payload: Record<string, unknown>;
  status: WorkflowCommand['status'];
  attempt_count: number;
  last_error: string | null;
}

function toCommand(row: DbOutboxRow): WorkflowCommand {
  const command: WorkflowCommand = {
    id: row.id,
    tenantId: row.tenant_id,
    commandType: row.command_type,
    payload: row.payload,
    status: row.status,
    attemptCount: row.attempt_count,
  };
  if (row.process_instance_id) command.processInstanceId = row.process_instance_id;
  if (row.task_id) command.taskId = row.task_id;
  if (row.business_key) command.businessKey = row.business_key;
  if (row.last_error) command.lastError = row.last_error;
  return command;
}

/**
 * The workflow command outbox. A command is written in the decision's transaction; a relay later
 * claims due commands with `FOR UPDATE SKIP LOCKED` (so several runtime instances never send the
 * same one at once), sends them, and records success, or failure with exponential backoff.
 */
export class KnexWorkflowOutbox {
  constructor(
    private readonly knex: Knex,
    private readonly options: { maxAttempts: number; backoffMs: (attempt: number) => number } = { maxAttempts: 10, backoffMs: (a) => Math.min(2 ** a * 1000, 15 * 60_000) },
  ) {}

  /** Writes a command inside the caller's transaction. */
  async enqueue(trx: Knex.Transaction, input: WorkflowCommandInput, now: string): Promise<string> {
    const id = randomUUID();
    await trx('workflow_command_outbox').insert({
      id,
      tenant_id: input.tenantId,
      command_type: input.commandType,
      process_instance_id: input.processInstanceId ?? null,
      task_id: input.taskId ?? null,
      business_key: input.businessKey ?? null,
      payload: JSON.stringify(input.payload),
      status: 'PENDING',
      available_at: now,
      created_at: now,
      updated_at: now,
    });
    return id;
  }

  /**
   * Claims up to `limit` due commands and runs `send` for each inside the claiming transaction;
   * rows stay locked until it commits, so a second relay skips them. Returns what happened.
   */
  async relay(now: string, limit: number, send: (command: WorkflowCommand) => Promise<void>): Promise<{ sent: string[]; failed: string[] }> {
    return this.knex.transaction(async (trx) => {
      const rows = await trx<DbOutboxRow>('workflow_command_outbox')
        .where({ status: 'PENDING' })
        .andWhere('available_at', '<=', now)
        .orderBy('created_at', 'asc')
        .limit(limit)
        .forUpdate()
        .skipLocked();
      const sent: string[] = [];
      const failed: string[] = [];
      for (const row of rows) {
        try {
          await send(toCommand(row));
          await trx('workflow_command_outbox').where({ id: row.id }).update({ status: 'SENT', attempt_count: row.attempt_count + 1, last_error: null, updated_at: now });
          sent.push(row.id);
        } catch (e) {
          const attempts = row.attempt_count + 1;
          const giveUp = attempts >= this.options.maxAttempts;
          await trx('workflow_command_outbox').where({ id: row.id }).update({
            status: giveUp ? 'FAILED' : 'PENDING',
            attempt_count: attempts,
            last_error: e instanceof Error ? e.message : String(e),
            available_at: new Date(Date.parse(now) + this.options.backoffMs(attempts)).toISOString(),
            updated_at: now,
          });
          failed.push(row.id);
        }
      }
      return { sent, failed };
    });
  }

  /** One command, for inspection. */
  async get(id: string): Promise<WorkflowCommand | undefined> {
    const row = await this.knex<DbOutboxRow>('workflow_command_outbox').where({ id }).first();
    return row ? toCommand(row) : undefined;
  }
}
