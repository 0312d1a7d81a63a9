import { describe, expect, it } from 'vitest';
import type { DefinitionReferences } from './governanceTypes.js';
import { retirePreview } from './retirePreview.js';

const NOW = new Date('2026-07-02T08:00:00Z');
type Status = 'draft' | 'in_review' | 'published' | 'retired';
const link = (ref: string, kind: string, status: Status, current = false) => ({ ref, kind, id: ref.split('@')[0]!, version: Number(ref.split('@')[1]), status, current });
const version = (v: number, status: Status, extra: Partial<DefinitionReferences['versions'][number]> = {}) => ({ version: v, status, effectiveFrom: null, current: false, references: [], referencedBy: [], openItems: { count: 0, capped: false }, ...extra });

describe('the retire preview', () => {
  it('a version published versions use is blocked by them (not by drafts or retired ones)', () => {
    const refs = {
      kind: 'ReasonCodeSet',
      id: 'R',
      versions: [version(3, 'published', { current: true, referencedBy: [link('T@3', 'TaskType', 'published', true), link('T@4', 'TaskType', 'draft'), link('T@1', 'TaskType', 'retired')] })],
    };
    const preview = retirePreview(refs, 3, NOW);
    expect(preview.blockers.map((b) => b.ref)).toEqual(['T@3']);
    expect(preview.nextTaskTypeVersion).toBeUndefined();
  });

  it('the current task type: new items get the highest other published version in effect, its pinned items stay', () => {
    const refs = {
      kind: 'TaskType',
      id: 'T',
      versions: [version(1, 'published'), version(2, 'retired'), version(3, 'published', { current: true, openItems: { count: 12, capped: false } }), version(4, 'published', { effectiveFrom: '2026-08-01T00:00:00Z' })],
    };
    expect(retirePreview(refs, 3, NOW)).toMatchObject({ blockers: [], current: true, nextTaskTypeVersion: 1, openItems: { count: 12 } });
    const only = { kind: 'TaskType', id: 'T', versions: [version(1, 'published', { current: true })] };
    expect(retirePreview(only, 1, NOW).nextTaskTypeVersion).toBeUndefined();
  });
});
