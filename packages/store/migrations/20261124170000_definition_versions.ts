import type { Knex } from 'knex';

/**
 * Definitions in the database (docs/governance.md): one row per definition version with its
 * lifecycle (draft -> in_review -> published -> retired), four-eyes review and publication times.
 * Global to the installation, not per tenant. A published or retired version is immutable: the
 * trigger refuses any change to its content (other than the `status` field it carries) and any
 * delete, whatever code runs the statement.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('definition_version', (t) => {
    t.comment('Definition versions (TaskType, ReasonCodeSet, SlaPolicy, ...) and their governance lifecycle; global to the installation.');
    t.string('kind', 40).notNullable().comment('Definition kind: TaskType, ReasonCodeSet, SlaPolicy, BusinessCalendar, PriorityModel, VisibilityPolicy, ActionPolicy, AuthorityPolicy.');
    t.string('id', 80).notNullable().comment('Definition id (SCREAMING_SNAKE); one id names one kind.');
    t.integer('version').notNullable().comment('Version number, from 1; a new draft takes the highest + 1.');
    t.string('status', 20).notNullable().comment('draft, in_review, published or retired.');
    t.jsonb('content').notNullable().comment('The definition document; its status field follows the row status.');
    t.string('content_hash', 64).notNullable().comment('sha256 of the canonical JSON of the content without status and $schema (packages/store definitionContentHash).');
    t.string('title', 200).notNullable().comment('Title from the content, for lists.');
    t.string('author', 200).notNullable().comment('Who created the draft (principal id), or urn:mandate:import for the shipped set.');
    t.timestamp('submitted_at', { useTz: true }).comment('When the draft was last submitted for review.');
    t.string('reviewer', 200).comment('Who approved or rejected it last; never the author.');
    t.text('review_comment').comment('The reviewer\'s comment.');
    t.timestamp('approved_at', { useTz: true }).comment('When a second governance admin approved it (null while not approved).');
    t.timestamp('published_at', { useTz: true }).comment('When it was published.');
    t.timestamp('effective_from', { useTz: true }).comment('From when new work items resolve to it (null: since publication, as for the imported set).');
    t.timestamp('retired_at', { useTz: true }).comment('When it was retired: no new work item resolves to it; pinned items keep it.');
    t.text('change_note').comment('What the change is for, in the author\'s words.');
    t.timestamp('created_at', { useTz: true }).notNullable().comment('When the version was created.');
    t.timestamp('updated_at', { useTz: true }).notNullable().comment('Last change of the row.');
    t.primary(['kind', 'id', 'version']);
    t.index(['status', 'kind', 'id'], 'idx_definition_version_status');
  });
  await knex.raw(`alter table definition_version add constraint definition_version_status_check check (status in ('draft', 'in_review', 'published', 'retired'))`);
  await knex.raw(`comment on constraint definition_version_status_check on definition_version is 'The four lifecycle states.'`);
  await knex.raw(`
    create function definition_version_immutable() returns trigger
    language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        if old.status in ('published', 'retired') then
          raise exception 'definition % % v% is %: it cannot be deleted', old.kind, old.id, old.version, old.status using errcode = 'P0001';
        end if;
        return old;
      end if;
      if old.status in ('published', 'retired') and (
        new.kind <> old.kind or new.id <> old.id or new.version <> old.version or new.content_hash <> old.content_hash
        or (new.content - 'status') is distinct from (old.content - 'status') or new.status not in ('published', 'retired')
        or (old.status = 'retired' and new.status <> 'retired')
      ) then
        raise exception 'definition % % v% is %: its content is immutable', old.kind, old.id, old.version, old.status using errcode = 'P0001';
      end if;
      return new;
    end $$`);
  await knex.raw(`comment on function definition_version_immutable() is 'Refuses changes to the content of a published or retired definition version, un-publishing, and deletes of either.'`);
  await knex.raw(`create trigger trg_definition_version_immutable before update or delete on definition_version for each row execute function definition_version_immutable()`);
  await knex.raw(`comment on trigger trg_definition_version_immutable on definition_version is 'Published versions are immutable (docs/governance.md).'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('definition_version');
  await knex.raw('drop function if exists definition_version_immutable()');
}
