import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import { migrationSource } from '../migrations/index.js';
import { AuditKeys } from './audit/AuditKeys.js';
import { inTransaction, type StoreTransaction } from './StoreTransaction.js';
import { scopeConnections } from './tenancy/scopeConnections.js';
import { asOwner, type TenantScope } from './tenancy/tenantScope.js';

/** Which engine a database runs on. */
export type DatabaseKind = 'postgresql' | 'pglite';

/**
 * Where the data lives: PostgreSQL through a URL (optionally in its own schema, which isolates
 * test runs), PGlite in a folder, or PGlite in memory (tests).
 */
export type DatabaseOptions = { databaseUrl: string; schema?: string } | { dataDir: string } | { memory: true };

/**
 * Whose rows a statement issued outside `withTenant` / `asSystem` / `asOwner` may touch: `nobody`
 * (the runtime: a forgotten scope sees no tenant's rows) or `owner` (tests and tools that set up
 * and inspect data directly).
 */
export type UnscopedAccess = Extract<TenantScope['kind'], 'nobody' | 'owner'>;

/** An open database: the knex instance and what it runs on. */
export interface Database {
  knex: Knex;
  kind: DatabaseKind;
  /** The keys every audit writer marks its events with and checkpoints are signed with; never stored in the database. */
  auditKeys: AuditKeys;
  /** Runs `run` in one transaction (committed when it resolves, rolled back when it throws); the transaction is opaque outside the store. */
  transaction: <T>(run: (tx: StoreTransaction) => Promise<T>) => Promise<T>;
  /** Applies every migration not applied yet, as the owner. */
  migrate: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * Opens the database: PostgreSQL when a URL is given (production, CI), else embedded PGlite (the
 * default for a laptop demo; one connection, file-backed). Same migrations and queries on both.
 * `auditKeys` default to a fresh key, which suits tests: a runtime passes its configured keys, or
 * it could neither seal what it wrote before a restart nor verify its old checkpoints.
 * Every connection runs in the tenant scope of the code that uses it (`tenancy/`); `unscoped` says
 * what a statement outside any scope may see.
 */
export function createDatabase(options: DatabaseOptions, auditKeys: AuditKeys = AuditKeys.generate(), unscoped: UnscopedAccess = 'nobody'): Database {
  const kind: DatabaseKind = 'databaseUrl' in options ? 'postgresql' : 'pglite';
  // PGlite creates its own folder, but not the folders above it.
  if ('dataDir' in options) mkdirSync(dirname(options.dataDir), { recursive: true });
  const schema = 'databaseUrl' in options ? options.schema : undefined;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const knex =
    'databaseUrl' in options
      ? knexFactory({ client: 'pg', connection: options.databaseUrl, pool: { min: 0, max: 10 }, ...(schema ? { searchPath: [schema] } : {}) })
      : knexFactory({ client: ClientPgLite, dialect: 'postgres', connection: 'dataDir' in options ? { filename: options.dataDir } : {} });
  scopeConnections(knex, { kind: unscoped });
  return {
    knex,
    kind,
    auditKeys,
    transaction: (run) => inTransaction(knex, run),
    migrate: () =>
      asOwner(async () => {
        if (schema) await knex.raw('create schema if not exists ??', [schema]);
        await knex.migrate.latest({ migrationSource, ...(schema ? { schemaName: schema } : {}) });
      }),
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
 * anything else that must not see other data) on a shared server. Statements outside a scope run
 * as the owner, as tests that set up data expect, unless `unscoped` says `nobody`.
 */
export async function createIsolatedDatabase(databaseUrl: string, unscoped: UnscopedAccess = 'owner'): Promise<Database> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const db = createDatabase({ databaseUrl, schema }, undefined, unscoped);
  await db.migrate();
  return {
    ...db,
    close: async () => {
      await asOwner(() => db.knex.raw('drop schema if exists ?? cascade', [schema]));
      await db.close();
    },
  };
}

/** An embedded PGlite database in memory with every migration applied: for tests and demos (unscoped statements as the owner, unless `unscoped` says `nobody`). */
export async function createMemoryDatabase(unscoped: UnscopedAccess = 'owner'): Promise<Database> {
  const db = createDatabase({ memory: true }, undefined, unscoped);
  await db.migrate();
  return db;
}
