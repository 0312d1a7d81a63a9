import { useDefinitionReferences } from '../data/definitionQueries.js';
import { standingOf, type VersionStanding } from './definitionsHome.js';

/**
 * A definition's references (GET .../references) and each version's standing from them. Until
 * they load, a published version has no standing yet (current or not is the server's to say).
 */
export function useVersionStandings(kind: string, id: string, enabled = true) {
  const references = useDefinitionReferences(kind, id, enabled);
  const currentVersions = references.data?.versions.filter((v) => v.current).map((v) => v.version) ?? [];
  const standing = (v: { version: number; status: string; effectiveFrom: string | null; approvedAt?: string | null }): VersionStanding | undefined =>
    v.status === 'published' && !references.data ? undefined : standingOf({ currentVersions }, v as Parameters<typeof standingOf>[1], new Date());
  return { references, standing };
}
