// Test support: a fresh database that two processes open in turn (a test and the child runtime it
// kills and restarts): a PGlite folder, and a PostgreSQL schema when DATABASE_URL is set.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type DatabaseOptions } from '@mandate/store';

/** A shared database, the application name its PostgreSQL connections carry, and how to remove it. */
export interface SharedDatabase {
  options: DatabaseOptions;
  /** Set on PostgreSQL: lets a test find (and terminate) its own backends only. */
  applicationName?: string;
  remove: () => Promise<void>;
}

/** The engines of a run, each preparing shared databases whose names start with `prefix`. */
export function sharedDatabaseEngines(prefix: string): { name: string; prepare: () => SharedDatabase }[] {
  const engines = [
    {
      name: 'pglite',
      prepare: (): SharedDatabase => {
        const dir = mkdtempSync(join(tmpdir(), `mandate-${prefix}-`));
        return { options: { dataDir: join(dir, 'pglite') }, remove: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) };
      },
    },
  ];
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    engines.push({
      name: 'postgresql',
      prepare: (): SharedDatabase => {
        const suffix = randomBytes(6).toString('hex');
        const applicationName = `mandate_${prefix}_${suffix}`;
        const options = { databaseUrl: `${databaseUrl}${databaseUrl.includes('?') ? '&' : '?'}application_name=${applicationName}`, schema: `t_${prefix}_${suffix}` };
        return {
          options,
          applicationName,
          remove: async () => {
            const db = createDatabase({ databaseUrl }, undefined, 'owner');
            await db.knex.raw('drop schema if exists ?? cascade', [options.schema]);
            await db.close();
          },
        };
      },
    });
  }
  return engines;
}
