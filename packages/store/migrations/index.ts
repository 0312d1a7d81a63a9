import type { Knex } from 'knex';
import * as m20261124100000 from './20261124100000_work_items.js';
import * as m20261124100100 from './20261124100100_audit_and_outbox.js';
import * as m20261124110000 from './20261124110000_idempotency.js';
import * as m20261124120000 from './20261124120000_comments.js';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** Every migration, in order. Files are only ever added, never edited once landed. */
const MIGRATIONS: [string, Migration][] = [
  ['20261124100000_work_items', m20261124100000],
  ['20261124100100_audit_and_outbox', m20261124100100],
  ['20261124110000_idempotency', m20261124110000],
  ['20261124120000_comments', m20261124120000],
];

/** The migrations as a knex source: imported modules, so no directory scanning at run time. */
export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: () => Promise.resolve(MIGRATIONS.map(([name]) => name)),
  getMigrationName: (name) => name,
  getMigration: (name) => {
    const migration = MIGRATIONS.find(([n]) => n === name)?.[1];
    if (!migration) throw new Error(`unknown migration ${name}`);
    return Promise.resolve(migration);
  },
};
