import { diffArrays } from 'diff';

/** One row of a side-by-side line diff. */
export interface LineRow {
  kind: 'same' | 'removed' | 'added';
  left?: string;
  right?: string;
}

/**
 * A line diff as rows for a side-by-side view: the `diff` package's Myers diff of the two line
 * arrays, removed lines before the added ones that replace them.
 *
 * @example
 * lineDiff(['a', 'b'], ['a', 'c']) // [{ kind: 'same', left: 'a', right: 'a' }, { kind: 'removed', left: 'b' }, { kind: 'added', right: 'c' }]
 */
export function lineDiff(a: readonly string[], b: readonly string[]): LineRow[] {
  return diffArrays([...a], [...b]).flatMap((change): LineRow[] => {
    if (change.removed) return change.value.map((line) => ({ kind: 'removed', left: line }));
    if (change.added) return change.value.map((line) => ({ kind: 'added', right: line }));
    return change.value.map((line) => ({ kind: 'same', left: line, right: line }));
  });
}
