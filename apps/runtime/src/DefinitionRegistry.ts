/**
 * The definitions the runtime enforces, in memory. Published versions never change (the database
 * refuses it), so whatever was read once stays valid: compiled policies are cached by `ID@VERSION`
 * and the decision path never queries for definitions. What can change is which versions exist
 * and their lifecycle (another instance publishes or retires one), so a registry backed by the
 * store re-reads the version list when it is older than `refreshIntervalMs` by the injected clock
 * (checked when an item is created) and on a cache miss (an item pinned to a version this
 * instance has not seen). See docs/governance.md, "Pinning".
 */
import { refOf, type Definition, type TaskType } from '@mandate/definitions';
import { pinDefinitions, policyFor, type CompiledPolicy } from '@mandate/policy';
import type { DefinitionVersionMeta, DefinitionVersionRecord, DefinitionVersionStatus } from '@mandate/store';

/** Where a store-backed registry reads published versions (the `DefinitionVersionStore` port is one). */
export interface PublishedDefinitionSource {
  list(filter: { statuses: readonly DefinitionVersionStatus[] }): Promise<DefinitionVersionMeta[]>;
  contentsOf(refs: readonly { id: string; version: number }[]): Promise<DefinitionVersionRecord[]>;
}

/** How a registry is built. */
export interface DefinitionRegistryOptions {
  /** The store to read from; absent: the fixed set given to the constructor (tests, benchmarks). */
  source?: PublishedDefinitionSource;
  clock?: () => Date;
  /** How old the version list may get before item creation re-reads it; default 5 s. */
  refreshIntervalMs?: number;
}

/** Lifecycle of one task type version, as resolution needs it. */
interface TaskTypeVersionState {
  version: number;
  status: string;
  /** Epoch ms; undefined: in effect since publication. */
  effectiveFrom?: number;
}

/** Default staleness bound of the version list. */
export const DEFAULT_REFRESH_INTERVAL_MS = 5_000;

/**
 * What the runtime enforces: task type resolution by effective instant, compiled policies and
 * pinned references by `ID@VERSION`, all in memory (see the module comment).
 */
export class DefinitionRegistry {
  private readonly byRef = new Map<string, Definition>();
  private taskTypes = new Map<string, TaskTypeVersionState[]>();
  private readonly policies = new Map<string, CompiledPolicy>();
  private readonly pins = new Map<string, string[]>();
  private readonly clock: () => Date;
  private lastRefresh = Number.NEGATIVE_INFINITY;
  private refreshing: Promise<void> | undefined;

  /**
   * A registry of a fixed set (every version given; task types by their `status`), or, with
   * `options.source`, an empty one that {@link refresh} fills: use {@link DefinitionRegistry.fromSource}.
   */
  constructor(
    definitions: readonly Definition[] = [],
    private readonly options: DefinitionRegistryOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    for (const d of definitions) this.byRef.set(refOf(d), d);
    this.taskTypes = indexTaskTypes(definitions.filter((d) => d.kind === 'TaskType').map((d) => ({ id: d.id, version: d.version, status: d.status, effectiveFrom: null })));
  }

  /** A registry of the published and retired versions of the store, read once before it is returned. */
  static async fromSource(source: PublishedDefinitionSource, options: Omit<DefinitionRegistryOptions, 'source'> = {}): Promise<DefinitionRegistry> {
    const registry = new DefinitionRegistry([], { ...options, source });
    await registry.refresh();
    return registry;
  }

  /** Every version the registry holds (published and retired, or the fixed set). */
  get definitions(): Definition[] {
    return [...this.byRef.values()];
  }

  /** Whether writes to the store reach this registry (governance needs one that does). */
  get storeBacked(): boolean {
    return this.options.source !== undefined;
  }

  /**
   * The task type version a new item pins: the given version when it is published and in effect
   * (a binding that names one), else the highest published version in effect at `at`.
   */
  publishedTaskType(id: string, version?: number, at: Date = this.clock()): TaskType | undefined {
    const t = at.getTime();
    const candidates = (this.taskTypes.get(id) ?? []).filter((v) => v.status === 'published' && (v.effectiveFrom === undefined || v.effectiveFrom <= t));
    const chosen = version === undefined ? candidates[0] : candidates.find((v) => v.version === version);
    const definition = chosen ? this.byRef.get(`${id}@${chosen.version}`) : undefined;
    return definition?.kind === 'TaskType' ? definition : undefined;
  }

  /** Re-reads the version list when it is older than the refresh interval (item creation calls it). */
  async refreshIfStale(): Promise<void> {
    if (!this.options.source) return;
    if (this.clock().getTime() - this.lastRefresh < (this.options.refreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS)) return;
    await this.refresh();
  }

  /**
   * Re-reads the published and retired versions now: their lifecycle in one query, the content of
   * versions not seen before in another. Concurrent callers share one read.
   */
  async refresh(): Promise<void> {
    const source = this.options.source;
    if (!source) return;
    if (this.refreshing) return this.refreshing;
    this.refreshing = (async () => {
      const startedAt = this.clock().getTime();
      const metas = await source.list({ statuses: ['published', 'retired'] });
      const missing = metas.filter((m) => !this.byRef.has(refOf(m)));
      for (const record of await source.contentsOf(missing)) this.byRef.set(refOf(record), record.content as unknown as Definition);
      this.taskTypes = indexTaskTypes(metas.filter((m) => m.kind === 'TaskType'));
      this.lastRefresh = startedAt;
    })().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** Makes sure the given task type references are in memory (a query only on a miss). */
  async ensure(taskTypeRefs: Iterable<string>): Promise<void> {
    for (const ref of taskTypeRefs) {
      if (!this.byRef.has(ref)) return this.refresh();
    }
  }

  /**
   * The compiled policy of a pinned task type version (compiled once, cached by reference: a
   * published version never changes). A worklist page asks for it once per item.
   */
  policy(taskTypeRef: string): CompiledPolicy {
    let policy = this.policies.get(taskTypeRef);
    if (!policy) {
      policy = policyFor(pinDefinitions(taskTypeRef, this.definitionsFor(taskTypeRef)));
      this.policies.set(taskTypeRef, policy);
    }
    return policy;
  }

  /** `ID@VERSION` of every definition a task type version pins. */
  pinnedRefs(taskTypeRef: string): string[] {
    let refs = this.pins.get(taskTypeRef);
    if (!refs) {
      const pinned = pinDefinitions(taskTypeRef, this.definitionsFor(taskTypeRef));
      refs = [pinned.taskType, pinned.reasonCodes, pinned.sla, pinned.calendar, pinned.priority, pinned.visibility, pinned.actions, pinned.authority]
        .filter((d): d is NonNullable<typeof d> => d !== undefined)
        .map(refOf);
      this.pins.set(taskTypeRef, refs);
    }
    return [...refs];
  }

  /** The definitions one task type version references, looked up by reference (no scan of the set). */
  private definitionsFor(taskTypeRef: string): Definition[] {
    const taskType = this.byRef.get(taskTypeRef);
    if (taskType?.kind !== 'TaskType') return [];
    const refs = [taskType.reasonCodeSet, taskType.slaPolicy, taskType.priorityModel, taskType.visibilityPolicy, taskType.actionPolicy, ...(taskType.authorityPolicy ? [taskType.authorityPolicy] : [])];
    const sla = this.byRef.get(taskType.slaPolicy);
    if (sla?.kind === 'SlaPolicy') refs.push(sla.calendar);
    return [taskType, ...refs.map((r) => this.byRef.get(r)).filter((d): d is Definition => d !== undefined)];
  }
}

/** Task type versions by id, highest first. */
function indexTaskTypes(versions: readonly { id: string; version: number; status: string; effectiveFrom: string | null }[]): Map<string, TaskTypeVersionState[]> {
  const index = new Map<string, TaskTypeVersionState[]>();
  for (const v of versions) {
    const list = index.get(v.id) ?? [];
    list.push({ version: v.version, status: v.status, ...(v.effectiveFrom ? { effectiveFrom: Date.parse(v.effectiveFrom) } : {}) });
    index.set(v.id, list);
  }
  for (const list of index.values()) list.sort((a, b) => b.version - a.version);
  return index;
}
