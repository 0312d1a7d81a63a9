import { UnprocessableError } from '@mandate/problems';

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The item's evidence with the attachment written at the paths the action may record
 * (`evidence.reconciliation` replaces the whole reconciliation object). Anything sent outside
 * those paths is refused: a recovery action must not rewrite the facts the task was created on.
 */
export function attachEvidence(evidence: Record<string, unknown>, attachment: Record<string, unknown>, allowedPaths: readonly string[], action: string): Record<string, unknown> {
  const allowed = allowedPaths.map((p) => p.split('.').slice(1));
  const outside = leafPaths(attachment).filter((leaf) => !allowed.some((prefix) => prefix.every((step, i) => leaf[i] === step)));
  if (outside.length) {
    const may = allowedPaths.length ? `it records ${allowedPaths.join(', ')} only` : 'it records no evidence';
    throw new UnprocessableError('EVIDENCE_NOT_ATTACHABLE', `${action} cannot attach ${outside.map((p) => `evidence.${p.join('.')}`).join(', ')}: ${may}`);
  }
  const merged = structuredClone(evidence);
  for (const steps of allowed) {
    const value = valueAt(attachment, steps);
    if (value === undefined) continue;
    let node = merged;
    for (const step of steps.slice(0, -1)) {
      if (!isObject(node[step])) node[step] = {};
      node = node[step] as Record<string, unknown>;
    }
    node[steps[steps.length - 1]!] = structuredClone(value);
  }
  return merged;
}

/** The paths of an object's leaves (a non-object value, or an empty object). */
function leafPaths(value: Record<string, unknown>, prefix: string[] = []): string[][] {
  const keys = Object.keys(value);
  if (!keys.length) return prefix.length ? [prefix] : [];
  return keys.flatMap((key) => (isObject(value[key]) ? leafPaths(value[key], [...prefix, key]) : [[...prefix, key]]));
}

/** The value at a path of steps, or undefined (own properties only). */
export function valueAt(value: Record<string, unknown>, steps: readonly string[]): unknown {
  let node: unknown = value;
  for (const step of steps) node = isObject(node) && Object.hasOwn(node, step) ? node[step] : undefined;
  return node;
}
