import type { Knex } from 'knex';

/** Append-only, hash-chained audit evidence and the workflow command outbox. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_event', (t) => {
    t.comment('Audit evidence, append-only and hash-chained per tenant: editing a row breaks the chain.');
    t.string('tenant_id', 80).notNullable().comment('Chain owner.');
    t.bigInteger('sequence').notNullable().comment('Position in the tenant chain, from 1.');
    t.string('event_type', 60).notNullable().comment('TaskCreated, TaskClaimed, TaskDecisionSubmitted, ...');
    t.uuid('work_item_id').comment('The work item, when the event concerns one.');
    t.string('business_object_type', 80).comment('Business object type, for audit queries.');
    t.string('business_object_id', 120).comment('Business object id, for audit queries.');
    t.string('actor', 200).comment('Who acted (iss|sub), or null for the system.');
    t.jsonb('payload').notNullable().comment('The evidence itself.');
    t.timestamp('occurred_at', { useTz: true }).notNullable().comment('When it happened.');
    t.string('prev_hash', 64).notNullable().comment('Hash of the previous event (64 zeros for the first).');
    t.string('hash', 64).notNullable().comment('sha256(prev_hash || canonical JSON of this event).');
    t.primary(['tenant_id', 'sequence']);
    t.index(['tenant_id', 'work_item_id'], 'idx_audit_work_item');
    t.index(['tenant_id', 'business_object_type', 'business_object_id'], 'idx_audit_business_object');
    t.index(['tenant_id', 'actor', 'occurred_at'], 'idx_audit_actor');
  });

  await knex.schema.createTable('workflow_command_outbox', (t) => {
    t.comment('Workflow commands written with the decision in one transaction and sent afterwards with retries.');
    t.uuid('id').primary().comment('Command id; also the idempotency key towards the workflow engine.');
    t.string('tenant_id', 80).notNullable().comment('Owning tenant.');
    t.string('command_type', 80).notNullable().comment('COMPLETE_TASK, CORRELATE_MESSAGE, ...');
    t.string('process_instance_id', 120).comment('Workflow process instance.');
    t.string('task_id', 120).comment('Workflow task id.');
    t.string('business_key', 120).comment('Workflow business key.');
    t.jsonb('payload').notNullable().comment('Variables to send.');
    t.string('status', 20).notNullable().comment('PENDING, SENT, FAILED (gave up).');
    t.integer('attempt_count').notNullable().defaultTo(0).comment('Sends tried.');
    t.text('last_error').comment('Why the last send failed.');
    t.timestamp('available_at', { useTz: true }).notNullable().comment('Not sent before this (backoff).');
    t.timestamp('created_at', { useTz: true }).notNullable().comment('Written with the decision.');
    t.timestamp('updated_at', { useTz: true }).notNullable().comment('Last change.');
    t.index(['status', 'available_at'], 'idx_outbox_pending');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('workflow_command_outbox');
  await knex.schema.dropTableIfExists('audit_event');
}
