// The development identity hands out tokens for demo users to anyone who asks: the entry point must
// refuse to start it in production or on an address other than loopback (before it opens anything).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../index.ts', import.meta.url));

/** Runs the entry point with the dev identity and `env`; its data folder must stay empty. */
function start(env: Record<string, string>) {
  const { MANDATE_AUTH_MODE: _mode, MANDATE_JWT_ISSUER: _issuer, HOST: _host, NODE_ENV: _nodeEnv, DATABASE_URL: _url, ...inherited } = process.env;
  const dataDir = mkdtempSync(join(tmpdir(), 'mandate-refusal-'));
  try {
    const run = spawnSync(process.execPath, ['--import', 'tsx', entry], { env: { ...inherited, MANDATE_DATA_DIR: join(dataDir, 'pglite'), PORT: '0', ...env }, encoding: 'utf8', timeout: 30_000 });
    return { ...run, dataWritten: readdirSync(dataDir) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('the development identity refuses to serve a network', () => {
  it.each([
    ['NODE_ENV=production', { NODE_ENV: 'production' }],
    ['a non-loopback address', { HOST: '0.0.0.0' }],
  ])('exits 1 with %s', (_name, env) => {
    const run = start(env);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/refusing to start the development identity in production or on a non-loopback address/);
    expect(run.stdout).not.toMatch(/listening|http:\/\//i);
    // Refused before any database was opened.
    expect(run.dataWritten).toEqual([]);
  });
});
