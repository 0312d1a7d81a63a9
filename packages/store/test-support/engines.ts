// Test support: every store test runs on embedded PGlite, and again on PostgreSQL when
// DATABASE_URL is set (CI sets it), each in a fresh database or schema with all migrations applied.
import { randomBytes } from 'node:crypto';
import { createDatabase, type Database } from '../src/createDatabase.js';

/** The engines this run covers. */
export const engines: { name: string; open: () => Promise<Database> }[] = [
  {
    name: 'pglite',
    open: async () => {
      const db = createDatabase({ memory: true });
      await db.migrate();
      return db;
    },
  },
];

const url = process.env.DATABASE_URL;
if (url) {
  engines.push({
    name: 'postgresql',
    open: async () => {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const db = createDatabase({ databaseUrl: url, schema });
      await db.migrate();
      const close = db.close;
      // Drop the test schema afterwards, so repeated runs leave nothing behind.
      return { ...db, close: async () => { await db.knex.raw('drop schema if exists ?? cascade', [schema]); await close(); } };
    },
  });
}
