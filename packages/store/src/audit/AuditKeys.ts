import { createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, hkdfSync, randomBytes, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto';

/**
 * The audit trail's keys, held by the runtime and never stored in the database: whoever can
 * rewrite the database cannot forge what these vouch for.
 *
 * - An Ed25519 key signs checkpoints (a tenant's chain head: sequence and hash). Verification
 *   accepts it and any earlier public keys (rotation).
 * - A MAC key, derived from the signing key, lets every writer mark the events it inserts, so the
 *   sealer chains only events the runtime wrote, not a row someone inserted with SQL.
 */
export class AuditKeys {
  /** Public keys by key id: the signing key's and the retired ones still trusted for old checkpoints. */
  private readonly publicKeys: Map<string, KeyObject>;
  private readonly macKey: Buffer;
  /** The id of the signing key: hex SHA-256 of its public key (SPKI DER), first 16 characters. */
  readonly keyId: string;

  private constructor(
    private readonly privateKey: KeyObject,
    retiredPublicKeys: KeyObject[],
  ) {
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`the audit signing key must be Ed25519, not ${privateKey.asymmetricKeyType ?? 'a secret key'}`);
    const publicKey = createPublicKey(privateKey);
    this.keyId = keyIdOf(publicKey);
    this.publicKeys = new Map([...retiredPublicKeys, publicKey].map((k) => [keyIdOf(k), k]));
    this.macKey = Buffer.from(hkdfSync('sha256', privateKey.export({ format: 'der', type: 'pkcs8' }), Buffer.alloc(0), 'mandate audit writer mac v1', 32));
  }

  /** Keys from a PEM private key (PKCS#8) and, optionally, PEM public keys of earlier signing keys. */
  static fromPem(privateKeyPem: string, retiredPublicKeysPem: string[] = []): AuditKeys {
    return new AuditKeys(
      createPrivateKey(privateKeyPem),
      retiredPublicKeysPem.map((pem) => createPublicKey(pem)),
    );
  }

  /** A fresh key: tests, and the first start of a development runtime. */
  static generate(): AuditKeys {
    return new AuditKeys(generateKeyPairSync('ed25519').privateKey, []);
  }

  /** The private key as PEM (PKCS#8), to persist a generated development key. */
  privateKeyPem(): string {
    return this.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  }

  /** The signing key's public key as PEM (SPKI): what a verifier outside the runtime needs. */
  publicKeyPem(): string {
    return createPublicKey(this.privateKey).export({ format: 'pem', type: 'spki' }).toString();
  }

  /** Signs a message with the signing key; base64url. */
  sign(message: string): string {
    return sign(null, Buffer.from(message), this.privateKey).toString('base64url');
  }

  /** Whether `signature` is a signature of `message` by the trusted key `keyId`. */
  verify(keyId: string, message: string, signature: string): boolean {
    const key = this.publicKeys.get(keyId);
    if (!key) return false;
    return verify(null, Buffer.from(message), key, Buffer.from(signature, 'base64url'));
  }

  /** Whether `keyId` names a trusted key. */
  knows(keyId: string): boolean {
    return this.publicKeys.has(keyId);
  }

  /** A writer's mark for new content: a random nonce (so equal events get different marks) and its MAC. */
  markWritten(content: string): string {
    const nonce = randomBytes(16).toString('hex');
    return `${nonce}.${this.macOf(nonce, content)}`;
  }

  /** Whether `mark` is a writer's mark of exactly this content. */
  wrote(mark: string | null, content: string): boolean {
    const [nonce, mac, rest] = (mark ?? '').split('.');
    if (!nonce || !mac || rest !== undefined) return false;
    const expected = Buffer.from(this.macOf(nonce, content), 'hex');
    const given = Buffer.from(mac, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private macOf(nonce: string, content: string): string {
    return createHmac('sha256', this.macKey).update(nonce).update('.').update(content).digest('hex');
  }
}

function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex').slice(0, 16);
}
