/**
 * Pure editing operations on json-rules-engine condition trees (`all` / `any` / `not` / leaf), as
 * the condition editor uses them. A node is addressed by its path: the child indices from the
 * root (`not` has one child, index 0). Every operation returns a new tree; none mutates.
 */
import { FACT_CATALOGUE, OPERATOR_CATALOGUE } from '@mandate/definitions';

/** A leaf comparison: `{ fact, path?, operator, value }`. */
export interface LeafCondition {
  fact: string;
  path?: string;
  operator: string;
  value: unknown;
  params?: Record<string, unknown>;
}

/** A json-rules-engine condition. */
export type ConditionNode = { all: ConditionNode[] } | { any: ConditionNode[] } | { not: ConditionNode } | LeafCondition;

/** The kind of a node: a group (`all`, `any`, `not`) or a `leaf`. */
export type ConditionKind = 'all' | 'any' | 'not' | 'leaf';

/** The address of a node: child indices from the root. */
export type ConditionPath = readonly number[];

/** The kind of a node. */
export function kindOf(node: ConditionNode): ConditionKind {
  if ('all' in node) return 'all';
  if ('any' in node) return 'any';
  if ('not' in node) return 'not';
  return 'leaf';
}

/** The children of a node (a leaf has none). */
export function childrenOf(node: ConditionNode): ConditionNode[] {
  if ('all' in node) return node.all;
  if ('any' in node) return node.any;
  if ('not' in node) return [node.not];
  return [];
}

function withChildren(node: ConditionNode, children: ConditionNode[]): ConditionNode {
  if ('all' in node) return { all: children };
  if ('any' in node) return { any: children };
  if ('not' in node) return children[0] ? { not: children[0] } : node;
  return node;
}

/** A new leaf: `actor.roles contains ""`, a placeholder the author fills in. */
export function newLeaf(): LeafCondition {
  return { fact: 'actor', path: 'roles', operator: 'contains', value: '' };
}

/** The node at `path`, or undefined when there is none. */
export function nodeAt(tree: ConditionNode, path: ConditionPath): ConditionNode | undefined {
  let node: ConditionNode | undefined = tree;
  for (const index of path) node = node ? childrenOf(node)[index] : undefined;
  return node;
}

/** Replaces the node at `path` by `fn(node)`. */
export function updateAt(tree: ConditionNode, path: ConditionPath, fn: (node: ConditionNode) => ConditionNode): ConditionNode {
  if (path.length === 0) return fn(tree);
  const [index, ...rest] = path as [number, ...number[]];
  const children = childrenOf(tree);
  const child = children[index];
  if (!child) return tree;
  return withChildren(
    tree,
    children.map((c, i) => (i === index ? updateAt(child, rest, fn) : c)),
  );
}

/** Appends `child` to the group at `path` (`not` already has its one child: no change). */
export function addChild(tree: ConditionNode, path: ConditionPath, child: ConditionNode): ConditionNode {
  return updateAt(tree, path, (node) => {
    const kind = kindOf(node);
    return kind === 'all' || kind === 'any' ? withChildren(node, [...childrenOf(node), child]) : node;
  });
}

/**
 * Removes the node at `path`. The root cannot be removed, nor the only child of a group (the
 * schema needs at least one) nor the child of a `not`: remove the group instead.
 */
export function removeAt(tree: ConditionNode, path: ConditionPath): ConditionNode {
  if (path.length === 0) return tree;
  const parentPath = path.slice(0, -1);
  const index = path[path.length - 1]!;
  return updateAt(tree, parentPath, (parent) => {
    const kind = kindOf(parent);
    const children = childrenOf(parent);
    if ((kind !== 'all' && kind !== 'any') || children.length <= 1) return parent;
    return withChildren(
      parent,
      children.filter((_, i) => i !== index),
    );
  });
}

/** Whether `removeAt(tree, path)` would change anything. */
export function canRemove(tree: ConditionNode, path: ConditionPath): boolean {
  if (path.length === 0) return false;
  const parent = nodeAt(tree, path.slice(0, -1));
  if (!parent) return false;
  const kind = kindOf(parent);
  return (kind === 'all' || kind === 'any') && childrenOf(parent).length > 1;
}

/**
 * Turns a node into another kind, keeping what it can: `all` <-> `any` keep the children; a group
 * turned into `not` keeps its first child (or wraps the group when it has several); `not` into a
 * group keeps its child; a leaf turned into a group becomes its only child; a group turned into a
 * leaf becomes a new leaf.
 */
export function changeKind(node: ConditionNode, kind: ConditionKind): ConditionNode {
  const from = kindOf(node);
  if (from === kind) return node;
  if (kind === 'leaf') return from === 'not' ? (node as { not: ConditionNode }).not : newLeaf();
  if (from === 'leaf') return kind === 'not' ? { not: node } : kind === 'all' ? { all: [node] } : { any: [node] };
  const children = childrenOf(node);
  if (kind === 'not') return { not: children.length === 1 ? children[0]! : node };
  return kind === 'all' ? { all: children } : { any: children };
}

/** Wraps the node at `path` in a `not`. */
export function negateAt(tree: ConditionNode, path: ConditionPath): ConditionNode {
  return updateAt(tree, path, (node) => ({ not: node }));
}

/** The declared paths of a fact of the catalogue (`evidence` and `now` have none). */
export function pathsOfFact(fact: string): string[] {
  const entry = (FACT_CATALOGUE as Record<string, { paths?: Record<string, string> }>)[fact];
  return entry?.paths ? Object.keys(entry.paths) : [];
}

/** The fact names of the catalogue. */
export const FACT_NAMES: readonly string[] = Object.keys(FACT_CATALOGUE);

/** The operator names of the catalogue. */
export const OPERATOR_NAMES: readonly string[] = Object.keys(OPERATOR_CATALOGUE);

/** A leaf value as the author types it: JSON for numbers, booleans, arrays and fact references; a bare string otherwise. */
export function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

/** Reads what the author typed: JSON when it parses (numbers, booleans, arrays, `{ "fact": ... }`), else the text as a string. */
export function parseValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return text;
  }
}
