import type { Knex } from 'knex';

const OPEN = "('available', 'claimed', 'delegated', 'escalated')";

/**
 * Two indexes that follow their queries more closely:
 * - Expiry: the scheduler looks for OPEN items past `expires_at`; the first expiry index also held
 *   every closed item that ever had an expiry, which each pass would walk. Now only open ones.
 * - Audit by business object: `GET /audit?businessObjectId=` may come without a type, which the
 *   old (tenant, type, id) index could not serve; (tenant, id, type) serves both, at the same
 *   write cost (it replaces the old one).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists idx_work_item_expiry');
  await knex.raw(`create index idx_work_item_open_expiry on work_item (expires_at) where expires_at is not null and state in ${OPEN}`);
  await knex.raw('drop index if exists idx_audit_business_object');
  await knex.raw('create index idx_audit_business_object_id on audit_event (tenant_id, business_object_id, business_object_type)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists idx_audit_business_object_id');
  await knex.raw('create index idx_audit_business_object on audit_event (tenant_id, business_object_type, business_object_id)');
  await knex.raw('drop index if exists idx_work_item_open_expiry');
  await knex.raw('create index idx_work_item_expiry on work_item (expires_at) where expires_at is not null');
}
