/**
 * Production identity: bearer JWTs of one OIDC issuer, verified with jose against the issuer's
 * published keys (signature, issuer, audience, lifetime, algorithm allowlist), then mapped to a
 * principal by the configured claim paths. A token must expire (`exp`), within the configured
 * maximum lifetime. See docs/identity.md.
 */
import { errors, jwtVerify, type JWTPayload } from 'jose';
import { UnauthenticatedError, UnavailableError } from '@mandate/problems';
import type { Identity } from './Identity.js';
import type { JwtIdentityConfig } from './identityConfig.js';
import { issuerKeys } from './issuerKeys.js';
import { principalFromClaims } from './principalFromClaims.js';

/** A compact JWS: three base64url parts (the last empty for `alg: none`, which jwtVerify refuses). */
const BEARER = /^Bearer ([\w-]+\.[\w-]+\.[\w-]*)$/i;

/** Creates the JWT identity; keys are fetched on the first request, not at start. */
export function createJwtIdentity(config: JwtIdentityConfig): Identity {
  const keys = issuerKeys(config.issuer, config.jwksUrl);
  const options = { issuer: config.issuer, audience: config.audience, algorithms: config.algorithms, clockTolerance: config.clockToleranceSeconds, requiredClaims: ['exp'] };
  return {
    mode: 'jwt',
    verify: async (authorization) => {
      const token = BEARER.exec(authorization ?? '')?.[1];
      if (!token) throw new UnauthenticatedError('AUTHENTICATION_REQUIRED', 'send Authorization: Bearer <token>');
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, options));
      } catch (e) {
        if (e instanceof UnavailableError) throw e;
        const reason = rejection(e);
        throw new UnauthenticatedError('INVALID_TOKEN', `the token does not verify: ${reason.replace(/_/g, ' ')}`, { reason }, { cause: e });
      }
      if (lifetimeOf(payload) > config.maxLifetimeSeconds + config.clockToleranceSeconds) {
        throw new UnauthenticatedError('INVALID_TOKEN', `the token does not verify: lifetime too long (at most ${config.maxLifetimeSeconds} s)`, { reason: 'lifetime_too_long' });
      }
      // jwtVerify checked that iss is the configured issuer.
      return principalFromClaims(config.issuer, payload, config.claims);
    },
  };
}

/**
 * Seconds from issue to expiry; from now when the token has no `iat` or claims one in the future
 * (else a future `iat` would stretch the lifetime). jwtVerify checked that `exp` is a number.
 */
function lifetimeOf(payload: JWTPayload): number {
  const now = Math.floor(Date.now() / 1000);
  return payload.exp! - Math.min(typeof payload.iat === 'number' ? payload.iat : now, now);
}

/** Why jose refused the token, as a stable snake_case word for clients (e.g. refresh on `expired`). */
function rejection(e: unknown): string {
  if (e instanceof errors.JWTExpired) return 'expired';
  if (e instanceof errors.JWTClaimValidationFailed) return ({ exp: 'no_expiry', nbf: 'not_yet_valid', iss: 'wrong_issuer', aud: 'wrong_audience' } as Record<string, string>)[e.claim] ?? 'invalid_claims';
  if (e instanceof errors.JOSEAlgNotAllowed) return 'algorithm_not_allowed';
  if (e instanceof errors.JWKSNoMatchingKey) return 'unknown_key';
  if (e instanceof errors.JWKSMultipleMatchingKeys) return 'ambiguous_key';
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'bad_signature';
  return 'malformed';
}
