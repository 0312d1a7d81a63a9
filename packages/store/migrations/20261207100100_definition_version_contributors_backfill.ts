import type { Knex } from 'knex';

/**
 * Backfill for `20261207100000_definition_version_contributors`: the contributors of versions
 * that existed before contributions were recorded, and the content hash of approvals pending
 * publication.
 *
 * - Every version gets its author as first contributor, with the content hash its
 *   `DefinitionDraftCreated` audit event recorded (else the current one) at its creation time.
 * - A draft or version in review also gets every `DefinitionDraftUpdated` of the audit trail as
 *   an edit, in order: an admin who edited another's draft before this migration is a
 *   contributor like one who edits it after.
 * - An approved version in review is bound to its current content (it could not change while in
 *   review), unless its reviewer is one of its contributors: that approval binds nothing, so
 *   publishing it is refused until it is rejected and approved by someone else.
 */
interface DbVersion {
  kind: string;
  id: string;
  version: number;
  status: string;
  author: string;
  reviewer: string | null;
  approved_at: Date | string | null;
  content_hash: string;
  created_at: Date | string;
}

interface DbEvent {
  event_type: string;
  actor: string | null;
  payload: string | { definition?: { kind?: string; id?: string; version?: number }; contentHash?: string };
  occurred_at: Date | string;
}

export async function up(knex: Knex): Promise<void> {
  const versions = await knex('definition_version').select<DbVersion[]>('kind', 'id', 'version', 'status', 'author', 'reviewer', 'approved_at', 'content_hash', 'created_at');
  if (!versions.length) return;
  const events = (await knex('audit_event')
    .select('event_type', 'actor', 'payload', 'occurred_at')
    .whereIn('event_type', ['DefinitionDraftCreated', 'DefinitionDraftUpdated'])
    // Insert order: the commands on one version ran one after another under its row lock.
    .orderBy('id')) as DbEvent[];
  const eventsOf = new Map<string, { type: string; actor: string; hash: string; at: Date | string }[]>();
  for (const e of events) {
    const payload = typeof e.payload === 'string' ? (JSON.parse(e.payload) as Exclude<DbEvent['payload'], string>) : e.payload;
    const d = payload.definition;
    if (!d || !e.actor || typeof payload.contentHash !== 'string') continue;
    const key = `${d.kind}/${d.id}/${d.version}`;
    eventsOf.set(key, [...(eventsOf.get(key) ?? []), { type: e.event_type, actor: e.actor, hash: payload.contentHash, at: e.occurred_at }]);
  }
  for (const v of versions) {
    const history = eventsOf.get(`${v.kind}/${v.id}/${v.version}`) ?? [];
    const created = history.find((h) => h.type === 'DefinitionDraftCreated');
    const rows = [{ contributor: v.author, action: 'created', content_hash: created?.hash ?? v.content_hash, contributed_at: v.created_at }];
    if (v.status === 'draft' || v.status === 'in_review') {
      for (const edit of history.filter((h) => h.type === 'DefinitionDraftUpdated')) rows.push({ contributor: edit.actor, action: 'edited', content_hash: edit.hash, contributed_at: edit.at });
    }
    await knex('definition_version_contributor').insert(rows.map((r, i) => ({ kind: v.kind, id: v.id, version: v.version, seq: i + 1, ...r })));
    const contributors = new Set(rows.map((r) => r.contributor));
    if (v.status === 'in_review' && v.approved_at !== null && v.reviewer !== null && !contributors.has(v.reviewer)) {
      await knex('definition_version').where({ kind: v.kind, id: v.id, version: v.version }).update({ approved_content_hash: v.content_hash });
    }
  }
}

export async function down(knex: Knex): Promise<void> {
  // The table and column go with the previous migration's down; nothing to undo by itself.
  // A published version's approval is immutable; the previous migration's down drops the column.
  await knex('definition_version').whereIn('status', ['draft', 'in_review']).update({ approved_content_hash: null });
}
