/**
 * Try it before proposing (docs/governance.md, "Simulation"): one definition version (a draft, one
 * in review, any stored version) beside the published version of the same definition, over
 * existing items of the caller's tenant or one sample entered as facts, for one principal. Each
 * side is the item's set of definitions with that version in the place of the definition of the
 * same id, evaluated by the runtime's own policy functions (allowed actions, the visible view,
 * priority, SLA). A read: it writes nothing, not even an audit event.
 *
 * Why it looks like this:
 * - Governance admins only: it shows how items look to anyone, so it needs the authority that
 *   shapes what they see. An existing item is still never shown beyond what the caller reads at
 *   `GET /work-items/{id}` (`withhold`), and no trace is returned (traces carry fact values).
 * - The version must pass the same validators a draft's save reports (422 DEFINITION_INVALID with
 *   its findings): an invalid draft cannot be compiled into something the runtime would enforce.
 * - The stored versions are read through `DefinitionSetSource` (the version list per request, the
 *   contents only when it changed), so one simulation costs a list query and the item reads.
 */
import type { DefinitionSimulation, SimulateDefinition, SimulatedItem } from '@mandate/contract';
import { refOf, type Definition, type TaskType } from '@mandate/definitions';
import { pinDefinitions, pinnedFromRefs, policyFor, type PinnedDefinitions, type PolicyContext } from '@mandate/policy';
import { NotFoundError, UnprocessableError } from '@mandate/problems';
import type { DefinitionVersionRecord } from '@mandate/store';
import { assertGovernanceAdmin } from '../governance/governanceRoles.js';
import type { Principal } from '../identity/Principal.js';
import type { PrincipalDirectory } from '../identity/PrincipalDirectory.js';
import { EvidenceValidator } from '../workItems/evidenceValidator.js';
import type { WorkItemLoader } from '../workItems/WorkItemLoader.js';
import { viewOf } from '../workItems/workItemView.js';
import type { DefinitionSet, DefinitionSetSource } from './DefinitionSet.js';
import { evaluateSide, type EvaluatedSide } from './evaluateSide.js';
import { sampleBusinessObject, sampleContext, type Sample } from './sampleContext.js';
import { simulatedPrincipal } from './simulatedPrincipal.js';
import { simulationDifferences } from './simulationDifferences.js';
import { references, substitute } from './substitute.js';
import { withhold } from './withhold.js';

/** The simulated version and its published counterpart, as definitions. */
interface Versions {
  simulated: Definition;
  published?: Definition;
}

/** The simulation of definition versions (see the module comment). */
export class DefinitionSimulationService {
  /** Published task types' evidence validators (they never change); a draft's is compiled per request. */
  private readonly publishedEvidence = new EvidenceValidator();

  constructor(
    private readonly definitions: DefinitionSetSource,
    private readonly loader: WorkItemLoader,
    private readonly clock: () => Date,
    private readonly directory?: PrincipalDirectory,
  ) {}

  /**
   * Simulates version `version` of `kind`/`id` beside its published version.
   *
   * @example
   * const result = await simulation.simulate(gabe, 'VisibilityPolicy', 'QUOTE_COMMERCIAL_VISIBILITY', 3, { workItemIds: [id], asUser: 'rita' });
   * result.items[0].differences; // [{ path: 'view.evidence.competitorPrice', draft: 'hidden', published: 'visible' }]
   */
  async simulate(caller: Principal, kind: string, id: string, version: number, body: SimulateDefinition): Promise<DefinitionSimulation> {
    assertGovernanceAdmin(caller);
    const now = this.clock();
    const set = await this.definitions.current();
    const record = set.record(kind, id, version);
    if (!record) throw new NotFoundError('DEFINITION_VERSION_NOT_FOUND', `no ${kind} ${id} version ${version}`);
    const errors = set.findingsOf(record).filter((f) => f.severity === 'error');
    if (errors.length) {
      throw new UnprocessableError('DEFINITION_INVALID', `${kind} ${id} version ${version} has errors; fix them before trying it: ${errors.slice(0, 3).map((f) => `${f.code} at ${f.pointer || '/'}`).join('; ')}`, { findings: errors });
    }
    const published = set.published(kind, id, now.getTime());
    const versions: Versions = { simulated: record.content as unknown as Definition, ...(published ? { published: published.content as unknown as Definition } : {}) };
    const who = await simulatedPrincipal(caller, body, this.directory);
    const at = now.toISOString();
    const items = body.workItemIds
      ? await Promise.all(body.workItemIds.map((itemId) => this.existing(caller, who.principal, itemId, versions, set)))
      : [await this.sample(who.principal, body.sample!, versions, set, at)];
    const { principal } = who;
    return {
      definition: { kind: record.kind, id: record.id, version: record.version, status: record.status },
      ...(published ? { published: { kind: published.kind, id: published.id, version: published.version } } : {}),
      principal: { id: principal.id, roles: principal.roles, groups: principal.groups, ...(principal.region ? { region: principal.region } : {}), source: who.source },
      evaluatedAt: at,
      items,
    };
  }

  /** An existing item of the caller's tenant (404 otherwise), shown no further than the caller may see it. */
  private async existing(caller: Principal, principal: Principal, itemId: string, versions: Versions, set: DefinitionSet): Promise<SimulatedItem> {
    const loaded = await this.loader.load(caller, itemId);
    const { item } = loaded;
    const base = pinnedFromRefs(item.pinnedDefinitions, set.byRef);
    const kind = versions.simulated.kind;
    if (!references(base, kind, versions.simulated.id)) {
      throw new UnprocessableError('DEFINITION_NOT_REFERENCED', `work item ${item.id} (${item.taskType}@${item.taskTypeVersion}) does not use ${kind} ${versions.simulated.id}`, { workItemId: item.id });
    }
    // What the caller reads at GET /work-items/{id}: the ceiling of every side's evidence.
    const callerView = await viewOf(loaded);
    const ctx: PolicyContext = { ...loaded.ctx, actor: actorOf(principal) };
    const side = async (definition: Definition) => {
      const evaluated = await evaluateSide(policyFor(substitute(base, definition, set.byRef)), ctx);
      const withheldPaths: string[] = [];
      const evidence = withhold(evaluated.view.evidence, callerView.evidence, 'evidence', withheldPaths) as Record<string, unknown>;
      return { side: evaluated, withheldPaths, evidence };
    };
    const [draft, published] = await Promise.all([side(versions.simulated), versions.published ? side(versions.published) : undefined]);
    return this.item({ workItemId: item.id, sample: false, taskType: item.taskType, businessObject: { type: item.businessObject.type, id: item.businessObject.id } }, draft, published);
  }

  /** A sample entered as facts: its evidence checked against the simulated side's task type. */
  private async sample(principal: Principal, sample: Sample, versions: Versions, set: DefinitionSet, now: string): Promise<SimulatedItem> {
    const { simulated } = versions;
    const pins = (definition: Definition): PinnedDefinitions => {
      if (definition.kind === 'TaskType') return pinDefinitions(refOf(definition), set.definitions);
      const base = pinDefinitions(refOf(this.sampleTaskType(sample, simulated, set, Date.parse(now))), set.definitions);
      if (!references(base, definition.kind, definition.id)) {
        throw new UnprocessableError('DEFINITION_NOT_REFERENCED', `${base.taskType.id}@${base.taskType.version} does not use ${definition.kind} ${definition.id}`, { taskType: refOf(base.taskType) });
      }
      return substitute(base, definition, set.byRef);
    };
    if (simulated.kind === 'TaskType' && sample.taskType !== undefined && sample.taskType !== simulated.id) {
      throw new UnprocessableError('DEFINITION_NOT_REFERENCED', `the sample is an item of ${sample.taskType}, not of the simulated task type ${simulated.id}; leave sample.taskType out`);
    }
    const draftPins = pins(simulated);
    const record = set.record('TaskType', draftPins.taskType.id, draftPins.taskType.version);
    (isPublishedRecord(record) ? this.publishedEvidence : new EvidenceValidator()).assertValid(draftPins.taskType, sample.evidence);
    const side = async (pinned: PinnedDefinitions) => {
      const evaluated = await evaluateSide(policyFor(pinned), sampleContext(principal, sample, pinned.taskType, now));
      // The caller entered the evidence: nothing of it is theirs to be withheld from.
      return { side: evaluated, withheldPaths: [], evidence: evaluated.view.evidence };
    };
    const [draft, published] = await Promise.all([side(draftPins), versions.published ? side(pins(versions.published)) : undefined]);
    return this.item({ sample: true, taskType: draftPins.taskType.id, businessObject: sampleBusinessObject(sample, draftPins.taskType) }, draft, published);
  }

  /** The task type a sample of a non-task-type definition belongs to: the version named, else the one in effect. */
  private sampleTaskType(sample: Sample, simulated: Definition, set: DefinitionSet, at: number): TaskType {
    if (sample.taskType === undefined) throw new UnprocessableError('DEFINITION_NOT_REFERENCED', `a sample for ${simulated.kind} ${simulated.id} names the task type it is an item of (sample.taskType)`);
    const record = sample.taskTypeVersion !== undefined ? set.record('TaskType', sample.taskType, sample.taskTypeVersion) : set.published('TaskType', sample.taskType, at);
    if (!isPublishedRecord(record)) throw new UnprocessableError('UNKNOWN_TASK_TYPE', `no published task type ${sample.taskType}${sample.taskTypeVersion !== undefined ? `@${sample.taskTypeVersion}` : ''}`);
    return record.content as unknown as TaskType;
  }

  private item(head: Pick<SimulatedItem, 'workItemId' | 'sample' | 'taskType' | 'businessObject'>, draft: Shown, published: Shown | undefined): SimulatedItem {
    return {
      ...head,
      draft: shownSide(draft),
      ...(published ? { published: shownSide(published) } : {}),
      differences: published ? simulationDifferences(draft.side, published.side) : [],
    };
  }
}

/** A side with its evidence as the caller is shown it. */
interface Shown {
  side: EvaluatedSide;
  evidence: Record<string, unknown>;
  withheldPaths: string[];
}

const shownSide = ({ side, evidence, withheldPaths }: Shown) => ({ ...side, view: { ...side.view, evidence, withheldPaths } });

const isPublishedRecord = (record: DefinitionVersionRecord | undefined): record is DefinitionVersionRecord => record !== undefined && (record.status === 'published' || record.status === 'retired');

function actorOf(principal: Principal): PolicyContext['actor'] {
  return { id: principal.id, roles: principal.roles, groups: principal.groups, tenant: principal.tenant, ...(principal.region ? { region: principal.region } : {}) };
}
