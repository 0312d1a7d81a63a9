/**
 * Puts structural changes into the words of the domain and classes each one for control:
 * tightening (fewer people may do less, or must show more), loosening (the reverse) or neutral.
 * Widening visibility, raising an authority limit, dropping a four-eyes requirement or a
 * forbidden action is loosening.
 */
import { durationMinutes, formatDuration } from '../durations.js';
import type { DefinitionKind } from '../schemas/index.js';
import { conditionScope, renderCondition, renderConditionChange } from './renderCondition.js';
import { elementId, renderPath, type PathStep, type StructuralChange } from './structuralChanges.js';

/** How a change moves control. */
export type ControlEffect = 'tightening' | 'loosening' | 'neutral';

/** One change between two versions, in domain words. */
export interface SemanticChange {
  /** Stable path keyed by ids, e.g. `codes[COMPETITIVE_MATCH].riskLevel`. */
  path: string;
  op: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
  control: ControlEffect;
  summary: string;
}

interface Context {
  kind: DefinitionKind;
  /** The definition id, e.g. DISCOUNT_APPROVAL_REASONS. */
  id: string;
  /** The whole new and old documents, for context a change needs (e.g. a rule's own terms). */
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

type Described = { summary: string; control: ControlEffect };
type Describer = (c: StructuralChange, ids: string[], ctx: Context) => Described;

const same = (x: unknown) => JSON.stringify(x);
/** Minutes of a duration, or undefined for a value that is not one (the diff also reads invalid drafts). */
const minutes = (x: unknown) => (typeof x === 'string' && /^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?)?$/.test(x) ? durationMinutes(x) : undefined);
/** Reads `x.a.b...` without trusting the shape (the diff also reads invalid drafts). */
const read = (x: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), x);
const readable = (x: unknown) => (minutes(x) === undefined ? show(x ?? 'none') : formatDuration(x as string));
const show = (x: unknown) => (typeof x === 'string' ? x : same(x));
const flag = (x: unknown) => x === true;

/** A boolean requirement: turning it on tightens, off loosens. */
function requirement(what: (ids: string[]) => string): Describer {
  return (c, ids) => {
    const on = flag(c.after);
    const was = flag(c.before);
    if (on === was) return { summary: `${what(ids)}: ${show(c.before)} -> ${show(c.after)}`, control: 'neutral' };
    return { summary: `${what(ids)} ${on ? 'now required' : 'no longer required'}`, control: on ? 'tightening' : 'loosening' };
  };
}

/**
 * Membership of a value in a list. Where being listed grants something (roles, states, scopes),
 * joining loosens; where it restricts (forbidden roles, required evidence), joining tightens.
 */
function membership(listed: 'grants' | 'restricts', describe: (member: string, ids: string[], added: boolean) => string): Describer {
  return (c, ids) => {
    const member = ids[ids.length - 1] ?? '';
    const added = c.op === 'added';
    const tightens = listed === 'grants' ? !added : added;
    return { summary: describe(member, ids.slice(0, -1), added), control: tightens ? 'tightening' : 'loosening' };
  };
}

const grantList = (describe: Parameters<typeof membership>[1]) => membership('grants', describe);
const restrictionList = (describe: Parameters<typeof membership>[1]) => membership('restricts', describe);

function reference(label: string): Describer {
  return (c) => ({ summary: `${label} ${show(c.before)} -> ${show(c.after)}`, control: 'neutral' });
}

function slaTerm(prefix: (ids: string[]) => string): Record<string, Describer> {
  const duration = (field: string, shorterIs: ControlEffect): Describer => (c, ids, ctx) => {
    const basis = findBasis(ctx, ids);
    // A missing warning or escalation delay is zero: no warning, escalation at the due time.
    const b = c.before === undefined && field !== 'dueIn' ? 0 : minutes(c.before);
    const a = c.after === undefined && field !== 'dueIn' ? 0 : minutes(c.after);
    let control: ControlEffect = 'neutral';
    if (b !== undefined && a !== undefined && a !== b) {
      control = a < b ? shorterIs : shorterIs === 'tightening' ? 'loosening' : 'tightening';
    }
    return { summary: `${prefix(ids)}SLA ${field} ${readable(c.before)} -> ${readable(c.after)} ${basis} time`, control };
  };
  return {
    dueIn: duration('dueIn', 'tightening'),
    warnBefore: duration('warnBefore', 'loosening'),
    escalateAfter: duration('escalateAfter', 'tightening'),
    escalationGroup: (c, ids) => ({ summary: `${prefix(ids)}SLA escalation group ${show(c.before)} -> ${show(c.after)}`, control: 'neutral' }),
    // Calendar time runs through nights and weekends: the same duration is less working time.
    basis: (c, ids) => {
      const before = c.before ?? 'business';
      const after = c.after ?? 'business';
      const control: ControlEffect = before === after ? 'neutral' : after === 'calendar' ? 'tightening' : 'loosening';
      return { summary: `${prefix(ids)}SLA basis: counts ${show(after)} time (was ${show(before)})`, control };
    },
  };
}

/** The SLA terms a change sits in: a rule's (by name) or the default. Tolerates malformed drafts. */
function termsOf(ctx: Context, ruleName: string | undefined): Record<string, unknown> | undefined {
  const rules: unknown[] = Array.isArray(ctx.after.rules) ? ctx.after.rules : [];
  const terms = ruleName
    ? (rules.find((r) => (r as { name?: unknown } | null)?.name === ruleName) as { event?: { params?: unknown } } | undefined)?.event?.params
    : ctx.after.default;
  return typeof terms === 'object' && terms !== null ? (terms as Record<string, unknown>) : undefined;
}

function findBasis(ctx: Context, ids: string[]): string {
  const basis = termsOf(ctx, ids[0])?.basis;
  return typeof basis === 'string' ? basis : 'business';
}

const slaDefault = slaTerm(() => '');
const slaRule = slaTerm((ids) => `rule ${ids[0] ?? ''}: `);

/** A rule condition: scope tells whether the rule now applies more or less often. */
function ruleCondition(label: (ids: string[]) => string, widenedIs: (ctx: Context, ids: string[]) => ControlEffect): Describer {
  return (c, ids, ctx) => {
    const scope = conditionScope(c.before, c.after);
    const widened = widenedIs(ctx, ids);
    const opposite: ControlEffect = widened === 'tightening' ? 'loosening' : widened === 'loosening' ? 'tightening' : 'neutral';
    const control = scope === 'widened' ? widened : scope === 'narrowed' ? opposite : 'neutral';
    if (c.before === undefined) return { summary: `${label(ids)} condition added: ${renderCondition(c.after)}`, control };
    if (c.after === undefined) return { summary: `${label(ids)} condition removed: ${renderCondition(c.before)}`, control };
    return { summary: `${label(ids)} condition changed: ${renderConditionChange(c.before, c.after)}`, control };
  };
}

/** An SLA rule is stricter than the default when it gives less time: applying it more often tightens. */
function slaRuleStrictness(ctx: Context, ids: string[]): ControlEffect {
  return ruleStrictness(termsOf(ctx, ids[0])?.dueIn, ctx, 'after');
}

/** Whether terms with `dueIn` are stricter than the default terms of one side of the diff. */
function ruleStrictness(dueIn: unknown, ctx: Context, side: 'before' | 'after'): ControlEffect {
  const rule = minutes(dueIn);
  const fallback = minutes(read(ctx[side], 'default', 'dueIn'));
  if (rule === undefined || fallback === undefined || rule === fallback) return 'neutral';
  return rule < fallback ? 'tightening' : 'loosening';
}

function invert(control: ControlEffect): ControlEffect {
  return control === 'tightening' ? 'loosening' : control === 'loosening' ? 'tightening' : 'neutral';
}

function limitChange(c: StructuralChange, ids: string[]): Described {
  const [grant, limit] = ids;
  const b = typeof c.before === 'number' ? c.before : undefined;
  const a = typeof c.after === 'number' ? c.after : undefined;
  if (b === undefined) return { summary: `authority grant ${grant} gains a ${limit} limit of ${a}`, control: 'loosening' };
  if (a === undefined) return { summary: `authority grant ${grant} loses its ${limit} limit of ${b}`, control: 'tightening' };
  return { summary: `authority limit ${grant} ${limit} ${b} -> ${a}`, control: a > b ? 'loosening' : a < b ? 'tightening' : 'neutral' };
}

function scopeChange(dimension: string): Describer {
  return (c, ids) => {
    const [grant, value] = ids;
    if (value === undefined) {
      // The whole scope list appeared or vanished: absent means "every value".
      return c.op === 'added'
        ? { summary: `authority grant ${grant} now limited to ${dimension} ${show(c.after)}`, control: 'tightening' }
        : { summary: `authority grant ${grant} now covers every ${dimension} (was ${show(c.before)})`, control: 'loosening' };
    }
    const added = c.op === 'added';
    return { summary: `authority grant ${grant} ${added ? 'now covers' : 'no longer covers'} ${dimension} ${value}`, control: added ? 'loosening' : 'tightening' };
  };
}

const RISK_ORDER = ['LOW', 'MEDIUM', 'HIGH'];

const DESCRIBERS: Partial<Record<DefinitionKind, Record<string, Describer>>> & { common: Record<string, Describer> } = {
  common: {
    status: (c) => ({ summary: `status ${show(c.before)} -> ${show(c.after)}`, control: 'neutral' }),
    title: (c) => ({ summary: `title changed to ${show(c.after)}`, control: 'neutral' }),
    description: () => ({ summary: 'description changed', control: 'neutral' }),
  },
  ReasonCodeSet: {
    'codes[*]': (c, [code], ctx) =>
      c.op === 'added'
        ? { summary: `reason code ${code} added to ${ctx.id}`, control: 'loosening' }
        : { summary: `reason code ${code} removed from ${ctx.id}`, control: 'tightening' },
    'codes[*].appliesTo[*]': grantList((decision, [code], added) => `reason code ${code} ${added ? 'now justifies' : 'no longer justifies'} ${decision}`),
    'codes[*].riskLevel': (c, [code]) => {
      const up = RISK_ORDER.indexOf(show(c.after)) > RISK_ORDER.indexOf(show(c.before));
      return { summary: `reason code ${code} risk level ${show(c.before)} -> ${show(c.after)}`, control: up ? 'tightening' : 'loosening' };
    },
    'codes[*].requiresSecondApproval': requirement(([code]) => `second approval for reason code ${code}`),
    'codes[*].label': (c, [code]) => ({ summary: `reason code ${code} label ${show(c.before)} -> ${show(c.after)}`, control: 'neutral' }),
  },
  TaskType: {
    'decisionOptions[*]': (c, [code]) => ({ summary: `decision option ${code} ${c.op}`, control: 'neutral' }),
    'decisionOptions[*].requiresReasonCode': requirement(([code]) => `reason code for ${code}`),
    'decisionOptions[*].requiresComment': requirement(([code]) => `comment for ${code}`),
    'decisionOptions[*].requiresAuthority': requirement(([code]) => `decision authority for ${code}`),
    'decisionOptions[*].acknowledgement': (c, [code]) =>
      c.op === 'added'
        ? { summary: `${code} now requires the acknowledgement "${show(c.after)}"`, control: 'tightening' }
        : c.op === 'removed'
          ? { summary: `${code} no longer requires an acknowledgement`, control: 'loosening' }
          : { summary: `${code} acknowledgement text changed to "${show(c.after)}"`, control: 'neutral' },
    'decisionOptions[*].requiresEvidence[*]': restrictionList((path, [code], added) => `decision ${code} ${added ? 'now requires' : 'no longer requires'} evidence ${path}`),
    'decisionOptions[*].enabledWhen': ruleCondition(([code]) => `decision ${code}`, () => 'loosening'),
    'decisionOptions[*].disabledReason': (c, [code]) => ({ summary: `decision ${code} shows ${show(c.after ?? 'CONDITION_NOT_MET')} when disabled`, control: 'neutral' }),
    'decisionOptions[*].consequence': (c, [code]) => ({ summary: `${code} consequence changed to "${show(c.after)}"`, control: 'neutral' }),
    'decisionOptions[*].label': (c, [code]) => ({ summary: `${code} label ${show(c.before)} -> ${show(c.after)}`, control: 'neutral' }),
    'fourEyes.forbidRequester': requirement(() => 'four-eyes (requester may not decide)'),
    'fourEyes.forbidBusinessObjectOwner': requirement(() => 'four-eyes (business object owner may not decide)'),
    'fourEyes.forbiddenRoles[*]': restrictionList((role, _ids, added) => `role ${role} ${added ? 'may no longer decide' : 'may decide again'} (four-eyes)`),
    'candidateGroups[*]': (c, ids) => ({ summary: `candidate group ${ids[0]} ${c.op} (routing only)`, control: 'neutral' }),
    reasonCodeSet: reference('reason-code set'),
    slaPolicy: reference('SLA policy'),
    priorityModel: reference('priority model'),
    visibilityPolicy: reference('visibility policy'),
    actionPolicy: reference('action policy'),
    authorityPolicy: (c) =>
      c.op === 'changed'
        ? { summary: `authority policy ${show(c.before)} -> ${show(c.after)}`, control: 'neutral' }
        : { summary: `authority policy ${c.op === 'added' ? `${show(c.after)} now applies` : `${show(c.before)} no longer applies`}`, control: c.op === 'added' ? 'tightening' : 'loosening' },
    authority: (c) =>
      c.op === 'added'
        ? { summary: `decisions now need authority for ${show(read(c.after, 'measure'))}`, control: 'tightening' }
        : { summary: 'decisions no longer need authority for a measure', control: 'loosening' },
    'obsolescence[*]': (c, [event]) =>
      c.op === 'added'
        ? { summary: `open items become obsolete on ${event}`, control: 'tightening' }
        : c.op === 'removed'
          ? { summary: `open items no longer become obsolete on ${event}`, control: 'loosening' }
          : { summary: `obsolescence on ${event} changed`, control: 'neutral' },
    'followUps[*]': (c, [followUp]) => ({ summary: `follow-up ${followUp} ${c.op}`, control: 'neutral' }),
    'uiSchema.ui:order': (c) => ({ summary: `decision form field order ${show(c.before)} -> ${show(c.after)}`, control: 'neutral' }),
    'decisionSchema.required[*]': restrictionList((field, _ids, added) => `decision form field ${field} ${added ? 'now required' : 'no longer required'}`),
  },
  SlaPolicy: {
    calendar: reference('business calendar'),
    ...Object.fromEntries(Object.entries(slaDefault).map(([k, v]) => [`default.${k}`, v])),
    ...Object.fromEntries(Object.entries(slaRule).map(([k, v]) => [`rules[*].event.params.${k}`, v])),
    'rules[*]': (c, [name], ctx) => {
      // A rule stricter than the default tightens by existing: adding it tightens, removing it loosens.
      const strictness = ruleStrictness(read(c.after ?? c.before, 'event', 'params', 'dueIn'), ctx, c.op === 'removed' ? 'before' : 'after');
      const control: ControlEffect = c.op === 'added' ? strictness : c.op === 'removed' ? invert(strictness) : 'neutral';
      const dueIn = read(c.after ?? c.before, 'event', 'params', 'dueIn');
      return { summary: `SLA rule ${name} ${c.op}${minutes(dueIn) === undefined ? '' : ` (due in ${readable(dueIn)})`}`, control };
    },
    'rules[*].conditions': ruleCondition(([name]) => `rule ${name}`, slaRuleStrictness),
    'rules[*].priority': (c, [name]) => ({ summary: `rule ${name} priority ${show(c.before)} -> ${show(c.after)}`, control: 'neutral' }),
  },
  BusinessCalendar: {
    timeZone: (c) => ({ summary: `time zone ${show(c.before)} -> ${show(c.after)}`, control: 'neutral' }),
    'holidays[*]': (c, [date]) => {
      const name = read(c.after ?? c.before, 'name');
      return { summary: `holiday ${date}${typeof name === 'string' ? ` (${name})` : ''} ${c.op}`, control: 'neutral' };
    },
    'workingHours[*]': (c, [span]) => ({ summary: `working hours ${span} ${c.op}`, control: 'neutral' }),
  },
  PriorityModel: {
    'rules[*]': (c, [name]) => {
      const w = read(c.after ?? c.before, 'event', 'params', 'weight');
      return { summary: `priority rule ${name} ${c.op}${w === undefined ? '' : ` (${signed(w)})`}`, control: 'neutral' };
    },
    'rules[*].event.params.weight': (c, [name]) => ({ summary: `priority weight ${name} ${signed(c.before)} -> ${signed(c.after)}`, control: 'neutral' }),
    'rules[*].conditions': ruleCondition(([name]) => `priority rule ${name}`, () => 'neutral'),
    'baseWeights.*': (c, [taskType]) => ({ summary: `base weight ${taskType} ${c.before === undefined ? 'none' : signed(c.before)} -> ${c.after === undefined ? 'none' : signed(c.after)}`, control: 'neutral' }),
  },
  VisibilityPolicy: {
    'fields[*]': (c, [path]) => {
      const roles = read(c.after ?? c.before, 'visibleToRoles');
      return c.op === 'added'
        ? { summary: `field ${path} now protected: visible to ${Array.isArray(roles) && roles.length ? roles.map(show).join(', ') : 'no role'}`, control: 'tightening' }
        : { summary: `field ${path} no longer protected: visible to every actor`, control: 'loosening' };
    },
    'fields[*].visibleToRoles[*]': grantList((role, [path], added) => `field ${path} ${added ? 'now visible to' : 'no longer visible to'} ${role}`),
    'fields[*].visibleWhen': ruleCondition(([path]) => `field ${path} visibility`, () => 'loosening'),
    'restrictedAudiences[*]': (c, [name]) =>
      c.op === 'added'
        ? { summary: `restricted audience ${name} added: those roles see only the listed fields`, control: 'tightening' }
        : { summary: `restricted audience ${name} removed: those roles see every unprotected field`, control: 'loosening' },
    'restrictedAudiences[*].visiblePaths[*]': grantList((path, [name], added) => `restricted audience ${name} ${added ? 'now sees' : 'no longer sees'} ${path}`),
    'restrictedAudiences[*].roles[*]': restrictionList((role, [name], added) => `role ${role} ${added ? 'now restricted as' : 'no longer restricted as'} audience ${name}`),
    'fields[*].classification': (c, [path]) => ({ summary: `field ${path} classification ${show(c.before)} -> ${show(c.after)}`, control: 'neutral' }),
  },
  ActionPolicy: {
    'safeActions[*]': (c, [code]) =>
      c.op === 'added' ? { summary: `action ${code} now offered`, control: 'loosening' } : { summary: `action ${code} no longer offered`, control: 'tightening' },
    'safeActions[*].states[*]': grantList((state, [code], added) => `action ${code} ${added ? 'now allowed' : 'no longer allowed'} in state ${state}`),
    'safeActions[*].dangerous': requirement(([code]) => `dangerous-operation handling for ${code}`),
    'safeActions[*].requires.reasonCode': requirement(([code]) => `reason code for ${code}`),
    'safeActions[*].requires.comment': requirement(([code]) => `comment for ${code}`),
    'safeActions[*].requires.secondApproval': requirement(([code]) => `second approval for ${code}`),
    'safeActions[*].requires.managerAuthority': requirement(([code]) => `manager authority for ${code}`),
    'safeActions[*].requires.acknowledgement': (c, [code]) =>
      c.op === 'removed' ? { summary: `${code} no longer requires an acknowledgement`, control: 'loosening' } : { summary: `${code} now requires the acknowledgement "${show(c.after)}"`, control: c.op === 'added' ? 'tightening' : 'neutral' },
    'safeActions[*].requires.evidence[*]': restrictionList((path, [code], added) => `action ${code} ${added ? 'now requires' : 'no longer requires'} evidence ${path}`),
    // The list appearing restricts the action to those roles; vanishing opens it to everyone.
    'safeActions[*].requires.elevatedRoles': (c, [code]) =>
      c.op === 'added'
        ? { summary: `action ${code} now restricted to roles ${show(c.after)}`, control: 'tightening' }
        : c.op === 'removed'
          ? { summary: `action ${code} no longer needs an elevated role (was ${show(c.before)})`, control: 'loosening' }
          : { summary: `action ${code} elevated roles ${show(c.before)} -> ${show(c.after)}`, control: 'neutral' },
    'safeActions[*].requires.elevatedRoles[*]': grantList((role, [code], added) => `role ${role} ${added ? 'may now' : 'may no longer'} perform ${code}`),
    'safeActions[*].disabledReason': (c, [code]) => ({ summary: `action ${code} shows ${show(c.after ?? 'CONDITION_NOT_MET')} when disabled`, control: 'neutral' }),
    'safeActions[*].enabledWhen': ruleCondition(([code]) => `action ${code}`, () => 'loosening'),
    'forbiddenActions[*]': (c, [code]) =>
      c.op === 'added' ? { summary: `action ${code} now forbidden`, control: 'tightening' } : c.op === 'removed' ? { summary: `forbidden action ${code} dropped`, control: 'loosening' } : { summary: `forbidden action ${code} changed`, control: 'neutral' },
    'forbiddenActions[*].reason': (c, [code]) => ({ summary: `forbidden action ${code} reason changed to "${show(c.after)}"`, control: 'neutral' }),
  },
  AuthorityPolicy: {
    'grants[*]': (c, [name]) =>
      c.op === 'added' ? { summary: `authority grant ${name} added`, control: 'loosening' } : { summary: `authority grant ${name} removed`, control: 'tightening' },
    'grants[*].roles[*]': grantList((role, [name], added) => `authority grant ${name} ${added ? 'now held by' : 'no longer held by'} ${role}`),
    'grants[*].limits.*': limitChange,
    'grants[*].tenants': scopeChange('tenant'),
    'grants[*].tenants[*]': scopeChange('tenant'),
    'grants[*].regions': scopeChange('region'),
    'grants[*].regions[*]': scopeChange('region'),
    'grants[*].productFamilies': scopeChange('product family'),
    'grants[*].productFamilies[*]': scopeChange('product family'),
    'grants[*].currency': (c, [name]) => ({ summary: `authority grant ${name} currency ${show(c.before)} -> ${show(c.after)}`, control: 'neutral' }),
  },
};

function signed(x: unknown): string {
  return typeof x === 'number' ? (x >= 0 ? `+${x}` : String(x)) : show(x);
}

/** Keys under which an added or removed object is described property by property. */
const EXPANDED_OBJECTS = new Set(['requires', 'limits', 'fourEyes', 'params', 'default', 'baseWeights', 'event']);

/** Splits whole added/removed lists and requirement objects into one change per member. */
function expand(change: StructuralChange): StructuralChange[] {
  const last = change.path[change.path.length - 1];
  if (change.op === 'changed' || !last || 'id' in last) return [change];
  const value = change.op === 'added' ? change.after : change.before;
  const side = change.op === 'added' ? 'after' : 'before';
  // Lists whose absence means "no restriction": their appearing or vanishing is one change.
  const isScope = ['tenants', 'regions', 'productFamilies', 'elevatedRoles'].includes(last.key);
  if (Array.isArray(value) && !isScope) {
    return (value as unknown[]).map((element) => ({ path: [...change.path, { id: elementId(element) }], op: change.op, [side]: element }));
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && EXPANDED_OBJECTS.has(last.key)) {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) => expand({ path: [...change.path, { key }], op: change.op, [side]: v }));
  }
  return [change];
}

function patternOf(path: readonly PathStep[]): { pattern: string; ids: string[] } {
  const ids: string[] = [];
  const pattern = path
    .map((s, i) => {
      if ('id' in s) {
        ids.push(s.id);
        return '[*]';
      }
      return i === 0 ? s.key : `.${s.key}`;
    })
    .join('');
  return { pattern, ids };
}

/** Describes structural changes of one definition kind; changes to `version` and `$schema` are implied. */
export function describeChanges(changes: readonly StructuralChange[], ctx: Context): SemanticChange[] {
  const out: SemanticChange[] = [];
  for (const change of changes.flatMap(expand)) {
    const first = change.path[0];
    if (first && 'key' in first && (first.key === 'version' || first.key === '$schema')) continue;
    const { pattern, ids } = patternOf(change.path);
    const found = lookup(DESCRIBERS[ctx.kind] ?? {}, pattern, ids) ?? lookup(DESCRIBERS.common, pattern, ids);
    const described = found ? found.describe(change, found.ids, ctx) : generic(change);
    out.push({ path: renderPath(change.path), op: change.op, ...valuesOf(change), ...described });
  }
  return out;
}

/** Finds the describer of a pattern; a pattern ending in `.*` matches any key there, which joins the ids. */
function lookup(table: Record<string, Describer>, pattern: string, ids: string[]): { describe: Describer; ids: string[] } | undefined {
  const exact = table[pattern];
  if (exact) return { describe: exact, ids };
  const dot = pattern.lastIndexOf('.');
  const any = dot < 0 ? undefined : table[`${pattern.slice(0, dot)}.*`];
  return any ? { describe: any, ids: [...ids, pattern.slice(dot + 1)] } : undefined;
}

function valuesOf(change: StructuralChange): Pick<SemanticChange, 'before' | 'after'> {
  const out: Pick<SemanticChange, 'before' | 'after'> = {};
  if (change.before !== undefined) out.before = change.before;
  if (change.after !== undefined) out.after = change.after;
  return out;
}

function generic(change: StructuralChange): Described {
  const path = renderPath(change.path);
  if (change.op === 'added') return { summary: `${path} added: ${show(change.after)}`, control: 'neutral' };
  if (change.op === 'removed') return { summary: `${path} removed (was ${show(change.before)})`, control: 'neutral' };
  return { summary: `${path} ${show(change.before)} -> ${show(change.after)}`, control: 'neutral' };
}
