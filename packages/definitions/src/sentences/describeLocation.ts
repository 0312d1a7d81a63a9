/**
 * Names the field a JSON Pointer points at the way a governance admin sees it: the field's label
 * (the `title` of its schema node, else its property name in words) and the list entries on the
 * way there ("reason code 8 (COMPETITIVE_MATCH)"), so a sentence can say where without a pointer.
 */
import { fromPointer } from '../jsonPointer.js';
import { definitionSchemas, type DefinitionKind } from '../schemas/index.js';

/** One list entry on the way to a field: its noun, 1-based position and code or name. */
export interface LocationEntry {
  /** The list's property name, for translations (`codes`). */
  nounKey: string;
  /** The noun of one entry, in English (`reason code`). */
  noun: string;
  /** 1-based, as a person counts. */
  position: number;
  /** The entry's code, name, id or date, when it has one. */
  name?: string;
}

/** Where a finding is, in words: the field's label and the list entries that contain it. */
export interface FindingLocation {
  /** The field's property name, for translations (`appliesTo`); absent at the document root. */
  labelKey?: string;
  /** The field's label in English (`Applies to`); at the document root, `the definition`. */
  label: string;
  /** The list entries that contain the field, outermost first. */
  entries: LocationEntry[];
  /** The list entry the pointer ends at, when it names a whole entry (`/workingHours/0`). */
  entry?: LocationEntry;
}

/** Labels whose words a property name does not spell (acronyms, terms of the domain). */
const LABELS: Record<string, string> = {
  id: 'ID',
  codes: 'Reason codes',
  all: 'Conditions that must all hold',
  any: 'Conditions of which one must hold',
  uiSchema: 'Form layout',
  decisionSchema: 'Decision form',
  evidenceSchema: 'Evidence description',
  sla: 'SLA policy',
  slaPolicy: 'SLA policy',
  warnBefore: 'Warn before',
  dueIn: 'Due in',
};

/** The noun of one entry of a list, by the list's property name. */
const NOUNS: Record<string, string> = {
  codes: 'reason code',
  decisionOptions: 'decision option',
  rules: 'rule',
  holidays: 'holiday',
  workingHours: 'working hours',
  fields: 'protected field',
  restrictedAudiences: 'audience',
  safeActions: 'action',
  forbiddenActions: 'forbidden action',
  grants: 'grant',
  followUps: 'follow-up',
  all: 'condition',
  any: 'condition',
  requiresEvidence: 'evidence path',
  visiblePaths: 'path',
  days: 'day',
};

/** A property name in words, capitalised: `appliesTo` -> `Applies to`. */
export function humanise(key: string): string {
  if (Object.hasOwn(LABELS, key)) return LABELS[key]!;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : key;
}

/** The noun of one entry of the list `key`. */
export function entryNoun(key: string): string {
  return NOUNS[key] ?? `"${humanise(key)}" entry`;
}

/**
 * Locates `pointer` in a document of `kind` (against `schema`, the kind's own by default): the label of the field it names (the last property
 * on the way; a pointer ending at a list entry is labelled by its list) and the list entries it
 * passes through, named by the entry's `code`, `name`, `id` or `date` when it has one.
 *
 * @example
 * describeLocation('ReasonCodeSet', doc, '/codes/7/appliesTo')
 * // { labelKey: 'appliesTo', label: 'Applies to', entries: [{ nounKey: 'codes', noun: 'reason code', position: 8, name: 'COMPETITIVE_MATCH' }] }
 */
export function describeLocation(kind: DefinitionKind | undefined, document: unknown, pointer: string, schema: object | undefined = kind ? definitionSchemas[kind] : undefined): FindingLocation {
  const root = schema as SchemaNode | undefined;
  const entries: LocationEntry[] = [];
  let node: SchemaNode | undefined = root;
  let value: unknown = document;
  let labelKey: string | undefined;
  let labelSchema: SchemaNode | undefined;
  let parentKey: string | undefined;
  for (const segment of fromPointer(pointer)) {
    const isIndex = Array.isArray(value) && /^(0|[1-9][0-9]*)$/.test(segment);
    node = node && root ? childSchema(root, node, segment, isIndex) : undefined;
    value = isObject(value) || Array.isArray(value) ? (value as Record<string, unknown>)[segment] : undefined;
    if (isIndex && parentKey !== undefined) {
      const name = entryName(value);
      entries.push({ nounKey: parentKey, noun: entryNoun(parentKey), position: Number(segment) + 1, ...(name ? { name } : {}) });
    } else if (!isIndex) {
      labelKey = segment;
      labelSchema = node;
      parentKey = segment;
    }
  }
  const title = labelSchema && typeof labelSchema.title === 'string' ? labelSchema.title : undefined;
  const label = labelKey === undefined ? 'the definition' : (title ?? humanise(labelKey));
  const location: FindingLocation = { ...(labelKey !== undefined ? { labelKey } : {}), label, entries };
  // A pointer ending at a list entry names the entry itself.
  if (entries.length && /\/(0|[1-9][0-9]*)$/.test(pointer) && Array.isArray(parentValue(document, pointer))) location.entry = entries.pop()!;
  return location;
}

function parentValue(document: unknown, pointer: string): unknown {
  let node = document;
  for (const segment of fromPointer(pointer).slice(0, -1)) node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[segment] : undefined;
  return node;
}

interface SchemaNode {
  $ref?: string;
  title?: unknown;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  oneOf?: readonly SchemaNode[];
  anyOf?: readonly SchemaNode[];
  $defs?: Record<string, SchemaNode>;
}

/** Follows `#/$defs/X` references within the kind's self-contained schema. */
function deref(root: SchemaNode, node: SchemaNode): SchemaNode {
  let current = node;
  for (let hops = 0; current.$ref && hops < 10; hops++) {
    const name = /^#\/\$defs\/(.+)$/.exec(current.$ref)?.[1];
    const target = name ? root.$defs?.[name] : undefined;
    if (!target) break;
    current = target;
  }
  return current;
}

function childSchema(root: SchemaNode, parent: SchemaNode, segment: string, isIndex: boolean): SchemaNode | undefined {
  const node = deref(root, parent);
  if (isIndex) return node.items;
  const direct = node.properties?.[segment];
  if (direct) return direct;
  for (const branch of [...(node.oneOf ?? []), ...(node.anyOf ?? [])]) {
    const found = deref(root, branch).properties?.[segment];
    if (found) return found;
  }
  return typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
}

function entryName(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  for (const key of ['code', 'name', 'id', 'date']) {
    const v = value[key];
    if (typeof v === 'string' && v) return v;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
