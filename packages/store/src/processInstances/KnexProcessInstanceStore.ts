import type { Knex } from 'knex';
import { rowMapper } from '../rowMapper.js';
import { knexOf, type StoreTransaction } from '../StoreTransaction.js';
import type { NewProcessInstance, ProcessInstanceChanges, ProcessInstanceRecord, ProcessInstanceStatus, ProcessInstanceStore, StoredProcessInstance, WaitingUserTask } from './ProcessInstanceStore.js';

interface DbProcessInstanceRow {
  id: string;
  tenant_id: string;
  process_key: string;
  business_key: string | null;
  status: ProcessInstanceStatus;
  state: unknown;
  variables: Record<string, unknown>;
  waiting_tasks: WaitingUserTask[];
  end_event_id: string | null;
  completed_command_ids: string[];
  completed_tasks: Record<string, string>;
  failure: string | null;
  row_version: number;
  created_at: Date | string;
  updated_at: Date | string;
}

const RECORD_COLUMNS: (keyof DbProcessInstanceRow)[] = ['id', 'tenant_id', 'process_key', 'business_key', 'status', 'variables', 'waiting_tasks', 'end_event_id', 'completed_command_ids', 'completed_tasks', 'failure', 'row_version', 'created_at', 'updated_at'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toRecord = rowMapper<Omit<DbProcessInstanceRow, 'state'>, ProcessInstanceRecord>()(
  ['id', 'tenant_id', 'process_key', 'status', 'variables', 'waiting_tasks', 'completed_command_ids', 'completed_tasks', 'row_version', 'created_at', 'updated_at', 'business_key', 'end_event_id', 'failure'],
  { instants: ['created_at', 'updated_at'], optional: ['business_key', 'end_event_id', 'failure'] },
);

/** jsonb columns take JSON text: knex would send a JavaScript array as a PostgreSQL array. */
const json = (value: unknown) => JSON.stringify(value);

/**
 * The embedded engine's process instances (table `process_instance`). Every change runs inside the
 * caller's transaction on a row it locked with {@link lock}, and checks the version it loaded, so
 * two runtime instances completing tasks of one process serialise instead of overwriting each other.
 */
export class KnexProcessInstanceStore implements ProcessInstanceStore {
  constructor(private readonly knex: Knex) {}

  /** Writes a new instance, in the transaction that ran it to its first wait. */
  async insert(tx: StoreTransaction, instance: NewProcessInstance, now: string): Promise<void> {
    await knexOf(tx)('process_instance').insert({
      id: instance.id,
      tenant_id: instance.tenantId,
      process_key: instance.processKey,
      business_key: instance.businessKey ?? null,
      status: instance.status,
      state: json(instance.state),
      variables: json(instance.variables),
      waiting_tasks: json(instance.waitingTasks),
      end_event_id: instance.endEventId ?? null,
      completed_command_ids: json([]),
      completed_tasks: json({}),
      row_version: 1,
      created_at: now,
      updated_at: now,
    });
  }

  /** Loads an instance and locks its row until the transaction ends (`FOR UPDATE`). */
  async lock(tx: StoreTransaction, id: string): Promise<StoredProcessInstance | undefined> {
    if (!UUID.test(id)) return undefined;
    const row = await knexOf(tx)<DbProcessInstanceRow>('process_instance').where({ id }).forUpdate().first();
    return row ? { ...toRecord(row), state: row.state } : undefined;
  }

  /**
   * Saves changes to a locked row and returns its new version. Throws when the row is not at
   * `expectedVersion` (it was not locked, or someone wrote it without the lock).
   */
  async save(tx: StoreTransaction, id: string, expectedVersion: number, changes: ProcessInstanceChanges, now: string): Promise<number> {
    const update: Record<string, unknown> = { row_version: expectedVersion + 1, updated_at: now };
    if (changes.status !== undefined) update.status = changes.status;
    if (changes.state !== undefined) update.state = json(changes.state);
    if (changes.variables !== undefined) update.variables = json(changes.variables);
    if (changes.waitingTasks !== undefined) update.waiting_tasks = json(changes.waitingTasks);
    if (changes.endEventId !== undefined) update.end_event_id = changes.endEventId;
    if (changes.completedCommandIds !== undefined) update.completed_command_ids = json(changes.completedCommandIds);
    if (changes.completedTasks !== undefined) update.completed_tasks = json(changes.completedTasks);
    if (changes.failure !== undefined) update.failure = changes.failure.slice(0, 4000);
    const updated = await knexOf(tx)('process_instance').where({ id, row_version: expectedVersion }).update(update, ['row_version']);
    if (updated.length !== 1) throw new Error(`process instance ${id} is no longer at version ${expectedVersion}`);
    return expectedVersion + 1;
  }

  /** One instance, without its engine state. */
  async get(id: string): Promise<ProcessInstanceRecord | undefined> {
    if (!UUID.test(id)) return undefined;
    const row = await this.knex<DbProcessInstanceRow>('process_instance').where({ id }).first(...RECORD_COLUMNS);
    return row ? toRecord(row) : undefined;
  }

  /** Ids of the RUNNING instances, oldest first; with a business key, only the tenant's with that key. */
  async runningIds(withKey?: { tenantId: string; businessKey: string }): Promise<string[]> {
    const query = this.knex('process_instance').where({ status: 'RUNNING' });
    if (withKey !== undefined) void query.andWhere({ tenant_id: withKey.tenantId, business_key: withKey.businessKey });
    const rows = await query.select<{ id: string }[]>('id').orderBy([{ column: 'created_at' }, { column: 'id' }]);
    return rows.map((r) => r.id);
  }
}
