import { isInstant, type WORK_ITEM_STATES } from '@mandate/definitions';
import { InputError } from '@mandate/problems';

/** The person acting, as the identity provider and directory say. */
export interface Actor {
  id: string;
  roles: string[];
  groups: string[];
  tenant: string;
  region?: string;
}

/** A work item state (the runtime's state machine). */
export type WorkItemState = (typeof WORK_ITEM_STATES)[number];

/** The work item as the policy sees it. */
export interface WorkItemSnapshot {
  id: string;
  taskType: string;
  state: WorkItemState;
  tenant: string;
  region?: string;
  productFamily?: string;
  assignee?: string;
  /** Accountable person; stays when the item is delegated. */
  owner?: string;
  requestedBy?: string;
  candidateGroups: string[];
  candidateUsers?: string[];
  delegatedTo?: string;
  escalationLevel: number;
  /** The group that owns the item after an SLA breach (chosen by the SLA policy at creation). */
  escalationGroup?: string;
  /** ISO 8601 instants. */
  createdAt: string;
  dueAt?: string;
  /** The business object version and revision the item was created for (what an approval binds to). */
  businessObjectVersion: number;
  businessObjectRevision?: number;
  /** Who may not decide (the approval request's forbidden approvers). */
  forbiddenApprovers?: string[];
  /** A decision or dangerous action waiting for a second person's approval. */
  pendingApproval?: PendingApproval;
}

/** The first half of a four-eyes pair: its requester may not give the second approval. */
export interface PendingApproval {
  kind: 'decision' | 'action';
  code: string;
  requestedBy: string;
}

/** The business object (quote, order, customer, plan) as currently known. */
export interface BusinessObjectSnapshot {
  type: string;
  id: string;
  version: number;
  revision?: number;
  ownerId?: string;
  tenant?: string;
  region?: string;
  productFamily?: string;
  customerTier?: string;
  customerSegment?: string;
  totalAmount?: number;
  currency?: string;
  customerImpacting?: boolean;
  regulatoryRisk?: boolean;
  riskClass?: string;
}

/** Everything one evaluation needs. `now` is an input: the policy never reads the clock. */
export interface PolicyContext {
  item: WorkItemSnapshot;
  businessObject: BusinessObjectSnapshot;
  evidence: Record<string, unknown>;
  actor: Actor;
  /** ISO 8601 instant. */
  now: string;
}

/** A context that cannot be evaluated: the caller sent malformed input (a 400, not a policy outcome). */
export class PolicyInputError extends InputError {
  override name = 'PolicyInputError';
  declare readonly code: 'INVALID_POLICY_CONTEXT';

  constructor(message: string) {
    super('INVALID_POLICY_CONTEXT', message);
  }
}

/**
 * Checks what the policy cannot evaluate safely: instants without an offset (their meaning would
 * depend on the host's time zone) and evidence that is not an object.
 */
export function assertPolicyContext(ctx: PolicyContext): void {
  for (const [name, value] of [['now', ctx.now], ['item.createdAt', ctx.item.createdAt], ['item.dueAt', ctx.item.dueAt]] as const) {
    if (name === 'item.dueAt' && value === undefined) continue;
    if (!isInstant(value)) throw new PolicyInputError(`${name} must be an RFC 3339 instant with an offset, e.g. 2026-07-02T10:00:00Z; got ${JSON.stringify(value)}`);
  }
  if (ctx.evidence === null || typeof ctx.evidence !== 'object' || Array.isArray(ctx.evidence)) {
    throw new PolicyInputError('evidence must be an object');
  }
}
