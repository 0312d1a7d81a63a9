/**
 * `GET /definitions/{kind}/{id}/references`: per version of one definition, what it references
 * and which versions reference it (each with its status and whether new items get it), and how
 * many open work items of the caller's tenant are pinned to it. A governance admin reads it
 * before retiring a version (a published version that references it blocks the retirement) or
 * moving items. Drafts and versions in review are in the graph only for governance readers.
 */
import { OPEN_WORK_ITEM_STATES, type DefinitionVersionStatus, type Stores } from '@mandate/store';
import { NotFoundError } from '@mandate/problems';
import type { Principal } from '../identity/Principal.js';
import type { DefinitionSummary } from './DefinitionGovernanceService.js';
import { buildDefinitionGraph, type DefinitionGraph, type GraphVersion } from './definitionGraph.js';
import { isGovernanceReader } from './governanceRoles.js';

/** What everyone may read (the same rule as the version list). */
const PUBLIC_STATUSES: readonly DefinitionVersionStatus[] = ['published', 'retired'];

/** Counting pinned items stops here: "1,000 or more" is what a retirement needs to know. */
export const PINNED_ITEMS_CAP = 1000;

/** A version at the other end of a reference; `status` null: not stored, or not readable by the caller. */
export interface DefinitionLink {
  ref: string;
  kind: string;
  id: string;
  version: number;
  status: DefinitionVersionStatus | null;
  current: boolean;
}

/** One version's references, referrers and pinned open items. */
export interface VersionReferences {
  version: number;
  status: DefinitionVersionStatus;
  effectiveFrom: string | null;
  current: boolean;
  references: DefinitionLink[];
  referencedBy: DefinitionLink[];
  openItems: { count: number; capped: boolean };
}

/** The answer of the route. */
export interface DefinitionReferences {
  kind: string;
  id: string;
  versions: VersionReferences[];
}

/** A list entry with what the graph knows of it (`GET /definitions`). */
export type DefinitionSummaryWithGraph = Omit<DefinitionSummary, 'versions'> & {
  currentVersions: number[];
  facts: string[];
  versions: (DefinitionSummary['versions'][number] & { references: string[]; referencedBy: string[] })[];
};

/** Reads the reference graph for one definition (see the module comment). */
export class DefinitionReferenceService {
  constructor(
    private readonly stores: Pick<Stores, 'definitions' | 'workItems'>,
    private readonly clock: () => Date,
  ) {}

  /** The graph of every version the principal may read. */
  async graph(principal: Principal): Promise<DefinitionGraph> {
    const records = await this.stores.definitions.listWithContent(isGovernanceReader(principal) ? {} : { statuses: PUBLIC_STATUSES });
    return buildDefinitionGraph(records, this.clock());
  }

  /** The list entries with their current versions, the facts their conditions read, and each version's references and referrers. */
  async annotate(principal: Principal, summaries: readonly DefinitionSummary[]): Promise<DefinitionSummaryWithGraph[]> {
    const graph = await this.graph(principal);
    return summaries.map((s) => {
      const versions = s.versions.map((v) => {
        const node = graph.versions.get(`${s.id}@${v.version}`);
        return { ...v, references: node?.references.map((r) => r.ref) ?? [], referencedBy: node?.referencedBy ?? [] };
      });
      const currentVersions = s.versions.filter((v) => graph.versions.get(`${s.id}@${v.version}`)?.current).map((v) => v.version);
      return { ...s, currentVersions, facts: graph.facts.get(`${s.kind}/${s.id}`) ?? [], versions };
    });
  }

  /** Per version of `kind`/`id`, oldest first: references, referrers, pinned open items (404 DEFINITION_NOT_FOUND when none is readable). */
  async references(principal: Principal, kind: string, id: string): Promise<DefinitionReferences> {
    const graph = await this.graph(principal);
    const own = [...graph.versions.values()].filter((v) => v.kind === kind && v.id === id).sort((a, b) => a.version - b.version);
    if (!own.length) throw new NotFoundError('DEFINITION_NOT_FOUND', `no ${kind} ${id}`);
    const counts = new Map<string, Promise<{ count: number; capped: boolean }>>();
    const openItemsOf = (taskType: GraphVersion) => {
      const key = `${taskType.id}@${taskType.version}`;
      let count = counts.get(key);
      if (!count) {
        count = this.stores.workItems
          .ofTaskType(principal.tenant, taskType.id, { version: taskType.version, states: OPEN_WORK_ITEM_STATES }, PINNED_ITEMS_CAP + 1)
          .then((items) => ({ count: Math.min(items.length, PINNED_ITEMS_CAP), capped: items.length > PINNED_ITEMS_CAP }));
        counts.set(key, count);
      }
      return count;
    };
    const versions = await Promise.all(
      own.map(async (v) => {
        // Drafts and versions in review pin nothing: no item is created under them.
        const pinning = v.status === 'published' || v.status === 'retired' ? taskTypesPinning(graph, v) : [];
        const tallies = await Promise.all(pinning.map(openItemsOf));
        const sum = tallies.reduce((n, t) => n + t.count, 0);
        return {
          version: v.version,
          status: v.status,
          effectiveFrom: v.effectiveFrom,
          current: v.current,
          references: v.references.map(({ ref, kind: expected }) => linkOf(graph, ref, expected)),
          referencedBy: v.referencedBy.map((ref) => linkOf(graph, ref, graph.versions.get(ref)!.kind)),
          openItems: { count: Math.min(sum, PINNED_ITEMS_CAP), capped: sum > PINNED_ITEMS_CAP || tallies.some((t) => t.capped) },
        };
      }),
    );
    return { kind, id, versions };
  }
}

/** The task type versions whose items are pinned to `v`: itself, the ones naming it, and for a calendar those naming its SLA policies. */
function taskTypesPinning(graph: DefinitionGraph, v: GraphVersion): GraphVersion[] {
  if (v.kind === 'TaskType') return [v];
  const direct = v.referencedBy.map((ref) => graph.versions.get(ref)!);
  const viaSla = direct.filter((d) => d.kind === 'SlaPolicy').flatMap((sla) => sla.referencedBy.map((ref) => graph.versions.get(ref)!));
  const live = (d: GraphVersion) => d.kind === 'TaskType' && (d.status === 'published' || d.status === 'retired');
  return [...new Map([...direct, ...viaSla].filter(live).map((d) => [`${d.id}@${d.version}`, d])).values()];
}

function linkOf(graph: DefinitionGraph, ref: string, kind: string): DefinitionLink {
  const at = ref.lastIndexOf('@');
  const known = graph.versions.get(ref);
  return { ref, kind: known?.kind ?? kind, id: ref.slice(0, at), version: Number(ref.slice(at + 1)), status: known?.status ?? null, current: known?.current ?? false };
}
