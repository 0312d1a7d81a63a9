import { MutationObserver, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { UpdateDraft } from '@mandate/client';
import type { GovernanceApi, VersionView } from '../definitions/governanceTypes.js';
import { auditKeys } from './auditQueries.js';
import { createQueryClient } from './createQueryClient.js';
import { definitionCommands, definitionKeys } from './definitionQueries.js';
import { workItemKeys } from './workItemQueries.js';

const K = 'ReasonCodeSet';
const ID = 'DISCOUNT_APPROVAL_REASONS';
const view = (version: number, status: string, changeNote?: string) => ({ kind: K, id: ID, version, status, changeNote, content: {}, contributors: [] }) as unknown as VersionView;

/** A governance API whose commands answer the version's new view. */
function fakeApi(): GovernanceApi {
  return {
    list: vi.fn(),
    versions: vi.fn(),
    version: vi.fn(),
    diff: vi.fn(),
    impact: vi.fn(),
    createDraft: () => Promise.resolve(view(4, 'draft')),
    updateDraft: (_kind: string, _id: string, version: number, body: UpdateDraft) => Promise.resolve(view(version, 'draft', body.changeNote)),
    submit: (_kind: string, _id: string, version: number) => Promise.resolve(view(version, 'in_review')),
    approve: (_kind: string, _id: string, version: number) => Promise.resolve(view(version, 'in_review')),
    reject: (_kind: string, _id: string, version: number) => Promise.resolve(view(version, 'draft')),
    publish: (_kind: string, _id: string, version: number) => Promise.resolve(view(version, 'published')),
    retire: (_kind: string, _id: string, version: number) => Promise.resolve(view(version, 'retired')),
    references: vi.fn(),
    migrate: vi.fn(),
  };
}

/** What the definitions area and the audit area have on screen for this definition, another one and a work item. */
function seed(queryClient: QueryClient) {
  const keys = {
    list: definitionKeys.list(undefined),
    listOfKind: definitionKeys.list(K),
    versions: definitionKeys.versions(K, ID),
    draft: definitionKeys.version(K, ID, 3),
    published: definitionKeys.version(K, ID, 2),
    diffWithDraft: definitionKeys.diff(K, ID, 2, 3),
    olderDiff: definitionKeys.diff(K, ID, 1, 2),
    impactOfDraft: definitionKeys.impact(K, ID, 3),
    otherDefinition: definitionKeys.versions('SlaPolicy', 'DISCOUNT_SLA'),
    audit: auditKeys.timeline({ actor: 'gabe' }),
    workItem: workItemKeys.detail('wi-1'),
  };
  for (const key of Object.values(keys)) queryClient.setQueryData(key, { seeded: true });
  return keys;
}

const invalidatedOf = (queryClient: QueryClient, keys: Record<string, QueryKey>) =>
  Object.entries(keys)
    .filter(([, key]) => queryClient.getQueryState(key)?.isInvalidated)
    .map(([name]) => name)
    .sort();

describe('definition commands', () => {
  it('saving a draft puts the answer in the version and invalidates its lists, its impact, its diffs and the audit trail', async () => {
    const api = fakeApi();
    const queryClient = createQueryClient();
    const keys = seed(queryClient);

    await new MutationObserver(queryClient, definitionCommands.updateDraft(api, queryClient, K, ID, 3)).mutate({ content: {}, changeNote: 'Volume commitments' });

    expect(queryClient.getQueryData<VersionView>(keys.draft)?.changeNote).toBe('Volume commitments');
    expect(invalidatedOf(queryClient, keys)).toEqual(['audit', 'diffWithDraft', 'impactOfDraft', 'list', 'listOfKind', 'versions']);
  });

  const reviewCommands: [string, string, (api: GovernanceApi, queryClient: QueryClient) => Promise<unknown>][] = [
    ['submitting', 'in_review', (api, queryClient) => new MutationObserver(queryClient, definitionCommands.submit(api, queryClient, K, ID, 3)).mutate()],
    ['approving', 'in_review', (api, queryClient) => new MutationObserver(queryClient, definitionCommands.approve(api, queryClient, K, ID, 3)).mutate({ comment: 'ok', contentHash: 'h' })],
    ['rejecting', 'draft', (api, queryClient) => new MutationObserver(queryClient, definitionCommands.reject(api, queryClient, K, ID, 3)).mutate({ comment: 'not yet' })],
    ['publishing', 'published', (api, queryClient) => new MutationObserver(queryClient, definitionCommands.publish(api, queryClient, K, ID, 3)).mutate({})],
  ];

  it.each(reviewCommands)('%s changes the version (now %s), its lists and the audit trail; what follows from the content stays', async (_what, status, run) => {
    const queryClient = createQueryClient();
    const keys = seed(queryClient);
    await run(fakeApi(), queryClient);
    expect(queryClient.getQueryData<VersionView>(keys.draft)?.status).toBe(status);
    expect(invalidatedOf(queryClient, keys)).toEqual(['audit', 'list', 'listOfKind', 'versions']);
  });

  it('a new draft lands in its version query before the editor opens', async () => {
    const api = fakeApi();
    const queryClient = createQueryClient();
    const keys = seed(queryClient);
    const draft = await new MutationObserver(queryClient, definitionCommands.createDraft(api, queryClient, K, ID)).mutate({ from: 3 });
    expect(queryClient.getQueryData(definitionKeys.version(K, ID, draft.version))).toEqual(draft);
    expect(invalidatedOf(queryClient, keys)).toEqual(['audit', 'list', 'listOfKind', 'versions']);
  });

  it('a refused command changes nothing', async () => {
    const approve = vi.fn(() => Promise.reject(new Error('FOUR_EYES_VIOLATION')));
    const api = { ...fakeApi(), approve };
    const queryClient = createQueryClient();
    const keys = seed(queryClient);
    await expect(new MutationObserver(queryClient, definitionCommands.approve(api, queryClient, K, ID, 3)).mutate({ comment: 'ok', contentHash: 'h' })).rejects.toThrow('FOUR_EYES_VIOLATION');
    expect(invalidatedOf(queryClient, keys)).toEqual([]);
    expect(approve).toHaveBeenCalledTimes(1);
  });

  describe('what changes the reference graph', () => {
    const graphKeys = () => ({
      ownReferences: definitionKeys.references(K, ID),
      otherReferences: definitionKeys.references('TaskType', 'DISCOUNT_APPROVAL'),
      otherVersions: definitionKeys.versions('TaskType', 'DISCOUNT_APPROVAL'),
      migrationPreview: definitionKeys.migrationPreview('DISCOUNT_APPROVAL', 2, 3),
      workItem: workItemKeys.detail('wi-1'),
    });
    const seeded = (queryClient: QueryClient) => {
      const keys = graphKeys();
      for (const key of Object.values(keys)) queryClient.setQueryData(key, { seeded: true });
      return keys;
    };

    it('submitting changes only its own references; publishing and retiring change every definition\'s references, not their versions', async () => {
      for (const [command, expected] of [
        ['submit', ['ownReferences']],
        ['publish', ['otherReferences', 'ownReferences']],
        ['retire', ['otherReferences', 'ownReferences']],
      ] as const) {
        const queryClient = createQueryClient();
        const keys = seeded(queryClient);
        const api = fakeApi();
        if (command === 'submit') await new MutationObserver(queryClient, definitionCommands.submit(api, queryClient, K, ID, 3)).mutate();
        if (command === 'publish') await new MutationObserver(queryClient, definitionCommands.publish(api, queryClient, K, ID, 3)).mutate({});
        if (command === 'retire') await new MutationObserver(queryClient, definitionCommands.retire(api, queryClient, K, ID, 3)).mutate();
        expect(invalidatedOf(queryClient, keys), command).toEqual(expected);
      }
    });

    it('applying a migration changes the references (pinned counts), its previews and the work items; the dry run is sent as one', async () => {
      const migrate = vi.fn(() => Promise.resolve({ applied: true }));
      const api = { ...fakeApi(), migrate } as unknown as GovernanceApi;
      const queryClient = createQueryClient();
      const keys = seeded(queryClient);
      await new MutationObserver(queryClient, definitionCommands.migrate(api, queryClient, 'DISCOUNT_APPROVAL')).mutate({ fromVersion: 2, toVersion: 3 });
      expect(migrate).toHaveBeenCalledWith('DISCOUNT_APPROVAL', { fromVersion: 2, toVersion: 3, dryRun: false });
      expect(invalidatedOf(queryClient, keys)).toEqual(['migrationPreview', 'otherReferences', 'ownReferences', 'workItem']);
    });
  });
});
