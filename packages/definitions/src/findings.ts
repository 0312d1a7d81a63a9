/**
 * A finding is an expected outcome of validation, not an exception: data with a stable code, the
 * file, a JSON Pointer into the document and, once located, the line and column in the source.
 */

import type { FindingCode } from './findingCodes.js';
import type { FindingLocation } from './sentences/describeLocation.js';
import type { FindingParams } from './sentences/renderSentence.js';

/** How bad a finding is. Errors fail `mandate validate`; warnings do not. */
export type Severity = 'error' | 'warning';

/** One problem in one definition file. */
export interface Finding {
  /** Stable SCREAMING_SNAKE code from {@link FINDING_CODES}, e.g. `REFERENCE_NOT_FOUND`. */
  code: FindingCode;
  severity: Severity;
  /** What the validator found, in a developer's words (stable enough to grep, not to match on). */
  message: string;
  /**
   * The same in plain words for a governance admin, from {@link FINDING_SENTENCES} and `params`,
   * e.g. `"Applies to" of reason code 8 (COMPETITIVE_MATCH) needs at least one entry.`
   */
  sentence: string;
  /** The values the sentence is rendered from (`field` included), so a translation can render its own. */
  params: FindingParams;
  /** The field the finding concerns, in words, so a translation can name it in its own words. */
  location: FindingLocation;
  /** The file as the caller named it. */
  file: string;
  /** RFC 6901 JSON Pointer into the document; `""` is the whole document. */
  pointer: string;
  /** 1-based line and column in the source, when the source could be located. */
  line?: number;
  column?: number;
}

/** A finding before it is placed in a file. */
export type UnplacedFinding = Omit<Finding, 'file' | 'line' | 'column'>;

/** A finding as a check reports it, before its sentence is written (see `describeFinding`). */
export type RawFinding = Omit<UnplacedFinding, 'sentence' | 'params' | 'location'> & { params?: FindingParams };

/** Makes an error finding; `params` are the values its sentence names. */
export function error(code: FindingCode, pointer: string, message: string, params?: FindingParams): RawFinding {
  return { code, severity: 'error', pointer, message, ...(params ? { params } : {}) };
}

/** Makes a warning finding; `params` are the values its sentence names. */
export function warning(code: FindingCode, pointer: string, message: string, params?: FindingParams): RawFinding {
  return { code, severity: 'warning', pointer, message, ...(params ? { params } : {}) };
}

/** Orders findings by file, line, column and code, so every output is deterministic. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    a.code.localeCompare(b.code) ||
    a.pointer.localeCompare(b.pointer)
  );
}

/**
 * Formats a finding like a compiler error, with its sentence:
 * `file:line:column error CODE sentence (at /pointer)`.
 */
export function formatFinding(finding: Finding): string {
  const where = finding.line ? `${finding.file}:${finding.line}:${finding.column ?? 1}` : finding.file;
  return `${where} ${finding.severity} ${finding.code} ${finding.sentence} (at ${finding.pointer || '/'})`;
}
