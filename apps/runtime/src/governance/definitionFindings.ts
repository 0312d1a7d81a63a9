import { validateDefinitionSources, type FindingLocation, type FindingParams, type Severity } from '@mandate/definitions';

/** A validation or lint finding of a version, located by JSON Pointer into its content. */
export interface DraftFinding {
  code: string;
  severity: Severity;
  message: string;
  /** The finding in plain words for a governance admin (English; the studio renders its own from `code` and `params`). */
  sentence: string;
  params: FindingParams;
  location: FindingLocation;
  pointer: string;
}

/** A stored version as the validators read it. */
export interface VersionContent {
  kind: string;
  id: string;
  version: number;
  content: Record<string, unknown>;
}

const fileOf = (v: Pick<VersionContent, 'kind' | 'id' | 'version'>) => `${v.kind}/${v.id}/v${v.version}.json`;

/**
 * The findings of one version (JSON Schema and the cross-reference lint of `@mandate/definitions`)
 * in the context of `others` (the version itself among them is ignored): what saving a draft
 * reports, what submitting and publishing refuse on, and what a simulation refuses on.
 */
export function definitionFindings(target: VersionContent, others: readonly VersionContent[]): DraftFinding[] {
  const file = fileOf(target);
  const sources = others.filter((o) => !(o.kind === target.kind && o.id === target.id && o.version === target.version)).map((o) => ({ file: fileOf(o), text: JSON.stringify(o.content) }));
  sources.push({ file, text: JSON.stringify(target.content) });
  return validateDefinitionSources(sources)
    .findings.filter((f) => f.file === file)
    .map((f) => ({ code: f.code, severity: f.severity, message: f.message, sentence: f.sentence, params: f.params, location: f.location, pointer: f.pointer }));
}
