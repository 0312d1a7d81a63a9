import type { Knex } from 'knex';

/** Comments and attachment metadata: explanation, never the record of a decision. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('comment', (t) => {
    t.comment('Comments on a work item; never edited after they are written.');
    t.uuid('id').primary().comment('Comment id.');
    t.string('tenant_id', 80).notNullable().comment('Owning tenant.');
    t.uuid('work_item_id').notNullable().references('work_item.id').onDelete('CASCADE').comment('The work item.');
    t.string('author', 200).notNullable().comment('Who wrote it (iss|sub).');
    t.text('body').notNullable().comment('The text.');
    t.timestamp('created_at', { useTz: true }).notNullable().comment('When it was written.');
    t.index(['tenant_id', 'work_item_id', 'created_at'], 'idx_comment_work_item');
  });
  await knex.schema.createTable('attachment', (t) => {
    t.comment('Attachment metadata; the content lives in object storage behind access control and virus scanning.');
    t.uuid('id').primary().comment('Attachment id.');
    t.string('tenant_id', 80).notNullable().comment('Owning tenant.');
    t.uuid('work_item_id').notNullable().references('work_item.id').onDelete('CASCADE').comment('The work item.');
    t.string('file_name', 255).notNullable().comment('Original file name.');
    t.string('media_type', 120).notNullable().comment('MIME type.');
    t.bigInteger('size_bytes').notNullable().comment('Size in bytes.');
    t.string('sha256', 64).notNullable().comment('Content hash, for evidence integrity.');
    t.string('uploaded_by', 200).notNullable().comment('Who attached it (iss|sub).');
    t.timestamp('created_at', { useTz: true }).notNullable().comment('When it was attached.');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('attachment');
  await knex.schema.dropTableIfExists('comment');
}
