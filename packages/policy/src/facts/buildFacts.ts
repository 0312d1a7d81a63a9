/**
 * Builds the facts of one evaluation from its context, typed by the fact catalogue. A value of the
 * wrong type is dropped (it becomes undefined, so no comparison can pass on it) and reported,
 * because json-rules-engine would otherwise compare it loosely (`"5" > 1` is true).
 */
import { FACT_CATALOGUE, isInstant, type AuthorityPolicy, type FactType, type TaskType } from '@mandate/definitions';
import type { PolicyContext } from '../PolicyInput.js';
import { claimEligibility } from '../claimEligibility.js';
import { normalisePrincipalId } from '../principalId.js';
import type { Facts } from '../rules/RuleSpec.js';

/** A context value that did not have its catalogue type and was left out. */
export interface FactIssue {
  fact: string;
  path: string;
  expected: FactType;
  got: string;
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? 'string[]' : 'array';
  return value === null ? 'null' : typeof value;
}

function fits(value: unknown, type: FactType): boolean {
  switch (type) {
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'date-time':
      return isInstant(value);
    default:
      return typeof value === type;
  }
}

type FactName = keyof typeof FACT_CATALOGUE;

/** The catalogue's paths per fact, as arrays: built once, walked on every evaluation. */
const PATHS = Object.fromEntries(
  Object.entries(FACT_CATALOGUE).map(([fact, entry]) => [fact, 'paths' in entry ? (Object.entries(entry.paths) as [string, FactType][]) : []]),
) as Record<FactName, [string, FactType][]>;

/** Keeps the catalogue paths of `source` (or `derived`, which wins) whose values have their declared type. */
function typedFact(fact: FactName, source: object, issues: FactIssue[], derived?: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, type] of PATHS[fact]) {
    const value = derived && path in derived ? derived[path] : (source as Record<string, unknown>)[path];
    if (value === undefined) continue;
    if (fits(value, type)) out[path] = value;
    else issues.push({ fact, path, expected: type, got: typeOf(value) });
  }
  return out;
}

const minutesBetween = (from: string, to: string) => Math.floor((Date.parse(to) - Date.parse(from)) / 60_000);

/**
 * The highest limit for the task type's measure among the grants that match the actor's roles and
 * the item's tenant, region and product family. Candidate-group membership grants nothing here.
 */
export function authorityOf(taskType: TaskType, policy: AuthorityPolicy | undefined, ctx: PolicyContext): { limit?: number; grant?: string } {
  const measure = taskType.authority?.measure;
  if (!measure || !policy) return {};
  const inScope = (scope: string[] | undefined, value: string | undefined) => !scope || (value !== undefined && scope.includes(value));
  // An amount limit holds in its own currency only; a percentage has none.
  const isAmount = measure === 'amount' || measure === 'compensationAmount';
  const currency = ctx.businessObject.currency ?? (typeof ctx.evidence.currency === 'string' ? ctx.evidence.currency : undefined);
  let best: { limit?: number; grant?: string } = {};
  for (const grant of policy.grants) {
    const limit = grant.limits[measure];
    if (limit === undefined || !grant.roles.some((r) => ctx.actor.roles.includes(r))) continue;
    if (isAmount && grant.currency !== undefined && grant.currency !== currency) continue;
    if (!inScope(grant.tenants, ctx.item.tenant) || !inScope(grant.regions, ctx.item.region) || !inScope(grant.productFamilies, ctx.item.productFamily)) continue;
    if (best.limit === undefined || limit > best.limit) best = { limit, grant: grant.name };
  }
  return best;
}

/**
 * The evidence with every path the rules read checked against its schema type; a value of the
 * wrong type is removed from a copy (the input is never changed) and reported.
 */
export function typedEvidence(evidence: Record<string, unknown>, types: readonly [string, FactType][], issues: FactIssue[]): Record<string, unknown> {
  let out = evidence;
  for (const [path, type] of types) {
    const steps = path.split('.');
    let node: unknown = out;
    for (const step of steps) node = node !== null && typeof node === 'object' && Object.hasOwn(node, step) ? (node as Record<string, unknown>)[step] : undefined;
    if (node === undefined || fits(node, type)) continue;
    issues.push({ fact: 'evidence', path, expected: type, got: typeOf(node) });
    if (out === evidence) out = structuredClone(evidence);
    const parent = steps.slice(0, -1).reduce<Record<string, unknown>>((n, step) => n[step] as Record<string, unknown>, out);
    delete parent[steps[steps.length - 1]!];
  }
  return out;
}

export function buildFacts(
  ctx: PolicyContext,
  taskType: TaskType,
  authorityPolicy: AuthorityPolicy | undefined,
  evidenceTypes: readonly [string, FactType][] = [],
): { facts: Facts; issues: FactIssue[] } {
  const issues: FactIssue[] = [];
  const { item, actor, businessObject: bo } = ctx;
  const { isCandidate: candidate, isEscalationOwner } = claimEligibility(item, actor);
  const isAssignee = item.assignee !== undefined && item.assignee === actor.id;
  const facts: Record<string, unknown> = {
    actor: typedFact('actor', actor, issues),
    item: typedFact('item', item, issues, {
      ageMinutes: minutesBetween(item.createdAt, ctx.now),
      minutesUntilDue: item.dueAt ? minutesBetween(ctx.now, item.dueAt) : undefined,
    }),
    relation: {
      isRequester: item.requestedBy !== undefined && item.requestedBy === actor.id,
      // The owner id comes from the business object's system: compared in its canonical form.
      isBusinessObjectOwner: typeof bo.ownerId === 'string' && normalisePrincipalId(bo.ownerId) === actor.id,
      isAssignee,
      isCandidate: candidate,
      isDelegate: item.delegatedTo !== undefined && item.delegatedTo === actor.id,
      sameTenant: actor.tenant === item.tenant,
      canWork: isAssignee || (item.assignee === undefined && candidate),
      isEscalationOwner,
      // Whoever asked for the first approval may not give the second.
      isForbiddenApprover: (item.forbiddenApprovers ?? []).includes(actor.id) || (item.pendingApproval?.kind === 'decision' && item.pendingApproval.requestedBy === actor.id),
      isPendingActionRequester: item.pendingApproval?.kind === 'action' && item.pendingApproval.requestedBy === actor.id,
    },
    businessObject: typedFact('businessObject', bo, issues),
    authority: authorityOf(taskType, authorityPolicy, ctx),
    evidence: typedEvidence(ctx.evidence, evidenceTypes, issues),
    now: ctx.now,
  };
  return { facts, issues };
}
