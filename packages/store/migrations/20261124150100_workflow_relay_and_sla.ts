import type { Knex } from 'knex';

const KEY_HOLDING_STATES = `('available', 'claimed', 'delegated', 'escalated', 'decided', 'completed')`;

/**
 * The workflow round trip: a lease on outbox commands (a relay that dies lets go), the outcome of a
 * command that did not need sending, the caller key that makes a user-task activation create one
 * work item, and one escalation per item and level however many schedulers run.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('workflow_command_outbox', (t) => {
    t.string('lease_owner', 120).comment('The relay instance that is sending the command.');
    t.timestamp('lease_until', { useTz: true }).comment('Another relay may take the command after this.');
    t.text('note').comment('Why a command was closed without effect (process ended) or became an incident.');
    t.timestamp('settled_at', { useTz: true }).comment('When it was sent, closed, dead-lettered or became an incident.');
  });
  await knex.raw(`comment on column workflow_command_outbox.status is 'PENDING, SENT, CLOSED (nothing to do, see note), INCIDENT (the engine disagrees: an operator looks), FAILED (dead-lettered after the last attempt)'`);
  await knex.schema.alterTable('work_item', (t) => {
    t.string('caller_key', 600).comment('Stable key of the workflow activation (engine:process:instance:activity:task).');
    t.timestamp('sla_warn_at', { useTz: true }).comment('Business-time instant of the SLA warning (policy package).');
    t.timestamp('sla_escalate_at', { useTz: true }).comment('Business-time instant of the SLA escalation.');
    t.index(['state', 'sla_warn_at'], 'idx_work_item_sla_warning');
    t.index(['state', 'sla_escalate_at'], 'idx_work_item_sla_escalation');
  });
  // One live item per activation: an engine that replays the activation after a restart finds it.
  // An obsolete or cancelled item frees the key for the renewal that takes over the waiting task.
  await knex.raw(`create unique index idx_work_item_caller_key on work_item (caller_key) where caller_key is not null and state in ${KEY_HOLDING_STATES}`);
  await knex.schema.createTable('sla_escalation', (t) => {
    t.comment('SLA warnings and escalations fired, one per item, kind and level (the unique key makes concurrent schedulers fire once).');
    t.uuid('work_item_id').notNullable().references('work_item.id').onDelete('CASCADE').comment('The item.');
    t.string('tenant_id', 80).notNullable().comment('Owning tenant.');
    t.string('kind', 20).notNullable().comment('WARNING or ESCALATION.');
    t.integer('level').notNullable().comment('Escalation level this firing raised the item to (1 for the first).');
    t.timestamp('due_at', { useTz: true }).notNullable().comment('The business-time instant it was due.');
    t.timestamp('fired_at', { useTz: true }).notNullable().comment('When the scheduler fired it.');
    t.primary(['work_item_id', 'kind', 'level']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('sla_escalation');
  await knex.raw('drop index if exists idx_work_item_caller_key');
  await knex.schema.alterTable('work_item', (t) => {
    t.dropIndex([], 'idx_work_item_sla_warning');
    t.dropIndex([], 'idx_work_item_sla_escalation');
    t.dropColumn('caller_key');
    t.dropColumn('sla_warn_at');
    t.dropColumn('sla_escalate_at');
  });
  await knex.schema.alterTable('workflow_command_outbox', (t) => {
    t.dropColumn('lease_owner');
    t.dropColumn('lease_until');
    t.dropColumn('note');
    t.dropColumn('settled_at');
  });
}
