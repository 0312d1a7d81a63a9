import type { Knex } from 'knex';

/**
 * Four-eyes on definitions (docs/governance.md, "Four-eyes"): whoever contributed content to a
 * version may not approve it, and an approval is bound to the content hash it saw.
 *
 * - `definition_version_contributor`: the author and every editor of a version, in order, with
 *   the content hash each one left. Append-only: no update; no delete while the version exists
 *   (a draft deleted below the API takes its rows with it). A published or retired version takes
 *   no new contributor, only its first record (the author, written with the version by the import).
 * - `definition_version.approved_content_hash`: the content hash the approval saw.
 * - A trigger refuses, whatever code sends the statement, an approval by a contributor or of
 *   other content than the row holds, a publication of content other than the approved one, and
 *   any change to the author or approval of a published or retired version.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('definition_version', (t) => {
    t.string('approved_content_hash', 64).comment('The content hash the approval saw; publishing needs it to equal content_hash. Null while not approved.');
  });
  await knex.schema.createTable('definition_version_contributor', (t) => {
    t.comment('Who contributed content to a definition version (its author and each editor), in order; append-only evidence for four-eyes.');
    t.string('kind', 40).notNullable().comment('Definition kind of the version.');
    t.string('id', 80).notNullable().comment('Definition id of the version.');
    t.integer('version').notNullable().comment('Version number.');
    t.integer('seq').notNullable().comment('Order of the contribution within the version, from 1 (the author).');
    t.string('contributor', 200).notNullable().comment('Who contributed (principal id), or urn:mandate:import for the shipped set.');
    t.string('action', 20).notNullable().comment('created (the author, with the first content) or edited (a later content change).');
    t.string('content_hash', 64).notNullable().comment('The version\'s content hash right after this contribution.');
    t.timestamp('contributed_at', { useTz: true }).notNullable().comment('When the contribution was made.');
    t.primary(['kind', 'id', 'version', 'seq']);
    t.foreign(['kind', 'id', 'version'], 'fk_definition_version_contributor_version').references(['kind', 'id', 'version']).inTable('definition_version').onDelete('CASCADE');
    t.index(['kind', 'id', 'version', 'contributor'], 'idx_definition_version_contributor_who');
  });
  await knex.raw(`alter table definition_version_contributor add constraint definition_version_contributor_action_check check (action in ('created', 'edited') and (action = 'created') = (seq = 1))`);
  await knex.raw(`comment on constraint definition_version_contributor_action_check on definition_version_contributor is 'The first contribution creates the version; every later one edits it.'`);

  await knex.raw(`
    create function definition_version_contributor_append_only() returns trigger
    language plpgsql as $$
    declare
      target_status text;
    begin
      select status into target_status from definition_version where kind = coalesce(new.kind, old.kind) and id = coalesce(new.id, old.id) and version = coalesce(new.version, old.version);
      if tg_op = 'UPDATE' then
        raise exception 'contributions to definition % % v% are append-only', old.kind, old.id, old.version using errcode = 'P0001';
      end if;
      if tg_op = 'DELETE' then
        -- Only the cascade of a deleted (draft) version removes contributions: its row is gone by then.
        if target_status is not null then
          raise exception 'contributions to definition % % v% cannot be deleted', old.kind, old.id, old.version using errcode = 'P0001';
        end if;
        return old;
      end if;
      if target_status in ('published', 'retired') and new.seq <> 1 then
        raise exception 'definition % % v% is %: it takes no new contributor', new.kind, new.id, new.version, target_status using errcode = 'P0001';
      end if;
      return new;
    end $$`);
  await knex.raw(`comment on function definition_version_contributor_append_only() is 'Contributions are append-only; a published or retired version takes none after its first.'`);
  await knex.raw(`create trigger trg_definition_version_contributor_append_only before insert or update or delete on definition_version_contributor for each row execute function definition_version_contributor_append_only()`);
  await knex.raw(`comment on trigger trg_definition_version_contributor_append_only on definition_version_contributor is 'Four-eyes evidence cannot be rewritten (docs/governance.md).'`);

  await knex.raw(`
    create function definition_version_four_eyes() returns trigger
    language plpgsql as $$
    begin
      if new.approved_at is not null and old.approved_at is null and old.status in ('draft', 'in_review') then
        if new.approved_content_hash is distinct from new.content_hash then
          raise exception 'definition % % v%: an approval must name the content it approves', new.kind, new.id, new.version using errcode = 'P0001';
        end if;
        if new.reviewer is null or new.reviewer = new.author or exists (
          select 1 from definition_version_contributor c where c.kind = new.kind and c.id = new.id and c.version = new.version and c.contributor = new.reviewer
        ) then
          raise exception 'definition % % v%: % contributed to it and may not approve it', new.kind, new.id, new.version, coalesce(new.reviewer, 'nobody') using errcode = 'P0001';
        end if;
      end if;
      if new.status = 'published' and old.status in ('draft', 'in_review') and (new.approved_at is null or new.approved_content_hash is distinct from new.content_hash) then
        raise exception 'definition % % v%: only the approved content can be published', new.kind, new.id, new.version using errcode = 'P0001';
      end if;
      -- Once published, who wrote and who approved what is evidence, like the content.
      if old.status in ('published', 'retired') and (
        new.author is distinct from old.author or new.reviewer is distinct from old.reviewer
        or new.approved_at is distinct from old.approved_at or new.approved_content_hash is distinct from old.approved_content_hash
      ) then
        raise exception 'definition % % v% is %: its author and approval are immutable', old.kind, old.id, old.version, old.status using errcode = 'P0001';
      end if;
      return new;
    end $$`);
  await knex.raw(`comment on function definition_version_four_eyes() is 'Refuses an approval by a contributor or of other content, publishing content other than the approved one, and rewriting the author or approval of a published version.'`);
  await knex.raw(`create trigger trg_definition_version_four_eyes before update on definition_version for each row execute function definition_version_four_eyes()`);
  await knex.raw(`comment on trigger trg_definition_version_four_eyes on definition_version is 'Four-eyes on definitions, below the API (docs/governance.md).'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger if exists trg_definition_version_four_eyes on definition_version');
  await knex.raw('drop function if exists definition_version_four_eyes()');
  await knex.schema.dropTableIfExists('definition_version_contributor');
  await knex.raw('drop function if exists definition_version_contributor_append_only()');
  await knex.schema.alterTable('definition_version', (t) => t.dropColumn('approved_content_hash'));
}
