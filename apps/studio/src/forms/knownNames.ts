/**
 * The roles, groups and evidence fields the definitions already name, as suggestions for the
 * chips and pickers: collected from the content of each definition by walking it with its kind's
 * schema and keeping the values at a `Role`, `Group` or `EvidencePath`. There is no directory of
 * roles in the studio; the definitions are where they are declared and governed.
 */
import { definitionSchemas, type DefinitionKind } from '@mandate/definitions';

type Schema = Record<string, unknown>;

/** Which concept (`$defs` name) a suggestion source collects, and from which kinds. */
export const NAME_SOURCES = {
  roles: { concept: 'Role', kinds: ['AuthorityPolicy', 'VisibilityPolicy', 'ActionPolicy', 'TaskType'] },
  groups: { concept: 'Group', kinds: ['TaskType', 'SlaPolicy'] },
  evidence: { concept: 'EvidencePath', kinds: ['VisibilityPolicy', 'ActionPolicy', 'TaskType'] },
} as const satisfies Record<string, { concept: string; kinds: readonly DefinitionKind[] }>;

export type NameSource = keyof typeof NAME_SOURCES;

function walk(node: Schema | undefined, root: Schema, value: unknown, concept: string, out: Set<string>, depth: number): void {
  if (!node || depth > 40 || value === undefined) return;
  const ref = typeof node.$ref === 'string' ? node.$ref.replace('#/$defs/', '') : undefined;
  if (ref === concept) {
    if (typeof value === 'string' && value) out.add(value);
    return;
  }
  const target = ref ? ((root.$defs as Record<string, Schema>)[ref] ?? {}) : node;
  for (const branch of (target.oneOf ?? target.anyOf ?? []) as Schema[]) walk(branch, root, value, concept, out, depth + 1);
  if (Array.isArray(value) && target.items) for (const v of value) walk(target.items as Schema, root, v, concept, out, depth + 1);
  if (value && typeof value === 'object' && !Array.isArray(value) && target.properties) {
    for (const [key, sub] of Object.entries(target.properties as Record<string, Schema>)) walk(sub, root, (value as Record<string, unknown>)[key], concept, out, depth + 1);
  }
}

/** The values of `concept` in a definition of `kind`. */
export function namesIn(kind: DefinitionKind, content: unknown, concept: string): string[] {
  const root = definitionSchemas[kind] as unknown as Schema;
  const out = new Set<string>();
  walk(root, root, content, concept, out, 0);
  return [...out];
}
