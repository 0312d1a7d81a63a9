import type { Knex } from 'knex';

/**
 * The audit trail is append-only in the database, whatever code runs the statement and whoever
 * owns the table (as definition versions are, migration 20261124170000).
 *
 * A row may be inserted, and updated exactly once: by the sealer, from unsealed (no sequence,
 * previous hash, hash or seal time) to sealed (all four set), changing nothing else. Every other
 * update, every delete and every TRUNCATE is refused. The content check compares the whole row
 * without the seal columns, so a column added later is protected without touching this trigger.
 *
 * An attacker with the owner's rights can still disable the triggers (`ALTER TABLE ... DISABLE
 * TRIGGER`); what they then change is found by the signed checkpoints (migration
 * 20261207130100), not by this. The application role should get INSERT, SELECT and UPDATE of
 * (sequence, prev_hash, hash, sealed_at) on audit_event only: never DELETE, TRUNCATE or ownership.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function audit_event_append_only() returns trigger
    language plpgsql as $$
    declare
      seal_columns constant text[] := array['sequence', 'prev_hash', 'hash', 'sealed_at'];
    begin
      if tg_op = 'UPDATE'
        and old.sequence is null and old.prev_hash is null and old.hash is null and old.sealed_at is null
        and new.sequence is not null and new.prev_hash is not null and new.hash is not null and new.sealed_at is not null
        and (to_jsonb(new) - seal_columns) = (to_jsonb(old) - seal_columns)
      then
        return new;
      end if;
      if tg_op = 'UPDATE' then
        raise exception 'audit_event is append-only: event % may only be sealed, once', old.id using errcode = 'P0001';
      end if;
      raise exception 'audit_event is append-only: % is refused', tg_op using errcode = 'P0001';
    end $$`);
  await knex.raw(`comment on function audit_event_append_only() is 'Refuses every change to audit_event but the sealing of an unsealed event (seal columns only), and every delete and truncate.'`);
  await knex.raw('create trigger trg_audit_event_append_only before update or delete on audit_event for each row execute function audit_event_append_only()');
  await knex.raw(`comment on trigger trg_audit_event_append_only on audit_event is 'Audit events are append-only; the sealer may set the seal columns once.'`);
  await knex.raw('create trigger trg_audit_event_no_truncate before truncate on audit_event for each statement execute function audit_event_append_only()');
  await knex.raw(`comment on trigger trg_audit_event_no_truncate on audit_event is 'Audit events are never truncated.'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger if exists trg_audit_event_no_truncate on audit_event');
  await knex.raw('drop trigger if exists trg_audit_event_append_only on audit_event');
  await knex.raw('drop function if exists audit_event_append_only()');
}
