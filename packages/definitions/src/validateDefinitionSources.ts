import { compareFindings, type Finding, type UnplacedFinding } from './findings.js';
import type { Definition } from './generated/types.js';
import { lintDefinitionSet, type DefinitionEntry } from './lint/lintDefinitionSet.js';
import { parseDefinitionSource, type ParsedSource } from './source/parseDefinitionSource.js';
import { validateAgainstSchema } from './validation/validateAgainstSchema.js';

/** One definition file's text, as read by the caller (this package does no I/O). */
export interface DefinitionSource {
  file: string;
  text: string;
}

/** The outcome of validating a set of sources. */
export interface ValidationResult {
  /** Every finding, located and sorted. */
  findings: Finding[];
  /** The definitions that passed parsing and their schema (lint findings may still concern them). */
  definitions: DefinitionEntry[];
  /** Whether there is no error (warnings allowed). */
  ok: boolean;
}

/**
 * Validates definition sources: parse with positions, check each against its kind's JSON Schema,
 * then lint the schema-valid ones as a set (references, duplicates, rules, evidence paths).
 * Never throws on any input text.
 *
 * @example
 * const { ok, findings } = validateDefinitionSources([{ file: 'v1.json', text }]);
 */
export function validateDefinitionSources(sources: readonly DefinitionSource[]): ValidationResult {
  const findings: Finding[] = [];
  const located = new Map<string, ParsedSource['locate']>();
  const definitions: DefinitionEntry[] = [];
  const invalidRefs = new Set<string>();
  const place = (file: string, locate: ParsedSource['locate'], f: UnplacedFinding): Finding => ({ ...f, file, ...locate(f.pointer) });

  for (const { file, text } of sources) {
    const parsed = parseDefinitionSource(text);
    if (!parsed.ok) {
      findings.push(...parsed.findings.map((f) => place(file, parsed.locate, f)));
      continue;
    }
    located.set(file, parsed.source.locate);
    const schemaFindings = validateAgainstSchema(parsed.source.value);
    if (schemaFindings.length) {
      findings.push(...schemaFindings.map((f) => place(file, parsed.source.locate, f)));
      const { id, version } = (parsed.source.value ?? {}) as { id?: unknown; version?: unknown };
      if (typeof id === 'string' && typeof version === 'number') invalidRefs.add(`${id}@${version}`);
    } else definitions.push({ file, definition: parsed.source.value as Definition });
  }

  for (const f of lintDefinitionSet(definitions, { invalidRefs })) {
    const locate = located.get(f.file);
    findings.push(locate ? place(f.file, locate, f) : f);
  }
  findings.sort(compareFindings);
  return { findings, definitions, ok: !findings.some((f) => f.severity === 'error') };
}
