import { create, type Delta } from 'jsondiffpatch';
import { format as formatJsonPatch, type Op } from 'jsondiffpatch/formatters/jsonpatch';

/** One step of a stable path: an object key, or an array element named by its identity. */
export type PathStep = { key: string } | { id: string };

/** A change found by the structural diff, keyed by stable ids rather than array positions. */
export interface StructuralChange {
  path: PathStep[];
  op: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/**
 * Subtrees compared as a whole: a rule condition reads as one expression, and in `ui:order` the
 * order itself is the content (everywhere else, reordering a list is no change).
 */
const WHOLE_VALUE_KEYS = new Set(['conditions', 'visibleWhen', 'enabledWhen', 'outcome', 'ui:order']);

/**
 * The identity of an array element: its code, name, path or date when it has one (reason codes,
 * rules, fields, holidays), the value itself for primitives, else its content. With this,
 * reordering a list is no change and one inserted element is one change.
 */
export function elementId(element: unknown): string {
  if (typeof element !== 'object' || element === null) return String(element);
  const e = element as Record<string, unknown>;
  for (const key of ['code', 'name', 'path', 'date', 'event'] as const) {
    if (typeof e[key] === 'string') return e[key];
  }
  if (typeof e.onDecision === 'string' && typeof e.taskType === 'string') return `${e.onDecision}->${e.taskType}`;
  const text = (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x));
  if (Array.isArray(e.days) && typeof e.from === 'string') return `${e.days.map(text).join(',')} ${e.from}-${text(e.to)}`;
  return JSON.stringify(element);
}

/** The diff engine: arrays matched by element identity, moves detected (and ignored as changes). */
export const differ = create({
  objectHash: (item: object) => elementId(item),
  arrays: { detectMove: true, includeValueOnMove: false },
  cloneDiffValues: true,
});

/** Computes the jsondiffpatch delta of two documents (undefined when equal). */
export function structuralDelta(before: unknown, after: unknown): Delta {
  // jsondiffpatch reads `left[key]` through the prototype chain, so `{}` vs `{ "valueOf": 0 }` came
  // out equal (found by the property tests). Prototype-free copies have no inherited keys.
  // The delta is plain JSON; parse it back so callers get ordinary objects again.
  const delta = differ.diff(withoutPrototypes(before), withoutPrototypes(after));
  return delta === undefined ? undefined : (JSON.parse(JSON.stringify(delta)) as Delta);
}

function withoutPrototypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPrototypes);
  if (typeof value !== 'object' || value === null) return value;
  const copy = Object.create(null) as Record<string, unknown>;
  for (const [key, child] of Object.entries(value)) copy[key] = withoutPrototypes(child);
  return copy;
}

/** The RFC 6902 JSON Patch of a delta: applied to `before`, it yields `after`. */
export function jsonPatchOf(delta: Delta): Op[] {
  return delta === undefined ? [] : formatJsonPatch(delta);
}

/** Flattens a delta into changes along stable paths. */
export function structuralChanges(delta: Delta, before: unknown, after: unknown): StructuralChange[] {
  const changes: StructuralChange[] = [];
  walk(delta, before, after, [], changes);
  return changes;
}

function walk(delta: Delta, before: unknown, after: unknown, path: PathStep[], out: StructuralChange[]): void {
  if (delta === undefined) return;
  if (Array.isArray(delta)) {
    if (delta.length === 1) out.push({ path, op: 'added', after: delta[0] });
    else if (delta.length === 2) out.push({ path, op: 'changed', before: delta[0], after: delta[1] });
    else if (delta.length === 3 && delta[2] === 0) out.push({ path, op: 'removed', before: delta[0] });
    return;
  }
  const d = delta as Record<string, Delta>;
  if ((d._t as unknown) === 'a') {
    const left: unknown[] = Array.isArray(before) ? before : [];
    const right: unknown[] = Array.isArray(after) ? after : [];
    for (const [key, child] of Object.entries(d)) {
      if (key === '_t') continue;
      if (key.startsWith('_')) {
        // Removed (moves, [ '', to, 3 ], are reorderings: no change).
        const old = left[Number(key.slice(1))];
        if (Array.isArray(child) && child.length === 3 && child[2] === 0) out.push({ path: [...path, { id: elementId(old) }], op: 'removed', before: old });
        continue;
      }
      const index = Number(key);
      const element = right[index];
      const step = { id: elementId(element) };
      if (Array.isArray(child)) {
        walk(child, undefined, element, [...path, step], out);
      } else {
        const previous = left.find((l) => elementId(l) === step.id);
        walk(child, previous, element, [...path, step], out);
      }
    }
    return;
  }
  for (const [key, child] of Object.entries(d)) {
    const b = (before as Record<string, unknown> | undefined)?.[key];
    const a = (after as Record<string, unknown> | undefined)?.[key];
    if (WHOLE_VALUE_KEYS.has(key) && !Array.isArray(child)) {
      out.push({ path: [...path, { key }], op: 'changed', before: b, after: a });
    } else {
      walk(child, b, a, [...path, { key }], out);
    }
  }
}

/** Renders a path as `codes[COMPETITIVE_MATCH].riskLevel`. */
export function renderPath(path: readonly PathStep[]): string {
  return path.map((s, i) => ('id' in s ? `[${s.id}]` : i === 0 ? s.key : `.${s.key}`)).join('');
}
