/**
 * @mandate/definitions: the JSON Schemas, types, validation, cross-reference lint and semantic
 * diff of Mandate definitions. Pure: no I/O, no clock.
 */
export * from './generated/types.js';
export * from './schemas/index.js';
export * from './findings.js';
export * from './factCatalogue.js';
export { durationMinutes, formatDuration } from './durations.js';
export { toPointer, fromPointer } from './jsonPointer.js';
export { parseDefinitionSource, MAX_SOURCE_BYTES, MAX_NESTING_DEPTH } from './source/parseDefinitionSource.js';
export { validateAgainstSchema, isDefinitionKind } from './validation/validateAgainstSchema.js';
export { createAjv, type AjvPurpose } from './validation/createAjv.js';
export { lintDefinitionSet, type DefinitionEntry } from './lint/lintDefinitionSet.js';
export { refOf, referencesOf } from './lint/referencesOf.js';
export { validateDefinitionSources, type DefinitionSource, type ValidationResult } from './validateDefinitionSources.js';
export { diffDefinitions, diffDefinitionSets, type DefinitionDiff, type DefinitionSetDiff, type JsonPatchOperation } from './diff/diffDefinitions.js';
export type { SemanticChange, ControlEffect } from './diff/describeChanges.js';
export { renderCondition } from './diff/renderCondition.js';
export { formatDiffText, formatDiffMarkdown, type Paint } from './diff/formatDiffText.js';
export { FINDING_CODES, type FindingCode } from './findingCodes.js';
export { resolveEvidencePath, evidenceSteps, factTypeOfSchema } from './lint/resolveEvidencePath.js';
export { FINDING_SENTENCES, FINDING_PHRASES, findingsNamespace, type SentenceTemplate } from './sentences/findingSentences.js';
export { renderSentence, renderTemplate, templateOf, fieldOf, type FindingParams, type LocationPhrase } from './sentences/renderSentence.js';
export { describeLocation, type FindingLocation, type LocationEntry } from './sentences/describeLocation.js';
export { describeFinding } from './sentences/describeFinding.js';
