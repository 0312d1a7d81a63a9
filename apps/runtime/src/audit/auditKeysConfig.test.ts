import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditKeys } from '@mandate/store';
import { auditKeysFromEnv } from './auditKeysConfig.js';

describe('audit keys from the environment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mandate-audit-keys-'));
  const pem = AuditKeys.generate().privateKeyPem();

  it('takes the signing key as PEM, with escaped line breaks too, or as a file path', () => {
    const fromPem = auditKeysFromEnv({ MANDATE_AUDIT_SIGNING_KEY: pem });
    const fromEscaped = auditKeysFromEnv({ MANDATE_AUDIT_SIGNING_KEY: pem.replace(/\n/g, '\\n') });
    writeFileSync(join(dir, 'signing.pem'), pem);
    const fromFile = auditKeysFromEnv({ MANDATE_AUDIT_SIGNING_KEY: join(dir, 'signing.pem') });
    const ids = [fromPem, fromEscaped, fromFile].map((r) => (r.ok ? r.keys.keyId : r.errors.join()));
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toMatch(/^[0-9a-f]{16}$/);
  });

  it('trusts retired public keys for old checkpoints', () => {
    const old = AuditKeys.generate();
    const result = auditKeysFromEnv({ MANDATE_AUDIT_SIGNING_KEY: pem, MANDATE_AUDIT_RETIRED_PUBLIC_KEYS: `${old.publicKeyPem()}\n${AuditKeys.generate().publicKeyPem()}` });
    expect(result.ok && result.keys.knows(old.keyId)).toBe(true);
  });

  it('refuses to start without a key when there is no development key file, and names bad values', () => {
    expect(auditKeysFromEnv({})).toMatchObject({ ok: false, errors: [expect.stringContaining('MANDATE_AUDIT_SIGNING_KEY is required')] });
    expect(auditKeysFromEnv({ MANDATE_AUDIT_SIGNING_KEY: join(dir, 'missing.pem') })).toMatchObject({ ok: false, errors: [expect.stringContaining('MANDATE_AUDIT_SIGNING_KEY is neither')] });
    const rsa = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VuBCIEIA==\n-----END PRIVATE KEY-----';
    expect(auditKeysFromEnv({ MANDATE_AUDIT_SIGNING_KEY: rsa })).toMatchObject({ ok: false });
  });

  it('generates a development key once, owner-readable only, and keeps it across restarts', () => {
    const file = join(dir, 'data', 'audit-signing-key.pem');
    const first = auditKeysFromEnv({}, { devKeyFile: file });
    const second = auditKeysFromEnv({}, { devKeyFile: file });
    expect(first.ok && second.ok && first.keys.keyId === second.keys.keyId).toBe(true);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('BEGIN PRIVATE KEY');
  });
});
