// Test support: reads the shipped definition set from the repository (tests may do I/O; the package may not).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Definition } from '../src/generated/types.js';
import type { DefinitionSource } from '../src/validateDefinitionSources.js';

/** The repository root. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The shipped definitions folder. */
export const definitionsDir = join(repoRoot, 'definitions');

/** Every shipped definition file as a source, named relative to the repository root. */
export function shippedSources(): DefinitionSource[] {
  return readdirSync(definitionsDir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const path = join(definitionsDir, f);
      return { file: relative(repoRoot, path), text: readFileSync(path, 'utf8') };
    });
}

/** One shipped definition, by kind, id and version. */
export function shipped<T extends Definition = Definition>(kind: string, id: string, version: number): T {
  return JSON.parse(readFileSync(join(definitionsDir, kind, id, `v${version}.json`), 'utf8')) as T;
}
