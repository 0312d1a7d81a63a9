import type { StoreTransaction } from '../StoreTransaction.js';

/** The lifecycle states of a definition version. */
export type DefinitionVersionStatus = 'draft' | 'in_review' | 'published' | 'retired';

/** A definition version without its content: what lists show. */
export interface DefinitionVersionMeta {
  kind: string;
  id: string;
  version: number;
  status: DefinitionVersionStatus;
  title: string;
  contentHash: string;
  author: string;
  reviewer: string | null;
  reviewComment: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  /** The content hash the approval saw; publishing needs it to equal `contentHash`. Null while not approved. */
  approvedContentHash: string | null;
  publishedAt: string | null;
  /** From when new work items resolve to it; null: since publication. */
  effectiveFrom: string | null;
  retiredAt: string | null;
  changeNote: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A definition version with its content. */
export interface DefinitionVersionRecord extends DefinitionVersionMeta {
  content: Record<string, unknown>;
}

/**
 * One contribution to a version's content: its author's first content (`created`, seq 1) or a
 * later change (`edited`), with the content hash the version had right after it. Four-eyes
 * reads them: no contributor may approve the version.
 */
export interface DefinitionContribution {
  seq: number;
  contributor: string;
  action: 'created' | 'edited';
  contentHash: string;
  contributedAt: string;
}

/** Columns a lifecycle command may change (the key, author and creation time never change; contributors are only added). */
export type DefinitionVersionChanges = Partial<Omit<DefinitionVersionRecord, 'kind' | 'id' | 'version' | 'author' | 'createdAt' | 'contentHash' | 'title'>>;

/** A version to insert: its hash and title are derived from the content; an inserted version is not approved unless it says so. */
export type NewDefinitionVersion = Omit<DefinitionVersionRecord, 'contentHash' | 'title' | 'approvedContentHash'> & { approvedContentHash?: string | null };

/** Which versions to list. */
export interface DefinitionVersionFilter {
  kind?: string;
  id?: string;
  statuses?: readonly DefinitionVersionStatus[];
}

/**
 * Definition versions and their governance lifecycle, global to the installation. Writes run in
 * the caller's transaction (the one that appends the audit event); the content hash and title
 * are derived from the content, so they cannot disagree with it.
 */
export interface DefinitionVersionStore {
  /** Versions matching the filter, without content, ordered by kind, id and version. */
  list(filter?: DefinitionVersionFilter, tx?: StoreTransaction): Promise<DefinitionVersionMeta[]>;
  /** The same with content (the lint context of a draft, the runtime's published set). */
  listWithContent(filter?: DefinitionVersionFilter, tx?: StoreTransaction): Promise<DefinitionVersionRecord[]>;
  /** The contents of the given `ID@VERSION` references (one query), for the registry's cache misses. */
  contentsOf(refs: readonly { id: string; version: number }[]): Promise<DefinitionVersionRecord[]>;
  /** One version with its content; `forUpdate` locks the row until the caller's transaction ends. */
  get(kind: string, id: string, version: number, options?: { tx?: StoreTransaction; forUpdate?: boolean }): Promise<DefinitionVersionRecord | undefined>;
  /** The kind an id is used for, if any (an id names one kind). */
  kindOfId(id: string, tx?: StoreTransaction): Promise<string | undefined>;
  /** The highest version of a definition, 0 when it has none. */
  highestVersion(tx: StoreTransaction, kind: string, id: string): Promise<number>;
  /** Inserts a version (and its author as first contributor); with `ifMissing`, an existing version is left alone and the result says whether it was inserted. */
  insert(tx: StoreTransaction, record: NewDefinitionVersion, options?: { ifMissing?: boolean }): Promise<boolean>;
  /** Records that `contributor` changed a version's content (or, first, created it): call it after the write, in the same transaction. */
  addContribution(tx: StoreTransaction, kind: string, id: string, version: number, contributor: string, contributedAt: string): Promise<DefinitionContribution>;
  /** The contributions to one version, in order (the author first). */
  contributors(kind: string, id: string, version: number, tx?: StoreTransaction): Promise<DefinitionContribution[]>;
  /** Applies lifecycle changes to one version inside the caller's transaction; returns it as changed. */
  update(tx: StoreTransaction, kind: string, id: string, version: number, changes: DefinitionVersionChanges): Promise<DefinitionVersionRecord | undefined>;
}
