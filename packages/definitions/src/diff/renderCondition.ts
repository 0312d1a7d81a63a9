const SYMBOLS: Record<string, string> = {
  equal: '==',
  notEqual: '!=',
  lessThan: '<',
  lessThanInclusive: '<=',
  greaterThan: '>',
  greaterThanInclusive: '>=',
};

/** Renders a json-rules-engine condition as a readable expression: `businessObject.totalAmount >= 250000`. */
export function renderCondition(condition: unknown): string {
  if (condition === undefined) return '(none)';
  if (typeof condition !== 'object' || condition === null) return JSON.stringify(condition);
  const c = condition as Record<string, unknown>;
  const group = (items: unknown, joiner: string) => {
    const parts = (Array.isArray(items) ? items : []).map(renderCondition);
    return parts.length === 1 ? (parts[0] ?? '') : parts.map((p) => (/ (and|or) /.test(p) ? `(${p})` : p)).join(joiner);
  };
  if ('all' in c) return group(c.all, ' and ');
  if ('any' in c) return group(c.any, ' or ');
  if ('not' in c) return `not (${renderCondition(c.not)})`;
  return renderLeaf(c);
}

function renderLeaf(c: Record<string, unknown>): string {
  const fact = typeof c.path === 'string' ? `${String(c.fact)}.${c.path}` : String(c.fact);
  return `${fact} ${renderComparison(c)}`;
}

function renderComparison(c: Record<string, unknown>): string {
  const operator = String(c.operator);
  const value = c.value;
  const rendered =
    typeof value === 'object' && value !== null && !Array.isArray(value) && 'fact' in value
      ? renderLeaf({ ...(value as Record<string, unknown>), operator: '' }).trim()
      : JSON.stringify(value);
  return `${SYMBOLS[operator] ?? operator} ${rendered}`;
}

/**
 * When two conditions differ only in one leaf's value, renders that as `fact op old -> op new`
 * (e.g. `businessObject.totalAmount >= 250000 -> >= 150000`); else the two whole expressions.
 */
export function renderConditionChange(before: unknown, after: unknown): string {
  const leaf = singleLeafChange(before, after);
  if (leaf) return `${renderLeaf(leaf.before)} -> ${renderComparison(leaf.after)}`;
  return `${renderCondition(before)} -> ${renderCondition(after)}`;
}

/** Whether a condition change makes it hold for more cases, fewer, or cannot be told. */
export type ConditionScope = 'widened' | 'narrowed' | 'unknown';

/**
 * Tells whether a threshold or a set in a single changed leaf widens or narrows the condition
 * (only for a leaf that is not under a `not`).
 */
export function conditionScope(before: unknown, after: unknown): ConditionScope {
  if (before === undefined && after !== undefined) return 'narrowed';
  if (before !== undefined && after === undefined) return 'widened';
  const leaf = singleLeafChange(before, after);
  if (!leaf || leaf.negated) return 'unknown';
  const { operator } = leaf.before;
  const b = leaf.before.value;
  const a = leaf.after.value;
  if (typeof b === 'number' && typeof a === 'number') {
    if (operator === 'greaterThan' || operator === 'greaterThanInclusive') return a < b ? 'widened' : 'narrowed';
    if (operator === 'lessThan' || operator === 'lessThanInclusive') return a > b ? 'widened' : 'narrowed';
  }
  if (Array.isArray(b) && Array.isArray(a) && (operator === 'in' || operator === 'containsAny')) {
    const grew = a.every((x) => b.includes(x)) ? 'narrowed' : b.every((x) => a.includes(x)) ? 'widened' : 'unknown';
    return grew;
  }
  return 'unknown';
}

type LeafRecord = Record<string, unknown> & { operator: string; value: unknown };

function singleLeafChange(before: unknown, after: unknown): { before: LeafRecord; after: LeafRecord; negated: boolean } | undefined {
  const found: { before: LeafRecord; after: LeafRecord; negated: boolean }[] = [];
  const visit = (b: unknown, a: unknown, negated: boolean): boolean => {
    if (typeof b !== 'object' || b === null || typeof a !== 'object' || a === null) return b === a;
    const x = b as Record<string, unknown>;
    const y = a as Record<string, unknown>;
    for (const key of ['all', 'any'] as const) {
      if (key in x || key in y) {
        const xs = x[key];
        const ys = y[key];
        if (!Array.isArray(xs) || !Array.isArray(ys) || xs.length !== ys.length) return false;
        return xs.every((child, i) => visit(child, ys[i], negated));
      }
    }
    if ('not' in x || 'not' in y) return visit(x.not, y.not, !negated);
    if (x.fact !== y.fact || x.path !== y.path || x.operator !== y.operator) return false;
    if (JSON.stringify(x.value) !== JSON.stringify(y.value)) found.push({ before: x as LeafRecord, after: y as LeafRecord, negated });
    return true;
  };
  return visit(before, after, false) && found.length === 1 ? found[0] : undefined;
}
