import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import { migrationSource } from '../migrations/index.js';
import { AuditKeys } from './audit/AuditKeys.js';

/** Which engine a database runs on. */
export type DatabaseKind = 'postgresql' | 'pglite';

/**
 * Where the data lives: PostgreSQL through a URL (optionally in its own schema, which isolates
 * test runs), PGlite in a folder, or PGlite in memory (tests).
 */
export type DatabaseOptions = { databaseUrl: string; schema?: string } | { dataDir: string } | { memory: true };

/** An open database: the knex instance and what it runs on. */
export interface Database {
  knex: Knex;
  kind: DatabaseKind;
  /** The keys every audit writer marks its events with and checkpoints are signed with; never stored in the database. */
  auditKeys: AuditKeys;
  /** Applies every migration not applied yet. */
  migrate: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * Opens the database: PostgreSQL when a URL is given (production, CI), else embedded PGlite (the
 * default for a laptop demo; one connection, file-backed). Same migrations and queries on both.
 * `auditKeys` default to a fresh key, which suits tests: a runtime passes its configured keys, or
 * it could neither seal what it wrote before a restart nor verify its old checkpoints.
 */
export function createDatabase(options: DatabaseOptions, auditKeys: AuditKeys = AuditKeys.generate()): Database {
  const kind: DatabaseKind = 'databaseUrl' in options ? 'postgresql' : 'pglite';
  // PGlite creates its own folder, but not the folders above it.
  if ('dataDir' in options) mkdirSync(dirname(options.dataDir), { recursive: true });
  const schema = 'databaseUrl' in options ? options.schema : undefined;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const knex =
    'databaseUrl' in options
      ? knexFactory({ client: 'pg', connection: options.databaseUrl, pool: { min: 0, max: 10 }, ...(schema ? { searchPath: [schema] } : {}) })
      : knexFactory({ client: ClientPgLite, dialect: 'postgres', connection: 'dataDir' in options ? { filename: options.dataDir } : {} });
  return {
    knex,
    kind,
    auditKeys,
    migrate: async () => {
      if (schema) await knex.raw('create schema if not exists ??', [schema]);
      await knex.migrate.latest({ migrationSource, ...(schema ? { schemaName: schema } : {}) });
    },
    close: () => knex.destroy(),
  };
}

/** Options from the environment: `DATABASE_URL`, else `MANDATE_DATA_DIR` (default `.data/pglite`). */
export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  return { dataDir: env.MANDATE_DATA_DIR ?? '.data/pglite' };
}

/**
 * A PostgreSQL database in a schema of its own, dropped on close: isolates test runs (and
 * anything else that must not see other data) on a shared server.
 */
export async function createIsolatedDatabase(databaseUrl: string): Promise<Database> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const db = createDatabase({ databaseUrl, schema });
  await db.migrate();
  return {
    ...db,
    close: async () => {
      await db.knex.raw('drop schema if exists ?? cascade', [schema]);
      await db.close();
    },
  };
}

/** An embedded PGlite database in memory with every migration applied: for tests and demos. */
export async function createMemoryDatabase(): Promise<Database> {
  const db = createDatabase({ memory: true });
  await db.migrate();
  return db;
}
