import type { Knex } from 'knex';

/**
 * Process instances of the embedded BPMN engine (bpmn-engine): the engine's serialised state, so a
 * restart resumes every waiting process, plus what the adapter needs to answer a command without
 * guessing (which user tasks wait, which commands it already applied).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('process_instance', (t) => {
    t.comment('Process instances run by the embedded BPMN engine; the state column is what a restart resumes from.');
    t.uuid('id').primary().comment('Process instance id: the processInstanceId of the caller references it hands out.');
    t.string('tenant_id', 80).notNullable().comment('Owning tenant.');
    t.string('process_key', 120).notNullable().comment('BPMN process id the instance runs, e.g. quote-approval.');
    t.string('business_key', 120).comment('Business key (e.g. the quote id), for message correlation.');
    t.string('status', 20).notNullable().comment('RUNNING, COMPLETED, CANCELLED, FAILED (the engine raised an error: an operator looks).');
    t.jsonb('state').notNullable().comment('bpmn-engine getState() at the last save, BPMN source included: what recover and resume continue from.');
    t.jsonb('variables').notNullable().comment('Process variables at the last save, for reading (the state holds them too).');
    t.jsonb('waiting_tasks').notNullable().defaultTo(knex.raw(`'[]'::jsonb`)).comment('User tasks waiting at the last save: [{ activityId, taskId, elementName }].');
    t.string('end_event_id', 120).comment('The end event the process completed at.');
    t.jsonb('completed_command_ids').notNullable().defaultTo(knex.raw(`'[]'::jsonb`)).comment('Outbox command ids applied to this instance, for duplicate detection.');
    t.jsonb('completed_tasks').notNullable().defaultTo(knex.raw(`'{}'::jsonb`)).comment('Which command completed each user task activation: { taskId: commandId }, to tell a conflict from a lost response.');
    t.text('failure').comment('Why the instance FAILED.');
    t.integer('row_version').notNullable().defaultTo(1).comment('Incremented by every save; a save expects the version it loaded.');
    t.timestamp('created_at', { useTz: true }).notNullable().comment('When the instance started.');
    t.timestamp('updated_at', { useTz: true }).notNullable().comment('Last save.');
    t.index(['status'], 'idx_process_instance_status');
    t.index(['tenant_id', 'business_key'], 'idx_process_instance_tenant_business_key');
    t.index(['business_key', 'status'], 'idx_process_instance_correlation');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('process_instance');
}
