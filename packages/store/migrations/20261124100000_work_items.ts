import type { Knex } from 'knex';

/** The work item read model, its candidate groups, business objects, decisions and approvals. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('business_object', (t) => {
    t.comment('Latest known version of each business object (quote, order, customer, plan), per tenant.');
    t.string('tenant_id', 80).notNullable().comment('Owning tenant.');
    t.string('type', 80).notNullable().comment('QUOTE, ORDER, CUSTOMER, COMPENSATION_PLAN, ...');
    t.string('id', 120).notNullable().comment('Business id, e.g. Q-2026-000918.');
    t.integer('version').notNullable().comment('Optimistic version from the owning domain service.');
    t.integer('revision').comment('Quote revision, where the type has revisions.');
    t.jsonb('snapshot').notNullable().comment('The facts the policy reads (owner, amount, tier, ...).');
    t.timestamp('updated_at', { useTz: true }).notNullable().comment('When this version was recorded.');
    t.primary(['tenant_id', 'type', 'id']);
  });

  await knex.schema.createTable('work_item', (t) => {
    t.comment('One human task: the worklist read model, pinned to the definition versions it was created under.');
    t.uuid('id').primary().comment('Work item id.');
    t.string('tenant_id', 80).notNullable().comment('Owning tenant; every query is scoped by it.');
    t.string('task_type', 80).notNullable().comment('Task type id.');
    t.integer('task_type_version').notNullable().comment('Pinned task type version.');
    t.jsonb('pinned_definitions').notNullable().comment('ID@VERSION of every definition the item evaluates under.');
    t.string('state', 20).notNullable().comment('available, claimed, delegated, escalated, decided, completed, cancelled, obsolete, expired.');
    t.string('title', 200).notNullable().comment('What the worklist shows.');
    t.string('business_object_type', 80).notNullable().comment('Type of the object decided on.');
    t.string('business_object_id', 120).notNullable().comment('Id of the object decided on.');
    t.integer('business_object_version').notNullable().comment('Version the item binds to (stale approvals are refused).');
    t.integer('business_object_revision').comment('Revision the item binds to, where the type has revisions.');
    t.string('region', 40).comment('Region, for segmentation and authority scope.');
    t.string('product_family', 80).comment('Product family, for segmentation and authority scope.');
    t.string('assignee', 200).comment('Current owner of the work (iss|sub).');
    t.string('owner', 200).comment('Accountable person; stays when delegated.');
    t.string('requested_by', 200).comment('Who asked for the decision (four-eyes).');
    t.string('delegated_to', 200).comment('Person asked for input while delegated.');
    t.integer('priority').notNullable().defaultTo(0).comment('Priority score from the pinned priority model.');
    t.jsonb('priority_reasons').notNullable().defaultTo('[]').comment('Reasons of the score, e.g. ["REGULATORY_RISK:+50"].');
    t.string('risk_class', 20).comment('Commercial or regulatory risk class.');
    t.string('escalation_group', 80).comment('Group that owns the item after an SLA breach.');
    t.integer('escalation_level').notNullable().defaultTo(0).comment('How often the item was escalated.');
    t.timestamp('due_at', { useTz: true }).comment('SLA due time (business time on the policy calendar).');
    t.jsonb('evidence').notNullable().comment('Evidence snapshot; served only through the visibility policy.');
    t.jsonb('caller_ref').comment('Workflow reference (process instance, activity instance) for the outcome.');
    t.string('blocker_code', 80).comment('Why the item exists or is blocked.');
    t.string('outcome_reason', 80).comment('Why it ended: OBSOLETE_BUSINESS_OBJECT_CHANGED, CANCELLED_PROCESS_ENDED, ...');
    t.integer('row_version').notNullable().defaultTo(1).comment('Incremented on every change; claims are conditional on it.');
    t.timestamp('created_at', { useTz: true }).notNullable().comment('Creation time.');
    t.timestamp('updated_at', { useTz: true }).notNullable().comment('Last change.');
    t.index(['tenant_id', 'state', 'priority', 'due_at'], 'idx_work_item_status_priority');
    t.index(['tenant_id', 'assignee', 'state', 'due_at'], 'idx_work_item_assignee_status');
    t.index(['tenant_id', 'business_object_type', 'business_object_id'], 'idx_work_item_business_object');
    t.index(['tenant_id', 'state', 'due_at'], 'idx_work_item_tenant_status_due');
  });

  await knex.schema.createTable('work_item_candidate_group', (t) => {
    t.comment('Candidate groups of a work item, normalised so queues do not scan JSON.');
    t.uuid('work_item_id').notNullable().references('work_item.id').onDelete('CASCADE').comment('The work item.');
    t.string('group_code', 80).notNullable().comment('Candidate group, e.g. regional-sales-directors.');
    t.primary(['work_item_id', 'group_code']);
    t.index(['group_code', 'work_item_id'], 'idx_candidate_group_item');
  });

  await knex.schema.createTable('decision', (t) => {
    t.comment('A decision on a work item: immutable once written.');
    t.uuid('id').primary().comment('Decision id.');
    t.uuid('work_item_id').notNullable().references('work_item.id').comment('The decided item.');
    t.string('tenant_id', 80).notNullable().comment('Owning tenant.');
    t.string('decision', 80).notNullable().comment('Decision option code.');
    t.string('reason_code', 80).comment('Reason code from the pinned reason-code set.');
    t.text('comment').comment('Free-text nuance; never the only record of a decision.');
    t.string('actor', 200).notNullable().comment('Who decided (iss|sub).');
    t.jsonb('actor_roles').notNullable().comment('Roles held when deciding.');
    t.integer('business_object_version').notNullable().comment('Version the decision was made on.');
    t.jsonb('payload').notNullable().comment('The decision form as submitted.');
    t.jsonb('policy_trace').notNullable().comment('Why the policy allowed it.');
    t.string('status', 30).notNullable().comment('EFFECTIVE, or AWAITING_SECOND_APPROVAL.');
    t.timestamp('decided_at', { useTz: true }).notNullable().comment('When it was decided.');
    t.index(['work_item_id'], 'idx_decision_work_item');
  });

  await knex.schema.createTable('approval_request', (t) => {
    t.comment('What an approval task asks for: requester, required authority, forbidden approvers.');
    t.uuid('work_item_id').primary().references('work_item.id').onDelete('CASCADE').comment('The approval task.');
    t.string('requested_by', 200).notNullable().comment('Requester; may not approve.');
    t.timestamp('requested_at', { useTz: true }).notNullable().comment('When it was requested.');
    t.jsonb('required_authority').notNullable().comment('Measure and amount the approver needs authority for.');
    t.jsonb('forbidden_approver_user_ids').notNullable().defaultTo('[]').comment('Users who may not approve.');
    t.jsonb('forbidden_approver_role_codes').notNullable().defaultTo('[]').comment('Roles that may not approve.');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['approval_request', 'decision', 'work_item_candidate_group', 'work_item', 'business_object']) {
    await knex.schema.dropTableIfExists(table);
  }
}
