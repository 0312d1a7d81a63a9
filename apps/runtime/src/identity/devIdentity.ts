/**
 * Development identity: demo users signed into JWTs with a random per-process key, under an
 * issuer production never trusts. Only the dev start command uses it, and it says so loudly. Its
 * directory (the same demo users) says who a new assignee is.
 */
import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { canonicalPrincipalId } from '@mandate/policy';
import { UnauthenticatedError } from '@mandate/problems';
import devDirectory from './devDirectory.json' with { type: 'json' };
import type { Identity } from './Identity.js';
import type { Principal } from './Principal.js';

/** The issuer of dev tokens; production configuration must never list it. */
export const DEV_ISSUER = 'urn:mandate:dev-identity';
const AUDIENCE = 'mandate-runtime';

/** Demo users of the dev directory (`devDirectory.json`). */
export const DEV_USERS: Record<string, Omit<Principal, 'id' | 'issuer'>> = devDirectory.users;

/** The same users in a Map: a lookup in the object would find `constructor` and sign a token for it. */
const devUsers: ReadonlyMap<string, Omit<Principal, 'id' | 'issuer'>> = new Map(Object.entries(DEV_USERS));

/**
 * Creates the dev identity: it signs and verifies tokens with a key that lives only in this process
 * (tests pass one in to sign tokens the identity would not issue, such as expired ones).
 */
// A KeyObject, not raw bytes: jose would import raw bytes into a CryptoKey on every verification.
export function createDevIdentity(key: KeyObject = createSecretKey(randomBytes(32))): Identity {
  return {
    mode: 'dev',
    directory: {
      lookup: (tenant, id) => {
        const user = Object.hasOwn(DEV_USERS, id) ? DEV_USERS[id] : undefined;
        return Promise.resolve(user?.tenant === tenant ? { roles: user.roles, groups: user.groups, ...(user.region ? { region: user.region } : {}) } : undefined);
      },
    },
    issueDevToken: async (userId) => {
      const user = devUsers.get(userId);
      if (!user) throw new UnauthenticatedError('UNKNOWN_DEV_USER', `no demo user ${userId}; demo users: ${[...devUsers.keys()].join(', ')}`);
      return new SignJWT({ roles: user.roles, groups: user.groups, tenant: user.tenant, region: user.region, name: user.name })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(DEV_ISSUER)
        .setAudience(AUDIENCE)
        .setSubject(userId)
        .setIssuedAt()
        .setExpirationTime('8h')
        .sign(key);
    },
    verify: async (authorization) => {
      const token = /^Bearer ([A-Za-z0-9._-]+)$/.exec(authorization ?? '')?.[1];
      if (!token) throw new UnauthenticatedError('AUTHENTICATION_REQUIRED', 'send Authorization: Bearer <token>');
      try {
        const { payload } = await jwtVerify(token, key, { issuer: DEV_ISSUER, audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp'] });
        const claims = payload as { sub?: string; roles?: unknown; groups?: unknown; tenant?: unknown; region?: unknown; name?: unknown };
        const strings = (x: unknown) => (Array.isArray(x) && x.every((v) => typeof v === 'string') ? x : []);
        const id = claims.sub === undefined ? undefined : canonicalPrincipalId(claims.sub);
        if (!id || typeof claims.tenant !== 'string') throw new Error('claims');
        return {
          id,
          issuer: DEV_ISSUER,
          name: typeof claims.name === 'string' ? claims.name : id,
          roles: strings(claims.roles),
          groups: strings(claims.groups),
          tenant: claims.tenant,
          region: typeof claims.region === 'string' ? claims.region : undefined,
        };
      } catch (e) {
        throw new UnauthenticatedError('INVALID_TOKEN', 'the token does not verify (signature, issuer, audience or expiry)', {}, { cause: e });
      }
    },
  };
}
