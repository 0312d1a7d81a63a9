import type { WriteStatement } from '../statements.js';
import type { StoreTransaction } from '../StoreTransaction.js';
import type { AuditCheckpoint, AuditFinding } from './checkpointFindings.js';

/** One audit event as the domain writes it: what happened, to which item and business object, by whom, when. */
export interface AuditEventInput {
  tenantId: string;
  eventType: string;
  workItemId?: string;
  businessObject?: { type: string; id: string };
  actor?: string;
  payload: Record<string, unknown>;
  /** ISO 8601 instant. */
  occurredAt: string;
}

/** A stored audit event with its place in the chain. */
export interface AuditEvent extends AuditEventInput {
  sequence: number;
  prevHash: string;
  hash: string;
}

/**
 * The outcome of verifying a tenant's trail: the chain walked from genesis, compared with every
 * signed checkpoint, and the unsealed events the runtime did not write. `checkpoint` is the latest
 * checkpoint whose signature holds (events after it are only hash-chained). When not ok,
 * `findings` lists every finding and `brokenAt`/`reason` repeat the first one that has a sequence.
 */
export type ChainVerification =
  | { ok: true; events: number; checkpoint?: AuditCheckpoint }
  | { ok: false; events: number; checkpoint?: AuditCheckpoint; brokenAt?: number; reason: string; findings: AuditFinding[] };

/** Filters of an audit query (`GET /audit`). */
export interface AuditFilter {
  workItemId?: string;
  /** A business object by its id, of one type when `type` is given. */
  businessObject?: { type?: string; id: string };
  actor?: string;
  from?: string;
  to?: string;
  /** Events after this sequence number: the cursor of the next page. */
  afterSequence?: number;
  limit?: number;
}

/**
 * The audit log: append-only evidence, hash-chained per tenant so that editing or deleting an
 * event is detectable. A command appends its event in its own transaction (or statement); `seal`
 * chains committed events afterwards, and every read and verification seals first; `checkpoint`
 * signs a tenant's chain head and `verify` holds the chain against every signed head.
 */
export interface AuditLog {
  /** Appends an event inside the caller's transaction (the one that writes what it records). */
  append(tx: StoreTransaction, input: AuditEventInput): Promise<void>;
  /** The append, not yet sent: one write of a command that commits in one statement (`WorkItemStore.transitionTogether`). */
  appendStatement(input: AuditEventInput): WriteStatement;
  /** Chains the committed unsealed events of one tenant (or of every tenant that has some); returns how many it sealed. */
  seal(tenantId?: string, now?: () => string): Promise<number>;
  /** Events of a tenant, filtered, in chain order (sealed first). */
  list(tenantId: string, filter?: AuditFilter): Promise<AuditEvent[]>;
  /** Signs the tenant's chain head (after sealing) unless the latest checkpoint already vouches for it; the checkpoint written, if any. */
  checkpoint(tenantId: string, now?: () => string): Promise<AuditCheckpoint | undefined>;
  /** The tenant's latest checkpoint whose signature holds. */
  latestCheckpoint(tenantId: string): Promise<AuditCheckpoint | undefined>;
  /** Signs the head of every tenant chain that moved since its latest checkpoint (the periodic pass). */
  checkpointAll(now?: () => string): Promise<AuditCheckpoint[]>;
  /** Walks a tenant's chain from genesis and holds it against every signed checkpoint and the unsealed events. */
  verify(tenantId: string): Promise<ChainVerification>;
}
