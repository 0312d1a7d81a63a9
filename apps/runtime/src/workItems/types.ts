/** What the work item services take and give: the input of a creation, a lifecycle action, a decision and a business event, and the view of an item. */
import type { BusinessEvent, CreateWorkItem as CreateWorkItemBody, LifecycleCommand } from '@mandate/contract';
import type { DecisionCommand } from '@mandate/policy';
import type { WorkItemRecord } from '@mandate/store';
import type { CallerRef } from '@mandate/workflow';

/**
 * A request to create a work item (from a domain service or a workflow binding): the contract's
 * body, with the workflow activation typed as the workflow package reads it.
 */
export type CreateWorkItem = Omit<CreateWorkItemBody, 'callerRef'> & { callerRef?: CallerRef };

/** Lifecycle actions (the action policy's codes). */
export type LifecycleAction = 'CLAIM' | 'RELEASE' | 'DELEGATE' | 'RESOLVE_DELEGATION' | 'REASSIGN' | 'ESCALATE' | 'COMMENT';

/** The body of a lifecycle action. */
export type LifecycleInput = LifecycleCommand;

/** A business event: the object changed in its own domain. */
export type { BusinessEvent };

/** A decision command: the option, its reason and comment, the form, and the business object version it was made on (the policy's). */
export type DecideCommand = DecisionCommand;

/** What callers get for a work item: evidence projected for them, never the hidden values. */
export type WorkItemView = Omit<WorkItemRecord, 'evidence'> & { evidence: Record<string, unknown>; redactedPaths: string[] };
