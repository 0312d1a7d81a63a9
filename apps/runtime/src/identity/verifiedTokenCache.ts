/**
 * Remembers verified bearer tokens for a short while, so a client sending the same token with every
 * request costs one signature check per token and TTL instead of one per request (jose verifies
 * through WebCrypto: a thread-pool job per call, about 0.1 ms of CPU, docs/runtime-benchmarks.md).
 *
 * A cached token is never honoured past its own `exp`; the TTL bounds how long a token stays
 * accepted after its signing key left the issuer's JWKS. Failures are not cached: a bad token is
 * checked again every time and answers as before.
 */
import type { Identity } from './Identity.js';
import type { Principal } from './Principal.js';

/** Tuning of the cache; the defaults suit a runtime instance. */
export interface VerifiedTokenCacheOptions {
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

/** The token's `exp` in epoch milliseconds, read after the token verified (so its payload is the issuer's). */
function expiryOf(authorization: string): number | undefined {
  const payload = authorization.split('.')[1];
  if (!payload) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Wraps an identity's `verify` with the cache; everything else passes through. */
export function withVerifiedTokenCache(identity: Identity, options: VerifiedTokenCacheOptions = {}): Identity {
  const ttlMs = options.ttlMs ?? 30_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const verified = new Map<string, { principal: Principal; until: number }>();
  return {
    ...identity,
    verify: async (authorization) => {
      const at = now();
      const hit = authorization === undefined ? undefined : verified.get(authorization);
      if (hit && hit.until > at) return hit.principal;
      const principal = await identity.verify(authorization);
      if (authorization !== undefined) {
        verified.delete(authorization);
        // Insertion order: the first key is the oldest entry.
        if (verified.size >= maxEntries) verified.delete(verified.keys().next().value!);
        const frozen = Object.freeze({ ...principal, roles: Object.freeze([...principal.roles]), groups: Object.freeze([...principal.groups]) }) as Principal;
        verified.set(authorization, { principal: frozen, until: Math.min(at + ttlMs, expiryOf(authorization) ?? at + ttlMs) });
        return frozen;
      }
      return principal;
    },
  };
}
