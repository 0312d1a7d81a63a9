/**
 * Puts server findings (RFC 6901 JSON Pointers into the content) where rjsf shows errors: an
 * `ErrorSchema` for `extraErrors`, nested by pointer segment with `__errors` at the field, each
 * in plain words. The words are the finding's sentence rendered by i18next (namespace
 * `findings`) from its code, params and location, so German names the field in German; the
 * English templates come from @mandate/definitions (en/findings.json is generated from them).
 */
import { fieldOf, type FindingLocation, type FindingParams } from '@mandate/definitions';
import type { ErrorSchema } from '@rjsf/utils';
import type { TFunction } from 'i18next';

/** A validation or lint finding of a draft, located by JSON Pointer into its content. */
export interface Finding {
  code: string;
  severity: string;
  /** The validator's words, for developers; shown only when a finding has no sentence. */
  message: string;
  pointer: string;
  /** The server's English sentence. */
  sentence?: string;
  params?: FindingParams;
  location?: FindingLocation;
}

/**
 * A finding in plain words in the reader's language: the `findings` template of its code, with
 * the field named through `location.*`, `labels.*` and `nouns.*` (English words when a
 * translation lacks one). Without `t`, or for a finding without params, the server's sentence.
 *
 * @example
 * findingSentence({ code: 'SCHEMA_MIN_ITEMS', params: { count: 1 }, location, ... }, t)
 * // '„Gilt für“ von Begründung 8 (COMPETITIVE_MATCH) braucht mindestens einen Eintrag.'
 */
export function findingSentence(finding: Finding, t?: TFunction): string {
  const fallback = finding.sentence ?? finding.message;
  if (!t || !finding.params) return fallback;
  const field = finding.location
    ? fieldOf(finding.location, (key, values) => t(`location.${key}`, { ...values, ns: 'findings' }), {
        label: (l) => (l.labelKey ? t(`labels.${l.labelKey}`, { ns: 'findings', defaultValue: l.label }) : l.label),
        noun: (e) => t(`nouns.${e.nounKey}`, { ns: 'findings', defaultValue: e.noun }),
      })
    : finding.params.field;
  // `ns` in the options, not a `findings:` prefix: nested `$t(...)` phrases resolve in it too.
  return t(finding.code, { ...finding.params, field, ns: 'findings', defaultValue: fallback });
}

/** The segments of an RFC 6901 pointer (`~1` is `/`, `~0` is `~`); `''` is the root (no segments). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '/' ? [''] : [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The text a finding shows on its field: its sentence, and a warning says so. */
export function findingText(finding: Finding, t?: TFunction): string {
  const sentence = findingSentence(finding, t);
  if (finding.severity !== 'warning') return sentence;
  return t ? t('summary.warningOnField', { sentence, ns: 'findings' }) : `Warning: ${sentence}`;
}

type Node = { __errors?: string[]; [key: string]: unknown };

/**
 * Builds the rjsf `extraErrors` of a set of findings, each in plain words (through `t` when
 * given). A pointer to the root lands on the form's own `__errors`.
 *
 * @example
 * findingsToErrorSchema([{ code: 'DUPLICATE_CODE', severity: 'error', message: 'twice', sentence: 'Reason code "A" is listed twice; keep one.', pointer: '/codes/2/code' }])
 * // { codes: { 2: { code: { __errors: ['Reason code "A" is listed twice; keep one.'] } } } }
 */
export function findingsToErrorSchema(findings: readonly Finding[], t?: TFunction): ErrorSchema {
  const root: Node = {};
  for (const finding of findings) {
    let node = root;
    // A missing member's finding points at its parent; the form shows it on the member's own field.
    const missing = finding.code === 'SCHEMA_REQUIRED' && typeof finding.params?.missing === 'string' ? [finding.params.missing] : [];
    for (const segment of [...pointerSegments(finding.pointer), ...missing]) {
      if (segment === '__errors') break;
      const next = (node[segment] ??= {}) as Node;
      node = next;
    }
    (node.__errors ??= []).push(findingText(finding, t));
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
