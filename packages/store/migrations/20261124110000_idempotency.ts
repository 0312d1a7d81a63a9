import type { Knex } from 'knex';

/** Idempotency keys of commands: a replay returns the stored response byte for byte. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('idempotency_key', (t) => {
    t.comment('Idempotency keys, scoped to (tenant, principal, route), kept at least 24 hours.');
    t.string('tenant_id', 80).notNullable().comment('Tenant of the principal.');
    t.string('principal', 200).notNullable().comment('Who sent the command (iss|sub): one user never sees another user\'s response.');
    t.string('route', 200).notNullable().comment('Method and route template, e.g. POST /work-items/{id}/decisions.');
    t.string('key', 200).notNullable().comment('The Idempotency-Key header.');
    t.string('request_hash', 64).notNullable().comment('sha256 of the canonical request body: same key with another body is refused.');
    t.string('status', 20).notNullable().comment('IN_FLIGHT while the command runs, then COMPLETED.');
    t.integer('response_status').comment('HTTP status of the stored response.');
    t.text('response_body').comment('The response body exactly as first sent.');
    t.timestamp('created_at', { useTz: true }).notNullable().comment('First seen.');
    t.timestamp('expires_at', { useTz: true }).notNullable().comment('Not kept after this (at least 24 h after creation).');
    t.primary(['tenant_id', 'principal', 'route', 'key']);
    t.index(['expires_at'], 'idx_idempotency_expiry');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('idempotency_key');
}
