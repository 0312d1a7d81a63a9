import type { Knex } from 'knex';

/**
 * A work item may carry an expiration instant given by whoever created it (WS-HumanTask's
 * expiration deadline; for a quote approval, the end of the quote's validity). The SLA scheduler
 * closes an open item past it as `expired`. Few items have one, so the index holds only those.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('work_item', (t) => {
    t.timestamp('expires_at', { useTz: true }).comment('When the item expires if still open (state expired, audit TaskExpired); null: never.');
  });
  await knex.raw('create index idx_work_item_expiry on work_item (expires_at) where expires_at is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists idx_work_item_expiry');
  await knex.schema.alterTable('work_item', (t) => {
    t.dropColumn('expires_at');
  });
}
