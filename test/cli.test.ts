// The `mandate` command: in-process for speed, and once as a real process to prove `npx mandate` works.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@mandate/cli';
import { describe, expect, it } from 'vitest';
import { captureIo } from './support/captureIo.js';
import { repoRoot } from './support/paths.js';

async function run(...args: string[]) {
  const io = captureIo(repoRoot);
  const code = await main(['node', 'mandate', ...args], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('npx mandate (a real process)', () => {
  it('validates the shipped definitions with exit 0', () => {
    const result = spawnSync('npx', ['mandate', 'validate', 'definitions'], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\d+ files, \d+ definitions: 0 errors, 0 warnings$/m);
  });

  it('exits 1 on a broken definition and 2 on a usage error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mandate-cli-'));
    writeFileSync(join(dir, 'broken.json'), '{ "kind": "TaskType", }');
    const broken = spawnSync('npx', ['mandate', 'validate', dir], { cwd: repoRoot, encoding: 'utf8' });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/broken\.json:1:23 error JSON_PARSE_ERROR/);
    const usage = spawnSync('npx', ['mandate', 'validate', join(dir, 'missing')], { cwd: repoRoot, encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/no such file or folder/);
  });
});

describe('mandate validate', () => {
  it('prints JSON with --format json', async () => {
    const { code, out } = await run('validate', 'definitions', '--format', 'json');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ ok: true, errors: 0, warnings: 0, findings: [] });
    expect(report.files).toBeGreaterThanOrEqual(40);
  });

  it('reports every finding of a broken set, one compiler-style line each', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mandate-set-'));
    cpSync(join(repoRoot, 'definitions'), dir, { recursive: true });
    const file = join(dir, 'TaskType/DISCOUNT_APPROVAL/v2.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"QUOTE_APPROVAL_SLA@2"', '"QUOTE_APPROVAL_SLA@9"'));
    const io = captureIo(dir);
    expect(await main(['node', 'mandate', 'validate', '.'], io)).toBe(1);
    expect(io.stdout()).toMatch(/^TaskType\/DISCOUNT_APPROVAL\/v2\.json:\d+:3 error REFERENCE_NOT_FOUND "SLA policy" names QUOTE_APPROVAL_SLA@9, which does not exist; choose one of the versions that exist: QUOTE_APPROVAL_SLA@1, QUOTE_APPROVAL_SLA@2\. \(at \/slaPolicy\)$/m);
  });
});

describe('mandate list', () => {
  it('prints a table of kinds, ids, versions and status', async () => {
    const { code, out } = await run('list', 'definitions');
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^KIND\s+ID\s+VERSION\s+STATUS\s+TITLE$/);
    expect(out).toMatch(/^TaskType\s+DISCOUNT_APPROVAL\s+2\s+published\s+Approve discount override$/m);
    expect(out).toMatch(/^ReasonCodeSet\s+DISCOUNT_APPROVAL_REASONS\s+1\s+published/m);
  });

  it('lists as JSON', async () => {
    const rows = JSON.parse((await run('list', '--format', 'json')).out) as { kind: string; id: string; version: number }[];
    expect(rows.filter((r) => r.kind === 'TaskType')).toHaveLength(25);
  });
});

describe('mandate diff', () => {
  it('diffs ID@N ID@M within the definitions folder', async () => {
    const { code, out } = await run('diff', 'QUOTE_COMMERCIAL_VISIBILITY@1', 'QUOTE_COMMERCIAL_VISIBILITY@2');
    expect(code).toBe(0);
    expect(out.split('\n')).toEqual([
      'VisibilityPolicy QUOTE_COMMERCIAL_VISIBILITY@1 -> QUOTE_COMMERCIAL_VISIBILITY@2: 6 changes (3 tightening, 2 loosening, 1 neutral)',
      '  ~ neutral     description changed',
      '  + loosening   field evidence.marginImpactPercent now visible to SALES_MANAGER',
      '  + tightening  field evidence.lines[].costBasis visibility condition added: relation.sameTenant == true',
      '  + tightening  field evidence.lines[].marginPercent visibility condition added: relation.sameTenant == true',
      '  - tightening  field evidence.competitorPrice no longer visible to SALES_MANAGER',
      '  + loosening   field evidence.riskScore now visible to FINANCE_APPROVER',
    ]);
  });

  it('diffs two files as JSON with the JSON Patch underneath', async () => {
    const { code, out } = await run('diff', 'definitions/SlaPolicy/QUOTE_APPROVAL_SLA/v1.json', 'definitions/SlaPolicy/QUOTE_APPROVAL_SLA/v2.json', '--format', 'json');
    expect(code).toBe(0);
    const diff = JSON.parse(out) as { changes: { path: string; control: string }[]; patch: unknown[] };
    expect(diff.changes.map((c) => `${c.path} ${c.control}`)).toEqual([
      'description neutral',
      'default.dueIn tightening',
      'rules[HIGH_VALUE_QUOTE].conditions tightening',
    ]);
    expect(diff.patch).toContainEqual({ op: 'replace', path: '/default/dueIn', value: 'PT4H' });
  });

  it('diffs as Markdown', async () => {
    const { out } = await run('diff', 'CPQ_OMS_PRIORITY@1', 'CPQ_OMS_PRIORITY@2', '--format', 'markdown');
    expect(out).toContain('| neutral | priority weight HIGH_VALUE_QUOTE +40 -> +50 | `rules[HIGH_VALUE_QUOTE].event.params.weight` |');
  });

  it('diffs two whole definition sets', async () => {
    const before = mkdtempSync(join(tmpdir(), 'mandate-before-'));
    cpSync(join(repoRoot, 'definitions'), before, { recursive: true });
    const file = join(before, 'AuthorityPolicy/COMMERCIAL_AUTHORITY/v1.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"discountPercent": 35,', '"discountPercent": 25,'));
    const { code, out } = await run('diff', before, 'definitions');
    expect(code).toBe(0);
    expect(out).toContain('AuthorityPolicy COMMERCIAL_AUTHORITY@1 -> COMMERCIAL_AUTHORITY@1: 1 change (0 tightening, 1 loosening, 0 neutral)\n  ! COMMERCIAL_AUTHORITY@1 was edited in place; a change needs a new version');
    expect(out).toContain('loosening   authority limit REGIONAL_DIRECTOR_EMEA discountPercent 25 -> 35');
    expect(out.split('\n').at(-1)).toBe('0 added, 0 removed, 1 changed: 1 change (0 tightening, 1 loosening, 0 neutral)');
  });

  it('refuses a folder against a file, and unknown references, with exit 2', async () => {
    expect((await run('diff', 'definitions', 'definitions/SlaPolicy/QUOTE_APPROVAL_SLA/v1.json')).code).toBe(2);
    const unknown = await run('diff', 'QUOTE_APPROVAL_SLA@1', 'QUOTE_APPROVAL_SLA@7');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/QUOTE_APPROVAL_SLA@7 is not a valid definition in definitions/);
  });
});

describe('help and usage', () => {
  it.each(['validate', 'diff', 'list'])('%s --help shows an example and exits 0', async (command) => {
    const { code, out } = await run(command, '--help');
    expect(code).toBe(0);
    expect(out).toMatch(/Example/);
    expect(out).toMatch(new RegExp(`\\$ mandate ${command}`));
  });

  it('exits 2 on an unknown command or option', async () => {
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('validate', '--format', 'yaml')).code).toBe(2);
  });

  it('the bin script is executable as a plain node program', () => {
    const out = execFileSync(process.execPath, [join(repoRoot, 'apps/cli/bin/mandate.js'), '--help'], { encoding: 'utf8' });
    expect(out).toMatch(/Usage: mandate/);
  });
});
