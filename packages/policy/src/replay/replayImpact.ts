/**
 * Impact replay: re-evaluates stored items under a candidate definition (a draft or any version)
 * and reports what would differ from the versions they are pinned to: decisions that would have
 * been refused, allowed actions that flip, priority and SLA changes, evidence that becomes hidden
 * or visible. Counts and bounded examples, per rule and check.
 *
 * Why it looks like this:
 * - Replay is an analysis path, so it runs on the compiled evaluator (differential-tested against
 *   json-rules-engine, which stays the enforcing evaluator for commands) and synchronously: a
 *   history of 100,000 items must replay in seconds.
 * - Each distinct pinned set is resolved and compiled once, with its candidate counterpart, and
 *   compared statically first: an aspect whose definitions, rules and the facts they read are the
 *   same under both versions cannot differ for any item, so it is not evaluated (an authority change
 *   evaluates only the decision and action rules).
 * - Each item is evaluated as the runtime evaluated it: a decision at its instant, by its actor,
 *   on the item claimed by that actor and on the business object version decided on; priority and
 *   SLA on the item as created; an open item for its actor at the replay's `now`.
 */
import { durationMinutes, refOf, type Definition, type SlaTerms } from '@mandate/definitions';
import { audienceOf } from '../audienceOf.js';
import type { CompiledPolicy } from '../compilePolicy.js';
import { authorityOf, buildFacts } from '../facts/buildFacts.js';
import { PINNED_SLOT, pinDefinitions, pinnedFromRefs, type PinnedDefinitions } from '../PinnedDefinitions.js';
import { policyFor } from '../policyCache.js';
import type { Actor, PolicyContext, WorkItemSnapshot } from '../PolicyInput.js';
import type { ConditionSpec, Facts, RuleSpec } from '../rules/RuleSpec.js';
import { prepareCalendar, type PreparedCalendar } from '../sla/businessCalendar.js';
import { slaInstants } from '../sla/sla.js';
import type { DecisionCommand } from '../validateDecision.js';
import { commandViolations, decisionRuleViolations } from './decisionVerdict.js';
import type { ImpactAspect, ImpactExample, ImpactFinding, ImpactReport, ImpactTotals, ReplayCase, ReplayOptions } from './ReplayCase.js';

/**
 * Checks a past decision is not judged on again. Whether the decider was eligible (a candidate or
 * the escalation group) depends on the item's stored candidate groups and on the groups the
 * decider held, not on the definitions a replay compares; and decisions recorded without the
 * decider's context carry no groups at all, so every one of them would look ineligible.
 */
const NOT_REPLAYED = new Set(['NOT_A_CANDIDATE']);
const replayed = (violations: string[]) => violations.filter((code) => !NOT_REPLAYED.has(code));

const OPEN_STATES = new Set(['available', 'claimed', 'delegated', 'escalated']);
const ASPECTS: readonly ImpactAspect[] = ['decision', 'action', 'priority', 'sla', 'visibility'];

/** A pinned set and its candidate counterpart, compiled, with what can differ between them. */
interface Pair {
  baseline: CompiledPolicy;
  candidate: CompiledPolicy;
  /** The candidate's facts are the baseline's with another authority (same task type and evidence typing). */
  typingSame: boolean;
  authorityChanged: boolean;
  /** Task type and reason codes are the same: the checks that read no facts agree. */
  commandSame: boolean;
  decisions: boolean;
  actions: boolean;
  priority: boolean;
  sla: boolean;
  visibility: boolean;
  /** Baseline and candidate action indexes by action (-1: absent on that side). */
  actionPairs: [label: string, baseline: number, candidate: number][];
  /** Protected evidence paths with their rule indexes (-1: unprotected on that side). */
  visibilityPairs: [path: string, baseline: number, candidate: number][];
}

type PairEntry = Pair | { notReferencing: true } | { error: string };
const NOT_REFERENCING: PairEntry = { notReferencing: true };

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

function readsFact(rules: readonly RuleSpec[], fact: string): boolean {
  const walk = (node: ConditionSpec): boolean => {
    if ('fact' in node) {
      const value = node.value as { fact?: unknown } | null;
      return node.fact === fact || (value !== null && typeof value === 'object' && value.fact === fact);
    }
    if ('all' in node) return node.all.some(walk);
    if ('any' in node) return node.any.some(walk);
    return walk(node.not);
  };
  return rules.some((r) => walk(r.conditions));
}

function pairOf(baseline: CompiledPolicy, candidate: CompiledPolicy): Pair {
  const b = baseline.pinned;
  const c = candidate.pinned;
  const taskTypeSame = same(b.taskType, c.taskType);
  const typingSame = taskTypeSame && same(baseline.evidenceTypes, candidate.evidenceTypes);
  const authorityChanged = !taskTypeSame || !same(b.authority, c.authority);
  // Facts differ when the evidence typing does, or the authority does and a rule reads it.
  const factsDiffer = (...sets: RuleSpec[][]) => !typingSame || (authorityChanged && sets.some((rules) => readsFact(rules, 'authority')));
  const actions = !same(baseline.actions.rules.rules, candidate.actions.rules.rules) || !same(baseline.actions.specs, candidate.actions.specs) || factsDiffer(baseline.actions.rules.rules, candidate.actions.rules.rules);
  const commandSame = taskTypeSame && same(b.reasonCodes, c.reasonCodes);
  const sla = !same(b.sla, c.sla) || !same(b.calendar, c.calendar) || factsDiffer(baseline.sla.rules, candidate.sla.rules);
  // Priority reads the due time the SLA sets.
  const priority = sla || !same(b.priority, c.priority) || b.taskType.id !== c.taskType.id || factsDiffer(baseline.priority.rules, candidate.priority.rules);
  const visibility = !same(b.visibility, c.visibility) || factsDiffer(baseline.visibility.rules, candidate.visibility.rules);

  const label = (s: { kind: string; code: string }) => `${s.kind}:${s.code}`;
  const candidateActions = new Map(candidate.actions.specs.map((s, i) => [label(s), i]));
  const actionPairs: Pair['actionPairs'] = baseline.actions.specs.map((s, i) => [label(s), i, candidateActions.get(label(s)) ?? -1]);
  const baselineActions = new Set(baseline.actions.specs.map(label));
  candidate.actions.specs.forEach((s, i) => {
    if (!baselineActions.has(label(s))) actionPairs.push([label(s), -1, i]);
  });
  const paths = [...new Set([...baseline.visibility.rules, ...candidate.visibility.rules].map((r) => r.name))];
  const visibilityPairs: Pair['visibilityPairs'] = paths.map((p) => [p, baseline.visibility.rules.findIndex((r) => r.name === p), candidate.visibility.rules.findIndex((r) => r.name === p)]);
  return { baseline, candidate, typingSame, authorityChanged, commandSame, decisions: actions || !commandSame, actions, priority, sla, visibility, actionPairs, visibilityPairs };
}

const calendars = new WeakMap<object, PreparedCalendar>();

/** The SLA terms and instants, chosen as `sla` chooses them (highest priority, then strictest, then name). */
function slaOf(policy: CompiledPolicy, facts: Facts, start: number): { rule: string; terms: SlaTerms; dueAt: number; warnAt: number; escalateAt: number } {
  const fired = policy.sla.compiled().firedSync(facts);
  const rules = policy.pinned.sla.rules ?? [];
  let winner: (typeof rules)[number] | undefined;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (!fired[i]) continue;
    if (isBetter(rule, winner)) winner = rule;
  }
  const terms = winner ? winner.event.params : policy.pinned.sla.default;
  let calendar = calendars.get(policy.pinned.calendar);
  if (!calendar) calendars.set(policy.pinned.calendar, (calendar = prepareCalendar(policy.pinned.calendar)));
  return { rule: winner?.name ?? 'default', terms, ...slaInstants(calendar, terms, start) };
}

type SlaRule = NonNullable<PinnedDefinitions['sla']['rules']>[number];

/** Whether `rule` sorts before `winner` in `sla`'s order. */
function isBetter(rule: SlaRule, winner: SlaRule | undefined): boolean {
  if (!winner) return true;
  return ((winner.priority ?? 1) - (rule.priority ?? 1) || durationMinutes(rule.event.params.dueIn) - durationMinutes(winner.event.params.dueIn) || rule.name.localeCompare(winner.name)) < 0;
}

/** Score contributions as `priority` computes them: base weight plus every fired rule's weight. */
function priorityOf(policy: CompiledPolicy, facts: Facts): Map<string, number> {
  const contributions = new Map<string, number>();
  const base = policy.pinned.priority.baseWeights?.[policy.pinned.taskType.id];
  if (base) contributions.set(`BASE_${policy.pinned.taskType.id}`, base);
  const fired = policy.priority.compiled().firedSync(facts);
  const rules = policy.priority.rules;
  for (let i = 0; i < rules.length; i++) {
    const weight = rules[i]!.event.params?.weight;
    if (fired[i] && typeof weight === 'number') contributions.set(rules[i]!.name, weight);
  }
  return contributions;
}

const signed = (n: number) => (n >= 0 ? `+${n}` : String(n));
const scoreOf = (c: Map<string, number>) => [...c.values()].reduce((a, b) => a + b, 0);
const reasonsOf = (c: Map<string, number>) =>
  [...c]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name, weight]) => `${name}:${signed(weight)}`);
const iso = (ms: number) => new Date(ms).toISOString();

/** The item as the runtime created it: available, unassigned, not escalated (priority and SLA are set then). */
function asCreated(item: WorkItemSnapshot): WorkItemSnapshot {
  const { assignee: _a, owner: _o, delegatedTo: _d, pendingApproval: _p, dueAt: _due, escalationGroup: _g, ...rest } = item;
  return { ...rest, state: 'available', escalationLevel: 0 };
}

/**
 * Accumulates a replay case by case (or batch by batch, from a store), then reports. One instance
 * per candidate and baseline set; not for concurrent use.
 *
 * @example
 * const replay = new ImpactReplay(published, draftAuthorityPolicy, { now: new Date().toISOString() });
 * for await (const batch of source.batches({ definitionId: 'COMMERCIAL_AUTHORITY' })) replay.addAll(batch.map(toReplayCase));
 * const report = replay.report();
 */
export class ImpactReplay {
  private readonly byRef: Map<string, Definition>;
  private readonly idAt: string;
  private readonly pairs = new Map<string, PairEntry>();
  private readonly pairsByArray = new WeakMap<readonly string[], PairEntry>();
  private readonly findings = new Map<string, ImpactFinding>();
  private readonly errors: { itemId: string; message: string }[] = [];
  private readonly maxExamples: number;
  private candidateTaskTypePinned: PinnedDefinitions | undefined;
  private readonly totals: ImpactTotals = {
    cases: 0,
    affected: 0,
    unaffected: 0,
    notReferencing: 0,
    failed: 0,
    decided: 0,
    open: 0,
    closed: 0,
    withoutActor: 0,
    refusedDecisions: 0,
    baselineRefused: 0,
    byAspect: { decision: 0, action: 0, priority: 0, sla: 0, visibility: 0 },
  };
  /** Aspects the current case differs in, as bits of ASPECTS (a case counts once per aspect). */
  private hit = 0;

  /**
   * @param baselineDefinitions every definition version the cases may be pinned to
   * @param candidate replaces, in each case's pinned set, the definition of its kind and id; a
   *   candidate task type brings the versions it references (resolved in `baselineDefinitions`)
   */
  constructor(
    private readonly baselineDefinitions: readonly Definition[],
    private readonly candidate: Definition,
    private readonly options: ReplayOptions,
  ) {
    this.byRef = new Map(baselineDefinitions.map((d) => [refOf(d), d]));
    this.idAt = `${candidate.id}@`;
    this.maxExamples = options.maxExamples ?? 5;
  }

  /** Replays one case. */
  add(c: ReplayCase): void {
    const t = this.totals;
    t.cases++;
    if (c.decision) t.decided++;
    else if (OPEN_STATES.has(c.item.state)) t.open++;
    else t.closed++;
    const entry = this.pairFor(c.pinnedDefinitions);
    if ('notReferencing' in entry) {
      t.unaffected++;
      t.notReferencing++;
      return;
    }
    if ('error' in entry) {
      this.fail(c, entry.error);
      return;
    }
    this.hit = 0;
    try {
      this.compare(entry, c);
    } catch (error) {
      this.fail(c, error instanceof Error ? error.message : String(error));
      return;
    }
    if (this.hit === 0) t.unaffected++;
    else {
      t.affected++;
      ASPECTS.forEach((aspect, i) => {
        if (this.hit & (1 << i)) t.byAspect[aspect]++;
      });
    }
  }

  /** Replays several cases. */
  addAll(cases: Iterable<ReplayCase>): void {
    for (const c of cases) this.add(c);
  }

  /** The report so far. */
  report(): ImpactReport {
    const { kind, id, version, status } = this.candidate;
    const findings = [...this.findings.values()].sort(
      (a, b) => b.count - a.count || ASPECTS.indexOf(a.aspect) - ASPECTS.indexOf(b.aspect) || a.rule.localeCompare(b.rule) || a.change.localeCompare(b.change),
    );
    return { candidate: { kind, id, version, status }, evaluator: 'compiled', totals: structuredClone(this.totals), findings: structuredClone(findings), errors: [...this.errors] };
  }

  private fail(c: ReplayCase, message: string): void {
    this.totals.failed++;
    if (this.errors.length < this.maxExamples * 4) this.errors.push({ itemId: c.item.id, message });
  }

  private pairFor(refs: readonly string[]): PairEntry {
    // Sources that share one array per pinned set (the store does) skip building the key.
    const known = this.pairsByArray.get(refs);
    if (known) return known;
    const key = refs.join('|');
    let entry = this.pairs.get(key);
    if (!entry) {
      entry = this.buildPair(refs);
      this.pairs.set(key, entry);
    }
    this.pairsByArray.set(refs, entry);
    return entry;
  }

  private buildPair(refs: readonly string[]): PairEntry {
    if (!refs.some((r) => r.startsWith(this.idAt))) return NOT_REFERENCING;
    try {
      const baseline = pinnedFromRefs(refs, this.byRef);
      let candidate: PinnedDefinitions;
      if (this.candidate.kind === 'TaskType') {
        // A task type version pins its own policy versions: items created under it would evaluate with them.
        candidate = this.candidateTaskTypePinned ??= pinDefinitions(refOf(this.candidate), [...this.baselineDefinitions, this.candidate]);
      } else {
        const slot = PINNED_SLOT[this.candidate.kind];
        if (baseline[slot]?.id !== this.candidate.id) return NOT_REFERENCING;
        candidate = { ...baseline, [slot]: this.candidate };
      }
      return pairOf(policyFor(baseline), policyFor(candidate));
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }

  private note(aspect: ImpactAspect, rule: string, check: string | undefined, change: string, c: ReplayCase, actor: Actor | undefined, before: () => unknown, after: () => unknown): void {
    this.hit |= 1 << ASPECTS.indexOf(aspect);
    const key = `${aspect}\u0000${rule}\u0000${check ?? ''}\u0000${change}`;
    let finding = this.findings.get(key);
    if (!finding) {
      finding = { aspect, rule, ...(check !== undefined ? { check } : {}), change, count: 0, examples: [] };
      this.findings.set(key, finding);
    }
    finding.count++;
    if (finding.examples.length < this.maxExamples) {
      const example: ImpactExample = { itemId: c.item.id, taskType: c.item.taskType, businessObject: { type: c.businessObject.type, id: c.businessObject.id }, before: before(), after: after() };
      if (c.decision) example.decisionId = c.decision.id;
      if (actor) example.actor = actor.id;
      finding.examples.push(example);
    }
  }

  /** The candidate's facts: the baseline's with the candidate's authority when only that can differ. */
  private candidateFacts(p: Pair, ctx: PolicyContext, baselineFacts: Facts): Facts {
    const c = p.candidate.pinned;
    if (!p.typingSame) return buildFacts(ctx, c.taskType, c.authority, p.candidate.evidenceTypes).facts;
    return p.authorityChanged ? { ...baselineFacts, authority: authorityOf(c.taskType, c.authority, ctx) } : baselineFacts;
  }

  private compare(p: Pair, c: ReplayCase): void {
    const b = p.baseline.pinned;
    if (p.sla || p.priority) this.compareCreation(p, c);
    if (!(p.decisions || p.actions || p.visibility)) return;
    let ctx: PolicyContext;
    const decision = c.decision;
    if (decision) {
      // The item as it was when decided: claimed by the decider, on the version decided on.
      const { delegatedTo: _d, pendingApproval: _p, ...item } = c.item;
      ctx = {
        item: { ...item, state: 'claimed', assignee: decision.actor.id, owner: decision.actor.id },
        businessObject: { ...c.businessObject, version: decision.command.expectedBusinessObjectVersion, revision: c.item.businessObjectRevision },
        evidence: c.evidence,
        actor: decision.actor,
        now: decision.decidedAt,
      };
    } else if (c.actor) {
      ctx = { item: c.item, businessObject: c.businessObject, evidence: c.evidence, actor: c.actor, now: this.options.now };
    } else {
      if (OPEN_STATES.has(c.item.state)) this.totals.withoutActor++;
      return;
    }
    const fb = buildFacts(ctx, b.taskType, b.authority, p.baseline.evidenceTypes).facts;
    const fc = this.candidateFacts(p, ctx, fb);
    if (decision && p.decisions) this.compareDecision(p, c, ctx, fb, fc);
    if (p.actions) this.compareActions(p, c, ctx.actor, fb, fc);
    if (p.visibility) this.compareVisibility(p, c, ctx, fb, fc);
  }

  private compareDecision(p: Pair, c: ReplayCase, ctx: PolicyContext, fb: Facts, fc: Facts): void {
    const decision = c.decision!;
    let command: DecisionCommand = decision.command;
    if (command.acknowledged === undefined) {
      const option = p.baseline.pinned.taskType.decisionOptions.find((o) => o.code === command.decision);
      command = { ...command, acknowledged: option?.acknowledgement !== undefined };
    }
    const commandB = commandViolations(p.baseline, ctx, command);
    const before = replayed(commandB.unknownDecision ? commandB.before : [...commandB.before, ...decisionRuleViolations(p.baseline, fb, command.decision), ...commandB.after]);
    const commandC = p.commandSame ? commandB : commandViolations(p.candidate, ctx, command);
    const after = replayed(commandC.unknownDecision ? commandC.before : [...commandC.before, ...decisionRuleViolations(p.candidate, fc, command.decision), ...commandC.after]);
    if (before.length === 0 && after.length === 0) return;
    const rule = `decision:${command.decision}`;
    const show = (violations: string[], facts: Facts) => () => ({ ok: violations.length === 0, violations: [...new Set(violations)], authority: facts.authority });
    if (before.length === 0) {
      this.totals.refusedDecisions++;
      for (const code of new Set(after)) this.note('decision', rule, code, 'accepted -> refused', c, decision.actor, show(before, fb), show(after, fc));
      return;
    }
    this.totals.baselineRefused++;
    if (after.length === 0) this.note('decision', rule, [...new Set(before)].join(','), 'refused -> accepted', c, decision.actor, show(before, fb), show(after, fc));
  }

  private compareActions(p: Pair, c: ReplayCase, actor: Actor, fb: Facts, fc: Facts): void {
    const compiledB = p.baseline.actions.rules.compiled();
    const compiledC = p.candidate.actions.rules.compiled();
    const failuresB = compiledB.firstFailureSync(fb);
    const failuresC = compiledC.firstFailureSync(fc);
    const reason = (names: string[][], i: number, failure: number) => names[i]![failure] ?? 'CONDITION_NOT_MET';
    const state = (enabled: boolean, names: string[][], i: number, failures: number[]) => () => (enabled ? { enabled } : { enabled, disabledReason: i < 0 ? 'ABSENT' : reason(names, i, failures[i]!) });
    for (const [label, ib, ic] of p.actionPairs) {
      const enabledB = ib >= 0 && failuresB[ib] === -1;
      const enabledC = ic >= 0 && failuresC[ic] === -1;
      if (enabledB === enabledC && ib >= 0 && ic >= 0) continue;
      const before = state(enabledB, compiledB.checkNames, ib, failuresB);
      const after = state(enabledC, compiledC.checkNames, ic, failuresC);
      if (ib < 0) this.note('action', label, enabledC ? undefined : reason(compiledC.checkNames, ic, failuresC[ic]!), enabledC ? 'added, enabled' : 'added, disabled', c, actor, before, after);
      else if (ic < 0) this.note('action', label, undefined, enabledB ? 'removed, was enabled' : 'removed, was disabled', c, actor, before, after);
      else if (enabledB) this.note('action', label, reason(compiledC.checkNames, ic, failuresC[ic]!), 'enabled -> disabled', c, actor, before, after);
      else this.note('action', label, reason(compiledB.checkNames, ib, failuresB[ib]!), 'disabled -> enabled', c, actor, before, after);
    }
  }

  private compareVisibility(p: Pair, c: ReplayCase, ctx: PolicyContext, fb: Facts, fc: Facts): void {
    const firedB = p.baseline.visibility.compiled().firedSync(fb);
    const firedC = p.candidate.visibility.compiled().firedSync(fc);
    for (const [path, ib, ic] of p.visibilityPairs) {
      const visibleB = ib < 0 || firedB[ib] === true;
      const visibleC = ic < 0 || firedC[ic] === true;
      if (visibleB === visibleC) continue;
      const show = (visible: boolean) => () => ({ visible });
      this.note('visibility', path, undefined, visibleB ? 'visible -> hidden' : 'hidden -> visible', c, ctx.actor, show(visibleB), show(visibleC));
    }
    const audienceB = audienceOf(p.baseline, ctx)?.name;
    const audienceC = audienceOf(p.candidate, ctx)?.name;
    if (audienceB !== audienceC) this.note('visibility', 'audience', undefined, `${audienceB ?? 'none'} -> ${audienceC ?? 'none'}`, c, ctx.actor, () => audienceB ?? null, () => audienceC ?? null);
  }

  /** Priority and SLA, on the item as created, at its creation. */
  private compareCreation(p: Pair, c: ReplayCase): void {
    const b = p.baseline.pinned;
    const created = asCreated(c.item);
    // Who created it is not stored; no shipped priority or SLA rule reads the actor.
    const actor: Actor = { id: c.item.requestedBy ?? 'unknown', roles: [], groups: [], tenant: c.item.tenant };
    const ctx: PolicyContext = { item: created, businessObject: c.businessObject, evidence: c.evidence, actor, now: c.item.createdAt };
    let dueB: string | undefined = c.item.dueAt;
    let dueC = dueB;
    let groupB = c.item.escalationGroup;
    let groupC = groupB;
    if (p.sla) {
      const fb = buildFacts(ctx, b.taskType, b.authority, p.baseline.evidenceTypes).facts;
      const fc = this.candidateFacts(p, ctx, fb);
      const start = Date.parse(c.item.createdAt);
      const slaB = slaOf(p.baseline, fb, start);
      const slaC = slaOf(p.candidate, fc, start);
      const changed: string[] = [];
      if (slaB.dueAt !== slaC.dueAt) changed.push('due');
      if (slaB.warnAt !== slaC.warnAt) changed.push('warn');
      if (slaB.escalateAt !== slaC.escalateAt) changed.push('escalate');
      if (slaB.terms.escalationGroup !== slaC.terms.escalationGroup) changed.push('escalation group');
      if (changed.length || slaB.rule !== slaC.rule) {
        const show = (s: typeof slaB) => () => ({ rule: s.rule, dueAt: iso(s.dueAt), warnAt: iso(s.warnAt), escalateAt: iso(s.escalateAt), escalationGroup: s.terms.escalationGroup });
        const rule = slaB.rule === slaC.rule ? slaB.rule : `${slaB.rule} -> ${slaC.rule}`;
        this.note('sla', rule, undefined, changed.length ? `${changed.join(', ')} changed` : 'rule changed, same terms', c, undefined, show(slaB), show(slaC));
      }
      dueB = iso(slaB.dueAt);
      dueC = iso(slaC.dueAt);
      groupB = slaB.terms.escalationGroup;
      groupC = slaC.terms.escalationGroup;
    }
    if (!p.priority) return;
    const withDue = (dueAt: string | undefined, group: string | undefined): PolicyContext => {
      const item: WorkItemSnapshot = { ...created };
      if (dueAt) item.dueAt = dueAt;
      if (group) item.escalationGroup = group;
      return { ...ctx, item };
    };
    const ctxB = withDue(dueB, groupB);
    const fb = buildFacts(ctxB, b.taskType, b.authority, p.baseline.evidenceTypes).facts;
    const fc = dueB === dueC && groupB === groupC ? this.candidateFacts(p, ctxB, fb) : this.candidateFactsFresh(p, withDue(dueC, groupC));
    const priorityB = priorityOf(p.baseline, fb);
    const priorityC = priorityOf(p.candidate, fc);
    const show = (contributions: Map<string, number>) => () => ({ priorityScore: scoreOf(contributions), reasons: reasonsOf(contributions) });
    for (const [name, weight] of priorityB) {
      const now = priorityC.get(name);
      if (now === undefined) this.note('priority', name, undefined, `removed ${signed(weight)}`, c, undefined, show(priorityB), show(priorityC));
      else if (now !== weight) this.note('priority', name, undefined, `weight ${weight} -> ${now}`, c, undefined, show(priorityB), show(priorityC));
    }
    for (const [name, weight] of priorityC) {
      if (!priorityB.has(name)) this.note('priority', name, undefined, `added ${signed(weight)}`, c, undefined, show(priorityB), show(priorityC));
    }
  }

  private candidateFactsFresh(p: Pair, ctx: PolicyContext): Facts {
    const c = p.candidate.pinned;
    return buildFacts(ctx, c.taskType, c.authority, p.candidate.evidenceTypes).facts;
  }
}

/**
 * Replays cases under a candidate definition and reports what would differ from their pinned versions.
 *
 * @example
 * const report = replayImpact(cases, shippedDefinitions, { ...authority, version: 2, status: 'draft', grants: lowered }, { now });
 * report.findings[0]; // { aspect: 'decision', rule: 'decision:APPROVE', check: 'AUTHORITY_LIMIT_EXCEEDED', change: 'accepted -> refused', count: 3, examples: [...] }
 */
export function replayImpact(cases: Iterable<ReplayCase>, baselineDefinitions: readonly Definition[], candidate: Definition, options: ReplayOptions): ImpactReport {
  const replay = new ImpactReplay(baselineDefinitions, candidate, options);
  replay.addAll(cases);
  return replay.report();
}

/** The same over batches as a store reads them (bounded memory). */
export async function replayImpactBatches(batches: AsyncIterable<readonly ReplayCase[]>, baselineDefinitions: readonly Definition[], candidate: Definition, options: ReplayOptions): Promise<ImpactReport> {
  const replay = new ImpactReplay(baselineDefinitions, candidate, options);
  for await (const batch of batches) replay.addAll(batch);
  return replay.report();
}
