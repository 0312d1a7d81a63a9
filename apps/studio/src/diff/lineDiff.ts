/** One row of a side-by-side line diff. */
export interface LineRow {
  kind: 'same' | 'removed' | 'added';
  left?: string;
  right?: string;
}

/**
 * A line diff by longest common subsequence (O(n·m): fine for definition documents of a few
 * thousand lines), as rows for a side-by-side view.
 *
 * @example
 * lineDiff(['a', 'b'], ['a', 'c']) // [{ kind: 'same', left: 'a', right: 'a' }, { kind: 'removed', left: 'b' }, { kind: 'added', right: 'c' }]
 */
export function lineDiff(a: readonly string[], b: readonly string[]): LineRow[] {
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const rows: LineRow[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      rows.push({ kind: 'same', left: a[i]!, right: b[j]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) rows.push({ kind: 'removed', left: a[i++]! });
    else rows.push({ kind: 'added', right: b[j++]! });
  }
  while (i < n) rows.push({ kind: 'removed', left: a[i++]! });
  while (j < m) rows.push({ kind: 'added', right: b[j++]! });
  return rows;
}
