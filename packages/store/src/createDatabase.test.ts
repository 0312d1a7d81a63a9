import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engines } from '../test-support/engines.js';
import { createDatabase, databaseOptionsFromEnv } from './createDatabase.js';

describe.each(engines)('migrations on $name', ({ open }) => {
  it('create every table with a comment on each table and column', async () => {
    const db = await open();
    try {
      const tables = ['business_object', 'work_item', 'work_item_candidate_group', 'decision', 'approval_request', 'audit_event', 'workflow_command_outbox', 'idempotency_key', 'comment', 'attachment'];
      const uncommented = await db.knex.raw<{ rows: { table_name: string; column_name: string | null }[] }>(
        `select c.relname as table_name, a.attname as column_name
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
           left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and col_description(c.oid, a.attnum) is null
          where c.relkind = 'r' and n.nspname = current_schema() and c.relname = any(?) and (obj_description(c.oid, 'pg_class') is null or a.attname is not null)`,
        [tables],
      );
      expect(uncommented.rows).toEqual([]);
      const present = await db.knex.raw<{ rows: { relname: string }[] }>(`select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where relkind = 'r' and n.nspname = current_schema()`);
      expect(present.rows.map((r) => r.relname)).toEqual(expect.arrayContaining(tables));
    } finally {
      await db.close();
    }
  });
});

describe('embedded PGlite in a folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mandate-pglite-'));
  it('keeps its data across restarts, and migrating again changes nothing', async () => {
    const first = createDatabase({ dataDir: dir }, undefined, 'owner');
    await first.migrate();
    await first.knex('business_object').insert({ tenant_id: 'ACME_EU', type: 'QUOTE', id: 'Q-1', version: 1, snapshot: '{}', updated_at: '2026-07-02T10:00:00Z' });
    await first.close();
    const second = createDatabase({ dataDir: dir }, undefined, 'owner');
    await second.migrate();
    expect(await second.knex('business_object').select('id')).toEqual([{ id: 'Q-1' }]);
    await second.close();
  });

  it('chooses PostgreSQL only when DATABASE_URL is set', () => {
    expect(databaseOptionsFromEnv({ DATABASE_URL: 'postgres://x/y' })).toEqual({ databaseUrl: 'postgres://x/y' });
    expect(databaseOptionsFromEnv({ MANDATE_DATA_DIR: '/var/lib/mandate' })).toEqual({ dataDir: '/var/lib/mandate' });
    expect(databaseOptionsFromEnv({})).toEqual({ dataDir: '.data/pglite' });
  });
});
