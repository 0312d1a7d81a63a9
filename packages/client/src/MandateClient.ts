import { MandateProblem, type MandateProblemCode, type Problem } from './MandateProblem.js';
import type {
  ActionCommand,
  ActionResult,
  AllowedActions,
  AuditCheckpointResult,
  AuditEvents,
  AuditFilter,
  BusinessEvent,
  BusinessEventResult,
  ChainVerification,
  CreateDraft,
  CreateWorkItem,
  DecideCommand,
  Decision,
  DefinitionList,
  DefinitionReferences,
  DefinitionSimulation,
  DefinitionVersionDiff,
  DefinitionVersions,
  DefinitionVersionView,
  DevToken,
  Health,
  ImpactQuery,
  ImpactReport,
  ImportConflicts,
  LifecycleCommand,
  LifecycleResult,
  MigrateWorkItems,
  MigrationResult,
  OpenApiDocument,
  RecoveryActions,
  SimulateDefinition,
  UpdateDraft,
  WorkItem,
  WorkItemCount,
  WorkItemFilter,
  WorkItemPage,
  WorkItemQuery,
  WorkItemSummaryPage,
} from '@mandate/contract';

/** A command sent with an Idempotency-Key, and what came back. */
export interface IdempotentResult<T> {
  /** The key sent; send it again to retry without deciding twice. */
  idempotencyKey: string;
  /** The HTTP status (a replay has the status of the first response). */
  status: number;
  result: T;
}

/** Options of idempotent commands. */
export interface IdempotencyOptions {
  /** Defaults to a new `crypto.randomUUID()`. */
  idempotencyKey?: string;
}

/** A bearer token, or a function that returns one (called before every request, so it may refresh). */
export type TokenProvider = string | (() => string | Promise<string>);

/** What a client is built from. */
export interface MandateClientOptions {
  /** The runtime's base URL, e.g. `http://127.0.0.1:3000` or `https://host/api`. */
  baseUrl: string | URL;
  /** The caller's token; `Bearer ` is added unless the token already starts with it. */
  token?: TokenProvider;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
}

type QueryValue = string | number | boolean | undefined;
type Method = 'GET' | 'POST' | 'PUT';

interface Call {
  query?: Record<string, QueryValue>;
  body?: unknown;
  idempotencyKey?: string;
}

const FILTER_KEYS = ['status', 'taskType', 'assignee', 'candidateGroup', 'overdue', 'priorityMin', 'businessObjectType', 'businessObjectId', 'region', 'productFamily'] as const satisfies readonly (keyof WorkItemFilter)[];
const AUDIT_KEYS = ['workItemId', 'businessObjectType', 'businessObjectId', 'actor', 'from', 'to', 'after', 'limit'] as const satisfies readonly (keyof AuditFilter)[];

function pick<T extends object>(source: T, keys: readonly (keyof T)[]): Record<string, QueryValue> {
  return Object.fromEntries(keys.map((key) => [key, source[key] as QueryValue]));
}

/** A queue page's query: its filters, page size and cursor. */
function queueQuery(query: WorkItemQuery): Record<string, QueryValue> {
  return { ...pick(query, FILTER_KEYS), limit: query.limit, cursor: query.cursor };
}

function queryString(query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.append(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function problemOf(response: Response, text: string, context: { requestId?: string; idempotencyKey?: string }): MandateProblem {
  const { status } = response;
  if (/^application\/problem\+json\b/i.test(response.headers.get('content-type') ?? '')) {
    const body = parseJson(text);
    if (typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string') {
      // The runtime's codes are its catalogue's.
      const problem = body as Partial<Problem> & { code: MandateProblemCode };
      return new MandateProblem(
        { ...problem, type: problem.type ?? 'about:blank', title: problem.title ?? response.statusText, status, code: problem.code, detail: problem.detail ?? '' },
        context,
      );
    }
  }
  const detail = text.trim().slice(0, 500) || `the runtime answered ${status} ${response.statusText}`.trim();
  return new MandateProblem({ type: 'about:blank', title: response.statusText || `HTTP ${status}`, status, code: `HTTP_${status}`, detail }, context);
}

/**
 * The typed HTTP client of the Mandate runtime, for the studio (browser), the CLI and tests. Built
 * on `fetch`; no dependencies. Every method maps to one endpoint; a non-2xx answer is thrown as a
 * {@link MandateProblem} with the runtime's stable code.
 *
 * @example
 * ```ts
 * const client = new MandateClient({ baseUrl: 'http://127.0.0.1:3000', token: () => auth.accessToken() });
 * for await (const item of client.iterateWorkItems({ status: 'available', candidateGroup: 'regional-sales-directors' })) {
 *   const { actions } = await client.allowedActions(item.id);
 * }
 * await client.claim(id);
 * const { result: decision, idempotencyKey } = await client.decide(id, { decision: 'APPROVE', expectedBusinessObjectVersion: 12 });
 * ```
 */
export class MandateClient {
  private readonly baseUrl: string;
  private readonly token: TokenProvider | undefined;
  private readonly fetchImpl: typeof fetch;

  constructor(options: MandateClientOptions) {
    this.baseUrl = String(options.baseUrl).replace(/\/+$/, '');
    this.token = options.token;
    // Unbound, a browser's fetch throws "Illegal invocation".
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** The same runtime and fetch, as another caller. */
  withToken(token: TokenProvider): MandateClient {
    return new MandateClient({ baseUrl: this.baseUrl, token, fetch: this.fetchImpl });
  }

  /** `GET /healthz`: database kind, auth mode, number of definitions. */
  health(): Promise<Health> {
    return this.json('GET', '/healthz');
  }

  /** `GET /openapi.json`. */
  openApi(): Promise<OpenApiDocument> {
    return this.json('GET', '/openapi.json');
  }

  /** `GET /metrics`: the Prometheus text exposition. */
  async metrics(): Promise<string> {
    return (await this.send('GET', '/metrics')).text;
  }

  /** `POST /auth/dev/token`: a token for a demo user (the runtime's dev identity only). */
  devToken(userId: string): Promise<DevToken> {
    return this.json('POST', '/auth/dev/token', { body: { userId } });
  }

  /** `GET /work-items`: one page of the queue, highest priority first. */
  listWorkItems(query: WorkItemQuery = {}): Promise<WorkItemPage> {
    return this.json('GET', '/work-items', { query: queueQuery(query) });
  }

  /** `GET /work-items?view=summary`: the same page without evidence, for a worklist's rows (about half the server's work of a full page). */
  listWorkItemSummaries(query: WorkItemQuery = {}): Promise<WorkItemSummaryPage> {
    return this.json('GET', '/work-items', { query: { ...queueQuery(query), view: 'summary' } });
  }

  /**
   * Every item of the queue, page after page (`limit` is the page size; `cursor`, if given, where
   * to start). Pages are fetched as the loop asks for them.
   */
  async *iterateWorkItems(query: WorkItemQuery = {}): AsyncGenerator<WorkItem, void, undefined> {
    let cursor = query.cursor;
    do {
      const page = await this.listWorkItems({ ...query, cursor });
      yield* page.items;
      cursor = page.nextCursor;
    } while (cursor);
  }

  /** `GET /work-items/count`: how many items match the filters; with `max`, counting stops there (`capped` when more match). */
  countWorkItems(filter?: WorkItemFilter): Promise<WorkItemCount>;
  countWorkItems(filter: WorkItemFilter, options: { max: number }): Promise<Required<WorkItemCount>>;
  countWorkItems(filter: WorkItemFilter = {}, options: { max?: number } = {}): Promise<WorkItemCount> {
    return this.json('GET', '/work-items/count', { query: { ...pick(filter, FILTER_KEYS), max: options.max } });
  }

  /** `GET /work-items/{id}`: the item, hidden evidence fields absent. */
  getWorkItem(id: string): Promise<WorkItem> {
    return this.json('GET', workItemPath(id));
  }

  /** `GET /work-items/{id}/allowed-actions`: what the caller may do now, and why not. */
  allowedActions(id: string): Promise<AllowedActions> {
    return this.json('GET', workItemPath(id, 'allowed-actions'));
  }

  /** `POST /work-items`: the created item, projected for the caller. */
  createWorkItem(body: CreateWorkItem): Promise<WorkItem> {
    return this.json('POST', '/work-items', { body });
  }

  /** `POST /work-items/{id}/claim`. */
  claim(id: string, body: LifecycleCommand = {}): Promise<LifecycleResult> {
    return this.json('POST', workItemPath(id, 'claim'), { body });
  }

  /** `POST /work-items/{id}/release`: back to the queue. */
  release(id: string, body: LifecycleCommand = {}): Promise<LifecycleResult> {
    return this.json('POST', workItemPath(id, 'release'), { body });
  }

  /** `POST /work-items/{id}/delegate`: ask someone for input; the owner stays. */
  delegate(id: string, body: LifecycleCommand & { delegateTo: string }): Promise<LifecycleResult> {
    return this.json('POST', workItemPath(id, 'delegate'), { body });
  }

  /** `POST /work-items/{id}/resolve-delegation`: the delegate hands the item back. */
  resolveDelegation(id: string, body: LifecycleCommand = {}): Promise<LifecycleResult> {
    return this.json('POST', workItemPath(id, 'resolve-delegation'), { body });
  }

  /** `POST /work-items/{id}/reassign`: manager authority and, per policy, a reason. */
  reassign(id: string, body: LifecycleCommand & { assignee: string }): Promise<LifecycleResult> {
    return this.json('POST', workItemPath(id, 'reassign'), { body });
  }

  /** `POST /work-items/{id}/escalate`. */
  escalate(id: string, body: LifecycleCommand = {}): Promise<LifecycleResult> {
    return this.json('POST', workItemPath(id, 'escalate'), { body });
  }

  /** `POST /work-items/{id}/comments`. */
  comment(id: string, body: LifecycleCommand & { comment: string }): Promise<LifecycleResult> {
    return this.json('POST', workItemPath(id, 'comments'), { body });
  }

  /**
   * `POST /work-items/{id}/decisions` with an Idempotency-Key (a new UUID unless given). The key
   * comes back with the result, and on a thrown {@link MandateProblem}: retrying with it replays
   * the first answer instead of deciding twice. To retry after a network failure, pass your own key.
   */
  async decide(id: string, command: DecideCommand, options: IdempotencyOptions = {}): Promise<IdempotentResult<Decision>> {
    return this.idempotent<Decision>(workItemPath(id, 'decisions'), command, options);
  }

  /**
   * `POST /work-items/{id}/actions/{actionCode}`: a recovery action (reconcile, retry,
   * mark-no-effect, ...), with an Idempotency-Key as for {@link MandateClient.decide}. `status`
   * is 201 when the action is effective, 202 when it waits for a second person's approval.
   */
  async runAction(id: string, actionCode: string, body: ActionCommand = {}, options: IdempotencyOptions = {}): Promise<IdempotentResult<ActionResult>> {
    return this.idempotent<ActionResult>(workItemPath(id, 'actions', actionCode), body, options);
  }

  /** `GET /work-items/{id}/actions`: the recovery actions taken on the item. */
  actionHistory(id: string): Promise<RecoveryActions> {
    return this.json('GET', workItemPath(id, 'actions'));
  }

  /** `POST /events`: a business event, e.g. `QuoteRevised`. */
  postEvent(event: BusinessEvent): Promise<BusinessEventResult> {
    return this.json('POST', '/events', { body: event });
  }

  /** `GET /audit`: the tenant's audit events. */
  audit(filter: AuditFilter = {}): Promise<AuditEvents> {
    return this.json('GET', '/audit', { query: pick(filter, AUDIT_KEYS) });
  }

  /** `GET /audit/verify`: walks the tenant's hash chain. */
  verifyAudit(): Promise<ChainVerification> {
    return this.json('GET', '/audit/verify');
  }

  /** `POST /audit/checkpoints`: signs the tenant's chain head now (governance admins and services). */
  checkpointAudit(): Promise<AuditCheckpointResult> {
    return this.json('POST', '/audit/checkpoints');
  }

  /** `GET /definitions?kind=`: every definition with its versions (drafts and reviews for governance admins and auditors only). */
  listDefinitions(kind?: string): Promise<DefinitionList> {
    return this.json('GET', '/definitions', { query: { kind } });
  }

  /** `GET /definitions/{kind}/{id}/versions`: lifecycle records, oldest first. */
  definitionVersions(kind: string, id: string): Promise<DefinitionVersions> {
    return this.json('GET', definitionPath(kind, id, 'versions'));
  }

  /** `GET /definitions/{kind}/{id}/references`: per version, what it references, what references it, whether new items get it, open items pinned to it. */
  definitionReferences(kind: string, id: string): Promise<DefinitionReferences> {
    return this.json('GET', definitionPath(kind, id, 'references'));
  }

  /** `GET /definitions/{kind}/{id}/versions/{version}`: one version with its content and contributors. */
  getDefinitionVersion(kind: string, id: string, version: number): Promise<DefinitionVersionView> {
    return this.json('GET', definitionPath(kind, id, 'versions', String(version)));
  }

  /** `POST /definitions/{kind}/{id}/drafts`: a new draft (highest version + 1) with its findings; 409 `DRAFT_EXISTS` while one is open. */
  createDraft(kind: string, id: string, body: CreateDraft = {}): Promise<DefinitionVersionView> {
    return this.json('POST', definitionPath(kind, id, 'drafts'), { body });
  }

  /** `PUT /definitions/{kind}/{id}/versions/{version}`: a draft's new content, with its findings. */
  updateDraft(kind: string, id: string, version: number, body: UpdateDraft): Promise<DefinitionVersionView> {
    return this.json('PUT', definitionPath(kind, id, 'versions', String(version)), { body });
  }

  /** `POST .../versions/{version}/submit`: draft to review; 422 `DEFINITION_INVALID` with findings when it has errors. */
  submitDefinition(kind: string, id: string, version: number): Promise<DefinitionVersionView> {
    return this.json('POST', definitionPath(kind, id, 'versions', String(version), 'submit'));
  }

  /**
   * `POST .../versions/{version}/approve`: a governance admin who contributed nothing to it (403
   * `FOUR_EYES_VIOLATION` for the author, `CONTRIBUTOR_MAY_NOT_APPROVE` for an editor). With
   * `contentHash` (the one read), 409 `DEFINITION_CONTENT_CHANGED` if the version holds other content.
   */
  approveDefinition(kind: string, id: string, version: number, comment: string, options: { contentHash?: string } = {}): Promise<DefinitionVersionView> {
    return this.json('POST', definitionPath(kind, id, 'versions', String(version), 'approve'), { body: options.contentHash === undefined ? { comment } : { comment, contentHash: options.contentHash } });
  }

  /** `POST .../versions/{version}/reject`: back to draft with the reviewer's comment. */
  rejectDefinition(kind: string, id: string, version: number, comment: string): Promise<DefinitionVersionView> {
    return this.json('POST', definitionPath(kind, id, 'versions', String(version), 'reject'), { body: { comment } });
  }

  /** `POST .../versions/{version}/publish`: an approved version, now or from `effectiveFrom` (not in the past). */
  publishDefinition(kind: string, id: string, version: number, options: { effectiveFrom?: string } = {}): Promise<DefinitionVersionView> {
    return this.json('POST', definitionPath(kind, id, 'versions', String(version), 'publish'), { body: options.effectiveFrom === undefined ? {} : { effectiveFrom: options.effectiveFrom } });
  }

  /** `POST .../versions/{version}/retire`: no new item resolves to it; pinned items keep it. */
  retireDefinition(kind: string, id: string, version: number): Promise<DefinitionVersionView> {
    return this.json('POST', definitionPath(kind, id, 'versions', String(version), 'retire'));
  }

  /** `GET /definitions/{kind}/{id}/diff?from=&to=`: semantic changes (tightening, loosening, neutral) and the JSON Patch. */
  diffDefinitionVersions(kind: string, id: string, from: number, to: number): Promise<DefinitionVersionDiff> {
    return this.json('GET', definitionPath(kind, id, 'diff'), { query: { from, to } });
  }

  /** `POST /definitions/TaskType/{id}/migrations`: moves the caller's tenant's open items to another task type version (`dryRun` writes nothing). */
  migrateWorkItems(taskTypeId: string, body: MigrateWorkItems): Promise<MigrationResult> {
    return this.json('POST', definitionPath('TaskType', taskTypeId, 'migrations'), { body });
  }

  /** The same as a dry run: what a migration would change, per item, with its blockers. */
  planMigration(taskTypeId: string, body: Omit<MigrateWorkItems, 'dryRun'>): Promise<MigrationResult> {
    return this.migrateWorkItems(taskTypeId, { ...body, dryRun: true });
  }

  /** The same, applied in one transaction (422 `MIGRATION_BLOCKED` if any selected item is blocked). */
  applyMigration(taskTypeId: string, body: Omit<MigrateWorkItems, 'dryRun'>): Promise<MigrationResult> {
    return this.migrateWorkItems(taskTypeId, { ...body, dryRun: false });
  }

  /** `GET /definitions/import-conflicts`: shipped files that differ from their stored published version. */
  importConflicts(): Promise<ImportConflicts> {
    return this.json('GET', '/definitions/import-conflicts');
  }

  /**
   * `GET /definitions/{kind}/{id}/impact?candidate=&from=&to=`: the caller's tenant's items pinned
   * to this definition replayed under a candidate version (a draft or any version): decisions that
   * would have been refused, actions that flip, priority and SLA changes (governance admins and auditors).
   */
  definitionImpact(kind: string, id: string, query: ImpactQuery): Promise<ImpactReport> {
    return this.json('GET', definitionPath(kind, id, 'impact'), { query: { candidate: query.candidate, from: query.from, to: query.to } });
  }

  /**
   * `POST /definitions/{kind}/{id}/versions/{version}/simulate`: tries a version (a draft, one in
   * review or a published one) beside the published version of the same definition, over existing
   * items of the caller's tenant or one sample, as a person of the directory or a given principal.
   * Per item: allowed actions, the visible view, priority and SLA under each side, and what differs.
   * Writes nothing. Governance admins only (403 `GOVERNANCE_ADMIN_REQUIRED`); an invalid version is
   * 422 `DEFINITION_INVALID` with its findings.
   *
   * @example
   * const { items } = await client.simulateDefinition('VisibilityPolicy', 'QUOTE_COMMERCIAL_VISIBILITY', 3, { workItemIds: [id], asUser: 'rita' });
   * items[0].differences; // [{ path: 'view.evidence.competitorPrice', draft: 'hidden', published: 'visible' }]
   */
  simulateDefinition(kind: string, id: string, version: number, body: SimulateDefinition): Promise<DefinitionSimulation> {
    return this.json('POST', definitionPath(kind, id, 'versions', String(version), 'simulate'), { body });
  }

  private async idempotent<T>(path: string, body: unknown, options: IdempotencyOptions): Promise<IdempotentResult<T>> {
    const idempotencyKey = options.idempotencyKey ?? crypto.randomUUID();
    const { status, text } = await this.send('POST', path, { body, idempotencyKey });
    return { idempotencyKey, status, result: JSON.parse(text) as T };
  }

  private async json<T>(method: Method, path: string, call: Call = {}): Promise<T> {
    return JSON.parse((await this.send(method, path, call)).text) as T;
  }

  private async send(method: Method, path: string, call: Call = {}): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    const token = typeof this.token === 'function' ? await this.token() : this.token;
    if (token) headers.Authorization = /^Bearer /i.test(token) ? token : `Bearer ${token}`;
    if (method !== 'GET') headers['Content-Type'] = 'application/json';
    if (call.idempotencyKey !== undefined) headers['Idempotency-Key'] = call.idempotencyKey;
    const url = `${this.baseUrl}${path}${queryString(call.query ?? {})}`;
    const response = await this.fetchImpl(url, { method, headers, ...(method !== 'GET' ? { body: JSON.stringify(call.body ?? {}) } : {}) });
    const text = await response.text();
    if (!response.ok) {
      const requestId = response.headers.get('x-request-id') ?? undefined;
      throw problemOf(response, text, { ...(requestId ? { requestId } : {}), ...(call.idempotencyKey !== undefined ? { idempotencyKey: call.idempotencyKey } : {}) });
    }
    return { status: response.status, text };
  }
}

function workItemPath(id: string, ...rest: string[]): string {
  return ['/work-items', id, ...rest].map((segment, i) => (i === 0 ? segment : encodeURIComponent(segment))).join('/');
}

function definitionPath(kind: string, id: string, ...rest: string[]): string {
  return ['/definitions', kind, id, ...rest].map((segment, i) => (i === 0 ? segment : encodeURIComponent(segment))).join('/');
}
