/**
 * The choices of a reference field (`ID@N`, a pinned version of another definition): every
 * version of every definition of the referenced kind, newest first within a definition, each
 * with its status, its definition's title and whether a newer version exists (so a stale pin
 * shows as stale). Retired versions are offered only when already chosen.
 */
import type { DefinitionSummary } from '../definitions/governanceTypes.js';

/** One version a reference may pin. */
export interface ReferenceOption {
  /** The stored value, `ID@N`. */
  value: string;
  id: string;
  version: number;
  title: string;
  status: string;
  /** The highest version of the definition, when it is newer than this one. */
  newerVersion?: number;
  /** The newest published version, when it is newer than this one. */
  newerPublished?: number;
}

/** Splits `ID@N`; undefined when the text is not a reference. */
export function parseReference(value: string | undefined): { id: string; version: number } | undefined {
  const match = /^([A-Z][A-Z0-9_]*)@([1-9][0-9]*)$/.exec(value ?? '');
  return match ? { id: match[1]!, version: Number(match[2]) } : undefined;
}

/** The options for `current` among `definitions` (of the referenced kind). */
export function referenceOptions(definitions: readonly DefinitionSummary[], current?: string): ReferenceOption[] {
  const options: ReferenceOption[] = [];
  for (const d of [...definitions].sort((a, b) => a.id.localeCompare(b.id))) {
    const versions = [...d.versions].sort((a, b) => b.version - a.version);
    const newest = versions[0]?.version ?? 0;
    const newestPublished = versions.find((v) => v.status === 'published')?.version ?? 0;
    for (const v of versions) {
      const value = `${d.id}@${v.version}`;
      if (v.status === 'retired' && value !== current) continue;
      options.push({
        value,
        id: d.id,
        version: v.version,
        title: d.title,
        status: v.status,
        ...(newest > v.version ? { newerVersion: newest } : {}),
        ...(newestPublished > v.version ? { newerPublished: newestPublished } : {}),
      });
    }
  }
  // A pin to something the list does not hold (not readable, or deleted) stays visible and chosen.
  const pinned = parseReference(current);
  if (current && pinned && !options.some((o) => o.value === current)) {
    options.unshift({ value: current, id: pinned.id, version: pinned.version, title: '', status: 'unknown' });
  }
  return options;
}
