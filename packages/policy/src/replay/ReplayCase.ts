import type { Actor, BusinessObjectSnapshot, WorkItemSnapshot } from '../PolicyInput.js';
import type { DecisionCommand } from '../validateDecision.js';

/** A stored decision, replayed as the command it was. */
export interface ReplayDecision {
  id: string;
  /**
   * The command as stored. `acknowledged` is not stored by the runtime: when it is undefined the
   * replay takes it as given exactly when the baseline option asked for an acknowledgement (the
   * decision was accepted, so it was given); an acknowledgement only the candidate asks for was not.
   */
  command: DecisionCommand;
  /** Who decided, with the roles and groups held when deciding. */
  actor: Actor;
  /** ISO 8601 instant: the replay's `now` for this decision. */
  decidedAt: string;
}

/**
 * One stored item with what its evaluation needs. Decided items carry their effective decision;
 * open items may carry the actor to evaluate allowed actions and visibility for (the assignee,
 * else the owner, as the caller's directory knows them); without one only priority and SLA are
 * compared.
 */
export interface ReplayCase {
  /** The item as stored now (state, assignee, due time, ...). */
  item: WorkItemSnapshot;
  /** `ID@VERSION` of every definition the item is pinned to. */
  pinnedDefinitions: readonly string[];
  /** The business object's latest known snapshot (the store keeps no history of snapshots). */
  businessObject: BusinessObjectSnapshot;
  evidence: Record<string, unknown>;
  decision?: ReplayDecision;
  actor?: Actor;
}

/** Options of a replay. */
export interface ReplayOptions {
  /** ISO 8601 instant at which open items are evaluated for their actor. */
  now: string;
  /** Examples kept per finding (default 5). */
  maxExamples?: number;
}

/** What a finding is about. */
export type ImpactAspect = 'decision' | 'action' | 'priority' | 'sla' | 'visibility';

/** One case of a finding: which item, and the value before (baseline) and after (candidate). */
export interface ImpactExample {
  itemId: string;
  taskType: string;
  businessObject: { type: string; id: string };
  decisionId?: string;
  /** The actor evaluated for (decisions, actions, visibility). */
  actor?: string;
  before: unknown;
  after: unknown;
}

/**
 * A difference between baseline and candidate, per rule and check: how many cases show it and a
 * bounded number of examples.
 */
export interface ImpactFinding {
  aspect: ImpactAspect;
  /** The rule: `decision:APPROVE`, `lifecycle:CLAIM`, a priority rule, an SLA rule or `default`, an evidence path. */
  rule: string;
  /** The named check behind it (`AUTHORITY_LIMIT_EXCEEDED`, `ROLE_NOT_ALLOWED`, ...), where there is one. */
  check?: string;
  /** What changed, e.g. `accepted -> refused`, `enabled -> disabled`, `added +50`, `visible -> hidden`. */
  change: string;
  count: number;
  examples: ImpactExample[];
}

/** Case counts of a replay. */
export interface ImpactTotals {
  cases: number;
  /** Cases where anything differs. */
  affected: number;
  /** Cases where nothing differs, including those whose pinned set does not reference the candidate's id. */
  unaffected: number;
  /** Of the unaffected: pinned to no version of the candidate's id. */
  notReferencing: number;
  /** Cases that could not be evaluated (a pinned reference that does not resolve, malformed data); see `errors`. */
  failed: number;
  decided: number;
  open: number;
  /** Finished without a decision (cancelled, obsolete, expired): priority and SLA only. */
  closed: number;
  /** Open cases without an actor: allowed actions and visibility not compared. */
  withoutActor: number;
  /** Decided cases the candidate would have refused. */
  refusedDecisions: number;
  /** Decided cases the reconstruction refuses under the baseline too (data that no longer reproduces the decision); not counted as refused. */
  baselineRefused: number;
  /** Cases affected per aspect (a case counts once per aspect). */
  byAspect: Record<ImpactAspect, number>;
}

/** The impact report of a candidate definition over a set of cases. */
export interface ImpactReport {
  candidate: { kind: string; id: string; version: number; status: string };
  /** Which evaluator produced it: replay is an analysis path; enforcement stays on json-rules-engine. */
  evaluator: 'compiled';
  totals: ImpactTotals;
  /** Largest count first. */
  findings: ImpactFinding[];
  /** Cases that could not be evaluated, bounded like examples. */
  errors: { itemId: string; message: string }[];
}
