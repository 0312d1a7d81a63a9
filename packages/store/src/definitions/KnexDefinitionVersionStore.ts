import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { canonicalJson } from '../canonicalJson.js';
import { knexOf, runnerOf, type StoreTransaction } from '../StoreTransaction.js';
import type { DefinitionContribution, DefinitionVersionChanges, DefinitionVersionFilter, DefinitionVersionMeta, DefinitionVersionRecord, DefinitionVersionStatus, DefinitionVersionStore, NewDefinitionVersion } from './DefinitionVersionStore.js';

interface DbDefinitionVersionRow {
  kind: string;
  id: string;
  version: number;
  status: DefinitionVersionStatus;
  content?: Record<string, unknown>;
  content_hash: string;
  title: string;
  author: string;
  submitted_at: Date | string | null;
  reviewer: string | null;
  review_comment: string | null;
  approved_at: Date | string | null;
  approved_content_hash: string | null;
  published_at: Date | string | null;
  effective_from: Date | string | null;
  retired_at: Date | string | null;
  change_note: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const META_COLUMNS = ['kind', 'id', 'version', 'status', 'content_hash', 'title', 'author', 'submitted_at', 'reviewer', 'review_comment', 'approved_at', 'approved_content_hash', 'published_at', 'effective_from', 'retired_at', 'change_note', 'created_at', 'updated_at'];

const COLUMN: Record<keyof DefinitionVersionChanges, string> = {
  status: 'status',
  content: 'content',
  reviewer: 'reviewer',
  reviewComment: 'review_comment',
  submittedAt: 'submitted_at',
  approvedAt: 'approved_at',
  approvedContentHash: 'approved_content_hash',
  publishedAt: 'published_at',
  effectiveFrom: 'effective_from',
  retiredAt: 'retired_at',
  changeNote: 'change_note',
  updatedAt: 'updated_at',
};

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function toMeta(row: DbDefinitionVersionRow): DefinitionVersionMeta {
  return {
    kind: row.kind,
    id: row.id,
    version: row.version,
    status: row.status,
    title: row.title,
    contentHash: row.content_hash,
    author: row.author,
    reviewer: row.reviewer,
    reviewComment: row.review_comment,
    submittedAt: iso(row.submitted_at),
    approvedAt: iso(row.approved_at),
    approvedContentHash: row.approved_content_hash,
    publishedAt: iso(row.published_at),
    effectiveFrom: iso(row.effective_from),
    retiredAt: iso(row.retired_at),
    changeNote: row.change_note,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}

function toRecord(row: DbDefinitionVersionRow): DefinitionVersionRecord {
  return { ...toMeta(row), content: row.content ?? {} };
}

interface DbContributionRow {
  seq: number;
  contributor: string;
  action: DefinitionContribution['action'];
  content_hash: string;
  contributed_at: Date | string;
}

function toContribution(row: DbContributionRow): DefinitionContribution {
  return { seq: Number(row.seq), contributor: row.contributor, action: row.action, contentHash: row.content_hash, contributedAt: iso(row.contributed_at)! };
}

/**
 * The content hash of a definition: SHA-256 of its canonical JSON (keys sorted at every level),
 * without `status` (the lifecycle lives on the row, so publishing or retiring a version keeps its
 * hash) and `$schema` (an editor hint that depends on where the file lies).
 *
 * @example
 * definitionContentHash({ kind: 'SlaPolicy', id: 'X', version: 1, status: 'draft', title: 'x' }) ===
 *   definitionContentHash({ title: 'x', status: 'published', version: 1, id: 'X', kind: 'SlaPolicy' }) // true
 */
export function definitionContentHash(content: Record<string, unknown>): string {
  const { status: _status, $schema: _schema, ...hashed } = content;
  return createHash('sha256').update(canonicalJson(hashed)).digest('hex');
}

/** The title a list shows for a content (its `title`, else its id). */
function titleOf(content: Record<string, unknown>, id: string): string {
  return typeof content.title === 'string' && content.title.length > 0 ? content.title.slice(0, 200) : id;
}

/**
 * Definition versions and their governance lifecycle, global to the installation. Writes run in
 * the caller's transaction (the one that appends the audit event); the content hash and title
 * are derived here from the content, so they cannot disagree with it. The database refuses any
 * change to a published or retired version's content (migration `20261124170000`), an approval
 * by a contributor or of other content, and publishing content other than the approved one
 * (`20261207100000`).
 */
export class KnexDefinitionVersionStore implements DefinitionVersionStore {
  constructor(private readonly knex: Knex) {}

  /** Versions matching the filter, without content, ordered by kind, id and version. */
  async list(filter: DefinitionVersionFilter = {}, tx?: StoreTransaction): Promise<DefinitionVersionMeta[]> {
    const rows = await this.filtered(filter, tx).select<DbDefinitionVersionRow[]>(META_COLUMNS);
    return rows.map(toMeta);
  }

  /** The same with content (the lint context of a draft, the runtime's published set). */
  async listWithContent(filter: DefinitionVersionFilter = {}, tx?: StoreTransaction): Promise<DefinitionVersionRecord[]> {
    const rows = await this.filtered(filter, tx).select<DbDefinitionVersionRow[]>([...META_COLUMNS, 'content']);
    return rows.map(toRecord);
  }

  /** The contents of the given `ID@VERSION` references (one query), for the registry's cache misses. */
  async contentsOf(refs: readonly { id: string; version: number }[]): Promise<DefinitionVersionRecord[]> {
    if (!refs.length) return [];
    const rows = (await this.knex('definition_version')
      .select([...META_COLUMNS, 'content'])
      .whereIn(['id', 'version'], refs.map((r) => [r.id, r.version]))) as DbDefinitionVersionRow[];
    return rows.map(toRecord);
  }

  private filtered(filter: DefinitionVersionFilter, tx?: StoreTransaction) {
    const query = runnerOf(this.knex, tx)('definition_version');
    if (filter.kind) void query.where('kind', filter.kind);
    if (filter.id) void query.where('id', filter.id);
    if (filter.statuses) void query.whereIn('status', [...filter.statuses]);
    return query.orderBy([{ column: 'kind' }, { column: 'id' }, { column: 'version' }]);
  }

  /** One version with its content; `forUpdate` locks the row until the caller's transaction ends. */
  async get(kind: string, id: string, version: number, options: { tx?: StoreTransaction; forUpdate?: boolean } = {}): Promise<DefinitionVersionRecord | undefined> {
    const query = runnerOf(this.knex, options.tx)('definition_version').select([...META_COLUMNS, 'content']).where({ kind, id, version });
    if (options.forUpdate) void query.forUpdate();
    const row = (await query.first()) as DbDefinitionVersionRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** The kind an id is used for, if any (an id names one kind). */
  async kindOfId(id: string, tx?: StoreTransaction): Promise<string | undefined> {
    const row = (await runnerOf(this.knex, tx)('definition_version').select('kind').where({ id }).first()) as { kind: string } | undefined;
    return row?.kind;
  }

  /** The highest version of a definition, 0 when it has none. */
  async highestVersion(tx: StoreTransaction, kind: string, id: string): Promise<number> {
    const row = (await knexOf(tx)('definition_version').max<{ max: number | null }>('version as max').where({ kind, id }).first()) as { max: number | string | null } | undefined;
    return Number(row?.max ?? 0);
  }

  /**
   * Inserts a version; with `ifMissing`, an existing version is left alone (the import, which
   * two instances may run at once) and the result says whether it was inserted.
   */
  async insert(tx: StoreTransaction, record: NewDefinitionVersion, options: { ifMissing?: boolean } = {}): Promise<boolean> {
    const query = knexOf(tx)('definition_version').insert({
      kind: record.kind,
      id: record.id,
      version: record.version,
      status: record.status,
      content: JSON.stringify(record.content),
      content_hash: definitionContentHash(record.content),
      title: titleOf(record.content, record.id),
      author: record.author,
      submitted_at: record.submittedAt,
      reviewer: record.reviewer,
      review_comment: record.reviewComment,
      approved_at: record.approvedAt,
      approved_content_hash: record.approvedContentHash ?? null,
      published_at: record.publishedAt,
      effective_from: record.effectiveFrom,
      retired_at: record.retiredAt,
      change_note: record.changeNote,
      created_at: record.createdAt,
      updated_at: record.updatedAt,
    });
    if (!options.ifMissing) await query;
    else if (((await query.onConflict(['kind', 'id', 'version']).ignore().returning('version')) as unknown[]).length === 0) return false;
    // The author is the first contributor, in the same transaction: no version exists without one.
    await this.addContribution(tx, record.kind, record.id, record.version, record.author, record.createdAt);
    return true;
  }

  /**
   * Records that `contributor` changed a version's content (or, first, created it), with the
   * content hash the row holds now: call it after the write, in the same transaction. The order
   * (`seq`) is the next free one; the command holds the row lock, so two never race for it.
   */
  async addContribution(tx: StoreTransaction, kind: string, id: string, version: number, contributor: string, contributedAt: string): Promise<DefinitionContribution> {
    const result = await knexOf(tx).raw<{ rows: DbContributionRow[] }>(
      `insert into definition_version_contributor (kind, id, version, seq, contributor, action, content_hash, contributed_at)
       select v.kind, v.id, v.version, s.next, ?, case when s.next = 1 then 'created' else 'edited' end, v.content_hash, ?
         from definition_version v,
              lateral (select coalesce(max(c.seq), 0) + 1 as next from definition_version_contributor c where c.kind = v.kind and c.id = v.id and c.version = v.version) s
        where v.kind = ? and v.id = ? and v.version = ?
       returning seq, contributor, action, content_hash, contributed_at`,
      [contributor, contributedAt, kind, id, version],
    );
    const row = result.rows[0];
    if (!row) throw new Error(`no definition version ${kind} ${id} v${version} to record a contribution to`);
    return toContribution(row);
  }

  /** The contributions to one version, in order (the author first). */
  async contributors(kind: string, id: string, version: number, tx?: StoreTransaction): Promise<DefinitionContribution[]> {
    const rows = (await runnerOf(this.knex, tx)('definition_version_contributor')
      .select('seq', 'contributor', 'action', 'content_hash', 'contributed_at')
      .where({ kind, id, version })
      .orderBy('seq')) as DbContributionRow[];
    return rows.map(toContribution);
  }

  /** Applies lifecycle changes to one version inside the caller's transaction; returns it as changed. */
  async update(tx: StoreTransaction, kind: string, id: string, version: number, changes: DefinitionVersionChanges): Promise<DefinitionVersionRecord | undefined> {
    const update: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(changes) as [keyof DefinitionVersionChanges, unknown][]) {
      update[COLUMN[key]] = key === 'content' ? JSON.stringify(value) : value;
    }
    if (changes.content) {
      update.content_hash = definitionContentHash(changes.content);
      update.title = titleOf(changes.content, id);
    }
    const [row] = await knexOf(tx)('definition_version').where({ kind, id, version }).update(update).returning<DbDefinitionVersionRow[]>([...META_COLUMNS, 'content']);
    return row ? toRecord(row) : undefined;
  }
}
