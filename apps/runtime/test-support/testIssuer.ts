// Test support: a real OIDC issuer on 127.0.0.1 — RS256 keys from jose, a JWKS endpoint and an
// openid-configuration document — that signs tokens for the JWT identity tests.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export const TEST_AUDIENCE = 'mandate-runtime';

/** An RS256 signing key with its key id. */
export interface TestKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export interface TestIssuer {
  /** `http://127.0.0.1:<port>`; also the base of its endpoints. */
  issuer: string;
  jwksUrl: URL;
  /** A valid token (one hour, this issuer, TEST_AUDIENCE) signed with the current key; `claims` override any of it. */
  token: (claims?: JWTPayload, key?: TestKey) => Promise<string>;
  /** A key this issuer does not publish. */
  unpublishedKey: () => Promise<TestKey>;
  /** Publishes a new key next to the old ones and signs with it from now on. */
  rotate: () => Promise<TestKey>;
  stop: () => Promise<void>;
}

let keyCount = 0;

async function newKey(): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const kid = `test-key-${++keyCount}`;
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

/** Starts the issuer on a free port. */
export async function startTestIssuer(): Promise<TestIssuer> {
  const published = [await newKey()];
  let server: Server | undefined = createServer((req, res) => {
    const body = req.url === '/jwks' ? { keys: published.map((k) => k.publicJwk) } : req.url === '/.well-known/openid-configuration' ? { issuer, jwks_uri: `${issuer}/jwks` } : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    jwksUrl: new URL(`${issuer}/jwks`),
    token: (claims = {}, key = published.at(-1)!) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iss: issuer, aud: TEST_AUDIENCE, iat: now, exp: now + 3600, ...claims }).setProtectedHeader({ alg: 'RS256', kid: key.kid }).sign(key.privateKey);
    },
    unpublishedKey: newKey,
    rotate: async () => {
      const key = await newKey();
      published.push(key);
      return key;
    },
    stop: async () => {
      const s = server;
      server = undefined;
      if (!s) return;
      s.closeAllConnections();
      await new Promise<void>((resolve, reject) => s.close((e) => (e ? reject(e) : resolve())));
    },
  };
}
