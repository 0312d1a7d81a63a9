import { formatFinding, validateDefinitionSources } from '@mandate/definitions';
import type { Io } from '../io.js';
import { readDefinitionFiles } from '../readDefinitionFiles.js';

/** `mandate validate [paths...]`: schema + lint. Returns the exit code: 0 clean, 1 errors. */
export function validateCommand(paths: string[], options: { format: 'text' | 'json' }, io: Io): number {
  const sources = readDefinitionFiles(paths.length ? paths : ['definitions'], io.cwd);
  const result = validateDefinitionSources(sources);
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  if (options.format === 'json') {
    io.out(JSON.stringify({ ok: result.ok, files: sources.length, errors, warnings, findings: result.findings }, null, 2));
  } else {
    for (const finding of result.findings) io.out(io.color.finding(formatFinding(finding), finding.severity));
    const summary = `${sources.length} files, ${result.definitions.length} definitions: ${errors} errors, ${warnings} warnings`;
    io.out(result.ok ? io.color.ok(summary) : io.color.bad(summary));
  }
  return result.ok ? 0 : 1;
}
