import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatFinding, validateDefinitionSources } from '@mandate/definitions';
import { DefinitionRegistry } from './DefinitionRegistry.js';

/** Reads and validates a definitions folder; refuses to serve a set with errors. */
export function loadDefinitions(dir: string): DefinitionRegistry {
  const sources = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: relative(process.cwd(), join(dir, f)), text: readFileSync(join(dir, f), 'utf8') }));
  const result = validateDefinitionSources(sources);
  if (!result.ok) {
    const errors = result.findings.filter((f) => f.severity === 'error');
    throw new Error(`definitions in ${dir} do not validate:\n${errors.slice(0, 20).map(formatFinding).join('\n')}`);
  }
  return new DefinitionRegistry(result.definitions.map((d) => d.definition));
}
