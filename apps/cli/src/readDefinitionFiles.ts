import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { DefinitionSource } from '@mandate/definitions';
import { UsageError } from './usageError.js';

/** A path the user named that is neither a file nor a folder. */
export class MissingPathError extends Error {
  constructor(readonly path: string) {
    super(`no such file or folder: ${path}`);
    this.name = 'MissingPathError';
  }
}

/**
 * Reads every `.json` file under the given files and folders (recursively, sorted), named relative
 * to `cwd` so findings print as clickable paths.
 */
export function readDefinitionFiles(paths: readonly string[], cwd: string = process.cwd()): DefinitionSource[] {
  return readSourceFiles(paths, cwd, '.json');
}

/**
 * Reads every file ending in `extension` under the given files and folders (recursively, sorted;
 * a file named directly is read whatever its name), named relative to `cwd`.
 */
export function readSourceFiles(paths: readonly string[], cwd: string, extension: string): { file: string; text: string }[] {
  const files = new Set<string>();
  for (const path of paths) collect(resolve(cwd, path), files, extension);
  if (files.size === 0) throw new UsageError(`no ${extension} files under ${paths.join(', ')}`);
  return [...files].sort().map((file) => ({ file: relative(cwd, file) || file, text: read(file) }));
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

function collect(path: string, into: Set<string>, extension: string): void {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new MissingPathError(path);
  }
  if (stat.isFile()) {
    into.add(path);
    return;
  }
  if (!stat.isDirectory()) throw new UsageError(`${path} is neither a file nor a folder`);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) collect(child, into, extension);
    else if (entry.name.endsWith(extension)) into.add(child);
  }
}
