/**
 * Definition governance (docs/governance.md): drafts, four-eyes review, publishing, retiring,
 * version lists and semantic diffs. The lifecycle is draft -> in_review -> (approved) ->
 * published -> retired; a rejection sends a version back to draft. Every command is one
 * transaction that locks the version row, checks the state, writes it and appends a
 * hash-chained audit event in the actor's tenant chain; a refused command writes nothing.
 *
 * Why four-eyes here: a definition decides what thousands of people may do, so no single admin
 * changes one alone. Whoever contributed content to a version (its author and every admin who
 * edited it, recorded in order with the content hash each left) may not approve it; the author
 * may not reject it either. An approval is bound to the content hash it saw, and only that
 * content is published: an admin cannot take over another's draft, edit it and approve it alone.
 */
import { diffDefinitions, referencesOf, type Definition, type DefinitionDiff } from '@mandate/definitions';
import type { DefinitionContribution, DefinitionVersionMeta, DefinitionVersionRecord, DefinitionVersionStatus, Stores, StoreTransaction } from '@mandate/store';
import type { DefinitionRegistry } from '../DefinitionRegistry.js';
import { ConflictError, NotAllowedError, NotFoundError, UnprocessableError } from '@mandate/problems';
import type { Principal } from '../identity/Principal.js';
import type { ImportConflict, ImportReport } from './importDefinitions.js';
import { assertGovernanceAdmin, GOVERNANCE_READERS, isGovernanceReader } from './governanceRoles.js';
import { definitionFindings, type DraftFinding } from './definitionFindings.js';

/** What everyone of the installation may read: the versions that govern (or governed) work items. */
const PUBLIC_STATUSES: readonly DefinitionVersionStatus[] = ['published', 'retired'];

export type { DraftFinding } from './definitionFindings.js';

/** A version with its content, its contributors in order (the author first) and, for drafts, its findings. */
export type DefinitionVersionView = DefinitionVersionRecord & { contributors: DefinitionContribution[]; findings?: DraftFinding[] };

/** One definition and its versions, as `GET /definitions` lists it. */
export interface DefinitionSummary {
  kind: string;
  id: string;
  title: string;
  versions: { version: number; status: DefinitionVersionStatus; effectiveFrom: string | null }[];
}

/** A new draft: empty, a copy of a version, or given content. */
export interface CreateDraft {
  from?: number;
  content?: Record<string, unknown>;
  changeNote?: string;
}

/** A draft's new content. */
export interface UpdateDraft {
  content: Record<string, unknown>;
  changeNote?: string;
}

/** An approval: the reviewer's comment and, optionally, the content hash they reviewed. */
export interface Approve {
  comment: string;
  /** When given, the approval is refused (409 DEFINITION_CONTENT_CHANGED) unless the version still holds this content. */
  contentHash?: string;
}

/** The semantic diff of two versions with its JSON Patch. */
export type VersionDiff = Pick<DefinitionDiff, 'from' | 'to' | 'changes' | 'control' | 'patch'>;

/** The governance commands and reads of `/definitions` (see the module comment and docs/governance.md). */
export class DefinitionGovernanceService {
  constructor(
    private readonly stores: Pick<Stores, 'definitions' | 'audit' | 'transaction'>,
    private readonly registry: DefinitionRegistry,
    private readonly clock: () => Date,
    private readonly importReport?: ImportReport,
  ) {}

  /** What the import of the shipped folder at this instance's start found in conflict with the store (governance readers). */
  importConflicts(principal: Principal): { importedAt: string | null; conflicts: ImportConflict[] } {
    if (!isGovernanceReader(principal)) throw new NotAllowedError('GOVERNANCE_READER_REQUIRED', `import conflicts are open to ${GOVERNANCE_READERS.join(' and ')}`);
    return { importedAt: this.importReport?.importedAt ?? null, conflicts: this.importReport?.conflicts ?? [] };
  }

  /** Every definition with its versions; drafts and versions under review only for governance readers. */
  async list(principal: Principal, kind?: string): Promise<DefinitionSummary[]> {
    const metas = await this.stores.definitions.list({ ...(kind ? { kind } : {}), ...(isGovernanceReader(principal) ? {} : { statuses: PUBLIC_STATUSES }) });
    const byDefinition = new Map<string, DefinitionVersionMeta[]>();
    for (const m of metas) {
      const key = `${m.kind}/${m.id}`;
      byDefinition.set(key, [...(byDefinition.get(key) ?? []), m]);
    }
    return [...byDefinition.values()].map((versions) => {
      const latest = versions[versions.length - 1]!;
      return { kind: latest.kind, id: latest.id, title: latest.title, versions: versions.map((v) => ({ version: v.version, status: v.status, effectiveFrom: v.effectiveFrom })) };
    });
  }

  /** The versions of one definition, oldest first. */
  async versions(principal: Principal, kind: string, id: string): Promise<DefinitionVersionMeta[]> {
    const versions = await this.stores.definitions.list({ kind, id, ...(isGovernanceReader(principal) ? {} : { statuses: PUBLIC_STATUSES }) });
    if (!versions.length) throw new NotFoundError('DEFINITION_NOT_FOUND', `no ${kind} ${id}`);
    return versions;
  }

  /** One version with its content and contributors. */
  async version(principal: Principal, kind: string, id: string, version: number): Promise<DefinitionVersionView> {
    const record = this.readable(principal, await this.stores.definitions.get(kind, id, version), kind, id, version);
    return { ...record, contributors: await this.stores.definitions.contributors(kind, id, version) };
  }

  /** The semantic diff of two versions (tightening, loosening, neutral) and the RFC 6902 patch from one to the other. */
  async diff(principal: Principal, kind: string, id: string, from: number, to: number): Promise<VersionDiff> {
    const [before, after] = await Promise.all([this.version(principal, kind, id, from), this.version(principal, kind, id, to)]);
    // The lifecycle status is the version's state (its own column), not what it says: a review
    // compares the rules, so both sides are read with the same status.
    const asContent = (v: DefinitionVersionView) => ({ ...v.content, status: 'published' }) as unknown as Definition;
    const diff = diffDefinitions(asContent(before), asContent(after));
    return { from: diff.from, to: diff.to, changes: diff.changes, control: diff.control, patch: diff.patch };
  }

  /** A new draft, the highest version + 1: empty, a copy of version `from`, or the given content. */
  async createDraft(principal: Principal, kind: string, id: string, input: CreateDraft): Promise<DefinitionVersionView> {
    assertGovernanceAdmin(principal);
    const now = this.now();
    const created = this.stores.transaction(async (tx) => {
      const usedAs = await this.stores.definitions.kindOfId(id, tx);
      if (usedAs && usedAs !== kind) throw new ConflictError('DEFINITION_ID_KIND_CONFLICT', `${id} is a ${usedAs}; an id names one kind`);
      const open = (await this.stores.definitions.list({ kind, id, statuses: ['draft', 'in_review'] }, tx))[0];
      if (open) throw new ConflictError('DRAFT_EXISTS', `${kind} ${id} already has an open version ${open.version} (${open.status}); change, publish or reject it first`, { version: open.version, definitionStatus: open.status });
      const version = (await this.stores.definitions.highestVersion(tx, kind, id)) + 1;
      let base: Record<string, unknown> = { title: id };
      if (input.from !== undefined) {
        const source = await this.stores.definitions.get(kind, id, input.from, { tx });
        if (!source) throw new UnprocessableError('SOURCE_VERSION_NOT_FOUND', `no ${kind} ${id} version ${input.from} to copy`);
        base = source.content;
      } else if (input.content) base = input.content;
      const content = normalized(kind, id, version, 'draft', base);
      await this.stores.definitions.insert(tx, {
        kind,
        id,
        version,
        status: 'draft',
        content,
        author: principal.id,
        reviewer: null,
        reviewComment: null,
        submittedAt: null,
        approvedAt: null,
        approvedContentHash: null,
        publishedAt: null,
        effectiveFrom: null,
        retiredAt: null,
        changeNote: input.changeNote ?? null,
        createdAt: now,
        updatedAt: now,
      });
      const record = (await this.stores.definitions.get(kind, id, version, { tx }))!;
      const findings = await this.findings(tx, record, 'all');
      await this.record(tx, principal, 'DefinitionDraftCreated', record, { author: principal.id, from: input.from ?? null, changeNote: input.changeNote ?? null, findings: countFindings(findings) });
      return { ...record, contributors: await this.stores.definitions.contributors(kind, id, version, tx), findings };
    });
    return created.catch((error: unknown) => {
      // Another admin created the same version at the same moment.
      if ((error as { code?: unknown }).code === '23505') throw new ConflictError('CONCURRENT_CHANGE', `another draft of ${kind} ${id} was created meanwhile; reload and retry`, {}, { cause: error });
      throw error;
    });
  }

  /**
   * Replaces a draft's content (only a draft: a published version is immutable). The editor
   * becomes one of its contributors (even with unchanged content: who sent content is who
   * contributed), so they may no longer approve it.
   */
  async updateDraft(principal: Principal, kind: string, id: string, version: number, input: UpdateDraft): Promise<DefinitionVersionView> {
    assertGovernanceAdmin(principal);
    return this.command(kind, id, version, async (tx, current) => {
      assertStatus(current, ['draft'], 'changed');
      const content = normalized(kind, id, version, 'draft', input.content);
      const now = this.now();
      const updated = (await this.stores.definitions.update(tx, kind, id, version, { content, updatedAt: now, ...(input.changeNote !== undefined ? { changeNote: input.changeNote } : {}) }))!;
      const contribution = await this.stores.definitions.addContribution(tx, kind, id, version, principal.id, now);
      const findings = await this.findings(tx, updated, 'all');
      await this.record(tx, principal, 'DefinitionDraftUpdated', updated, { author: current.author, editor: principal.id, contribution: contribution.seq, previousContentHash: current.contentHash, changeNote: updated.changeNote, findings: countFindings(findings) });
      return { ...updated, contributors: await this.stores.definitions.contributors(kind, id, version, tx), findings };
    });
  }

  /** Asks for review. A draft with error findings cannot be submitted (422 with the findings). */
  async submit(principal: Principal, kind: string, id: string, version: number): Promise<DefinitionVersionView> {
    assertGovernanceAdmin(principal);
    return this.command(kind, id, version, async (tx, current) => {
      assertStatus(current, ['draft'], 'submitted');
      const findings = await this.findings(tx, current, 'all');
      assertNoErrors(findings, `${kind} ${id} version ${version} has errors; fix them before asking for review`);
      const now = this.now();
      // A new submission starts a new review: no earlier approval carries over.
      const updated = (await this.stores.definitions.update(tx, kind, id, version, { status: 'in_review', content: { ...current.content, status: 'in_review' }, submittedAt: now, reviewer: null, reviewComment: null, approvedAt: null, approvedContentHash: null, updatedAt: now }))!;
      await this.record(tx, principal, 'DefinitionSubmitted', updated, { findings: countFindings(findings) });
      return { ...updated, contributors: await this.stores.definitions.contributors(kind, id, version, tx), findings };
    });
  }

  /**
   * Approves a version under review: a governance admin who contributed nothing to it (403
   * FOUR_EYES_VIOLATION for its author, CONTRIBUTOR_MAY_NOT_APPROVE for an editor). The approval
   * records the content hash it saw; with `contentHash`, the one the reviewer read must still be it.
   */
  async approve(principal: Principal, kind: string, id: string, version: number, input: Approve): Promise<DefinitionVersionView> {
    assertGovernanceAdmin(principal);
    return this.command(kind, id, version, async (tx, current) => {
      assertStatus(current, ['in_review'], 'approved');
      assertNotAuthor(principal, current, 'approve');
      const contributors = await this.stores.definitions.contributors(kind, id, version, tx);
      assertNotContributor(principal, current, contributors);
      if (current.approvedAt) throw new ConflictError('DEFINITION_ALREADY_APPROVED', `${kind} ${id} version ${version} was approved by ${current.reviewer} at ${current.approvedAt}`);
      if (input.contentHash !== undefined && input.contentHash !== current.contentHash) {
        throw new ConflictError('DEFINITION_CONTENT_CHANGED', `${kind} ${id} version ${version} holds other content than the one reviewed (${input.contentHash}); read it again before approving`, { contentHash: current.contentHash });
      }
      const now = this.now();
      const updated = (await this.stores.definitions.update(tx, kind, id, version, { reviewer: principal.id, reviewComment: input.comment, approvedAt: now, approvedContentHash: current.contentHash, updatedAt: now }))!;
      await this.record(tx, principal, 'DefinitionApproved', updated, { author: current.author, contributors: contributorIds(contributors), approvedContentHash: current.contentHash, comment: input.comment });
      return { ...updated, contributors };
    });
  }

  /** Sends a version under review back to draft with the reviewer's comment, clearing any approval: a governance admin who is not its author (an editor may). */
  async reject(principal: Principal, kind: string, id: string, version: number, comment: string): Promise<DefinitionVersionView> {
    assertGovernanceAdmin(principal);
    return this.command(kind, id, version, async (tx, current) => {
      assertStatus(current, ['in_review'], 'rejected');
      assertNotAuthor(principal, current, 'reject');
      const now = this.now();
      const updated = (await this.stores.definitions.update(tx, kind, id, version, { status: 'draft', content: { ...current.content, status: 'draft' }, reviewer: principal.id, reviewComment: comment, approvedAt: null, approvedContentHash: null, updatedAt: now }))!;
      await this.record(tx, principal, 'DefinitionRejected', updated, { author: current.author, comment, wasApproved: current.approvedAt !== null });
      return { ...updated, contributors: await this.stores.definitions.contributors(kind, id, version, tx) };
    });
  }

  /**
   * Publishes an approved version, now or from `effectiveFrom`: only the content the approval saw
   * (409 APPROVED_CONTENT_MISMATCH otherwise). It must validate against the published set (its
   * references must be published), since work items will be pinned to it.
   */
  async publish(principal: Principal, kind: string, id: string, version: number, effectiveFrom?: string): Promise<DefinitionVersionView> {
    assertGovernanceAdmin(principal);
    const now = this.now();
    if (effectiveFrom !== undefined && Date.parse(effectiveFrom) < Date.parse(now)) {
      throw new UnprocessableError('EFFECTIVE_FROM_IN_PAST', `effectiveFrom ${effectiveFrom} is before now (${now}); items already created keep their versions, so a past instant would not be true`);
    }
    const published = await this.command(kind, id, version, async (tx, current) => {
      assertStatus(current, ['in_review'], 'published');
      if (!current.approvedAt) throw new ConflictError('DEFINITION_NOT_APPROVED', `${kind} ${id} version ${version} needs the approval of a second governance admin before it is published`);
      if (current.approvedContentHash !== current.contentHash) {
        throw new ConflictError('APPROVED_CONTENT_MISMATCH', `${kind} ${id} version ${version} holds content ${current.contentHash}, but ${current.reviewer} approved ${current.approvedContentHash ?? 'no recorded content'}; reject it and have the content reviewed again`, { contentHash: current.contentHash, approvedContentHash: current.approvedContentHash });
      }
      const contributors = await this.stores.definitions.contributors(kind, id, version, tx);
      const findings = await this.findings(tx, current, 'published');
      assertNoErrors(findings, `${kind} ${id} version ${version} does not validate against the published definitions (its references must be published first)`);
      const from = effectiveFrom ? new Date(effectiveFrom).toISOString() : now;
      const updated = (await this.stores.definitions.update(tx, kind, id, version, { status: 'published', content: { ...current.content, status: 'published' }, publishedAt: now, effectiveFrom: from, updatedAt: now }))!;
      await this.record(tx, principal, 'DefinitionPublished', updated, { author: current.author, contributors: contributorIds(contributors), approvedBy: current.reviewer, approvedContentHash: current.approvedContentHash, effectiveFrom: from });
      return { ...updated, contributors };
    });
    await this.refreshRegistry();
    return published;
  }

  /**
   * Retires a published version: no new work item resolves to it; items pinned to it keep it. A
   * version a published definition still references cannot be retired (retire that one first).
   */
  async retire(principal: Principal, kind: string, id: string, version: number): Promise<DefinitionVersionView> {
    assertGovernanceAdmin(principal);
    const retired = await this.command(kind, id, version, async (tx, current) => {
      assertStatus(current, ['published'], 'retired');
      const ref = `${id}@${version}`;
      const users = (await this.stores.definitions.listWithContent({ statuses: ['published'] }, tx))
        .filter((d) => referencesOf(d.content as unknown as Definition).some((r) => r.ref === ref))
        .map((d) => `${d.id}@${d.version}`);
      if (users.length) throw new ConflictError('DEFINITION_IN_USE', `${ref} is referenced by published ${users.join(', ')}; retire or replace those first`, { referencedBy: users });
      const now = this.now();
      const updated = (await this.stores.definitions.update(tx, kind, id, version, { status: 'retired', content: { ...current.content, status: 'retired' }, retiredAt: now, updatedAt: now }))!;
      await this.record(tx, principal, 'DefinitionRetired', updated, {});
      return { ...updated, contributors: await this.stores.definitions.contributors(kind, id, version, tx) };
    });
    await this.refreshRegistry();
    return retired;
  }

  /**
   * This instance sees its own publish at once. The change is committed either way: if the read
   * fails, the registry's next refresh (stale list or cache miss) picks it up.
   */
  private async refreshRegistry(): Promise<void> {
    await this.registry.refresh().catch(() => undefined);
  }

  /** Runs a command on one version row, locked for the transaction. */
  private async command<T>(kind: string, id: string, version: number, run: (tx: StoreTransaction, current: DefinitionVersionRecord) => Promise<T>): Promise<T> {
    return this.stores.transaction(async (tx) => {
      const current = await this.stores.definitions.get(kind, id, version, { tx, forUpdate: true });
      if (!current) throw new NotFoundError('DEFINITION_VERSION_NOT_FOUND', `no ${kind} ${id} version ${version}`);
      return run(tx, current);
    });
  }

  private readable(principal: Principal, record: DefinitionVersionRecord | undefined, kind: string, id: string, version: number): DefinitionVersionRecord {
    if (!record) throw new NotFoundError('DEFINITION_VERSION_NOT_FOUND', `no ${kind} ${id} version ${version}`);
    if (!PUBLIC_STATUSES.includes(record.status) && !isGovernanceReader(principal)) {
      throw new NotAllowedError('GOVERNANCE_READER_REQUIRED', `${kind} ${id} version ${version} is ${record.status}; drafts and versions under review are open to ${GOVERNANCE_READERS.join(' and ')}`);
    }
    return record;
  }

  /**
   * Validation and lint findings of one version in the context of the others: `all` stored
   * versions (drafts may reference drafts while they are worked on), or only the `published` and
   * retired ones (what a version must resolve against to be published).
   */
  private async findings(tx: StoreTransaction, target: DefinitionVersionRecord, context: 'all' | 'published'): Promise<DraftFinding[]> {
    return definitionFindings(target, await this.stores.definitions.listWithContent(context === 'all' ? {} : { statuses: PUBLIC_STATUSES }, tx));
  }

  private async record(tx: StoreTransaction, principal: Principal, eventType: string, version: DefinitionVersionMeta, payload: Record<string, unknown>): Promise<void> {
    await this.stores.audit.append(tx, {
      tenantId: principal.tenant,
      eventType,
      actor: principal.id,
      payload: { definition: { kind: version.kind, id: version.id, version: version.version, ref: `${version.id}@${version.version}` }, status: version.status, contentHash: version.contentHash, ...payload },
      occurredAt: this.now(),
    });
  }

  private now(): string {
    return this.clock().toISOString();
  }
}

function assertNotAuthor(principal: Principal, version: DefinitionVersionMeta, verb: string): void {
  if (version.author === principal.id) throw new NotAllowedError('FOUR_EYES_VIOLATION', `${principal.id} authored ${version.id}@${version.version} and may not ${verb} it; a second governance admin reviews it`);
}

/** An admin who edited a version shares its content with the author: they may not approve it either. */
function assertNotContributor(principal: Principal, version: DefinitionVersionMeta, contributors: readonly DefinitionContribution[]): void {
  const own = contributors.filter((c) => c.contributor === principal.id);
  if (own.length) {
    throw new NotAllowedError('CONTRIBUTOR_MAY_NOT_APPROVE', `${principal.id} contributed to ${version.id}@${version.version} (${own.map((c) => `${c.action} #${c.seq}`).join(', ')}) and may not approve it; a governance admin who contributed nothing approves it`, { contributors: contributorIds(contributors) });
  }
}

/** The distinct contributors of a version, in the order they first contributed. */
function contributorIds(contributors: readonly DefinitionContribution[]): string[] {
  return [...new Set(contributors.map((c) => c.contributor))];
}

/**
 * Published and retired versions are immutable (retiring is the one change a published version
 * allows): 409 DEFINITION_IMMUTABLE. Otherwise the state names what was expected:
 * DEFINITION_NOT_DRAFT, DEFINITION_NOT_IN_REVIEW or DEFINITION_NOT_PUBLISHED.
 */
const NOT_IN_STATUS = { draft: 'DEFINITION_NOT_DRAFT', in_review: 'DEFINITION_NOT_IN_REVIEW', published: 'DEFINITION_NOT_PUBLISHED' } as const;

function assertStatus(version: DefinitionVersionMeta, allowed: readonly (keyof typeof NOT_IN_STATUS)[], verb: string): void {
  if ((allowed as readonly DefinitionVersionStatus[]).includes(version.status)) return;
  const what = `${version.kind} ${version.id} version ${version.version} is ${version.status}`;
  if (version.status === 'published' || version.status === 'retired') {
    throw new ConflictError('DEFINITION_IMMUTABLE', `${what}: it is immutable and cannot be ${verb}; create a new draft from it`, { definitionStatus: version.status });
  }
  throw new ConflictError(NOT_IN_STATUS[allowed[0]!], `${what} and cannot be ${verb} now`, { definitionStatus: version.status });
}

function assertNoErrors(findings: readonly DraftFinding[], message: string): void {
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length) throw new UnprocessableError('DEFINITION_INVALID', `${message}: ${errors.slice(0, 3).map((f) => `${f.sentence} (${f.code} at ${f.pointer || '/'})`).join(' ')}`, { findings });
}

function countFindings(findings: readonly DraftFinding[]) {
  return { errors: findings.filter((f) => f.severity === 'error').length, warnings: findings.filter((f) => f.severity === 'warning').length };
}

/** The content with the identity of its row: kind and id must agree; version and status follow the lifecycle. */
function normalized(kind: string, id: string, version: number, status: DefinitionVersionStatus, content: Record<string, unknown>): Record<string, unknown> {
  if (content.kind !== undefined && content.kind !== kind) throw new UnprocessableError('DEFINITION_IDENTITY_MISMATCH', `the content's kind ${JSON.stringify(content.kind)} is not ${kind}`, { pointer: '/kind' });
  if (content.id !== undefined && content.id !== id) throw new UnprocessableError('DEFINITION_IDENTITY_MISMATCH', `the content's id ${JSON.stringify(content.id)} is not ${id}`, { pointer: '/id' });
  const { kind: _k, id: _i, version: _v, status: _s, ...rest } = content;
  return { kind, id, version, status, ...rest };
}
