import { validateDefinitionSources, type TaskType } from '@mandate/definitions';
import type { Io } from '../io.js';
import { readDefinitionFiles, readSourceFiles } from '../readDefinitionFiles.js';

/**
 * `mandate bpmn lint [paths...]`: checks BPMN files against the task types in a definitions
 * folder. Returns the exit code: 0 no errors (warnings allowed), 1 errors.
 */
export async function bpmnLintCommand(paths: string[], options: { format: 'text' | 'json'; definitions: string }, io: Io): Promise<number> {
  const sources = readSourceFiles(paths.length ? paths : ['bpmn'], io.cwd, '.bpmn');
  const definitions = validateDefinitionSources(readDefinitionFiles([options.definitions], io.cwd));
  if (!definitions.ok) io.err(`mandate: ${options.definitions} has definition errors (see mandate validate ${options.definitions}); linting against its valid definitions`);
  const taskTypes = definitions.definitions.map((d) => d.definition).filter((d): d is TaskType => d.kind === 'TaskType');
  // Loaded here, not at start-up: the workflow package brings the engines and the store.
  const { formatBpmnFinding, lintBpmn } = await import('@mandate/workflow');
  const result = await lintBpmn(sources, taskTypes);
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  if (options.format === 'json') {
    io.out(JSON.stringify({ ok: result.ok, files: sources.length, processes: result.processes, userTasks: result.userTasks, errors, warnings, findings: result.findings }, null, 2));
  } else {
    for (const finding of result.findings) io.out(io.color.finding(formatBpmnFinding(finding), finding.severity));
    const summary = `${sources.length} files, ${result.processes} processes, ${result.userTasks} user tasks: ${errors} errors, ${warnings} warnings`;
    io.out(result.ok ? io.color.ok(summary) : io.color.bad(summary));
  }
  return result.ok ? 0 : 1;
}
