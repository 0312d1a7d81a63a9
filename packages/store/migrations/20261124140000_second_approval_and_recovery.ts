import type { Knex } from 'knex';

/** Second approvals and the recovery actions taken on an item. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('work_item', (t) => {
    t.jsonb('pending_approval').comment('A decision or dangerous action waiting for a second person: {kind, code, requestedBy, id}.');
  });
  await knex.schema.alterTable('decision', (t) => {
    t.uuid('second_approval_of').comment('The first decision this one gives the second approval for (decisions are never updated).');
  });
  await knex.schema.createTable('recovery_action', (t) => {
    t.comment('A recovery action taken on a work item (reconcile, retry, mark no-effect, ...), with the evidence it attached.');
    t.uuid('id').primary().comment('Action id.');
    t.string('tenant_id', 80).notNullable().comment('Owning tenant.');
    t.uuid('work_item_id').notNullable().references('work_item.id').onDelete('CASCADE').comment('The work item.');
    t.string('action_code', 80).notNullable().comment('Action code from the pinned action policy.');
    t.string('actor', 200).notNullable().comment('Who took it (iss|sub).');
    t.jsonb('actor_roles').notNullable().comment('Roles held when acting.');
    t.string('reason_code', 80).comment('Reason code, where the action needs one.');
    t.text('comment').comment('Why, in words.');
    t.jsonb('attached_evidence').comment('Evidence the action recorded on the item (e.g. a reconciliation result).');
    t.string('status', 30).notNullable().comment('EFFECTIVE, or AWAITING_SECOND_APPROVAL for a dangerous action asked for by one person.');
    t.uuid('second_approval_of').comment('The request this action gives the second approval for.');
    t.jsonb('policy_trace').notNullable().comment('Why the policy allowed it.');
    t.timestamp('taken_at', { useTz: true }).notNullable().comment('When it was taken.');
    t.index(['tenant_id', 'work_item_id', 'taken_at'], 'idx_recovery_action_work_item');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('recovery_action');
  await knex.schema.alterTable('decision', (t) => t.dropColumn('second_approval_of'));
  await knex.schema.alterTable('work_item', (t) => t.dropColumn('pending_approval'));
}
