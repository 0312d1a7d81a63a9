import type { Knex } from 'knex';

/**
 * What the hash chain alone cannot show (docs/runtime.md, "Audit"):
 *
 * - A rewritten tail. SHA-256 needs no key, so whoever deletes the last events, or edits one and
 *   recomputes the hashes after it, leaves a chain that verifies. A checkpoint is the chain head
 *   (sequence and hash) signed with the runtime's Ed25519 key, which is not in the database:
 *   verification compares the chain with the signed heads and names truncation and re-hashing.
 * - A forged unsealed event. The sealer chained whatever row it found unsealed. Now each writer
 *   marks the row it inserts (`writer_mark`: a nonce and an HMAC of the content under a key
 *   derived from the signing key), and the sealer chains only rows whose mark holds. The mark is
 *   unique, so a copy of a genuine row is refused too.
 *
 * Checkpoints are append-only like the events. Events inserted before this migration have no
 * mark: unsealed ones among them stay unsealed and are reported by verification.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_event', (t) => {
    t.string('writer_mark', 97).comment('The writer\'s mark: hex nonce "." hex HMAC-SHA256 of nonce and content; the sealer chains only rows whose mark holds.');
  });
  await knex.raw('create unique index idx_audit_writer_mark on audit_event (writer_mark)');
  await knex.raw(`comment on index idx_audit_writer_mark is 'One row per mark: a copied event is refused.'`);

  await knex.schema.createTable('audit_checkpoint', (t) => {
    t.comment('Signed heads of the tenant audit chains: the chain must still reach and match each of them.');
    t.bigIncrements('id').primary().comment('Insert order.');
    t.string('tenant_id', 80).notNullable().comment('Chain owner.');
    t.bigInteger('sequence').notNullable().comment('The chain head\'s sequence when signed.');
    t.string('hash', 64).notNullable().comment('The chain head\'s hash when signed.');
    t.timestamp('signed_at', { useTz: true }).notNullable().comment('When it was signed; part of the signed message.');
    t.string('key_id', 16).notNullable().comment('Which signing key: first 16 hex of SHA-256 of its public key (SPKI DER).');
    t.text('signature').notNullable().comment('Ed25519 signature (base64url) of the canonical JSON of tenant, sequence, hash and signed_at.');
    t.index(['tenant_id', 'sequence'], 'idx_audit_checkpoint_tenant_sequence');
  });
  await knex.raw(`
    create function audit_checkpoint_append_only() returns trigger
    language plpgsql as $$
    begin
      raise exception 'audit_checkpoint is append-only: % is refused', tg_op using errcode = 'P0001';
    end $$`);
  await knex.raw(`comment on function audit_checkpoint_append_only() is 'Refuses every update, delete and truncate of audit_checkpoint.'`);
  await knex.raw('create trigger trg_audit_checkpoint_append_only before update or delete on audit_checkpoint for each row execute function audit_checkpoint_append_only()');
  await knex.raw(`comment on trigger trg_audit_checkpoint_append_only on audit_checkpoint is 'Checkpoints are append-only.'`);
  await knex.raw('create trigger trg_audit_checkpoint_no_truncate before truncate on audit_checkpoint for each statement execute function audit_checkpoint_append_only()');
  await knex.raw(`comment on trigger trg_audit_checkpoint_no_truncate on audit_checkpoint is 'Checkpoints are never truncated.'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('audit_checkpoint');
  await knex.raw('drop function if exists audit_checkpoint_append_only()');
  await knex.raw('drop index if exists idx_audit_writer_mark');
  await knex.schema.alterTable('audit_event', (t) => {
    t.dropColumn('writer_mark');
  });
}
