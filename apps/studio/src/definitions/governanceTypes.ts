/**
 * The governance calls the studio makes (docs/governance.md), as one interface over
 * `MandateClient` so the areas depend on what they use, and the wire types they read.
 */
import type {
  CreateDraft,
  DefinitionLink,
  DefinitionReferences,
  MigrationResult,
  DefinitionSummary,
  DefinitionVersionDiff,
  DefinitionVersionMeta,
  DefinitionVersionView,
  ImpactReport,
  UpdateDraft,
} from '@mandate/client';

export type { DefinitionLink, DefinitionReferences, MigrationResult, DefinitionSummary, DefinitionVersionMeta as VersionMeta, DefinitionVersionView as VersionView, DefinitionVersionDiff as VersionDiff, ImpactReport };

/** The governance calls of the definitions and diff areas. */
export interface GovernanceApi {
  list(kind?: string): Promise<DefinitionSummary[]>;
  versions(kind: string, id: string): Promise<DefinitionVersionMeta[]>;
  version(kind: string, id: string, version: number): Promise<DefinitionVersionView>;
  createDraft(kind: string, id: string, body: CreateDraft): Promise<DefinitionVersionView>;
  updateDraft(kind: string, id: string, version: number, body: UpdateDraft): Promise<DefinitionVersionView>;
  submit(kind: string, id: string, version: number): Promise<DefinitionVersionView>;
  /** Approves the content with `contentHash`, the one the reviewer saw (409 DEFINITION_CONTENT_CHANGED otherwise). */
  approve(kind: string, id: string, version: number, comment: string, contentHash: string): Promise<DefinitionVersionView>;
  reject(kind: string, id: string, version: number, comment: string): Promise<DefinitionVersionView>;
  publish(kind: string, id: string, version: number, effectiveFrom?: string): Promise<DefinitionVersionView>;
  /** Retires a published version: no new item gets it; pinned items keep it (409 DEFINITION_IN_USE while a published version references it). */
  retire(kind: string, id: string, version: number): Promise<DefinitionVersionView>;
  /** Per version: references, referrers, whether new items get it, open items pinned to it. */
  references(kind: string, id: string): Promise<DefinitionReferences>;
  /** Moves open items of a task type between versions; `dryRun` only says what would change and what blocks it. */
  migrate(taskType: string, body: { fromVersion: number; toVersion: number; dryRun: boolean; workItemIds?: string[] }): Promise<MigrationResult>;
  diff(kind: string, id: string, from: number, to: number): Promise<DefinitionVersionDiff>;
  impact(kind: string, id: string, candidate: number): Promise<ImpactReport>;
}
