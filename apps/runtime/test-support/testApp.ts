// Test support: the real app on a fresh database (PGlite, and PostgreSQL when DATABASE_URL is
// set), the shipped definitions, the dev identity, and a fixed clock.
import { createSecretKey, randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createIsolatedDatabase, createMemoryDatabase, createStores, type Database } from '@mandate/store';
import { createServer, type RuntimeDeps } from '../src/createServer.js';
import { DefinitionRegistry } from '../src/DefinitionRegistry.js';
import { importDefinitions } from '../src/governance/importDefinitions.js';
import { createDevIdentity } from '../src/identity/devIdentity.js';

export const definitionsDir = join(dirname(fileURLToPath(import.meta.url)), '../../../definitions');

/** Engines to run API tests on: PGlite, and PostgreSQL when DATABASE_URL is set. */
export const engines: { name: string; open: () => Promise<Database> }[] = [{ name: 'pglite', open: createMemoryDatabase }];
const url = process.env.DATABASE_URL;
if (url) engines.push({ name: 'postgresql', open: () => createIsolatedDatabase(url) });

/** The clock of API tests: a Thursday, 10:00 in Berlin. */
export const TEST_NOW = '2026-07-02T08:00:00Z';

/**
 * The app with its database (the shipped definitions imported, as at a start), and a way to get
 * tokens for demo users. Tests that move time pass their own clock; `db` shares a database with
 * another app (a second runtime instance); `runtime` passes further settings (metrics token, rate limits).
 */
export async function testApp(
  open: () => Promise<Database>,
  clock: () => Date = () => new Date(TEST_NOW),
  options: { db?: Database; refreshIntervalMs?: number; runtime?: Partial<Omit<RuntimeDeps, 'db' | 'stores' | 'registry' | 'identity' | 'clock'>> } = {},
) {
  const db = options.db ?? (await open());
  const devKey = createSecretKey(randomBytes(32));
  const identity = createDevIdentity(devKey);
  const stores = createStores(db);
  const definitionImport = await importDefinitions(stores, definitionsDir, clock);
  const registry = await DefinitionRegistry.fromSource(stores.definitions, { clock, ...(options.refreshIntervalMs !== undefined ? { refreshIntervalMs: options.refreshIntervalMs } : {}) });
  const app = createServer({ db, stores, registry, definitionImport, identity, clock, ...options.runtime });
  const tokens = new Map<string, string>();
  const token = async (userId: string) => {
    let t = tokens.get(userId);
    if (!t) {
      t = await identity.issueDevToken!(userId);
      tokens.set(userId, t);
    }
    return `Bearer ${t}`;
  };
  return { app, db, stores, registry, token, devKey };
}
