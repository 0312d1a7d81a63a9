// Dependencies point inward: the pure packages import no I/O, server or UI code, and the error
// model (packages/problems) imports nothing of ours.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/paths.js';

const FORBIDDEN = /from ['"](node:[^'"]+|fs|path|express|knex|pg|react(-dom)?|@electric-sql\/pglite)['"]/;

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(dir, f));
}

describe('layers', () => {
  it.each(['packages/definitions/src', 'packages/policy/src', 'packages/contract/src'])('%s imports no I/O, server or UI module', (dir) => {
    const files = sources(join(repoRoot, dir));
    expect(files.length).toBeGreaterThan(5);
    const offenders = files.filter((file) => FORBIDDEN.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('packages/problems imports no I/O, server or UI module, and no other package: it is the innermost layer', () => {
    const files = sources(join(repoRoot, 'packages/problems/src'));
    expect(files.length).toBeGreaterThan(3);
    const offenders = files.filter((file) => FORBIDDEN.test(readFileSync(file, 'utf8')) || /from ['"]@mandate\//.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('contract depends on no Mandate package but definitions and problems: the studio can import it without the policy engine or the store', () => {
    const offenders = sources(join(repoRoot, 'packages/contract/src')).filter((file) => /from ['"]@mandate\/(?!(definitions|problems)['"])/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('definitions does not depend on policy (policy depends on definitions)', () => {
    const offenders = sources(join(repoRoot, 'packages/definitions/src')).filter((file) => readFileSync(file, 'utf8').includes('@mandate/policy'));
    expect(offenders).toEqual([]);
  });
});
