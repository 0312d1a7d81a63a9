// Test support: fast-check arbitraries that mutate a JSON document the way an author might.
import fc from 'fast-check';

type Json = unknown;

/** Every path (as segments) to a value inside a document, the root excluded. */
export function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  }
  return [];
}

/** One edit: replace a value, delete it, duplicate an array element under a new id, or shuffle an array. */
export const mutationArbitrary = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('replace', 'delete', 'insert', 'reverse', 'rename', 'factRef'),
  value: fc.jsonValue({ maxDepth: 2 }),
  name: fc.stringMatching(/^[A-Z][A-Z0-9_]{1,12}$/),
});

export type Mutation = { at: number; op: string; value: Json; name: string };

/** Applies edits to a deep copy of `doc`. */
export function mutate(doc: Json, edits: readonly Mutation[]): Json {
  const copy = structuredClone(doc);
  for (const edit of edits) {
    const paths = pathsOf(copy);
    if (paths.length === 0) break;
    const path = paths[edit.at % paths.length]!;
    type Node = Record<string | number, unknown>;
    const parent = path.slice(0, -1).reduce((node, key) => node[key] as Node, copy as Node);
    const list = Array.isArray(parent) ? (parent as unknown[]) : undefined;
    const key = path[path.length - 1]!;
    switch (edit.op) {
      case 'replace':
        parent[key] = structuredClone(edit.value);
        break;
      case 'delete':
        if (list) list.splice(Number(key), 1);
        else delete parent[key];
        break;
      case 'insert':
        if (list) {
          const clone: unknown = structuredClone(list[Number(key)]);
          if (typeof clone === 'object' && clone !== null && 'code' in clone) (clone as { code: string }).code = edit.name;
          list.splice(Number(key), 0, clone);
        } else parent[`${String(key)}_${edit.name}`] = structuredClone(edit.value);
        break;
      case 'reverse':
        list?.reverse();
        break;
      case 'rename':
        if (typeof parent[key] === 'string') parent[key] = edit.name;
        break;
      case 'factRef':
        // A rule value that names another fact, with an arbitrary (often malformed) path.
        parent[key] = { fact: edit.name.toLowerCase(), path: structuredClone(edit.value) };
        break;
    }
  }
  return copy;
}
