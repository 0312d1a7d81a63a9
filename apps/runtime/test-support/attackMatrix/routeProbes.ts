// Test support for the attack matrix: how each route is exercised. A probe builds the target of
// one cell (a fresh work item, process instance or definition version where the request changes
// state, so cells never depend on each other's order), then sends the request as the caller.
import type { ActionPolicy, ReasonCodeSet, TaskType } from '@mandate/definitions';
import { DEV_USERS } from '../../src/identity/devIdentity.js';
import { orderVariables, quoteVariables } from '../workflowApp.js';
import { HOME_TENANT, type Caller, type Exchange, type MatrixWorld, type SeededItem } from './matrixWorld.js';
import { plainEvidence } from './secretEvidence.js';

/** What a probe acts on: nothing in particular, a work item (per task type), a process (per key), or a definition version. */
export type ProbeTarget = 'none' | 'item' | 'process' | 'definition';

/** The state a cell's work item is in before the request. */
export type ItemState = 'available' | 'claimed' | 'delegated';

/** The state a cell's definition version (a calendar drafted by gabe) is in before the request. */
export type DefinitionState = 'draft' | 'in_review' | 'approved' | 'published' | 'edited_in_review';

/** The context of one cell. */
export interface ProbeContext {
  world: MatrixWorld;
  caller: Caller;
  taskType: TaskType;
  /** The seeded item of the cell's task type (reads). */
  seeded: SeededItem;
  /** An item of the cell's task type in `state`: the cell's own when it may change state, else one shared by the cells that must be refused. */
  item: (state: ItemState) => Promise<SeededItem>;
  /** A definition version in `state`, likewise own or shared. */
  definition: (state: DefinitionState) => Promise<{ kind: string; id: string; base: string }>;
  processKey: string;
  /** A running instance of the process, started by its service. */
  instanceId: string;
}

/** How a route is exercised; `offered` says whether the task type's action policy offers the action at all. */
export interface RouteProbe {
  target: ProbeTarget;
  run: (ctx: ProbeContext) => Promise<Exchange>;
  offered?: (world: MatrixWorld, taskType: TaskType) => boolean;
  /** Who drafted or edited the definition version the probe acts on (target `definition`). */
  contributors?: readonly string[];
  /** False where the probe cannot be set up for the task type (named in the table's notes). */
  applies?: (world: MatrixWorld, taskType: TaskType, caller: Caller) => boolean;
}

/** The first reason code of the task type's set that a decision option or action (or any of them) accepts without a second approval. */
function reasonFor(world: MatrixWorld, taskType: TaskType, action?: string): string {
  const set = world.registry.definitions.find((d) => d.kind === 'ReasonCodeSet' && `${d.id}@${d.version}` === taskType.reasonCodeSet) as ReasonCodeSet | undefined;
  const codes = set?.codes ?? [];
  const fits = codes.find((c) => (!action || c.appliesTo.includes(action)) && !c.requiresSecondApproval) ?? codes[0];
  return fits?.code ?? 'NO_REASON';
}

/** Whether the task type's action policy offers a lifecycle action. */
function offersLifecycle(world: MatrixWorld, taskType: TaskType, code: string): boolean {
  const policy = world.registry.definitions.find((d) => d.kind === 'ActionPolicy' && `${d.id}@${d.version}` === taskType.actionPolicy) as ActionPolicy | undefined;
  return (policy?.safeActions ?? []).some((a) => a.code === code);
}

/** A decision option that needs no authority, evidence or condition: the cell is about who may decide, not about the decision. */
function plainDecisionOf(taskType: TaskType): string {
  const plain = taskType.decisionOptions.find((o) => !o.requiresAuthority && !o.requiresEvidence?.length && !o.enabledWhen && !o.acknowledgement);
  return (plain ?? taskType.decisionOptions[0]!).code;
}

/** A recovery action the task type's action policy offers (the one with the fewest requirements), else one it does not. */
function recoveryActionOf(world: MatrixWorld, taskType: TaskType): { code: string; body: Record<string, unknown>; offered: boolean } {
  const policy = world.registry.definitions.find((d) => d.kind === 'ActionPolicy' && `${d.id}@${d.version}` === taskType.actionPolicy) as ActionPolicy | undefined;
  const recovery = (policy?.safeActions ?? []).filter((a) => a.category === 'recovery' && !a.requires?.evidence && !a.requires?.elevatedRoles);
  const action = recovery[0];
  if (!action) return { code: 'RUN_RECONCILIATION', body: {}, offered: false };
  return { code: action.code, offered: true, body: { ...(action.requires?.reasonCode ? { reasonCode: reasonFor(world, taskType, action.code) } : {}), ...(action.requires?.comment ? { comment: 'attack matrix' } : {}) } };
}

/** A demo user other than `except` who may work the item (is in one of its candidate groups). */
function someCandidate(item: Pick<SeededItem, 'candidateGroups'>, except: Caller): string | undefined {
  return Object.entries(DEV_USERS).find(([user, u]) => user !== except && u.tenant === HOME_TENANT && u.groups.some((g) => item.candidateGroups.includes(g)))?.[0];
}

const lifecycle = (path: string, state: ItemState, body: (ctx: ProbeContext) => Record<string, unknown>, action?: string): RouteProbe => ({
  target: 'item',
  run: async (ctx) => ctx.world.send(ctx.caller, 'post', `/work-items/${(await ctx.item(state)).id}/${path}`, body(ctx)),
  ...(action ? { offered: (world: MatrixWorld, taskType: TaskType) => offersLifecycle(world, taskType, action) } : {}),
});

/** The caller's own request for an item of the cell's task type, with plain evidence (no markers: the caller sent it), plus `extra`. */
const createProbe = (target: 'item' | 'none', extra: (ctx: ProbeContext) => Record<string, unknown>): RouteProbe => ({
  target,
  run: (ctx) =>
    ctx.world.send(ctx.caller, 'post', '/work-items', {
      taskType: ctx.taskType.id,
      businessObject: { type: ctx.taskType.businessObjectType, id: `MX-OWN-${Math.random().toString(36).slice(2, 10)}`, version: 1 },
      evidence: plainEvidence(ctx.taskType),
      ...extra(ctx),
    }),
});

const read = (path: (ctx: ProbeContext) => string, target: ProbeTarget = 'none'): RouteProbe => ({ target, run: (ctx) => ctx.world.send(ctx.caller, 'get', path(ctx)) });

const definitionCommand = (state: DefinitionState, verb: string, body: Record<string, unknown> = {}): RouteProbe => ({
  target: 'definition',
  run: async (ctx) => ctx.world.send(ctx.caller, 'post', `${(await ctx.definition(state)).base}/${verb}`, body),
});

/** Every route's probe, keyed `METHOD /path/{template}`. */
export const ROUTE_PROBES: Record<string, RouteProbe> = {
  'GET /openapi.json': read(() => '/openapi.json'),
  'GET /api/reference': read(() => '/api/reference'),
  'GET /metrics': read(() => '/metrics'),
  'GET /healthz': read(() => '/healthz'),
  'POST /auth/dev/token': { target: 'none', run: (ctx) => ctx.world.send(ctx.caller, 'post', '/auth/dev/token', { userId: 'dana' }) },

  'GET /work-items': read(() => '/work-items?limit=200'),
  'GET /work-items/count': read(() => '/work-items/count'),
  'POST /work-items': createProbe('item', () => ({})),
  // Attacks on the body: the same for every task type, so sent for one.
  'POST /work-items · candidate groups beyond the task type': createProbe('none', () => ({ candidateGroups: ['everyone'] })),
  'POST /work-items · a callerRef': createProbe('none', () => ({ callerRef: { engine: 'embedded', processKey: 'quote-approval', processInstanceId: `MX-${Math.random().toString(36).slice(2, 10)}`, activityId: 'approve-discount', taskId: 'approve-discount-1' } })),
  'POST /work-items · requestedBy someone else': createProbe('none', (ctx) => ({ requestedBy: ctx.caller === 'rita' ? 'sam' : 'rita' })),
  'GET /work-items/{id}': read((ctx) => `/work-items/${ctx.seeded.id}`, 'item'),
  'GET /work-items/{id}/allowed-actions': read((ctx) => `/work-items/${ctx.seeded.id}/allowed-actions`, 'item'),
  'POST /work-items/{id}/claim': lifecycle('claim', 'available', () => ({}), 'CLAIM'),
  'POST /work-items/{id}/release': lifecycle('release', 'claimed', () => ({}), 'RELEASE'),
  'POST /work-items/{id}/delegate': lifecycle('delegate', 'claimed', () => ({ delegateTo: 'fiona', comment: 'attack matrix: please look' }), 'DELEGATE'),
  'POST /work-items/{id}/resolve-delegation': lifecycle('resolve-delegation', 'delegated', () => ({ comment: 'attack matrix: input' }), 'RESOLVE_DELEGATION'),
  'POST /work-items/{id}/reassign': {
    ...lifecycle('reassign', 'available', (ctx) => ({ assignee: someCandidate(ctx.seeded, ctx.caller), reasonCode: reasonFor(ctx.world, ctx.taskType, 'REASSIGN'), comment: 'attack matrix' }), 'REASSIGN'),
    applies: (_world, taskType, caller) => someCandidate({ candidateGroups: taskType.candidateGroups }, caller) !== undefined,
  },
  'POST /work-items/{id}/reassign · to someone who may not work the item': lifecycle('reassign', 'available', (ctx) => ({ assignee: 'rita', reasonCode: reasonFor(ctx.world, ctx.taskType, 'REASSIGN'), comment: 'attack matrix' }), 'REASSIGN'),
  // To someone who may work it, so a 422 can only be the reason's.
  'POST /work-items/{id}/reassign · a reason code not declared for it': {
    ...lifecycle('reassign', 'available', (ctx) => ({ assignee: someCandidate(ctx.seeded, ctx.caller), reasonCode: 'BECAUSE_I_SAY_SO', comment: 'attack matrix' }), 'REASSIGN'),
    applies: (_world, taskType, caller) => someCandidate({ candidateGroups: taskType.candidateGroups }, caller) !== undefined,
  },
  'POST /work-items/{id}/escalate': lifecycle('escalate', 'available', (ctx) => ({ reasonCode: reasonFor(ctx.world, ctx.taskType, 'ESCALATE'), comment: 'attack matrix' }), 'ESCALATE'),
  'POST /work-items/{id}/escalate · a reason code not declared for it': lifecycle('escalate', 'available', () => ({ reasonCode: 'BECAUSE_I_SAY_SO', comment: 'attack matrix' }), 'ESCALATE'),
  'POST /work-items/{id}/comments': lifecycle('comments', 'available', () => ({ comment: 'attack matrix' }), 'COMMENT'),
  'POST /work-items/{id}/decisions': lifecycle('decisions', 'claimed', (ctx) => {
    const decision = plainDecisionOf(ctx.taskType);
    return { decision, reasonCode: reasonFor(ctx.world, ctx.taskType, decision), comment: 'attack matrix', acknowledged: true, expectedBusinessObjectVersion: 1 };
  }),
  'GET /work-items/{id}/actions': read((ctx) => `/work-items/${ctx.seeded.id}/actions`, 'item'),
  'POST /work-items/{id}/actions/{actionCode}': {
    target: 'item',
    run: async (ctx) => {
      const item = await ctx.item('claimed');
      const { code, body } = recoveryActionOf(ctx.world, ctx.taskType);
      return ctx.world.send(ctx.caller, 'post', `/work-items/${item.id}/actions/${code}`, body);
    },
    offered: (world, taskType) => recoveryActionOf(world, taskType).offered,
  },

  'POST /events': {
    target: 'item',
    run: async (ctx) => {
      const item = await ctx.item('available');
      return ctx.world.send(ctx.caller, 'post', '/events', { type: 'QuoteRevised', businessObject: { ...item.businessObject, version: item.businessObject.version + 1 } });
    },
  },
  'GET /audit': read(() => '/audit?limit=500'),
  'GET /audit/verify': read(() => '/audit/verify'),
  'POST /audit/checkpoints': { target: 'none', run: (ctx) => ctx.world.send(ctx.caller, 'post', '/audit/checkpoints', {}) },

  'GET /definitions': read(() => '/definitions'),
  'GET /definitions/import-conflicts': read(() => '/definitions/import-conflicts'),
  'GET /definitions/{kind}/{id}/versions': read(() => '/definitions/TaskType/DISCOUNT_APPROVAL/versions'),
  'GET /definitions/{kind}/{id}/references': read(() => '/definitions/ReasonCodeSet/DISCOUNT_APPROVAL_REASONS/references'),
  'GET /definitions/{kind}/{id}/versions/{version}': read(() => '/definitions/TaskType/DISCOUNT_APPROVAL/versions/2'),
  'GET /definitions/{kind}/{id}/diff': read(() => '/definitions/TaskType/DISCOUNT_APPROVAL/diff?from=1&to=2'),
  'GET /definitions/{kind}/{id}/impact': read(() => '/definitions/TaskType/DISCOUNT_APPROVAL/impact?candidate=2'),
  'POST /definitions/{kind}/{id}/drafts': {
    target: 'definition',
    run: async (ctx) => {
      const { kind, id } = await ctx.definition('published');
      return ctx.world.send(ctx.caller, 'post', `/definitions/${kind}/${id}/drafts`, { from: 1, changeNote: 'attack matrix' });
    },
  },
  'PUT /definitions/{kind}/{id}/versions/{version}': {
    target: 'definition',
    run: async (ctx) => {
      const { base } = await ctx.definition('draft');
      const content = (JSON.parse((await ctx.world.send('gabe', 'get', base)).text) as { content: Record<string, unknown> }).content;
      return ctx.world.send(ctx.caller, 'put', base, { content: { ...content, title: 'changed by the attack matrix' }, changeNote: 'attack matrix' });
    },
  },
  'POST /definitions/{kind}/{id}/versions/{version}/submit': definitionCommand('draft', 'submit'),
  'POST /definitions/{kind}/{id}/versions/{version}/approve': definitionCommand('in_review', 'approve', { comment: 'Looks right.' }),
  'POST /definitions/{kind}/{id}/versions/{version}/approve · by an admin who edited the draft': { ...definitionCommand('edited_in_review', 'approve', { comment: 'Looks right.' }), contributors: ['gabe', 'gina'] },
  'POST /definitions/{kind}/{id}/versions/{version}/reject': definitionCommand('in_review', 'reject', { comment: 'Not yet.' }),
  'POST /definitions/{kind}/{id}/versions/{version}/publish': definitionCommand('approved', 'publish'),
  'POST /definitions/{kind}/{id}/versions/{version}/retire': definitionCommand('published', 'retire'),
  'POST /definitions/{kind}/{id}/versions/{version}/simulate': {
    target: 'item',
    run: (ctx) => {
      // Every role any visibility policy grants a field to: the simulated principal sees all, the caller must still not.
      const roles = [...new Set(ctx.world.registry.definitions.flatMap((d) => (d.kind === 'VisibilityPolicy' ? d.fields.flatMap((f) => f.visibleToRoles) : [])))].sort();
      return ctx.world.send(ctx.caller, 'post', `/definitions/TaskType/${ctx.taskType.id}/versions/${ctx.taskType.version}/simulate`, {
        workItemIds: [ctx.seeded.id],
        asPrincipal: { id: 'matrix-simulated', roles, groups: ctx.seeded.candidateGroups, region: 'EMEA' },
      });
    },
  },
  'POST /definitions/{kind}/{id}/migrations': {
    target: 'none',
    run: (ctx) => ctx.world.send(ctx.caller, 'post', '/definitions/TaskType/DISCOUNT_APPROVAL/migrations', { fromVersion: 1, toVersion: 2, dryRun: true }),
  },

  'GET /processes': read(() => '/processes'),
  'POST /processes/{key}/instances': {
    target: 'process',
    run: (ctx) => ctx.world.send(ctx.caller, 'post', `/processes/${ctx.processKey}/instances`, { variables: variablesOf(ctx.processKey, `MX-P-${Math.random().toString(36).slice(2, 10)}`) }),
  },
  'GET /processes/{key}/instances/{id}': read((ctx) => `/processes/${ctx.processKey}/instances/${ctx.instanceId}`, 'process'),
};

/** Start variables of a shipped process. */
export function variablesOf(processKey: string, businessId: string): Record<string, unknown> {
  return processKey === 'quote-approval' ? quoteVariables(businessId) : orderVariables(businessId);
}


/** A definition version in `state`: a new calendar id (so cells never share a draft), drafted by gabe as a copy of a shipped calendar. */
let definitionSequence = 0;
export async function prepareDefinition(world: MatrixWorld, state: DefinitionState): Promise<{ kind: string; id: string; base: string }> {
  definitionSequence += 1;
  const kind = 'BusinessCalendar';
  const id = `MATRIX_CALENDAR_${definitionSequence}`;
  const shipped = JSON.parse((await world.send('gabe', 'get', `/definitions/${kind}/EU_SALES_CALENDAR/versions/1`)).text) as { content: Record<string, unknown> };
  const content = { ...shipped.content, id, version: 1, status: 'draft' };
  const base = `/definitions/${kind}/${id}/versions/1`;
  const steps: [string, 'post' | 'put', string, Record<string, unknown>][] = [['gabe', 'post', `/definitions/${kind}/${id}/drafts`, { content, changeNote: 'attack matrix' }]];
  if (state === 'edited_in_review') steps.push(['gina', 'put', base, { content: { ...content, title: 'edited by gina' }, changeNote: 'attack matrix edit' }]);
  if (state !== 'draft') steps.push(['gabe', 'post', `${base}/submit`, {}]);
  if (state === 'approved' || state === 'published') steps.push(['gina', 'post', `${base}/approve`, { comment: 'Reviewed.' }]);
  if (state === 'published') steps.push(['gabe', 'post', `${base}/publish`, {}]);
  for (const [user, method, path, body] of steps) {
    const res = await world.send(user, method, path, body);
    if (res.status >= 300) throw new Error(`preparing ${id}: ${method} ${path} ${res.status} ${res.text}`);
  }
  return { kind, id, base };
}

/**
 * An item of the task type in `state`. Claimed: by the caller when the caller may claim it (a
 * cell of its own), else by the matrix worker; delegated: claimed and delegated by the worker to
 * someone who is never a caller.
 */
export async function prepareItem(world: MatrixWorld, taskType: TaskType, state: ItemState, claimant?: Caller): Promise<SeededItem> {
  const item = await world.createItem(taskType);
  if (state === 'available') return item;
  const own = claimant && claimant !== 'anonymous' ? (await world.send(claimant, 'post', `/work-items/${item.id}/claim`, {})).status === 200 : false;
  if (!own) await world.byWorker(item, 'CLAIM');
  if (state === 'delegated') await world.byWorker(item, 'DELEGATE', { delegateTo: 'matrix-delegate', comment: 'attack matrix: input please' });
  return item;
}
