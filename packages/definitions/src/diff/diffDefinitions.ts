import type { Op } from 'jsondiffpatch/formatters/jsonpatch';
import type { Definition } from '../generated/types.js';
import { refOf } from '../lint/referencesOf.js';
import type { DefinitionKind } from '../schemas/index.js';
import { describeChanges, type ControlEffect, type SemanticChange } from './describeChanges.js';
import { jsonPatchOf, structuralChanges, structuralDelta } from './structuralChanges.js';

/** An RFC 6902 JSON Patch operation. */
export type JsonPatchOperation = Op;

/** The changes from one version of a definition to another. */
export interface DefinitionDiff {
  kind: DefinitionKind;
  id: string;
  /** `ID@VERSION` of each side. */
  from: string;
  to: string;
  changes: SemanticChange[];
  /** Counts of changes by control effect. */
  control: Record<ControlEffect, number>;
  /** The RFC 6902 JSON Patch that turns `from` into `to`. */
  patch: JsonPatchOperation[];
  /**
   * The same `ID@VERSION` differs between the two sides: a version was edited in place. For a
   * published version that breaks immutability, so auditors must see it.
   */
  changedInPlace: boolean;
}

/**
 * The semantic diff of two versions of one definition: changes in domain words, keyed by stable
 * ids (reordering a list is no change), each classed as tightening, loosening or neutral, with the
 * RFC 6902 JSON Patch underneath.
 *
 * @example
 * diffDefinitions(reasonsV1, reasonsV2).changes[0].summary
 * // 'reason code REGULATORY_REVIEW_REQUIRED added to DISCOUNT_APPROVAL_REASONS'
 */
/** `ID@VERSION` of a definition that may be an invalid draft (an id that is not even a string). */
function refOfDraft(def: Definition): string {
  const text = (x: unknown) => (typeof x === 'string' || typeof x === 'number' ? String(x) : JSON.stringify(x));
  return `${text(def.id)}@${text(def.version)}`;
}

export function diffDefinitions(before: Definition, after: Definition): DefinitionDiff {
  const delta = structuralDelta(before, after);
  const changes =
    JSON.stringify(before.kind) === JSON.stringify(after.kind)
      ? describeChanges(structuralChanges(delta, before, after), {
          kind: after.kind,
          id: typeof after.id === 'string' ? after.id : JSON.stringify(after.id),
          before: before as unknown as Record<string, unknown>,
          after: after as unknown as Record<string, unknown>,
        })
      : [{ path: 'kind', op: 'changed' as const, before: before.kind, after: after.kind, control: 'neutral' as const, summary: `kind ${before.kind} -> ${after.kind}` }];
  return {
    kind: after.kind,
    id: after.id,
    from: refOfDraft(before),
    to: refOfDraft(after),
    changes,
    control: countControl(changes),
    patch: jsonPatchOf(delta),
    changedInPlace: refOfDraft(before) === refOfDraft(after) && delta !== undefined,
  };
}

/** The changes between two whole definition sets. */
export interface DefinitionSetDiff {
  /** Versions only in the new set. */
  added: { kind: DefinitionKind; ref: string }[];
  /** Versions only in the old set: a published version should never disappear. */
  removed: { kind: DefinitionKind; ref: string }[];
  /**
   * Per id, the latest old version against the latest new one; and every version present on both
   * sides whose content differs (an edit in place, flagged `changedInPlace`).
   */
  changed: DefinitionDiff[];
  control: Record<ControlEffect, number>;
}

/**
 * Diffs two definition sets (e.g. two checkouts of `definitions/`). Versions are matched by
 * `ID@VERSION`, so an old version edited in place or deleted is reported, not only the newest.
 */
export function diffDefinitionSets(before: readonly Definition[], after: readonly Definition[]): DefinitionSetDiff {
  const oldByRef = new Map(before.map((d) => [refOf(d), d]));
  const newByRef = new Map(after.map((d) => [refOf(d), d]));
  const byRef = (x: { ref: string }, y: { ref: string }) => x.ref.localeCompare(y.ref, 'en', { numeric: true });
  const added = after.filter((d) => !oldByRef.has(refOf(d))).map((d) => ({ kind: d.kind, ref: refOf(d) })).sort(byRef);
  const removed = before.filter((d) => !newByRef.has(refOf(d))).map((d) => ({ kind: d.kind, ref: refOf(d) })).sort(byRef);

  const changed: DefinitionDiff[] = [];
  for (const [ref, old] of oldByRef) {
    const current = newByRef.get(ref);
    if (current) {
      const diff = diffDefinitions(old, current);
      if (diff.changedInPlace) changed.push(diff);
    }
  }
  const latestBefore = latestById(before);
  for (const [id, current] of latestById(after)) {
    const old = latestBefore.get(id);
    if (old && old.version !== current.version) changed.push(diffDefinitions(old, current));
  }
  changed.sort((x, y) => x.id.localeCompare(y.id) || x.from.localeCompare(y.from, 'en', { numeric: true }));
  return { added, removed, changed, control: countControl(changed.flatMap((d) => d.changes)) };
}

function latestById(definitions: readonly Definition[]): Map<string, Definition> {
  const latest = new Map<string, Definition>();
  for (const d of definitions) {
    const current = latest.get(d.id);
    if (!current || d.version > current.version) latest.set(d.id, d);
  }
  return latest;
}

function countControl(changes: readonly SemanticChange[]): Record<ControlEffect, number> {
  const counts: Record<ControlEffect, number> = { tightening: 0, loosening: 0, neutral: 0 };
  for (const c of changes) counts[c.control]++;
  return counts;
}
