import { findNodeAtLocation, getNodePath, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { error, type UnplacedFinding } from '../findings.js';
import { describeFinding } from '../sentences/describeFinding.js';
import { fromPointer, toPointer } from '../jsonPointer.js';

/** Files larger than this are refused before parsing. */
export const MAX_SOURCE_BYTES = 1024 * 1024;
/** Deeper nesting is refused before parsing (no definition needs it; a parser could overflow). */
export const MAX_NESTING_DEPTH = 64;

/** A parsed source: the value, and a way to find where a JSON Pointer sits in the text. */
export interface ParsedSource {
  value: unknown;
  /** 1-based line and column of the node at `pointer` (its key, for an object member), or of the closest ancestor. */
  locate: (pointer: string) => { line: number; column: number };
}

/** The outcome of parsing: a source, or findings that say why there is none. */
export type ParseResult =
  | { ok: true; source: ParsedSource }
  | { ok: false; findings: UnplacedFinding[]; locate: ParsedSource['locate'] };

/**
 * Parses strict JSON with positions. Never throws: size, nesting and syntax problems come back as
 * located findings.
 */
export function parseDefinitionSource(text: string): ParseResult {
  const lines = lineStarts(text);
  const at = (offset: number) => positionOf(lines, offset);
  const start = () => ({ line: 1, column: 1 });

  const bytes = utf8Length(text);
  if (bytes > MAX_SOURCE_BYTES) {
    return {
      ok: false,
      findings: [describeFinding(error('FILE_TOO_LARGE', '', `file is ${bytes} bytes; the limit is ${MAX_SOURCE_BYTES}`), undefined)],
      locate: start,
    };
  }
  const tooDeep = firstOffsetDeeperThan(text, MAX_NESTING_DEPTH);
  if (tooDeep !== undefined) {
    return {
      ok: false,
      findings: [describeFinding(error('NESTING_TOO_DEEP', '', `nesting deeper than ${MAX_NESTING_DEPTH} levels`), undefined)],
      locate: () => at(tooDeep),
    };
  }

  const errors: ParseError[] = [];
  // A leading byte order mark is allowed (RFC 8259 §8.1); a space keeps every offset in place.
  const root = parseTree(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !root) {
    const first = errors[0];
    const message = first ? `malformed JSON: ${printParseErrorCode(first.error)}` : 'malformed JSON: empty file';
    return {
      ok: false,
      findings: [describeFinding(error('JSON_PARSE_ERROR', '', message), undefined)],
      locate: () => at(first?.offset ?? 0),
    };
  }
  const badKey = firstBadKey(root);
  if (badKey) {
    // The pointer names the member (parsing stops here, so there is no value to point into).
    const member = badKey.node.parent?.children?.[1];
    const pointer = member ? toPointer(getNodePath(member)) : '';
    const finding =
      badKey.problem === 'duplicate'
        ? error('DUPLICATE_JSON_KEY', pointer, `property "${String(badKey.node.value)}" appears twice in one object`)
        : error('FORBIDDEN_JSON_KEY', pointer, 'property "__proto__" is not allowed: it rewrites prototypes in JavaScript consumers');
    return { ok: false, findings: [describeFinding(finding, undefined)], locate: () => at(badKey.node.offset) };
  }
  return {
    ok: true,
    source: {
      value: nodeValue(root),
      locate: (pointer) => at(offsetOf(root, pointer)),
    },
  };
}

function offsetOf(root: Node, pointer: string): number {
  const segments: (string | number)[] = [];
  let best = root;
  for (const raw of fromPointer(pointer)) {
    const parent = findNodeAtLocation(root, segments);
    segments.push(parent?.type === 'array' ? Number(raw) : raw);
    const node = findNodeAtLocation(root, segments);
    if (!node) break;
    best = node;
  }
  // For an object member, point at its key: that is where an editor puts the cursor.
  const member = best.parent;
  if (member?.type === 'property' && member.children?.[1] === best) return member.offset;
  return best.offset;
}

// jsonc-parser's getNodeValue would do; defineProperty keeps any key an own data property.
function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const member of node.children ?? []) {
        const [key, value] = member.children ?? [];
        if (key && value) Object.defineProperty(out, String(key.value), { value: nodeValue(value), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value as unknown;
  }
}

/**
 * JSON.parse keeps the last of two equal keys silently, so a definition must not have them; and
 * `__proto__` as a key rewrites the prototype wherever a consumer copies the object by assignment.
 */
function firstBadKey(node: Node): { node: Node; problem: 'duplicate' | 'forbidden' } | undefined {
  if (node.type === 'object') {
    const seen = new Set<unknown>();
    for (const member of node.children ?? []) {
      const key = member.children?.[0];
      if (!key) continue;
      if (key.value === '__proto__') return { node: key, problem: 'forbidden' };
      if (seen.has(key.value)) return { node: key, problem: 'duplicate' };
      seen.add(key.value);
    }
  }
  for (const child of node.children ?? []) {
    const found = firstBadKey(child);
    if (found) return found;
  }
  return undefined;
}

function firstOffsetDeeperThan(text: string, limit: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91 /* { [ */) {
      if (++depth > limit) return i;
    } else if (c === 125 || c === 93 /* } ] */) depth--;
  }
  return undefined;
}

function utf8Length(text: string): number {
  // A UTF-16 unit encodes to at most 3 UTF-8 bytes: only measure when it could matter.
  if (text.length * 3 <= MAX_SOURCE_BYTES) return text.length;
  return new TextEncoder().encode(text).length;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function positionOf(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}
