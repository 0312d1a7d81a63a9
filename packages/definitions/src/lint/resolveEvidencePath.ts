import type { FactType } from '../factCatalogue.js';

type SchemaNode = Record<string, unknown>;

/**
 * Finds the sub-schema an evidence path names in a task type's evidence schema. Steps are
 * property names; a `[]` suffix steps into `items`. Returns undefined when the path does not exist.
 *
 * @example resolveEvidencePath(schema, ['lines[]', 'costBasis'])
 */
export function resolveEvidencePath(schema: unknown, steps: readonly string[]): SchemaNode | undefined {
  let node = asNode(schema);
  for (const step of steps) {
    if (!node) return undefined;
    const intoArray = step.endsWith('[]');
    const name = intoArray ? step.slice(0, -2) : step;
    const properties = asNode(node.properties);
    node = properties && Object.hasOwn(properties, name) ? asNode(properties[name]) : undefined;
    if (intoArray) node = node && hasType(node, 'array') ? asNode(node.items) : undefined;
  }
  return node;
}

/** Splits `evidence.lines[].costBasis` into `['lines[]', 'costBasis']` (dropping the `evidence` root). */
export function evidenceSteps(path: string): string[] {
  return path.split('.').slice(1);
}

/** The fact type a sub-schema describes, when it maps onto one. */
export function factTypeOfSchema(node: SchemaNode): FactType | undefined {
  if (hasType(node, 'number') || hasType(node, 'integer')) return 'number';
  if (hasType(node, 'boolean')) return 'boolean';
  if (hasType(node, 'string')) return node.format === 'date-time' ? 'date-time' : 'string';
  if (hasType(node, 'array')) {
    const items = asNode(node.items);
    return items && hasType(items, 'string') ? 'string[]' : undefined;
  }
  return undefined;
}

function hasType(node: SchemaNode, type: string): boolean {
  return node.type === type || (Array.isArray(node.type) && node.type.includes(type));
}

function asNode(value: unknown): SchemaNode | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as SchemaNode) : undefined;
}
