// `mandate bpmn lint`: the shipped processes are clean, and every invalid BPMN fixture raises its
// named finding, located in the file, with the exit codes of `mandate validate`.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@mandate/cli';
import { BPMN_FINDING_CODES, type BpmnFinding } from '@mandate/workflow';
import { describe, expect, it } from 'vitest';
import { captureIo } from './support/captureIo.js';
import { repoRoot } from './support/paths.js';

const invalidDir = 'test/fixtures/bpmn/invalid';
const manifest = JSON.parse(readFileSync(join(repoRoot, invalidDir, 'expected.json'), 'utf8')) as Record<string, { code: string; at: string }>;
const fixtures = readdirSync(join(repoRoot, invalidDir)).filter((name) => name.endsWith('.bpmn')).sort();

async function run(cwd: string, ...args: string[]) {
  const io = captureIo(cwd);
  const code = await main(['node', 'mandate', ...args], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('mandate bpmn lint on the shipped processes', () => {
  it('exits 0 with a summary (a real process)', () => {
    const result = spawnSync('npx', ['mandate', 'bpmn', 'lint', 'bpmn/'], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe('2 files, 2 processes, 3 user tasks: 0 errors, 0 warnings');
  });

  it('lints bpmn/ against definitions/ by default, and prints JSON with --format json', async () => {
    const { code, out } = await run(repoRoot, 'bpmn', 'lint', '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ ok: true, files: 2, processes: 2, userTasks: 3, errors: 0, warnings: 0, findings: [] });
  });

  it('takes the task types from --definitions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mandate-bpmn-'));
    cpSync(join(repoRoot, 'definitions'), join(dir, 'defs'), { recursive: true });
    cpSync(join(repoRoot, 'bpmn'), join(dir, 'processes'), { recursive: true });
    rmSync(join(dir, 'defs/TaskType/DISCOUNT_APPROVAL'), { recursive: true });
    const { code, out } = await run(dir, 'bpmn', 'lint', 'processes', '--definitions', 'defs');
    expect(code).toBe(1);
    expect(out).toMatch(/^processes\/quote-approval\.bpmn:\d+:\d+ error BPMN_UNKNOWN_TASK_TYPE user task approve-discount: task type DISCOUNT_APPROVAL does not exist \(at approve-discount\)$/m);
    expect(out.split('\n').at(-1)).toBe('2 files, 2 processes, 3 user tasks: 1 errors, 0 warnings');
  });
});

describe('the invalid BPMN fixtures', () => {
  it('are each listed in the manifest and named after their code', () => {
    expect(Object.keys(manifest).sort()).toEqual(fixtures);
    for (const name of fixtures) expect(name.startsWith(`${manifest[name]!.code}--`), name).toBe(true);
  });

  it('cover every error code the lint can raise from shipped definitions', () => {
    const covered = new Set(Object.values(manifest).map((m) => m.code));
    // Warnings do not fail the lint; every shipped task type version is published (unit-tested in packages/workflow).
    const exempt = new Set(['BPMN_PROCESS_NOT_EXECUTABLE', 'BPMN_DECISION_NOT_ROUTED', 'BPMN_EXPRESSION_UNSUPPORTED', 'BPMN_TASK_TYPE_NOT_PUBLISHED']);
    expect(Object.keys(BPMN_FINDING_CODES).filter((code) => !exempt.has(code) && !covered.has(code))).toEqual([]);
  });

  describe.each(fixtures)('%s', (name) => {
    const expected = manifest[name]!;
    const file = `${invalidDir}/${name}`;

    it(`makes \`mandate bpmn lint bpmn ${name}\` exit 1 with ${expected.code} located at ${expected.at}, and nothing else`, async () => {
      const { code, out } = await run(repoRoot, 'bpmn', 'lint', 'bpmn', file, '--format', 'json');
      expect(code).toBe(1);
      const { findings } = JSON.parse(out) as { findings: BpmnFinding[] };
      expect(findings.map((f) => [f.file, f.code])).toEqual([[file, expected.code]]);
      const [finding] = findings;
      const line = readFileSync(join(repoRoot, file), 'utf8').split('\n')[finding!.line! - 1]!;
      expect(line.slice(finding!.column! - 1)).toMatch(new RegExp(`^${expected.at.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    });

    it('prints a compiler-style line', async () => {
      const { out } = await run(repoRoot, 'bpmn', 'lint', 'bpmn', file);
      expect(out).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}:\\d+:\\d+ error ${expected.code} `, 'm'));
    });
  });
});

describe('mandate bpmn lint usage', () => {
  it('exits 2 for a missing path, a folder without .bpmn files and a missing subcommand', async () => {
    const missing = await run(repoRoot, 'bpmn', 'lint', 'no-such-dir');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no such file or folder/);
    const empty = mkdtempSync(join(tmpdir(), 'mandate-empty-'));
    writeFileSync(join(empty, 'notes.txt'), 'no processes here');
    const none = await run(empty, 'bpmn', 'lint', '.');
    expect(none.code).toBe(2);
    expect(none.err).toBe('mandate: no .bpmn files under .');
    expect((await run(repoRoot, 'bpmn')).code).toBe(2);
    expect((await run(repoRoot, 'bpmn', 'lint', '--format', 'yaml')).code).toBe(2);
  });

  it('--help shows an example and exits 0', async () => {
    const { code, out } = await run(repoRoot, 'bpmn', 'lint', '--help');
    expect(code).toBe(0);
    expect(out).toMatch(/\$ mandate bpmn lint bpmn/);
  });
});
