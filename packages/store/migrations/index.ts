import type { Knex } from 'knex';
import * as m20261124100000 from './20261124100000_work_items.js';
import * as m20261124100100 from './20261124100100_audit_and_outbox.js';
import * as m20261124110000 from './20261124110000_idempotency.js';
import * as m20261124120000 from './20261124120000_comments.js';
import * as m20261124130000 from './20261124130000_worklist_order_index.js';
import * as m20261124140000 from './20261124140000_second_approval_and_recovery.js';
import * as m20261124150000 from './20261124150000_process_instances.js';
import * as m20261124150100 from './20261124150100_workflow_relay_and_sla.js';
import * as m20261124160000 from './20261124160000_audit_append_and_count_index.js';
import * as m20261124170000 from './20261124170000_definition_versions.js';
import * as m20261124175000 from './20261124175000_single_statement_decisions.js';
import * as m20261124175100 from './20261124175100_audit_sealed_after_commit.js';
import * as m20261125100000 from './20261125100000_work_item_expiry.js';
import * as m20261125110000 from './20261125110000_open_expiry_and_audit_object_indexes.js';
import * as m20261207100000 from './20261207100000_definition_version_contributors.js';
import * as m20261207100100 from './20261207100100_definition_version_contributors_backfill.js';
import * as m20261207120000 from './20261207120000_work_item_caller_key_per_tenant.js';
import * as m20261207130000 from './20261207130000_audit_append_only.js';
import * as m20261207130100 from './20261207130100_audit_checkpoints_and_writer_marks.js';
import * as m20261207140000 from './20261207140000_rate_limit_window.js';
import * as m20261207160000 from './20261207160000_row_level_security.js';
import * as m20261207160100 from './20261207160100_candidate_group_tenant.js';

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
  ['20261124130000_worklist_order_index', m20261124130000],
  ['20261124140000_second_approval_and_recovery', m20261124140000],
  ['20261124150000_process_instances', m20261124150000],
  ['20261124150100_workflow_relay_and_sla', m20261124150100],
  ['20261124160000_audit_append_and_count_index', m20261124160000],
  ['20261124170000_definition_versions', m20261124170000],
  ['20261124175000_single_statement_decisions', m20261124175000],
  ['20261124175100_audit_sealed_after_commit', m20261124175100],
  ['20261125100000_work_item_expiry', m20261125100000],
  ['20261125110000_open_expiry_and_audit_object_indexes', m20261125110000],
  ['20261207100000_definition_version_contributors', m20261207100000],
  ['20261207100100_definition_version_contributors_backfill', m20261207100100],
  ['20261207120000_work_item_caller_key_per_tenant', m20261207120000],
  ['20261207130000_audit_append_only', m20261207130000],
  ['20261207130100_audit_checkpoints_and_writer_marks', m20261207130100],
  ['20261207140000_rate_limit_window', m20261207140000],
  ['20261207160000_row_level_security', m20261207160000],
  ['20261207160100_candidate_group_tenant', m20261207160100],
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
