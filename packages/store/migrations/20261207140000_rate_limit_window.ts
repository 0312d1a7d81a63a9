import type { Knex } from 'knex';

/**
 * Request counters of the rate limits, shared by every runtime instance on the database: one row
 * per client key and fixed window. Instances count in memory and add their hits here in batches.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('rate_limit_window', (t) => {
    t.comment('Rate limit counters: hits per client key and fixed time window, summed over all runtime instances.');
    t.string('key', 300).notNullable().comment('The limit and the client it counts, e.g. principal:<iss|sub> or address:<ip>.');
    t.timestamp('window_start', { useTz: true }).notNullable().comment('Start of the fixed window (a multiple of the window length since the epoch).');
    t.integer('hits').notNullable().comment('Requests counted in this window by all instances so far.');
    t.timestamp('expires_at', { useTz: true }).notNullable().comment('End of the window; the row is deleted after it.');
    t.primary(['key', 'window_start']);
    t.index(['expires_at'], 'idx_rate_limit_window_expiry');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('rate_limit_window');
}
