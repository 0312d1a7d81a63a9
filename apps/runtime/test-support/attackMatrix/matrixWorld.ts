// Test support for the attack matrix: one runtime with workflows (so /processes exists), every
// demo principal with a token, an item of every shipped task type carrying secret markers, and a
// request helper that records each response and scans it (body and headers) for markers the
// caller's visibility hides.
import { visibleView } from '@mandate/policy';
import type { Database } from '@mandate/store';
import type { TaskType } from '@mandate/definitions';
import request from 'supertest';
import { DEV_ISSUER, DEV_USERS } from '../../src/identity/devIdentity.js';
import type { Principal } from '../../src/identity/Principal.js';
import { WorkItemLoader } from '../../src/workItems/WorkItemLoader.js';
import type { LifecycleAction, LifecycleInput } from '../../src/workItems/types.js';
import { WorkItemCommands } from '../../src/workItems/WorkItemCommands.js';
import { workflowApp } from '../workflowApp.js';
import { secretEvidence, type Marker } from './secretEvidence.js';

/** Who sends a request: a demo user's id, or `anonymous` (no Authorization header). */
export type Caller = string;

/** The tenant the matrix seeds; principals of any other tenant are "another tenant". */
export const HOME_TENANT = 'ACME_EU';

/** Every caller of the matrix: no token, then every demo principal (the other tenant's too). */
export const CALLERS: readonly Caller[] = ['anonymous', ...Object.keys(DEV_USERS)];

/** A seeded item: its id, task type and what the policy needs to class a caller against it. */
export interface SeededItem {
  id: string;
  taskType: string;
  candidateGroups: string[];
  escalationGroup?: string;
  businessObject: { type: string; id: string; version: number };
}

/** One recorded exchange. */
export interface Exchange {
  caller: Caller;
  method: string;
  path: string;
  status: number;
  /** Markers hidden from the caller found in the response (body or headers). */
  leaks: Marker[];
  text: string;
}

/** The principal a dev token of `userId` verifies to. */
export function principalOf(userId: string): Principal {
  const user = DEV_USERS[userId];
  if (!user) throw new Error(`no demo user ${userId}`);
  return { id: userId, issuer: DEV_ISSUER, ...user };
}

/**
 * A case worker outside the demo directory, in the item's candidate groups: it holds items that a
 * cell needs claimed by someone other than the caller (through the service, not the API, so its
 * token never exists and it is never a caller).
 */
export function workerFor(item: SeededItem): Principal {
  return { id: 'matrix-worker', issuer: DEV_ISSUER, name: 'Matrix worker', roles: ['OPERATIONS_AGENT'], groups: item.candidateGroups, tenant: HOME_TENANT };
}

/** Which service creates items of a business object type (quotes come from CPQ, the rest from OMS). */
const creatorOf = (businessObjectType: string) => (businessObjectType === 'QUOTE' ? 'cpq' : 'oms');

/** Tokens like `SECRET-12-ab3x9z`, numbers and instants: every shape a marker can have. */
const TOKEN = /SECRET-\d+-[a-z0-9]+|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z|\d+(?:\.\d+)?/g;

export type MatrixWorld = Awaited<ReturnType<typeof matrixWorld>>;

/** Builds the world the matrix runs in. */
export async function matrixWorld(open: () => Promise<Database>) {
  const t = await workflowApp(open);
  const tokens = new Map<string, string>();
  const auth = async (caller: Caller): Promise<Record<string, string>> => {
    if (caller === 'anonymous') return {};
    let token = tokens.get(caller);
    if (!token) tokens.set(caller, (token = await t.token(caller)));
    return { Authorization: token };
  };

  // Markers by their text; the paths each caller may not see, per task type.
  const markers = new Map<string, Marker & { taskType: string }>();
  const redacted = new Map<string, string[] | 'all'>();
  const redactedKey = (caller: Caller, taskType: string) => `${caller} ${taskType}`;
  const loader = new WorkItemLoader(t.stores, t.registry, () => new Date(t.clock.now).toISOString());

  const taskTypes = (): TaskType[] => {
    const latest = new Map<string, TaskType>();
    for (const d of t.registry.definitions) {
      if (d.kind !== 'TaskType' || d.status !== 'published') continue;
      const seen = latest.get(d.id);
      if (!seen || seen.version < d.version) latest.set(d.id, d);
    }
    return [...latest.values()].sort((a, b) => a.id.localeCompare(b.id));
  };

  let sequence = 0;
  /** Creates an item of the task type through the API, as its domain service, for requester rita on quotes; its evidence carries markers. */
  const createItem = async (taskType: TaskType): Promise<SeededItem> => {
    sequence += 1;
    const policy = t.registry.policy(`${taskType.id}@${taskType.version}`);
    const { evidence, markers: planted } = secretEvidence(taskType, policy.pinned.visibility);
    const quote = taskType.businessObjectType === 'QUOTE';
    const res = await request(t.app)
      .post('/work-items')
      .set(await auth(creatorOf(taskType.businessObjectType)))
      .send({
        taskType: taskType.id,
        businessObject: { type: taskType.businessObjectType, id: `MX-${sequence}`, version: 1, snapshot: quote ? { ownerId: 'rita' } : {} },
        evidence,
        ...(quote ? { requestedBy: 'rita' } : {}),
        region: 'EMEA',
      });
    if (res.status !== 201) throw new Error(`seeding ${taskType.id}: ${res.status} ${res.text}`);
    const item = res.body as SeededItem;
    for (const m of planted) markers.set(String(m.value), { ...m, itemId: item.id, taskType: taskType.id });
    return { id: item.id, taskType: taskType.id, candidateGroups: item.candidateGroups, businessObject: item.businessObject, ...(item.escalationGroup ? { escalationGroup: item.escalationGroup } : {}) };
  };

  /** Records, for every caller, which evidence paths of the item's task type its visibility removes. */
  const learnVisibility = async (item: SeededItem) => {
    for (const caller of CALLERS) {
      const key = redactedKey(caller, item.taskType);
      if (redacted.has(key)) continue;
      if (caller === 'anonymous' || principalOf(caller).tenant !== HOME_TENANT) {
        redacted.set(key, 'all');
        continue;
      }
      const loaded = await loader.load(principalOf(caller), item.id);
      redacted.set(key, (await visibleView(loaded.policy, loaded.ctx)).redactedPaths);
    }
  };

  const hiddenFrom = (caller: Caller, marker: Marker & { taskType: string }): boolean => {
    const paths = redacted.get(redactedKey(caller, marker.taskType));
    if (paths === undefined) throw new Error(`no visibility learnt for ${caller} on ${marker.taskType}`);
    return paths === 'all' || paths.some((p) => marker.path === p || marker.path.startsWith(`${p}.`) || marker.path.startsWith(`${p}[`));
  };

  /** Markers in `text` that `caller` may not see. */
  const leaksIn = (caller: Caller, text: string): Marker[] => {
    const found: Marker[] = [];
    for (const token of text.match(TOKEN) ?? []) {
      const marker = markers.get(token);
      if (marker && hiddenFrom(caller, marker)) found.push(marker);
    }
    return found;
  };

  const service = new WorkItemCommands(t.stores, t.registry, () => new Date(t.clock.now));
  /** A lifecycle action by the item's worker (setting up a cell); whether the policy let it. */
  const byWorker = async (item: SeededItem, action: LifecycleAction, input: LifecycleInput = {}): Promise<boolean> =>
    service.act(workerFor(item), item.id, action, input).then(
      () => true,
      () => false,
    );
  /** The item's row version: a refused command must leave it where it was. */
  const rowVersionOf = async (item: SeededItem): Promise<number> => (await loader.load(workerFor(item), item.id)).item.rowVersion;

  const exchanges: Exchange[] = [];
  /** Sends a request as `caller`, records it, and scans its response for hidden markers. */
  const send = async (caller: Caller, method: 'get' | 'post' | 'put', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Exchange> => {
    let req = request(t.app)[method](path).set({ ...(await auth(caller)), ...headers });
    if (body !== undefined) req = req.send(body as object);
    const res = await req;
    const text = `${JSON.stringify(res.headers)}\n${res.text ?? ''}`;
    const exchange = { caller, method: method.toUpperCase(), path, status: res.status, leaks: leaksIn(caller, text), text: res.text ?? '' };
    exchanges.push(exchange);
    return exchange;
  };

  /** The evidence paths the caller's visibility removes from items of the task type (`all`: the caller sees no item of the tenant). */
  const redactedFor = (caller: Caller, taskType: string) => redacted.get(redactedKey(caller, taskType));

  return { ...t, auth, send, exchanges, createItem, learnVisibility, taskTypes, leaksIn, redactedFor, byWorker, rowVersionOf, markers: () => [...markers.values()] };
}
