import type { Knex } from 'knex';

/**
 * Two hot paths (docs/runtime-benchmarks.md).
 *
 * Audit appends in one statement. An append used to send three: take the tenant's advisory lock,
 * read the last event, insert the next. Lock and read cannot be one plain statement: under READ
 * COMMITTED a statement reads with the snapshot it started with, taken before it waited for the
 * lock, so it would miss the event of the transaction it waited for. A VOLATILE function takes a
 * fresh snapshot for each query it runs, so `audit_chain_lock` locks and then reads the tail as
 * committed after the lock; `KnexAuditLog.append` inserts from it. Same lock key as before, so
 * appenders of either kind still take turns.
 *
 * Counts by candidate group without a hash join. A count joins the tenant's items of a state with
 * the group's rows; both came from indexes, but only the group index is in `work_item_id` order,
 * so PostgreSQL hashed one side, in three processes. With the items of a state in id order too it
 * merges the two index-only scans in one process, which is what eight concurrent counts on two
 * cores need.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function audit_chain_lock(p_tenant_id text) returns table (last_sequence bigint, last_hash text)
    language plpgsql volatile as $$
    begin
      perform pg_advisory_xact_lock(hashtext('audit:' || p_tenant_id));
      return query select e.sequence, e.hash::text from audit_event e where e.tenant_id = p_tenant_id order by e.sequence desc limit 1;
      if not found then
        return query select 0::bigint, repeat('0', 64);
      end if;
    end $$`);
  await knex.raw(
    `comment on function audit_chain_lock(text) is 'Takes the tenant''s audit chain lock for the transaction and returns the last sequence and hash as committed after the lock (0 and 64 zeros for an empty chain).'`,
  );
  await knex.raw('create index idx_work_item_state_id on work_item (tenant_id, state, id)');
  await knex.raw(`comment on index idx_work_item_state_id is 'The tenant''s items of a state in id order: counts by candidate group merge it with idx_candidate_group_item.'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists idx_work_item_state_id');
  await knex.raw('drop function if exists audit_chain_lock(text)');
}
