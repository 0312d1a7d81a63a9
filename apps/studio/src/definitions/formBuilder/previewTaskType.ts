/**
 * What the case worker's form needs, made from a draft: the task type as the item screen loads it
 * and every decision allowed, each with the fields and acknowledgement the policy would ask for
 * (the same derivation as the runtime's compilePolicy). The preview then shows the very form a
 * case worker gets.
 */
import type { ActionAvailability } from '@mandate/client';
import { decisionOptionsOf, type PinnedTaskType, type ReasonCode } from '../../item/pinnedDefinitions.js';

type Schema = Record<string, unknown>;

/** The pinned task type of a draft, with its generated form and the reason codes of its set. */
export function previewTaskType(draft: Schema, decisionSchema: Schema, uiSchema: Schema, reasonCodes: ReasonCode[]): PinnedTaskType {
  return {
    id: typeof draft.id === 'string' ? draft.id : 'DRAFT',
    version: typeof draft.version === 'number' ? draft.version : 0,
    title: typeof draft.title === 'string' ? draft.title : '',
    decisionOptions: decisionOptionsOf(draft),
    decisionSchema,
    uiSchema,
    reasonCodes,
  };
}

/** Every decision option allowed, as the allowed-actions answer would list it for a claimant with every authority. */
export function previewActions(draft: Schema, decisionSchema: Schema): ActionAvailability[] {
  const options = Array.isArray(draft.decisionOptions) ? (draft.decisionOptions as Schema[]) : [];
  const formRequired = Array.isArray(decisionSchema.required) ? (decisionSchema.required as string[]).filter((f) => f !== 'decision') : [];
  return options
    .filter((o) => typeof o.code === 'string')
    .map((o) => {
      const fields = new Set(formRequired);
      if (o.requiresReasonCode === true) fields.add('reasonCode');
      if (o.requiresComment === true) fields.add('comment');
      return {
        code: o.code as string,
        label: typeof o.label === 'string' ? o.label : (o.code as string),
        kind: 'decision',
        enabled: true,
        failedChecks: [],
        requiredFields: [...fields].sort(),
        requiredAcknowledgements: typeof o.acknowledgement === 'string' && o.acknowledgement ? [o.acknowledgement] : [],
        requiresSecondApproval: false,
        secondApprovalReasonCodes: [],
        dangerous: false,
      };
    });
}
