/**
 * The reference graph of the stored definition versions, and which versions are current: what a
 * governance admin needs to see before changing or retiring one.
 *
 * Why "current" is computed, not stored: the runtime resolves only task types (the highest
 * published version in effect, `DefinitionRegistry.publishedTaskType`); every other kind is used
 * through the exact `ID@VERSION` a task type version names (and a calendar through its SLA
 * policy). So a reason-code set's current version is the one a current task type version pins,
 * and a newer published version nobody references yet is not used by any new item.
 */
import { referencesOf, refOf, type Definition } from '@mandate/definitions';
import type { DefinitionVersionRecord } from '@mandate/store';

/** One version in the graph: what it references and which versions reference it, by `ID@VERSION`. */
export interface GraphVersion {
  kind: string;
  id: string;
  version: number;
  status: DefinitionVersionRecord['status'];
  effectiveFrom: string | null;
  /** New work items get this version (see the module comment). */
  current: boolean;
  /** What its content names, with the kind it must be (a named version may not be stored or readable). */
  references: { ref: string; kind: string }[];
  referencedBy: string[];
}

/** The graph of a set of versions, looked up by `ID@VERSION`. */
export interface DefinitionGraph {
  versions: Map<string, GraphVersion>;
  /** Facts named in the conditions of each definition (`kind/id`), over all its versions: `fact` or `fact.path`. */
  facts: Map<string, string[]>;
}

/**
 * Builds the graph of `records` at instant `now`: references from each version's content,
 * referenced-by as their inverse (only among `records`), current versions by the runtime's rule.
 */
export function buildDefinitionGraph(records: readonly DefinitionVersionRecord[], now: Date): DefinitionGraph {
  const versions = new Map<string, GraphVersion>();
  const facts = new Map<string, Set<string>>();
  for (const r of records) {
    // A draft may not name every reference yet.
    const named = new Map(referencesOf(r.content as unknown as Definition).filter((x) => typeof x.ref === 'string' && x.ref !== '').map((x) => [x.ref, x.expectedKind as string]));
    const references = [...named].map(([ref, kind]) => ({ ref, kind }));
    versions.set(refOf(r), { kind: r.kind, id: r.id, version: r.version, status: r.status, effectiveFrom: r.effectiveFrom, current: false, references, referencedBy: [] });
    const key = `${r.kind}/${r.id}`;
    const set = facts.get(key) ?? new Set<string>();
    collectFacts(r.content, set);
    facts.set(key, set);
  }
  for (const [ref, v] of versions) {
    for (const target of v.references) versions.get(target.ref)?.referencedBy.push(ref);
  }
  markCurrent(versions, now.getTime());
  return { versions, facts: new Map([...facts].map(([k, s]) => [k, [...s].sort()])) };
}

/** Current task types by the registry's rule, then what they pin (and the calendars of those SLA policies). */
function markCurrent(versions: Map<string, GraphVersion>, now: number): void {
  const best = new Map<string, GraphVersion>();
  for (const v of versions.values()) {
    if (v.kind !== 'TaskType' || v.status !== 'published') continue;
    if (v.effectiveFrom !== null && Date.parse(v.effectiveFrom) > now) continue;
    const seen = best.get(v.id);
    if (!seen || seen.version < v.version) best.set(v.id, v);
  }
  const pending = [...best.values()];
  for (const v of pending) v.current = true;
  while (pending.length) {
    const v = pending.pop()!;
    for (const { ref } of v.references) {
      const target = versions.get(ref);
      // Follow-up task types resolve by their own rule, not by the version named.
      if (!target || target.current || target.kind === 'TaskType' || target.status !== 'published') continue;
      target.current = true;
      pending.push(target);
    }
  }
}

/** Every leaf condition `{ fact, operator }` in a document, as `fact` or `fact.path`. */
function collectFacts(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const child of node) collectFacts(child, into);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const n = node as Record<string, unknown>;
  if (typeof n.fact === 'string' && typeof n.operator === 'string') into.add(typeof n.path === 'string' ? `${n.fact}.${n.path}` : n.fact);
  for (const value of Object.values(n)) collectFacts(value, into);
}
