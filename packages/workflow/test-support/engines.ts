// Test support: workflow tests run on embedded PGlite, and again on PostgreSQL when DATABASE_URL is
// set (CI sets it), each in a fresh database or schema with all migrations applied.
import { createIsolatedDatabase, createMemoryDatabase, type Database } from '@mandate/store';

export const engines: { name: string; open: () => Promise<Database> }[] = [{ name: 'pglite', open: createMemoryDatabase }];
const url = process.env.DATABASE_URL;
if (url) engines.push({ name: 'postgresql', open: () => createIsolatedDatabase(url) });
