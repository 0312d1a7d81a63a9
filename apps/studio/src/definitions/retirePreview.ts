import type { DefinitionReferences } from './governanceTypes.js';

/**
 * What retiring a version would do, from the server's references: which published versions use it
 * (the runtime refuses while any does), how many open items stay pinned to it, and for a current
 * task type which version new items get instead. The server decides (409 DEFINITION_IN_USE).
 */
export function retirePreview(references: DefinitionReferences, version: number, now: Date) {
  const entry = references.versions.find((v) => v.version === version);
  const blockers = entry?.referencedBy.filter((l) => l.status === 'published') ?? [];
  const next = references.versions
    .filter((v) => v.version !== version && v.status === 'published' && (!v.effectiveFrom || Date.parse(v.effectiveFrom) <= now.getTime()))
    .sort((a, b) => b.version - a.version)[0];
  return { blockers, openItems: entry?.openItems ?? { count: 0, capped: false }, current: entry?.current ?? false, nextTaskTypeVersion: references.kind === 'TaskType' ? next?.version : undefined };
}
