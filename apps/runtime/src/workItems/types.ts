/** What the work item services take and give: the input of a creation, a lifecycle action, a decision and a business event, and the view of an item. */
import type { WorkItemRecord } from '@mandate/store';
import type { CallerRef } from '@mandate/workflow';

/** A request to create a work item (from a domain service or a workflow binding). */
export interface CreateWorkItem {
  taskType: string;
  /** A pinned published version (a binding's `mandate:ID@N`); the latest published when absent. */
  taskTypeVersion?: number;
  title?: string;
  businessObject: { type: string; id: string; version: number; revision?: number; snapshot?: Record<string, unknown> };
  evidence: Record<string, unknown>;
  requestedBy?: string;
  candidateGroups?: string[];
  region?: string;
  productFamily?: string;
  /** An item still open then becomes `expired` (WS-HumanTask's expiration; a quote's validity end). */
  expiresAt?: string;
  /** The workflow activation waiting for the decision; one live item per activation. */
  callerRef?: CallerRef;
}

/** Lifecycle actions (the action policy's codes). */
export type LifecycleAction = 'CLAIM' | 'RELEASE' | 'DELEGATE' | 'RESOLVE_DELEGATION' | 'REASSIGN' | 'ESCALATE' | 'COMMENT';

/** The body of a lifecycle action. */
export interface LifecycleInput {
  reasonCode?: string;
  comment?: string;
  delegateTo?: string;
  assignee?: string;
}

/** A business event: the object changed in its own domain. */
export interface BusinessEvent {
  type: string;
  businessObject: { type: string; id: string; version: number; revision?: number; snapshot?: Record<string, unknown> };
  evidence?: Record<string, unknown>;
}

/** A decision command: the option, its reason and comment, the form, and the business object version it was made on. */
export interface DecideCommand {
  decision: string;
  reasonCode?: string;
  comment?: string;
  acknowledged?: boolean;
  expectedBusinessObjectVersion: number;
  form?: Record<string, unknown>;
}

/** What callers get for a work item: evidence projected for them, never the hidden values. */
export type WorkItemView = Omit<WorkItemRecord, 'evidence'> & { evidence: Record<string, unknown>; redactedPaths: string[] };
