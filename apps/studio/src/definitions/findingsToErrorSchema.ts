/**
 * Puts server findings (RFC 6901 JSON Pointers into the content) where rjsf shows errors: an
 * `ErrorSchema` for `extraErrors`, nested by pointer segment with `__errors` at the field.
 */
import type { ErrorSchema } from '@rjsf/utils';

/** A validation or lint finding of a draft, located by JSON Pointer into its content. */
export interface Finding {
  code: string;
  severity: string;
  message: string;
  pointer: string;
}

/** The segments of an RFC 6901 pointer (`~1` is `/`, `~0` is `~`); `''` is the root (no segments). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '/' ? [''] : [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The message a finding shows on its field: the code, and a warning says so. */
export function findingText(finding: Finding): string {
  return `${finding.severity === 'warning' ? 'warning ' : ''}${finding.code}: ${finding.message}`;
}

type Node = { __errors?: string[]; [key: string]: unknown };

/**
 * Builds the rjsf `extraErrors` of a set of findings. A pointer to the root lands on the form's
 * own `__errors`.
 *
 * @example
 * findingsToErrorSchema([{ code: 'DUPLICATE_CODE', severity: 'error', message: 'twice', pointer: '/codes/2/code' }])
 * // { codes: { 2: { code: { __errors: ['DUPLICATE_CODE: twice'] } } } }
 */
export function findingsToErrorSchema(findings: readonly Finding[]): ErrorSchema {
  const root: Node = {};
  for (const finding of findings) {
    let node = root;
    for (const segment of pointerSegments(finding.pointer)) {
      if (segment === '__errors') break;
      const next = (node[segment] ??= {}) as Node;
      node = next;
    }
    (node.__errors ??= []).push(findingText(finding));
  }
  return root as ErrorSchema;
}

/** The findings whose pointer is `pointer` or below it. */
export function findingsUnder(findings: readonly Finding[], pointer: string): Finding[] {
  return findings.filter((f) => f.pointer === pointer || f.pointer.startsWith(`${pointer}/`));
}

/** The `__errors` of an error schema node, if any (for custom fields reading their own errors). */
export function errorsAt(errorSchema: unknown, ...segments: (string | number)[]): string[] {
  let node: unknown = errorSchema;
  for (const s of segments) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[String(s)] : undefined;
  const errors = typeof node === 'object' && node !== null ? (node as Node).__errors : undefined;
  return Array.isArray(errors) ? errors : [];
}
