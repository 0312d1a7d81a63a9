// The contributors of definition versions (migrations 20261207100000 and its backfill), on PGlite
// and PostgreSQL: recorded by the store, append-only in the database, and backfilled for versions
// that existed before, from the audit trail.
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationSource } from '../../migrations/index.js';
import { createDatabase, type Database } from '../createDatabase.js';
import type { NewDefinitionVersion } from './DefinitionVersionStore.js';
import { definitionContentHash, KnexDefinitionVersionStore } from './KnexDefinitionVersionStore.js';

const NOW = '2026-07-02T08:00:00.000Z';
const FIRST_CONTRIBUTORS_MIGRATION = '20261207100000_definition_version_contributors';

const content = (id: string, version: number, status: string, dueIn = 'PT4H') => ({ kind: 'SlaPolicy', id, version, status, title: id, calendar: 'CAL@1', default: { dueIn } });
const record = (id: string, version: number, status: NewDefinitionVersion['status'], author = 'gabe', extra: Partial<NewDefinitionVersion> = {}): NewDefinitionVersion => ({
  kind: 'SlaPolicy',
  id,
  version,
  status,
  content: content(id, version, status),
  author,
  reviewer: null,
  reviewComment: null,
  submittedAt: null,
  approvedAt: null,
  publishedAt: status === 'published' ? NOW : null,
  effectiveFrom: null,
  retiredAt: null,
  changeNote: null,
  createdAt: NOW,
  updatedAt: NOW,
  ...extra,
});

/** A database of this engine with the migrations before `stopBefore` only (all of them without it). */
async function openAt(engine: 'pglite' | 'postgresql', stopBefore?: string): Promise<Database & { migrateRest: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  const schema = engine === 'postgresql' ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const db = engine === 'postgresql' ? createDatabase({ databaseUrl: url!, schema: schema! }, undefined, 'owner') : createDatabase({ memory: true }, undefined, 'owner');
  if (schema) await db.knex.raw('create schema ??', [schema]);
  const names = await migrationSource.getMigrations([]);
  const partial: Knex.MigrationSource<string> = { ...migrationSource, getMigrations: () => Promise.resolve(stopBefore ? names.slice(0, names.indexOf(stopBefore)) : names) };
  await db.knex.migrate.latest({ migrationSource: partial, ...(schema ? { schemaName: schema } : {}) });
  return {
    ...db,
    migrateRest: db.migrate,
    close: async () => {
      if (schema) await db.knex.raw('drop schema if exists ?? cascade', [schema]);
      await db.close();
    },
  };
}

const engineNames: ('pglite' | 'postgresql')[] = process.env.DATABASE_URL ? ['pglite', 'postgresql'] : ['pglite'];

describe.each(engineNames)('definition version contributors on %s', (engine) => {
  let db: Awaited<ReturnType<typeof openAt>>;
  let store: KnexDefinitionVersionStore;
  beforeAll(async () => {
    db = await openAt(engine);
    store = new KnexDefinitionVersionStore(db.knex);
  });
  afterAll(() => db.close());

  it('the author is the first contributor of an inserted version; each edit adds one with the content hash it left', async () => {
    await db.transaction(async (tx) => {
      await store.insert(tx, record('CONTRIB_SLA', 1, 'draft'));
      expect(await store.insert(tx, record('CONTRIB_SLA', 1, 'draft', 'gina'), { ifMissing: true })).toBe(false);
    });
    const edited = content('CONTRIB_SLA', 1, 'draft', 'PT2H');
    await db.transaction(async (tx) => {
      await store.update(tx, 'SlaPolicy', 'CONTRIB_SLA', 1, { content: edited });
      expect(await store.addContribution(tx, 'SlaPolicy', 'CONTRIB_SLA', 1, 'gina', NOW)).toEqual({ seq: 2, contributor: 'gina', action: 'edited', contentHash: definitionContentHash(edited), contributedAt: NOW });
    });
    expect(await store.contributors('SlaPolicy', 'CONTRIB_SLA', 1)).toEqual([
      { seq: 1, contributor: 'gabe', action: 'created', contentHash: definitionContentHash(content('CONTRIB_SLA', 1, 'draft')), contributedAt: NOW },
      { seq: 2, contributor: 'gina', action: 'edited', contentHash: definitionContentHash(edited), contributedAt: NOW },
    ]);
    // Evidence: no rewrite, no removal while the version exists; a deleted draft takes its rows along.
    await expect(db.knex('definition_version_contributor').where({ id: 'CONTRIB_SLA', seq: 2 }).update({ contributor: 'hal' })).rejects.toThrow(/append-only/);
    await expect(db.knex('definition_version_contributor').where({ id: 'CONTRIB_SLA', seq: 2 }).del()).rejects.toThrow(/cannot be deleted/);
    await db.knex('definition_version').where({ id: 'CONTRIB_SLA', version: 1 }).del();
    expect(await store.contributors('SlaPolicy', 'CONTRIB_SLA', 1)).toEqual([]);
  });

  it('a published version has its author, takes no later contributor, and keeps its author and approval', async () => {
    await db.transaction((tx) => store.insert(tx, record('PUBLISHED_SLA', 1, 'published', 'urn:mandate:import')));
    expect((await store.contributors('SlaPolicy', 'PUBLISHED_SLA', 1)).map((c) => [c.seq, c.contributor, c.action])).toEqual([[1, 'urn:mandate:import', 'created']]);
    await expect(db.transaction((tx) => store.addContribution(tx, 'SlaPolicy', 'PUBLISHED_SLA', 1, 'gina', NOW))).rejects.toThrow(/takes no new contributor/);
    // Nor can who wrote or approved it be rewritten.
    for (const change of [{ author: 'gina' }, { reviewer: 'gina' }, { approved_at: NOW }, { approved_content_hash: '3'.repeat(64) }]) {
      await expect(db.knex('definition_version').where({ id: 'PUBLISHED_SLA', version: 1 }).update(change), JSON.stringify(change)).rejects.toThrow(/author and approval are immutable/);
    }
  });

  it('every table and column of the migration carries a comment', async () => {
    const uncommented = await db.knex.raw<{ rows: { column_name: string | null }[] }>(
      `select a.attname as column_name
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
         left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and col_description(c.oid, a.attnum) is null
        where c.relkind = 'r' and n.nspname = current_schema() and c.relname = 'definition_version_contributor' and (obj_description(c.oid, 'pg_class') is null or a.attname is not null)`,
    );
    expect(uncommented.rows).toEqual([]);
    const column = await db.knex.raw<{ rows: { comment: string | null }[] }>(`select col_description('definition_version'::regclass, a.attnum) as comment from pg_attribute a where a.attrelid = 'definition_version'::regclass and a.attname = 'approved_content_hash'`);
    expect(column.rows[0]!.comment).toMatch(/approval saw/);
  });
});

describe.each(engineNames)('the contributors backfill on %s', (engine) => {
  let db: Awaited<ReturnType<typeof openAt>>;
  beforeAll(async () => {
    db = await openAt(engine, FIRST_CONTRIBUTORS_MIGRATION);
    // Before the migration: versions and their audit trail as the governance commands wrote them.
    const hash = (id: string, dueIn = 'PT4H') => definitionContentHash(content(id, 1, 'draft', dueIn));
    const raw = (r: NewDefinitionVersion, dueIn = 'PT4H') => {
      const c = content(r.id, r.version, r.status, dueIn);
      return { kind: r.kind, id: r.id, version: r.version, status: r.status, content: JSON.stringify(c), content_hash: definitionContentHash(c), title: r.id, author: r.author, reviewer: r.reviewer, approved_at: r.approvedAt, published_at: r.publishedAt, created_at: NOW, updated_at: NOW };
    };
    // Written as the audit log wrote them at this migration (before writers marked their events).
    const event = (trx: Knex.Transaction, eventType: string, actor: string, id: string, contentHash: string) =>
      trx('audit_event').insert({ tenant_id: 'ACME_EU', event_type: eventType, actor, payload: JSON.stringify({ definition: { kind: 'SlaPolicy', id, version: 1, ref: `${id}@1` }, status: 'draft', contentHash }), occurred_at: NOW });
    await db.knex.transaction(async (trx) => {
      await trx('definition_version').insert([
        raw(record('SHIPPED_SLA', 1, 'published', 'urn:mandate:import')),
        raw(record('TAKEN_OVER_SLA', 1, 'in_review', 'gabe', { reviewer: 'gina', approvedAt: NOW }), 'PT1H'),
        raw(record('REVIEWED_SLA', 1, 'in_review', 'gabe', { reviewer: 'gina', approvedAt: NOW })),
      ]);
      await event(trx, 'DefinitionDraftCreated', 'gabe', 'TAKEN_OVER_SLA', hash('TAKEN_OVER_SLA'));
      await event(trx, 'DefinitionDraftUpdated', 'gina', 'TAKEN_OVER_SLA', hash('TAKEN_OVER_SLA', 'PT1H'));
      await event(trx, 'DefinitionDraftCreated', 'gabe', 'REVIEWED_SLA', hash('REVIEWED_SLA'));
    });
    await db.migrateRest();
  });
  afterAll(() => db.close());

  const contributors = (id: string) => new KnexDefinitionVersionStore(db.knex).contributors('SlaPolicy', id, 1);
  const approvedHash = async (id: string) => (await db.knex<{ id: string; approved_content_hash: string | null }>('definition_version').where({ id }).first('approved_content_hash'))?.approved_content_hash;

  it('records every version\'s author, and the editors of open versions from the audit trail', async () => {
    expect((await contributors('SHIPPED_SLA')).map((c) => [c.seq, c.contributor, c.action])).toEqual([[1, 'urn:mandate:import', 'created']]);
    expect((await contributors('TAKEN_OVER_SLA')).map((c) => [c.seq, c.contributor, c.action, c.contentHash])).toEqual([
      [1, 'gabe', 'created', definitionContentHash(content('TAKEN_OVER_SLA', 1, 'draft'))],
      [2, 'gina', 'edited', definitionContentHash(content('TAKEN_OVER_SLA', 1, 'draft', 'PT1H'))],
    ]);
  });

  it('binds a pending approval to the current content, unless its reviewer contributed: that one binds nothing and cannot be published', async () => {
    expect(await approvedHash('REVIEWED_SLA')).toBe(definitionContentHash(content('REVIEWED_SLA', 1, 'in_review')));
    expect(await approvedHash('TAKEN_OVER_SLA')).toBeNull();
    await expect(db.knex('definition_version').where({ id: 'TAKEN_OVER_SLA' }).update({ status: 'published', published_at: NOW })).rejects.toThrow(/only the approved content can be published/);
    expect(await db.knex('definition_version').where({ id: 'REVIEWED_SLA' }).update({ status: 'published', published_at: NOW })).toBe(1);
  });
});
