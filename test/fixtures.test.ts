// The invalid-definition corpus: every fixture raises its named finding, located, and fails the CLI.
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { main } from '@mandate/cli';
import { FINDING_CODES, MAX_SOURCE_BYTES, validateDefinitionSources, type DefinitionSource } from '@mandate/definitions';
import { describe, expect, it } from 'vitest';
import { captureIo } from './support/captureIo.js';
import { repoRoot } from './support/paths.js';

const invalidDir = join(repoRoot, 'test/fixtures/invalid');
const manifest = JSON.parse(readFileSync(join(invalidDir, 'expected.json'), 'utf8')) as Record<string, { code: string; pointer: string; file?: string }>;

function sourcesUnder(dir: string): DefinitionSource[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: relative(repoRoot, join(dir, f)), text: readFileSync(join(dir, f), 'utf8') }));
}

const shipped = sourcesUnder(join(repoRoot, 'definitions'));
const fixtures = readdirSync(invalidDir).filter((name) => name !== 'expected.json').sort();

describe('the invalid fixture corpus', () => {
  it('has at least 30 fixtures, each listed in the manifest and named after its code', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
    expect(Object.keys(manifest).sort()).toEqual(fixtures);
    for (const name of fixtures) expect(name.startsWith(`${manifest[name]!.code}--`), name).toBe(true);
  });

  it('covers every error code validation can raise', () => {
    const covered = new Set(Object.values(manifest).map((m) => m.code));
    // Warnings do not fail validation; FILE_TOO_LARGE is generated below; SCHEMA_VIOLATION is the fallback for keywords our schemas do not use.
    const exempt = new Set(['DEFINITION_PATH_MISMATCH', 'PRIORITY_UNKNOWN_TASK_TYPE', 'REFERENCE_TARGET_INVALID', 'FILE_TOO_LARGE', 'SCHEMA_VIOLATION']);
    const missing = Object.keys(FINDING_CODES).filter((code) => !exempt.has(code) && !covered.has(code));
    expect(missing).toEqual([]);
  });

  describe.each(fixtures)('%s', (name) => {
    const expected = manifest[name]!;
    const path = join(invalidDir, name);
    const fixtureSources = statSync(path).isDirectory() ? sourcesUnder(path) : sourcesUnder(invalidDir).filter((s) => s.file === relative(repoRoot, path));
    const targetFile = relative(repoRoot, expected.file ? join(path, expected.file) : path);

    it(`raises ${expected.code} at ${expected.pointer || '""'}, located, and nothing in the shipped set`, () => {
      const { findings, ok } = validateDefinitionSources([...shipped, ...fixtureSources]);
      expect(ok).toBe(false);
      const hit = findings.find((f) => f.code === expected.code && f.pointer === expected.pointer && f.file === targetFile);
      expect(hit, JSON.stringify(findings, null, 1)).toBeDefined();
      expect(textAt(targetFile, hit!.line!, hit!.column!), 'the located text').toMatch(expectedTextAt(expected.pointer));
      const shippedErrors = findings.filter((f) => f.severity === 'error' && f.file.startsWith('definitions/') && f.file !== targetFile);
      expect(shippedErrors).toEqual([]);
    });

    it('makes `mandate validate definitions <fixture>` exit 1 with a compiler-style line', async () => {
      const io = captureIo(repoRoot);
      const code = await main(['node', 'mandate', 'validate', 'definitions', relative(repoRoot, path)], io);
      expect(code).toBe(1);
      expect(io.stdout()).toMatch(new RegExp(`^${escape(targetFile)}:\\d+:\\d+ error ${expected.code} `, 'm'));
    });
  });

  it('FILE_TOO_LARGE: a file over 1 MiB is refused with a located finding and exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mandate-large-'));
    const file = join(dir, 'FILE_TOO_LARGE--padding.json');
    writeFileSync(file, JSON.stringify({ kind: 'ReasonCodeSet', pad: 'x'.repeat(MAX_SOURCE_BYTES) }));
    const io = captureIo(dir);
    expect(await main(['node', 'mandate', 'validate', '.'], io)).toBe(1);
    expect(io.stdout()).toMatch(/^FILE_TOO_LARGE--padding\.json:1:1 error FILE_TOO_LARGE /m);
  });
});

/** The source text from a line and column on. */
function textAt(file: string, line: number, column: number): string {
  return (readFileSync(join(repoRoot, file), 'utf8').split('\n')[line - 1] ?? '').slice(column - 1);
}

/**
 * What the located text must start with: the member's key for a pointer ending in a key, a value
 * for an array element; for the whole document, anything (parse errors point where parsing stopped).
 */
function expectedTextAt(pointer: string): RegExp {
  const last = pointer.split('/').pop()!.replace(/~1/g, '/').replace(/~0/g, '~');
  if (pointer === '') return /^/;
  if (/^\d+$/.test(last)) return /^[{["\-\dtfn]/;
  // Keys may be written with escapes (e.g. \u006c for l); accept any quoted key then.
  return new RegExp(`^(${escape(JSON.stringify(last))}|"[^"]*\\\\u)`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
