// Test support: every store test runs on embedded PGlite, and again on PostgreSQL when
// DATABASE_URL is set (CI sets it), each in a fresh database or schema with all migrations applied.
import { createIsolatedDatabase, createMemoryDatabase, type Database } from '../src/createDatabase.js';

/** The engines this run covers. */
export const engines: { name: string; open: () => Promise<Database> }[] = [{ name: 'pglite', open: createMemoryDatabase }];
const url = process.env.DATABASE_URL;
if (url) engines.push({ name: 'postgresql', open: () => createIsolatedDatabase(url) });
