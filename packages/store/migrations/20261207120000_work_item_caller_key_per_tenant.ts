import type { Knex } from 'knex';

const KEY_HOLDING_STATES = `('available', 'claimed', 'delegated', 'escalated', 'decided', 'completed')`;

/**
 * The caller key is unique per tenant, not across tenants: with a global index, a second tenant's
 * item with the same key failed (a 500), which told that tenant an activation of another tenant
 * exists. Same states as before: an obsolete or cancelled item still frees the key for its renewal.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists idx_work_item_caller_key');
  await knex.raw(`create unique index idx_work_item_caller_key on work_item (tenant_id, caller_key) where caller_key is not null and state in ${KEY_HOLDING_STATES}`);
  await knex.raw(`comment on index idx_work_item_caller_key is 'One live item per workflow activation within a tenant.'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists idx_work_item_caller_key');
  await knex.raw(`create unique index idx_work_item_caller_key on work_item (caller_key) where caller_key is not null and state in ${KEY_HOLDING_STATES}`);
}
