import type { WORK_ITEM_STATES } from '@mandate/definitions';

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
