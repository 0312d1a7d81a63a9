/**
 * SLA: which terms apply and why, and the due, warning and escalation instants
 * in business time on the policy's calendar. The highest-priority rule that fires wins (the
 * strictest among equals); without one, the default terms apply.
 */
import { durationMinutes, type SlaTerms } from '@mandate/definitions';
import type { CompiledPolicy } from '../compilePolicy.js';
import { runRuleSet, type EvaluationOptions } from '../evaluatePolicy.js';
import type { PolicyContext } from '../PolicyInput.js';
import { traceOf, type RuleTrace } from '../rules/RuleSpec.js';
import { addBusinessMinutes, prepareCalendar, type PreparedCalendar } from './businessCalendar.js';

/** The SLA of an item. */
export interface SlaResult {
  policy: string;
  calendar: string;
  /** The rule whose terms apply, or `default`. */
  appliedRule: string;
  /** Why, in words: `rule HIGH_VALUE_QUOTE matched` or `no rule matched: default terms`. */
  reason: string;
  terms: SlaTerms;
  dueAt: string;
  warnAt: string;
  escalateAt: string;
  /** At `now`. */
  state: 'on_track' | 'warning' | 'breached' | 'escalation_due';
  breached: boolean;
  /** Every SLA rule, whether it fired and why. */
  trace: RuleTrace;
}

const calendars = new WeakMap<object, PreparedCalendar>();

function calendarOf(policy: CompiledPolicy): PreparedCalendar {
  let prepared = calendars.get(policy.pinned.calendar);
  if (!prepared) {
    prepared = prepareCalendar(policy.pinned.calendar);
    calendars.set(policy.pinned.calendar, prepared);
  }
  return prepared;
}

/** Computes due, warning and escalation instants from a start, on business or calendar time. */
export function slaInstants(cal: PreparedCalendar, terms: SlaTerms, start: number): { dueAt: number; warnAt: number; escalateAt: number } {
  const due = durationMinutes(terms.dueIn);
  const warn = terms.warnBefore ? durationMinutes(terms.warnBefore) : 0;
  const escalate = terms.escalateAfter ? durationMinutes(terms.escalateAfter) : 0;
  const add = (minutes: number) => ((terms.basis ?? 'business') === 'business' ? addBusinessMinutes(cal, start, minutes) : start + minutes * 60_000);
  return { dueAt: add(due), warnAt: add(Math.max(0, due - warn)), escalateAt: add(due + escalate) };
}

/** The SLA of the context's item, counted from its creation. */
export async function sla(policy: CompiledPolicy, ctx: PolicyContext, options: EvaluationOptions = {}): Promise<SlaResult> {
  const { outcomes } = await runRuleSet(policy, policy.sla, ctx, options);
  const rules = policy.pinned.sla.rules ?? [];
  // Highest priority wins; among equals, the strictest terms (shortest due time), never list order.
  const fired = outcomes
    .map((o, i) => ({ o, rule: rules[i]! }))
    .filter(({ o }) => o.fired)
    .sort((a, b) => (b.rule.priority ?? 1) - (a.rule.priority ?? 1) || durationMinutes(a.rule.event.params.dueIn) - durationMinutes(b.rule.event.params.dueIn) || a.rule.name.localeCompare(b.rule.name));
  const winner = fired[0]?.rule;
  const terms = winner ? winner.event.params : policy.pinned.sla.default;
  const { dueAt, warnAt, escalateAt } = slaInstants(calendarOf(policy), terms, Date.parse(ctx.item.createdAt));
  const now = Date.parse(ctx.now);
  const state = now >= escalateAt && now > dueAt ? 'escalation_due' : now >= dueAt ? 'breached' : now >= warnAt ? 'warning' : 'on_track';
  const { sla: slaPolicy, calendar } = policy.pinned;
  return {
    policy: `${slaPolicy.id}@${slaPolicy.version}`,
    calendar: `${calendar.id}@${calendar.version}`,
    appliedRule: winner?.name ?? 'default',
    reason: winner ? `rule ${winner.name} matched${fired.length > 1 ? ` (priority ${winner.priority ?? 1}, over ${fired.slice(1).map((f) => f.rule.name).join(', ')})` : ''}` : 'no rule matched: default terms',
    terms,
    dueAt: new Date(dueAt).toISOString(),
    warnAt: new Date(warnAt).toISOString(),
    escalateAt: new Date(escalateAt).toISOString(),
    state,
    breached: now >= dueAt,
    trace: traceOf(outcomes),
  };
}
