/**
 * Suggestions for a name field (roles, groups, evidence fields): what the definitions of the
 * source's kinds already name, newest version of each, plus the signed-in user's own roles and
 * groups. Asked only when a field that needs them is on screen; cached like every definition.
 */
import type { DefinitionKind } from '@mandate/definitions';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { definitionQueries } from '../data/definitionQueries.js';
import { useGovernance } from '../definitions/useGovernance.js';
import { NAME_SOURCES, namesIn, type NameSource } from './knownNames.js';

/** The known names of a source, sorted; empty for a source without suggestions (free values). */
export function useKnownNames(source: string | undefined): string[] {
  const { api, user } = useGovernance();
  const spec = source && source in NAME_SOURCES ? NAME_SOURCES[source as NameSource] : undefined;
  const list = useQuery({ ...definitionQueries.list(api, undefined), enabled: spec !== undefined });
  const latest = useMemo(
    () =>
      (list.data ?? [])
        .filter((d) => spec !== undefined && (spec.kinds as readonly string[]).includes(d.kind))
        .map((d) => ({ kind: d.kind as DefinitionKind, id: d.id, version: Math.max(...d.versions.map((v) => v.version)) }))
        .filter((d) => Number.isFinite(d.version)),
    [list.data, spec],
  );
  const contents = useQueries({
    queries: latest.map((d) => definitionQueries.version(api, d.kind, d.id, d.version)),
    combine: (results) => results.map((r) => r.data),
  });
  return useMemo(() => {
    if (!spec) return [];
    const names = new Set<string>();
    if (spec.concept === 'Role') user.roles.forEach((r) => names.add(r));
    if (spec.concept === 'Group') user.groups.forEach((g) => names.add(g));
    contents.forEach((view, i) => {
      if (view) namesIn(latest[i]!.kind, view.content, spec.concept).forEach((n) => names.add(n));
    });
    return [...names].sort();
  }, [spec, user, latest, contents]);
}
