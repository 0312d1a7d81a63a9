/**
 * The decision form the worker fills: the task type's decisionSchema/uiSchema, narrowed by what
 * the policy says now. Decision options get their labels and the disabled ones are greyed; reason
 * codes become a choice among the codes that apply to the chosen decision (before one is chosen, to
 * any decision, never a lifecycle action's reason alone); the chosen decision's
 * required fields (policy `requiredFields`) become required.
 */
import type { ActionAvailability } from '@mandate/client';
import { retrieveSchema, type RJSFSchema } from '@rjsf/utils';
import { formValidator } from '../forms/formValidator.js';
import type { DecisionOption, ReasonCode } from './pinnedDefinitions.js';

type Schema = Record<string, unknown>;

/** The schema and uiSchema for the form, given the chosen decision (if any). */
export function decisionFormSchema(
  decisionSchema: Schema,
  uiSchema: Schema,
  options: DecisionOption[],
  reasonCodes: ReasonCode[],
  actions: ActionAvailability[],
  chosen: string | undefined,
): { schema: Schema; uiSchema: Schema } {
  const properties = { ...((decisionSchema.properties as Record<string, Schema> | undefined) ?? {}) };
  const decisions = actions.filter((a) => a.kind === 'decision');
  const decisionProp = properties.decision;
  if (decisionProp) {
    const codes = Array.isArray(decisionProp.enum) ? (decisionProp.enum as string[]) : options.map((o) => o.code);
    properties.decision = { type: 'string', title: decisionProp.title ?? 'Decision', oneOf: codes.map((code) => ({ const: code, title: options.find((o) => o.code === code)?.label ?? code })) };
  }
  const reasonProp = properties.reasonCode;
  // Before a decision is chosen, the reasons of any decision: a set also holds reasons for lifecycle actions (REASSIGN), which no decision takes.
  const decisionCodes = options.map((o) => o.code);
  const applicable = reasonCodes.filter((r) => r.appliesTo.length === 0 || (chosen ? r.appliesTo.includes(chosen) : r.appliesTo.some((a) => decisionCodes.includes(a))));
  if (reasonProp && applicable.length > 0) {
    properties.reasonCode = {
      type: 'string',
      title: reasonProp.title ?? 'Reason',
      oneOf: applicable.map((r) => ({ const: r.code, title: `${r.label}${r.requiresSecondApproval ? ' (needs a second approval)' : ''}` })),
    };
  }
  const chosenAction = decisions.find((a) => a.code === chosen);
  const required = [...new Set([...((decisionSchema.required as string[] | undefined) ?? []), ...(chosenAction?.requiredFields ?? []).filter((f) => f in properties)])];
  const disabled = decisions.filter((a) => !a.enabled).map((a) => a.code);
  const decisionUi = { ...((uiSchema.decision as Schema | undefined) ?? {}), ...(disabled.length ? { 'ui:enumDisabled': disabled } : {}) };
  return { schema: { ...decisionSchema, properties, required }, uiSchema: { ...uiSchema, decision: decisionUi, 'ui:submitButtonOptions': { norender: true } } };
}

/**
 * The form data the runtime validates against the original decisionSchema: the properties the form
 * shows for this data (a field shown only for some decisions, `allOf`/`if`/`then`, included when
 * shown and left out when not, even if typed before the decision changed), no empty values.
 */
export function formPayload(decisionSchema: Schema, data: Record<string, unknown>): Record<string, unknown> {
  const shown = retrieveSchema(formValidator, decisionSchema as RJSFSchema, decisionSchema as RJSFSchema, data);
  const keys = Object.keys(shown.properties ?? {});
  return Object.fromEntries(keys.filter((k) => data[k] !== undefined && data[k] !== '').map((k) => [k, data[k]]));
}
