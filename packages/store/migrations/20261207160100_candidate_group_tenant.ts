import type { Knex } from 'knex';

/**
 * Candidate groups carry their item's tenant, so their row-level security policy is a comparison
 * instead of a look-up of the item for every row. With the look-up (migration 20261207160000), a
 * queue count by candidate group on 1,000,000 items read three times the buffers and spent 570 ms
 * of PostgreSQL CPU per count instead of 85 (docs/runtime-benchmarks.md, "Row-level security").
 *
 * - `tenant_id` is set by a trigger from the item, whoever inserts the row: a request's insert
 *   sees only its tenant's items, so a group row for another tenant's item cannot be written at
 *   all. A bulk load that inserts items and their groups in one statement (the item is not visible
 *   to the trigger yet) names the tenant itself, as a system pass or the owner.
 * - The group index leads with the tenant: the policy's comparison and the queue's group filter
 *   are both index conditions, and a count by group stays a merge of two index-only scans.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('work_item_candidate_group', (t) => {
    t.string('tenant_id', 80).comment('Tenant of the item (set by trg_candidate_group_tenant); what the row-level security policy compares.');
  });
  // The backfill reads every tenant's items: as the role that bypasses row-level security (the owner is subject to it, FORCE).
  await knex.raw('set local role mandate_system');
  await knex.raw('update work_item_candidate_group g set tenant_id = w.tenant_id from work_item w where w.id = g.work_item_id');
  await knex.raw('reset role');
  await knex.raw('alter table work_item_candidate_group alter column tenant_id set not null');
  await knex.raw(`
    create function work_item_candidate_group_tenant() returns trigger
    language plpgsql as $$
    declare
      item_tenant text;
    begin
      select w.tenant_id into item_tenant from work_item w where w.id = new.work_item_id;
      if item_tenant is not null then
        new.tenant_id := item_tenant;
      -- Not visible: another tenant's item for a request; for a system pass or the owner, an item
      -- inserted by the same statement (a bulk load's CTE), which must then name the tenant itself.
      elsif new.tenant_id is null or coalesce(current_setting('mandate.tenant_id', true), '') <> '' then
        raise exception 'work item % is not visible here: no candidate group can be added to it', new.work_item_id using errcode = '42501';
      end if;
      return new;
    end $$`);
  await knex.raw(`comment on function work_item_candidate_group_tenant() is 'Sets a candidate group''s tenant from its work item, as the inserting role sees it.'`);
  await knex.raw('create trigger trg_candidate_group_tenant before insert or update on work_item_candidate_group for each row execute function work_item_candidate_group_tenant()');
  await knex.raw(`comment on trigger trg_candidate_group_tenant on work_item_candidate_group is 'A candidate group always carries its item''s tenant.'`);
  await knex.raw('drop policy tenant_isolation on work_item_candidate_group');
  await knex.raw(`create policy tenant_isolation on work_item_candidate_group using (tenant_id = nullif(current_setting('mandate.tenant_id', true), '')) with check (tenant_id = nullif(current_setting('mandate.tenant_id', true), ''))`);
  await knex.raw(`comment on policy tenant_isolation on work_item_candidate_group is 'A request sees and writes the rows of the tenant it set (mandate.tenant_id) and nothing without one.'`);
  await knex.raw('drop index idx_candidate_group_item');
  await knex.raw('create index idx_candidate_group_item on work_item_candidate_group (tenant_id, group_code, work_item_id)');
  await knex.raw(`comment on index idx_candidate_group_item is 'A tenant''s items of a candidate group in id order: queue filters and counts by group.'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index idx_candidate_group_item');
  await knex.raw('create index idx_candidate_group_item on work_item_candidate_group (group_code, work_item_id)');
  await knex.raw('drop policy tenant_isolation on work_item_candidate_group');
  await knex.raw(`create policy tenant_isolation on work_item_candidate_group using (exists (select 1 from work_item w where w.id = work_item_candidate_group.work_item_id)) with check (exists (select 1 from work_item w where w.id = work_item_candidate_group.work_item_id))`);
  await knex.raw('drop trigger trg_candidate_group_tenant on work_item_candidate_group');
  await knex.raw('drop function work_item_candidate_group_tenant()');
  await knex.schema.alterTable('work_item_candidate_group', (t) => t.dropColumn('tenant_id'));
}
