/**
 * An evidence schema as a list of fields (name, type, always present, and for a group or a list
 * of groups the fields inside), and back. Only what the list shows is changed: every other
 * keyword of a field (its allowed values, minimum, format, description) is kept as it was, so
 * editing a name or a type never loses the rest of the schema.
 */

type Schema = Record<string, unknown>;

/** The types a field can have, in the words of the editor. */
export const EVIDENCE_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

/** One field of the evidence. */
export interface EvidenceField {
  name: string;
  type: EvidenceType;
  required: boolean;
  /** The fields inside a group, or inside each element of a list of groups. */
  fields?: EvidenceField[];
  /** For a list: the type of its elements. */
  itemType?: EvidenceType;
  /** The field's schema as it was (keywords the list does not show). */
  rest: Schema;
}

function typeOf(schema: Schema | undefined): EvidenceType {
  const type = schema?.type;
  return typeof type === 'string' && (EVIDENCE_TYPES as readonly string[]).includes(type) ? (type as EvidenceType) : 'string';
}

/** Whether the list can show a schema faithfully: objects of typed fields, nested. */
export function isListable(schema: unknown): boolean {
  if (!schema || typeof schema !== 'object') return false;
  const s = schema as Schema;
  if (Object.keys(s).length === 0) return true;
  if (s.type !== 'object' || ['oneOf', 'anyOf', 'allOf', '$ref', 'patternProperties'].some((k) => k in s)) return false;
  return Object.values((s.properties ?? {}) as Record<string, Schema>).every((p) => {
    if (p.type === 'object') return isListable(p);
    if (p.type === 'array') return !p.items || typeof p.items !== 'object' || (p.items as Schema).type !== 'object' || isListable(p.items);
    return typeof p.type === 'string';
  });
}

/** The fields of an object schema. */
export function fieldsOf(schema: Schema | undefined): EvidenceField[] {
  const required = new Set((schema?.required ?? []) as string[]);
  return Object.entries((schema?.properties ?? {}) as Record<string, Schema>).map(([name, s]) => {
    const type = typeOf(s);
    const items = s.items as Schema | undefined;
    const field: EvidenceField = { name, type, required: required.has(name), rest: s };
    if (type === 'object') field.fields = fieldsOf(s);
    if (type === 'array') {
      field.itemType = typeOf(items);
      if (field.itemType === 'object') field.fields = fieldsOf(items);
    }
    return field;
  });
}

function objectSchema(base: Schema, fields: EvidenceField[]): Schema {
  const { properties: _p, required: _r, ...rest } = base;
  const required = fields.filter((f) => f.required && f.name).map((f) => f.name);
  return { ...rest, type: 'object', ...(required.length ? { required } : {}), properties: Object.fromEntries(fields.filter((f) => f.name).map((f) => [f.name, schemaOf(f)])) };
}

/** A field's schema: its kept keywords, with the type (and nested fields) the list says. */
export function schemaOf(field: EvidenceField): Schema {
  const keep = field.rest.type === field.type ? field.rest : { ...(field.rest.description ? { description: field.rest.description } : {}) };
  if (field.type === 'object') return objectSchema(keep, field.fields ?? []);
  if (field.type === 'array') {
    const oldItems = (keep.items ?? {}) as Schema;
    const itemType = field.itemType ?? 'string';
    const items = itemType === 'object' ? objectSchema(oldItems.type === 'object' ? oldItems : {}, field.fields ?? []) : oldItems.type === itemType ? oldItems : { type: itemType };
    return { ...keep, type: 'array', items };
  }
  const { properties: _p, required: _r, items: _i, ...scalar } = keep;
  return { ...scalar, type: field.type };
}

/** The evidence schema of a list of fields, keeping the root's other keywords. */
export function evidenceSchemaOf(root: Schema | undefined, fields: EvidenceField[]): Schema {
  return objectSchema(root ?? {}, fields);
}
