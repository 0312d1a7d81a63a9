import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatFinding, validateDefinitionSources, type DefinitionEntry } from '@mandate/definitions';
import { DefinitionRegistry } from './DefinitionRegistry.js';

/** Reads and validates a definitions folder; refuses a set with errors. */
export function readDefinitions(dir: string): DefinitionEntry[] {
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
  return result.definitions;
}

/**
 * A registry of a definitions folder as it is, without the database: a fixed set with no
 * governance (tests and benchmarks that need no lifecycle). The runtime imports the folder into
 * the store instead (`importDefinitions`).
 */
export function loadDefinitions(dir: string): DefinitionRegistry {
  return new DefinitionRegistry(readDefinitions(dir).map((d) => d.definition));
}
