/**
 * The words of the condition editor, from the fact and operator catalogues of
 * @mandate/definitions: which facts there are (with their types), which operators fit a fact's
 * type, and what kind of value an operator compares with. Pure, so the editor only renders.
 */
import { FACT_CATALOGUE, OPERATOR_CATALOGUE, type FactType } from '@mandate/definitions';

/** A fact a comparison can read: a root and, for most roots, a path. */
export interface FactChoice {
  /** `actor.roles`, `now`, or `evidence.*` for any evidence field. */
  key: string;
  fact: string;
  path?: string;
  /** Undefined for evidence, whose types come from the task type's evidence schema. */
  type?: FactType;
}

/** Every fact of the catalogue, root by root; evidence as one choice with a free path. */
export const FACT_CHOICES: readonly FactChoice[] = Object.entries(FACT_CATALOGUE).flatMap(([fact, entry]): FactChoice[] => {
  if ('type' in entry) return [{ key: fact, fact, type: entry.type }];
  const paths = Object.entries(entry.paths as Record<string, FactType>);
  if (paths.length === 0) return [{ key: `${fact}.*`, fact }];
  return paths.map(([path, type]) => ({ key: `${fact}.${path}`, fact, path, type }));
});

/** The choice a leaf's fact and path are (evidence fields all map to `evidence.*`). */
export function factKeyOf(fact: string, path: string | undefined): string {
  if (FACT_CHOICES.some((c) => c.key === `${fact}.*`)) return `${fact}.*`;
  return path ? `${fact}.${path}` : fact;
}

/** The type of a fact, when the catalogue knows it. */
export function factTypeOf(fact: string, path: string | undefined): FactType | undefined {
  return FACT_CHOICES.find((c) => c.key === factKeyOf(fact, path))?.type;
}

/** The operators that fit a fact's type (all when the type is not known). */
export function operatorsFor(type: FactType | undefined): string[] {
  return Object.entries(OPERATOR_CATALOGUE)
    .filter(([, op]) => {
      if (!type || op.fact === 'any') return true;
      if (op.fact === 'scalar') return type !== 'string[]';
      return op.fact === type;
    })
    .map(([name]) => name);
}

/** What an operator's value is, for a fact of `type`: one value of a type, a list, or yes/no. */
export type ValueShape = { kind: 'single'; type: FactType | undefined } | { kind: 'list'; type: FactType | undefined } | { kind: 'presence' };

/** The value an operator compares a fact of `type` with. */
export function valueShapeOf(operator: string, type: FactType | undefined): ValueShape {
  const op = (OPERATOR_CATALOGUE as Record<string, { value: string }>)[operator];
  switch (op?.value) {
    case 'boolean':
      return { kind: 'presence' };
    case 'array-of-fact':
      return { kind: 'list', type };
    case 'string[]':
      return { kind: 'list', type: 'string' };
    case 'element':
      return { kind: 'single', type: 'string' };
    default:
      return { kind: 'single', type: type === 'string[]' ? 'string' : type };
  }
}

/** A typed value as stored: numbers as numbers, yes/no as booleans, text as text. */
export function typedValue(text: string, type: FactType | undefined): unknown {
  const trimmed = text.trim();
  if (type === 'number') return trimmed === '' || Number.isNaN(Number(trimmed)) ? text : Number(trimmed);
  if (type === 'boolean') return trimmed === 'true';
  if (type === undefined) {
    if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
    if (trimmed !== '' && !Number.isNaN(Number(trimmed))) return Number(trimmed);
  }
  return text;
}

/** A list as typed: values separated by commas, each typed. */
export function typedList(text: string, type: FactType | undefined): unknown[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => typedValue(part, type));
}
