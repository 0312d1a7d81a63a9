/**
 * Definitions as server state, over the governance calls (`GovernanceApi`): the list, a
 * definition's versions, one version, diffs and impact replays, and the governance commands. A
 * command's answer is the version's new view, so it goes straight into that version's query; the
 * command then invalidates what else it changed: the version lists (status, change note), the
 * definition list, the audit trail, and for a draft edit the impact replay and the diffs of that
 * version.
 */
import type { CreateDraft, UpdateDraft } from '@mandate/client';
import { mutationOptions, queryOptions, useMutation, useQueries, useQuery, useQueryClient, type QueryClient, type QueryKey, type UseMutationOptions } from '@tanstack/react-query';
import type { GovernanceApi, VersionView } from '../definitions/governanceTypes.js';
import { useGovernance } from '../definitions/useGovernance.js';
import { auditKeys } from './auditQueries.js';
import { workItemKeys } from './workItemQueries.js';

/** The query keys of definitions. */
export const definitionKeys = {
  all: ['definitions'] as const,
  lists: () => ['definitions', 'list'] as const,
  list: (kind: string | undefined) => ['definitions', 'list', kind ?? '*'] as const,
  definition: (kind: string, id: string) => ['definitions', 'definition', kind, id] as const,
  versions: (kind: string, id: string) => [...definitionKeys.definition(kind, id), 'versions'] as const,
  version: (kind: string, id: string, version: number) => [...definitionKeys.definition(kind, id), 'version', version] as const,
  diffs: (kind: string, id: string) => [...definitionKeys.definition(kind, id), 'diff'] as const,
  diff: (kind: string, id: string, from: number, to: number) => [...definitionKeys.diffs(kind, id), from, to] as const,
  impact: (kind: string, id: string, version: number) => [...definitionKeys.definition(kind, id), 'impact', version] as const,
  /** Per version: references, referrers, current, pinned open items. */
  references: (kind: string, id: string) => [...definitionKeys.definition(kind, id), 'references'] as const,
  /** A migration's dry run from one task type version to another. */
  migrationPreview: (taskType: string, from: number, to: number) => ['definitions', 'definition', 'TaskType', taskType, 'migration', from, to] as const,
  /** A work item's pinned task type with its reason codes: published versions, which never change. */
  pinnedTaskType: (taskType: string, version: number, pins: readonly string[]) => ['definitions', 'pinned-task-type', taskType, version, pins] as const,
};

/** The query options of definitions. */
export const definitionQueries = {
  list: (api: GovernanceApi, kind: string | undefined) => queryOptions({ queryKey: definitionKeys.list(kind), queryFn: () => api.list(kind) }),
  versions: (api: GovernanceApi, kind: string, id: string) => queryOptions({ queryKey: definitionKeys.versions(kind, id), queryFn: () => api.versions(kind, id) }),
  version: (api: GovernanceApi, kind: string, id: string, version: number) =>
    queryOptions({ queryKey: definitionKeys.version(kind, id, version), queryFn: () => api.version(kind, id, version) }),
  diff: (api: GovernanceApi, kind: string, id: string, from: number, to: number) =>
    queryOptions({ queryKey: definitionKeys.diff(kind, id, from, to), queryFn: () => api.diff(kind, id, from, to) }),
  impact: (api: GovernanceApi, kind: string, id: string, version: number) =>
    queryOptions({ queryKey: definitionKeys.impact(kind, id, version), queryFn: () => api.impact(kind, id, version) }),
  references: (api: GovernanceApi, kind: string, id: string) => queryOptions({ queryKey: definitionKeys.references(kind, id), queryFn: () => api.references(kind, id) }),
  // A dry run writes nothing; it is a read of what applying would do, so it is cached like one (and never kept stale: items move).
  migrationPreview: (api: GovernanceApi, taskType: string, from: number, to: number) =>
    queryOptions({ queryKey: definitionKeys.migrationPreview(taskType, from, to), queryFn: () => api.migrate(taskType, { fromVersion: from, toVersion: to, dryRun: true }), staleTime: 0 }),
};

/** Every definition of `kind` (all kinds when undefined) the user may read. */
export function useDefinitionList(kind?: string) {
  const { api } = useGovernance();
  return useQuery(definitionQueries.list(api, kind));
}

/** The versions of one definition, oldest first. */
export function useDefinitionVersions(kind: string, id: string) {
  const { api } = useGovernance();
  return useQuery(definitionQueries.versions(api, kind, id));
}

/** One version of a definition; not asked while `enabled` is false. */
export function useDefinitionVersion(kind: string, id: string, version: number, enabled = true) {
  const { api } = useGovernance();
  return useQuery({ ...definitionQueries.version(api, kind, id, version), enabled });
}

/** The diff between two versions; not asked while `enabled` is false. */
export function useDefinitionDiff(kind: string, id: string, from: number, to: number, enabled = true) {
  const { api } = useGovernance();
  return useQuery({ ...definitionQueries.diff(api, kind, id, from, to), enabled });
}

/** The impact replay of a candidate version. */
export function useImpactReplay(kind: string, id: string, version: number) {
  const { api } = useGovernance();
  return useQuery(definitionQueries.impact(api, kind, id, version));
}

/** Per version of one definition: what it references, what references it, whether new items get it, open items pinned to it. */
export function useDefinitionReferences(kind: string, id: string, enabled = true) {
  const { api } = useGovernance();
  return useQuery({ ...definitionQueries.references(api, kind, id), enabled });
}

/** The dry run of moving a task type's open items from `from` to `to`; not asked while `enabled` is false. */
export function useMigrationPreview(taskType: string, from: number, to: number, enabled: boolean) {
  const { api } = useGovernance();
  return useQuery({ ...definitionQueries.migrationPreview(api, taskType, from, to), enabled });
}

/** Several versions at once (the review inbox reads the open versions' authors and contributors). */
export function useDefinitionVersionViews(refs: readonly { kind: string; id: string; version: number }[]) {
  const { api } = useGovernance();
  return useQueries({ queries: refs.map((r) => definitionQueries.version(api, r.kind, r.id, r.version)) });
}

/** A references query of any definition: what a publish, a retirement or a migration changes besides the definition itself. */
const isReferencesQuery = (query: { queryKey: QueryKey }) => query.queryKey[0] === 'definitions' && query.queryKey[1] === 'definition' && query.queryKey[4] === 'references';

/** Puts a command's answer into its version's query and invalidates what else the command changed. */
async function settleGovernanceCommand(queryClient: QueryClient, view: VersionView, also: readonly QueryKey[] = []): Promise<void> {
  queryClient.setQueryData(definitionKeys.version(view.kind, view.id, view.version), view);
  await Promise.all([definitionKeys.versions(view.kind, view.id), definitionKeys.references(view.kind, view.id), definitionKeys.lists(), auditKeys.all, ...also].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

/** The mutation options of the governance commands on one definition (`version` for those on a version). */
export const definitionCommands = {
  createDraft: (api: GovernanceApi, queryClient: QueryClient, kind: string, id: string) =>
    mutationOptions({
      mutationFn: (body: CreateDraft) => api.createDraft(kind, id, body),
      onSuccess: (view) => settleGovernanceCommand(queryClient, view),
    }),
  updateDraft: (api: GovernanceApi, queryClient: QueryClient, kind: string, id: string, version: number) =>
    mutationOptions({
      mutationFn: (body: UpdateDraft) => api.updateDraft(kind, id, version, body),
      // New content: the candidate's impact replay and every diff with this version differ now.
      onSuccess: async (view) => {
        await queryClient.invalidateQueries({ queryKey: definitionKeys.diffs(kind, id), predicate: (query) => query.queryKey.slice(-2).includes(version) });
        await settleGovernanceCommand(queryClient, view, [definitionKeys.impact(kind, id, version)]);
      },
    }),
  submit: (api: GovernanceApi, queryClient: QueryClient, kind: string, id: string, version: number) =>
    mutationOptions({
      mutationFn: () => api.submit(kind, id, version),
      onSuccess: (view) => settleGovernanceCommand(queryClient, view),
    }),
  approve: (api: GovernanceApi, queryClient: QueryClient, kind: string, id: string, version: number) =>
    mutationOptions({
      mutationFn: ({ comment, contentHash }: { comment: string; contentHash: string }) => api.approve(kind, id, version, comment, contentHash),
      onSuccess: (view) => settleGovernanceCommand(queryClient, view),
    }),
  reject: (api: GovernanceApi, queryClient: QueryClient, kind: string, id: string, version: number) =>
    mutationOptions({
      mutationFn: ({ comment }: { comment: string }) => api.reject(kind, id, version, comment),
      onSuccess: (view) => settleGovernanceCommand(queryClient, view),
    }),
  publish: (api: GovernanceApi, queryClient: QueryClient, kind: string, id: string, version: number) =>
    mutationOptions({
      mutationFn: ({ effectiveFrom }: { effectiveFrom?: string }) => api.publish(kind, id, version, effectiveFrom),
      // A published version changes which versions are current and what the others are referenced by.
      onSuccess: async (view) => {
        await queryClient.invalidateQueries({ predicate: isReferencesQuery });
        await settleGovernanceCommand(queryClient, view);
      },
    }),
  retire: (api: GovernanceApi, queryClient: QueryClient, kind: string, id: string, version: number) =>
    mutationOptions({
      mutationFn: () => api.retire(kind, id, version),
      onSuccess: async (view) => {
        await queryClient.invalidateQueries({ predicate: isReferencesQuery });
        await settleGovernanceCommand(queryClient, view);
      },
    }),
  /** Applies a migration (the dry run is {@link useMigrationPreview}): the items moved, so their views, the queues and the pinned counts change. */
  migrate: (api: GovernanceApi, queryClient: QueryClient, taskType: string) =>
    mutationOptions({
      mutationFn: (body: { fromVersion: number; toVersion: number; workItemIds?: string[] }) => api.migrate(taskType, { ...body, dryRun: false }),
      onSuccess: async () => {
        // Pinned counts: the task type's and those of everything its versions reference.
        await queryClient.invalidateQueries({ predicate: isReferencesQuery });
        await Promise.all(
          [['definitions', 'definition', 'TaskType', taskType, 'migration'], workItemKeys.all, auditKeys.all].map((queryKey) =>
            queryClient.invalidateQueries({ queryKey }),
          ),
        );
      },
    }),
};

/** A governance command as a mutation of the signed-in user. */
function useGovernanceCommand<TData, TVariables>(options: (api: GovernanceApi, queryClient: QueryClient) => UseMutationOptions<TData, Error, TVariables>) {
  const { api } = useGovernance();
  const queryClient = useQueryClient();
  return useMutation(options(api, queryClient));
}

/** A new draft of a definition (from `body.from`, or empty). */
export const useCreateDraft = (kind: string, id: string) => useGovernanceCommand((api, queryClient) => definitionCommands.createDraft(api, queryClient, kind, id));

/** Saves a draft's content and change note; the answer carries the server's findings. */
export const useUpdateDraft = (kind: string, id: string, version: number) => useGovernanceCommand((api, queryClient) => definitionCommands.updateDraft(api, queryClient, kind, id, version));

/** Submits a draft for review. */
export const useSubmitDefinition = (kind: string, id: string, version: number) => useGovernanceCommand((api, queryClient) => definitionCommands.submit(api, queryClient, kind, id, version));

/** Approves the content the reviewer saw (its hash). */
export const useApproveDefinition = (kind: string, id: string, version: number) => useGovernanceCommand((api, queryClient) => definitionCommands.approve(api, queryClient, kind, id, version));

/** Sends a version in review back to draft. */
export const useRejectDefinition = (kind: string, id: string, version: number) => useGovernanceCommand((api, queryClient) => definitionCommands.reject(api, queryClient, kind, id, version));

/** Publishes an approved version. */
export const usePublishDefinition = (kind: string, id: string, version: number) => useGovernanceCommand((api, queryClient) => definitionCommands.publish(api, queryClient, kind, id, version));

/** Retires a published version. */
export const useRetireDefinition = (kind: string, id: string, version: number) => useGovernanceCommand((api, queryClient) => definitionCommands.retire(api, queryClient, kind, id, version));

/** Moves open items of a task type from one version to another (applied; preview with {@link useMigrationPreview}). */
export const useMigrateWorkItems = (taskType: string) => useGovernanceCommand((api, queryClient) => definitionCommands.migrate(api, queryClient, taskType));
