import type { Knex } from 'knex';

/**
 * Tenant isolation in the database, not only in the queries (docs/security.md, "Tenancy in the
 * database").
 *
 * - Two roles without login: `mandate_app`, what a request runs as, sees the rows of the tenant
 *   the request set (`mandate.tenant_id`) and nothing without one; `mandate_system` (BYPASSRLS),
 *   what the background passes run as (sealer, relay, SLA, reconciliation), which work across
 *   tenants. The runtime switches to one of them on every connection it takes from its pool
 *   (packages/store/src/tenancy); migrations run as the connecting user, the owner.
 * - Row-level security enabled and forced (the owner too) on every table that holds a tenant's
 *   rows. A table with a `tenant_id` column compares it; the two child tables of `work_item`
 *   without one see the rows of the items their role may see.
 * - Privileges: the roles get what the runtime does, no more: reads, inserts and updates, deletes
 *   only where the runtime deletes, sequences for nextval only. The audit trail and its signed
 *   heads take inserts, and the seal columns their one update; the migration bookkeeping is the
 *   owner's alone.
 *
 * Roles belong to the server, not to a schema: they are created when missing (several test
 * schemas may migrate at once), and an owner who may not create roles gets a message saying
 * which to create.
 */
const TENANT_TABLES = [
  'business_object',
  'work_item',
  'decision',
  'audit_event',
  'audit_checkpoint',
  'workflow_command_outbox',
  'idempotency_key',
  'comment',
  'attachment',
  'recovery_action',
  'process_instance',
  'sla_escalation',
] as const;

/** Tables whose rows belong to a work item and carry no tenant of their own. */
const WORK_ITEM_CHILD_TABLES = ['work_item_candidate_group', 'approval_request'] as const;

/** The request's tenant; null without one (an empty setting is no tenant), so nothing compares equal to it. */
const TENANT_OF_REQUEST = `nullif(current_setting('mandate.tenant_id', true), '')`;

/** The only tables the runtime deletes from: expired counters, an item's replaced candidate groups, spent idempotency keys. */
const DELETED_FROM = ['rate_limit_window', 'work_item_candidate_group', 'idempotency_key'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    do $$
    begin
      if not exists (select 1 from pg_roles where rolname = 'mandate_app') then
        create role mandate_app nologin;
      end if;
      if not exists (select 1 from pg_roles where rolname = 'mandate_system') then
        create role mandate_system nologin bypassrls;
      end if;
    exception
      -- Another schema migrating at the same time created it first.
      when duplicate_object or unique_violation then null;
      when insufficient_privilege then
        raise exception 'the roles mandate_app and mandate_system are missing and % may not create them: create them first (docs/security.md, "Tenancy in the database")', current_user;
    end $$`);
  // The connecting user switches to them per connection: a superuser may, anyone else must be a member.
  await knex.raw(`
    do $$
    begin
      if not (select rolsuper from pg_roles where rolname = current_user)
        and not (pg_has_role(current_user, 'mandate_app', 'member') and pg_has_role(current_user, 'mandate_system', 'member')) then
        execute format('grant mandate_app, mandate_system to %I', current_user);
      end if;
    exception
      when insufficient_privilege then
        raise exception '% must be a member of mandate_app and mandate_system to run the runtime: grant them (docs/security.md, "Tenancy in the database")', current_user;
    end $$`);

  const schema = (await knex.raw<{ rows: { schema: string }[] }>('select current_schema() as schema')).rows[0]!.schema;
  const roles = 'mandate_app, mandate_system';
  await knex.raw(`grant usage on schema ?? to ${roles}`, [schema]);
  await knex.raw(`grant select, insert, update on all tables in schema ?? to ${roles}`, [schema]);
  for (const table of DELETED_FROM) await knex.raw(`grant delete on ?? to ${roles}`, [table]);
  // nextval only: reading a sequence's last value would tell how many rows all tenants wrote.
  await knex.raw(`grant usage on all sequences in schema ?? to ${roles}`, [schema]);
  // Tables and sequences of later migrations (created by the same owner) get the same grants.
  await knex.raw(`alter default privileges in schema ?? grant select, insert, update on tables to ${roles}`, [schema]);
  await knex.raw(`alter default privileges in schema ?? grant usage on sequences to ${roles}`, [schema]);
  await knex.raw(`revoke update, delete, truncate on audit_event from ${roles}`);
  await knex.raw(`grant update (sequence, prev_hash, hash, sealed_at) on audit_event to ${roles}`);
  await knex.raw(`revoke update, delete, truncate on audit_checkpoint from ${roles}`);
  for (const table of await migrationBookkeeping(knex, schema)) await knex.raw(`revoke all on ?? from ${roles}`, [table]);
  const bookkeepingSequences = await knex.raw<{ rows: { sequencename: string }[] }>(`select sequencename from pg_sequences where schemaname = ? and sequencename like 'knex\\_migrations%'`, [schema]);
  for (const { sequencename } of bookkeepingSequences.rows) await knex.raw(`revoke all on sequence ?? from ${roles}`, [sequencename]);

  for (const table of TENANT_TABLES) {
    await knex.raw('alter table ?? enable row level security', [table]);
    await knex.raw('alter table ?? force row level security', [table]);
    await knex.raw(`create policy tenant_isolation on ?? using (tenant_id = ${TENANT_OF_REQUEST}) with check (tenant_id = ${TENANT_OF_REQUEST})`, [table]);
    await knex.raw(`comment on policy tenant_isolation on ?? is 'A request sees and writes the rows of the tenant it set (mandate.tenant_id) and nothing without one.'`, [table]);
  }
  for (const table of WORK_ITEM_CHILD_TABLES) {
    const ofVisibleItem = `exists (select 1 from work_item w where w.id = ${table}.work_item_id)`;
    await knex.raw('alter table ?? enable row level security', [table]);
    await knex.raw('alter table ?? force row level security', [table]);
    await knex.raw(`create policy tenant_isolation on ?? using (${ofVisibleItem}) with check (${ofVisibleItem})`, [table]);
    await knex.raw(`comment on policy tenant_isolation on ?? is 'Rows of the work items the request may see (work_item has the tenant policy).'`, [table]);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [...TENANT_TABLES, ...WORK_ITEM_CHILD_TABLES]) {
    await knex.raw('drop policy if exists tenant_isolation on ??', [table]);
    await knex.raw('alter table ?? no force row level security', [table]);
    await knex.raw('alter table ?? disable row level security', [table]);
  }
  const schema = (await knex.raw<{ rows: { schema: string }[] }>('select current_schema() as schema')).rows[0]!.schema;
  const roles = 'mandate_app, mandate_system';
  await knex.raw(`alter default privileges in schema ?? revoke all on tables from ${roles}`, [schema]);
  await knex.raw(`alter default privileges in schema ?? revoke all on sequences from ${roles}`, [schema]);
  await knex.raw(`revoke all on all tables in schema ?? from ${roles}`, [schema]);
  await knex.raw(`revoke all on all sequences in schema ?? from ${roles}`, [schema]);
  await knex.raw(`revoke usage on schema ?? from ${roles}`, [schema]);
  // The roles stay: other schemas on the server may use them.
}

/** knex's own tables in this schema (their names are configurable, so read them from the catalogue). */
async function migrationBookkeeping(knex: Knex, schema: string): Promise<string[]> {
  const result = await knex.raw<{ rows: { tablename: string }[] }>(`select tablename from pg_tables where schemaname = ? and tablename like 'knex\\_migrations%'`, [schema]);
  return result.rows.map((r) => r.tablename);
}
