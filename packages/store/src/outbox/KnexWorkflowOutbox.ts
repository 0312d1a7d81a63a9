import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { affectedRows } from '../affectedRows.js';
import { asWriteStatement, type WriteStatement } from '../statements.js';
import { knexOf, type StoreTransaction } from '../StoreTransaction.js';
import type { RetryPolicy, Settlement, WorkflowCommand, WorkflowCommandInput, WorkflowCommandStatus, WorkflowOutbox } from './WorkflowOutbox.js';

interface DbOutboxRow {
  id: string;
  tenant_id: string;
  command_type: string;
  process_instance_id: string | null;
  task_id: string | null;
  business_key: string | null;
  payload: Record<string, unknown>;
  status: WorkflowCommandStatus;
  attempt_count: number;
  last_error: string | null;
  note: string | null;
  lease_owner: string | null;
  created_at: Date | string;
}

function toCommand(row: DbOutboxRow): WorkflowCommand {
  const command: WorkflowCommand = {
    id: row.id,
    tenantId: row.tenant_id,
    commandType: row.command_type,
    payload: row.payload,
    status: row.status,
    attemptCount: row.attempt_count,
    createdAt: new Date(row.created_at).toISOString(),
  };
  if (row.process_instance_id) command.processInstanceId = row.process_instance_id;
  if (row.task_id) command.taskId = row.task_id;
  if (row.business_key) command.businessKey = row.business_key;
  if (row.last_error) command.lastError = row.last_error;
  if (row.note) command.note = row.note;
  return command;
}

/** Exponential backoff from 1 s to 15 min with full jitter in the upper half, so relays that failed together do not retry together. */
export const defaultRetryPolicy = (random: () => number = Math.random): RetryPolicy => ({
  maxAttempts: 10,
  backoffMs: (attempt) => Math.round(Math.min(2 ** attempt * 1000, 15 * 60_000) * (0.5 + random() / 2)),
});

/**
 * The workflow command outbox. A command is written in the decision's transaction. A relay claims
 * due commands with `FOR UPDATE SKIP LOCKED` and a lease (several relays never take the same
 * command; one that dies lets go when its lease ends), sends them outside any transaction, and
 * settles each: sent, closed with a note, an incident, or a retry with backoff and jitter until
 * the last attempt dead-letters it.
 */
export class KnexWorkflowOutbox implements WorkflowOutbox {
  constructor(
    private readonly knex: Knex,
    private readonly retry: RetryPolicy = defaultRetryPolicy(),
  ) {}

  /** Writes a command inside the caller's transaction. */
  async enqueue(tx: StoreTransaction, input: WorkflowCommandInput, now: string): Promise<string> {
    const { id, statement } = insertOf(knexOf(tx), input, now);
    await statement;
    return id;
  }

  /** The insert, not yet sent, and the command's id: one write of a command that commits in one statement (`writeTogether`). */
  enqueueStatement(input: WorkflowCommandInput, now: string): { id: string; statement: WriteStatement } {
    const { id, statement } = insertOf(this.knex, input, now);
    return { id, statement: asWriteStatement(statement) };
  }

  /** Leases up to `limit` due commands to `owner` for `leaseMs`, oldest first. */
  async claim(now: string, options: { owner: string; limit: number; leaseMs: number }): Promise<WorkflowCommand[]> {
    return this.knex.transaction(async (trx) => {
      const rows = await trx<DbOutboxRow>('workflow_command_outbox')
        .where({ status: 'PENDING' })
        .andWhere('available_at', '<=', now)
        .andWhere((q) => void q.whereNull('lease_until').orWhere('lease_until', '<=', now))
        .orderBy('created_at', 'asc')
        .limit(options.limit)
        .forUpdate()
        .skipLocked();
      if (!rows.length) return [];
      await trx('workflow_command_outbox')
        .whereIn('id', rows.map((r) => r.id))
        .update({ lease_owner: options.owner, lease_until: new Date(Date.parse(now) + options.leaseMs).toISOString(), updated_at: now });
      return rows.map(toCommand);
    });
  }

  /** Records how a leased command ended; false when the lease was lost (another relay took over). */
  async settle(id: string, owner: string, settlement: Settlement, now: string): Promise<boolean> {
    const updated = await this.knex('workflow_command_outbox')
      .where({ id, lease_owner: owner, status: 'PENDING' })
      .update({ status: settlement.status, attempt_count: this.knex.raw('attempt_count + 1'), note: settlement.note ?? null, last_error: null, lease_owner: null, lease_until: null, settled_at: now, updated_at: now });
    return affectedRows(updated) === 1;
  }

  /** A send failed: due again after the backoff, or dead-lettered (FAILED) after the last attempt. */
  async retryLater(id: string, owner: string, error: string, now: string, retry: RetryPolicy = this.retry): Promise<WorkflowCommandStatus | undefined> {
    return this.knex.transaction(async (trx) => {
      const row = await trx<DbOutboxRow>('workflow_command_outbox').where({ id, lease_owner: owner, status: 'PENDING' }).forUpdate().first();
      if (!row) return undefined;
      const attempts = row.attempt_count + 1;
      const status = attempts >= retry.maxAttempts ? 'FAILED' : 'PENDING';
      await trx('workflow_command_outbox').where({ id }).update({
        status,
        attempt_count: attempts,
        last_error: error.slice(0, 2000),
        available_at: new Date(Date.parse(now) + retry.backoffMs(attempts)).toISOString(),
        lease_owner: null,
        lease_until: null,
        ...(status === 'FAILED' ? { settled_at: now } : {}),
        updated_at: now,
      });
      return status;
    });
  }

  /** Sends a dead-lettered command (or an incident's) again with a fresh retry budget: an operator's retry. */
  async requeue(id: string, now: string): Promise<boolean> {
    const updated = await this.knex('workflow_command_outbox').where({ id }).whereIn('status', ['FAILED', 'INCIDENT']).update({ status: 'PENDING', attempt_count: 0, available_at: now, settled_at: null, updated_at: now });
    return affectedRows(updated) === 1;
  }

  /** Closes a dead-lettered command or an incident with an operator's note (fixed in the engine, or no longer needed). */
  async closeByOperator(id: string, note: string, now: string): Promise<boolean> {
    const updated = await this.knex('workflow_command_outbox').where({ id }).whereIn('status', ['FAILED', 'INCIDENT']).update({ status: 'CLOSED', note, settled_at: now, updated_at: now });
    return affectedRows(updated) === 1;
  }

  /** One command, for inspection. */
  async get(id: string): Promise<WorkflowCommand | undefined> {
    const row = await this.knex<DbOutboxRow>('workflow_command_outbox').where({ id }).first();
    return row ? toCommand(row) : undefined;
  }

  /** The tenant's commands of one type for a work item (`payload.workItemId`), oldest first. */
  async forWorkItem(tenantId: string, commandType: string, workItemId: string): Promise<WorkflowCommand[]> {
    const rows = await this.knex<DbOutboxRow>('workflow_command_outbox').where({ tenant_id: tenantId, command_type: commandType }).whereRaw(`payload->>'workItemId' = ?`, [workItemId]).orderBy('created_at', 'asc');
    return rows.map(toCommand);
  }
}

/** The insert of a new command, on the pool or in a transaction, and the command's id. */
function insertOf(db: Knex, input: WorkflowCommandInput, now: string) {
  const id = randomUUID();
  const statement = db('workflow_command_outbox').insert({
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
  return { id, statement };
}
