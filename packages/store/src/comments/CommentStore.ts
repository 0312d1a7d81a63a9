import type { StoreTransaction } from '../StoreTransaction.js';

/** A comment on a work item as a lifecycle command writes it: explanation, never the record of a decision. */
export interface NewComment {
  tenantId: string;
  workItemId: string;
  /** Who wrote it. */
  author: string;
  body: string;
  /** ISO 8601 instant. */
  createdAt: string;
}

/** Comments on work items: written with the command that carries them, never edited. */
export interface CommentStore {
  /** Writes a comment inside the caller's transaction; returns its id. */
  add(tx: StoreTransaction, comment: NewComment): Promise<string>;
}
