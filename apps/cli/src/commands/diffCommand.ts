import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import {
  diffDefinitionSets,
  diffDefinitions,
  formatDiffMarkdown,
  formatDiffText,
  formatFinding,
  refOf,
  validateDefinitionSources,
  type Definition,
} from '@mandate/definitions';
import type { Io } from '../io.js';
import { readDefinitionFiles } from '../readDefinitionFiles.js';
import { UsageError } from '../usageError.js';

interface DiffOptions {
  dir: string;
  format: 'text' | 'json' | 'markdown';
  patch?: boolean;
}

const REF = /^[A-Z][A-Z0-9_]*@[1-9][0-9]*$/;

/**
 * `mandate diff <a> <b>`: two files, two folders, or `ID@N ID@M` looked up in `--dir`.
 * Exit 0 whatever the differences; 1 when an input does not validate; 2 on usage errors.
 */
export function diffCommand(a: string, b: string, options: DiffOptions, io: Io): number {
  const folders = [a, b].filter((p) => !REF.test(p) && isFolder(resolve(io.cwd, p)));
  if (folders.length === 1) throw new UsageError('compare a folder with a folder, or a definition with a definition');

  const loaded = folders.length === 2 ? [loadSet(a, io), loadSet(b, io)] : loadPair(a, b, options.dir, io);
  const [before, after] = loaded ?? [];
  if (!before || !after) return 1;
  if (folders.length === 0 && before[0] && after[0] && before[0].id !== after[0].id) {
    throw new UsageError(`${refOf(before[0])} and ${refOf(after[0])} are different definitions; diff compares versions of one`);
  }
  const diff = folders.length === 2 ? diffDefinitionSets(before, after) : diffDefinitions(one(before), one(after));

  if (options.format === 'json') io.out(JSON.stringify(diff, null, 2));
  else if (options.format === 'markdown') io.out(formatDiffMarkdown(diff));
  else {
    const paint = (text: string, control: string) =>
      control === 'tightening' ? io.color.tightening(text) : control === 'loosening' ? io.color.loosening(text) : text;
    io.out(formatDiffText(diff, paint));
    if (options.patch && 'patch' in diff) io.out(io.color.dim(JSON.stringify(diff.patch, null, 2)));
  }
  return 0;
}

function one(list: Definition[]): Definition {
  const [first] = list;
  if (!first) throw new UsageError('no definition to compare');
  return first;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Reads and validates a folder; the diff is only meaningful between valid definitions. */
function loadSet(dir: string, io: Io): Definition[] | undefined {
  const result = validateDefinitionSources(readDefinitionFiles([dir], io.cwd));
  return reportInvalid(result.findings, io) ? undefined : result.definitions.map((d) => d.definition);
}

function loadPair(a: string, b: string, dir: string, io: Io): [Definition[], Definition[]] | undefined {
  if (REF.test(a) || REF.test(b)) {
    // Look the references up in the whole folder, so lint sees their context.
    const result = validateDefinitionSources(readDefinitionFiles([dir], io.cwd));
    const find = (x: string): Definition[] => {
      if (!REF.test(x)) throw new UsageError(`${x}: give two ID@VERSION references, or two files`);
      const found = result.definitions.find((d) => refOf(d.definition) === x);
      if (!found) {
        const invalid = result.findings.filter((f) => f.severity === 'error');
        throw new UsageError(`${x} is not a valid definition in ${dir}${invalid.length ? ` (${invalid.length} validation errors there; run mandate validate ${dir})` : ''}`);
      }
      return [found.definition];
    };
    return [find(a), find(b)];
  }
  const result = validateDefinitionSources(readDefinitionFiles([a, b], io.cwd));
  const schemaErrors = result.findings.filter((f) => f.severity === 'error' && !result.definitions.some((d) => d.file === f.file));
  if (reportInvalid(schemaErrors, io)) return undefined;
  const byFile = (p: string) => result.definitions.filter((d) => d.file === relative(io.cwd, resolve(io.cwd, p))).map((d) => d.definition);
  return [byFile(a), byFile(b)];
}

function reportInvalid(findings: ReturnType<typeof validateDefinitionSources>['findings'], io: Io): boolean {
  const errors = findings.filter((f) => f.severity === 'error');
  for (const f of errors) io.err(formatFinding(f));
  return errors.length > 0;
}
