import { childPointer } from '../jsonPointer.js';
import type { RawFinding, UnplacedFinding } from '../findings.js';
import { definitionSchemas, type DefinitionKind } from '../schemas/index.js';
import { describeLocation } from './describeLocation.js';
import { fieldOf, renderSentence } from './renderSentence.js';

/** The kind a document declares, when it is one. */
export function kindOf(document: unknown): DefinitionKind | undefined {
  const kind = typeof document === 'object' && document !== null ? (document as { kind?: unknown }).kind : undefined;
  return typeof kind === 'string' && Object.hasOwn(definitionSchemas, kind) ? (kind as DefinitionKind) : undefined;
}

/**
 * Writes a finding's sentence: locates the field it names in the document (a missing property
 * is named by its own label, not its parent's), fills `field` and renders the code's template.
 *
 * @example
 * describeFinding(error('SCHEMA_MIN_ITEMS', '/codes/7/appliesTo', 'must NOT have fewer than 1 items', { count: 1 }), doc).sentence
 * // '"Applies to" of reason code 8 (COMPETITIVE_MATCH) needs at least one entry.'
 */
export function describeFinding(finding: RawFinding, document: unknown): UnplacedFinding {
  const missing = finding.code === 'SCHEMA_REQUIRED' ? finding.params?.missing : undefined;
  const at = missing === undefined ? finding.pointer : childPointer(finding.pointer, String(missing));
  const location = describeLocation(kindOf(document), document, at);
  const params = { ...finding.params, field: fieldOf(location) };
  return { ...finding, params, location, sentence: renderSentence(finding.code, params) };
}
