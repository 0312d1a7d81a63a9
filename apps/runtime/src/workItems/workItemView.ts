import { visibleView } from '@mandate/policy';
import type { WorkItemView } from './types.js';
import type { LoadedWorkItem } from './WorkItemLoader.js';

/** A loaded item as its caller may see it: the evidence projected by the pinned visibility policy, the hidden paths named. */
export async function viewOf({ item, policy, ctx }: LoadedWorkItem): Promise<WorkItemView> {
  const view = await visibleView(policy, ctx, { evaluator: 'compiled' });
  return { ...item, evidence: view.evidence, redactedPaths: view.redactedPaths };
}
