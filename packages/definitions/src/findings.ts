/**
 * A finding is an expected outcome of validation, not an exception: data with a stable code, the
 * file, a JSON Pointer into the document and, once located, the line and column in the source.
 */

import type { FindingCode } from './findingCodes.js';

/** How bad a finding is. Errors fail `mandate validate`; warnings do not. */
export type Severity = 'error' | 'warning';

/** One problem in one definition file. */
export interface Finding {
  /** Stable SCREAMING_SNAKE code from {@link FINDING_CODES}, e.g. `REFERENCE_NOT_FOUND`. */
  code: FindingCode;
  severity: Severity;
  message: string;
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

/** Makes an error finding. */
export function error(code: FindingCode, pointer: string, message: string): UnplacedFinding {
  return { code, severity: 'error', pointer, message };
}

/** Makes a warning finding. */
export function warning(code: FindingCode, pointer: string, message: string): UnplacedFinding {
  return { code, severity: 'warning', pointer, message };
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

/** Formats a finding like a compiler error: `file:line:column error CODE message (at /pointer)`. */
export function formatFinding(finding: Finding): string {
  const where = finding.line ? `${finding.file}:${finding.line}:${finding.column ?? 1}` : finding.file;
  return `${where} ${finding.severity} ${finding.code} ${finding.message} (at ${finding.pointer || '/'})`;
}
