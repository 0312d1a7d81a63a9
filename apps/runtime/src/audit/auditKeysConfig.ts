/**
 * The audit signing key from the environment, checked at start (docs/runtime.md, "Audit"):
 * - `MANDATE_AUDIT_SIGNING_KEY`: an Ed25519 private key, PEM (PKCS#8) or the path of a PEM file.
 *   It must not live in the database: whoever can rewrite the database must not be able to sign.
 * - `MANDATE_AUDIT_RETIRED_PUBLIC_KEYS`: public keys (PEM, or a file of PEM blocks) of earlier
 *   signing keys, so checkpoints they signed still verify after a rotation.
 * Without a key, a development runtime generates one and keeps it in `devKeyFile` (next to the
 * PGlite data), so a restart still verifies its old checkpoints and seals what it wrote before.
 * A production runtime (jwt mode) refuses to start without one.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AuditKeys } from '@mandate/store';

/** The keys and where they came from, or every problem found (each a sentence naming its variable). */
export type AuditKeysConfigResult = { ok: true; keys: AuditKeys; source: string } | { ok: false; errors: string[] };

const PEM_BLOCK = /-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g;

/** Reads the audit keys; `devKeyFile` is where a development runtime keeps its generated key (absent: a key is required). */
export function auditKeysFromEnv(env: Record<string, string | undefined>, options: { devKeyFile?: string } = {}): AuditKeysConfigResult {
  const value = (name: string) => env[name]?.trim() || undefined;
  const errors: string[] = [];
  const pemOf = (name: string): string | undefined => {
    const given = value(name);
    if (given === undefined) return undefined;
    // A PEM in a single-line variable often carries its line breaks as "\n".
    if (given.startsWith('-----BEGIN')) return given.replace(/\\n/g, '\n');
    try {
      return readFileSync(given, 'utf8');
    } catch (error) {
      errors.push(`${name} is neither a PEM key nor a readable file (${(error as Error).message})`);
      return undefined;
    }
  };
  const signing = pemOf('MANDATE_AUDIT_SIGNING_KEY');
  const retired = (pemOf('MANDATE_AUDIT_RETIRED_PUBLIC_KEYS') ?? '').match(PEM_BLOCK) ?? [];
  if (errors.length) return { ok: false, errors };
  try {
    if (signing !== undefined) return { ok: true, keys: AuditKeys.fromPem(signing, retired), source: 'MANDATE_AUDIT_SIGNING_KEY' };
  } catch (error) {
    return { ok: false, errors: [`MANDATE_AUDIT_SIGNING_KEY or MANDATE_AUDIT_RETIRED_PUBLIC_KEYS is not usable: ${(error as Error).message}`] };
  }
  const file = options.devKeyFile;
  if (file === undefined) {
    return { ok: false, errors: ['MANDATE_AUDIT_SIGNING_KEY is required: an Ed25519 private key (PEM, or a file path) kept outside the database, which signs the audit checkpoints'] };
  }
  try {
    if (existsSync(file)) return { ok: true, keys: AuditKeys.fromPem(readFileSync(file, 'utf8'), retired), source: `${file} (development key)` };
    const keys = AuditKeys.generate();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, keys.privateKeyPem(), { mode: 0o600, flag: 'wx' });
    return { ok: true, keys: retired.length ? AuditKeys.fromPem(keys.privateKeyPem(), retired) : keys, source: `${file} (development key, generated now)` };
  } catch (error) {
    return { ok: false, errors: [`the development audit key ${file} cannot be read or written: ${(error as Error).message}`] };
  }
}
