import type { Knex } from 'knex';

/**
 * Audit events are chained after their commit, not inside it (docs/runtime-benchmarks.md).
 *
 * Chaining inside the command's transaction meant holding the tenant's chain lock from the append
 * to the COMMIT, WAL flush included, so a tenant's commands committed one at a time: at most one
 * per flush, and most of the decision benchmark's time was spent waiting for that lock. Now a
 * command inserts its event unsealed (no sequence, no hash) in its own transaction, and the sealer
 * (`KnexAuditLog.seal`, run every few hundred milliseconds and before every audit read or
 * verification) gives committed events their sequence, previous hash and hash in commit-visible
 * order, under the same per-tenant lock. Tamper evidence starts at sealing; an unsealed event is
 * already durable and ordered by `id`.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table audit_event drop constraint audit_event_pkey');
  await knex.raw('alter table audit_event add column id bigserial');
  await knex.raw(`comment on column audit_event.id is 'Insert order; the primary key. The chain order is sequence.'`);
  await knex.raw('alter table audit_event add primary key (id)');
  await knex.raw('alter table audit_event alter column sequence drop not null, alter column prev_hash drop not null, alter column hash drop not null');
  await knex.raw(`comment on column audit_event.sequence is 'Position in the tenant chain, from 1; null until sealed.'`);
  await knex.raw(`comment on column audit_event.prev_hash is 'Hash of the previous event (64 zeros for the first); null until sealed.'`);
  await knex.raw(`comment on column audit_event.hash is 'sha256(prev_hash || canonical JSON of this event); null until sealed.'`);
  await knex.schema.alterTable('audit_event', (t) => {
    t.timestamp('sealed_at', { useTz: true }).comment('When the sealer chained the event.');
  });
  await knex.raw('create unique index idx_audit_chain on audit_event (tenant_id, sequence)');
  await knex.raw(`comment on index idx_audit_chain is 'One event per chain position; the order audit reads and verification walk.'`);
  await knex.raw('create index idx_audit_unsealed on audit_event (tenant_id, id) where sequence is null');
  await knex.raw(`comment on index idx_audit_unsealed is 'The events the sealer has still to chain, per tenant in insert order.'`);
  await knex.raw('drop function if exists audit_chain_lock(text)');
}

export function down(): Promise<void> {
  // Unsealed events have no place in the old chain, and the old append function is gone: going back is a restore.
  return Promise.reject(new Error('20261124175100_audit_sealed_after_commit cannot be undone'));
}
