import { randomUUID } from 'node:crypto';
import { knexOf, type StoreTransaction } from '../StoreTransaction.js';
import type { CommentStore, NewComment } from './CommentStore.js';

/** Comments on work items (table `comment`), tenant-scoped. */
export class KnexCommentStore implements CommentStore {
  async add(tx: StoreTransaction, comment: NewComment): Promise<string> {
    const id = randomUUID();
    await knexOf(tx)('comment').insert({ id, tenant_id: comment.tenantId, work_item_id: comment.workItemId, author: comment.author, body: comment.body, created_at: comment.createdAt });
    return id;
  }
}
