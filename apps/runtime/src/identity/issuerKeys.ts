/**
 * The identity provider's public signing keys, for jwtVerify. jose's remote key set caches them:
 * refetched after 10 minutes, and when a token names an unknown key id (key rotation) at most
 * once per 30 s, so tokens with made-up key ids cannot make us hammer the provider. Failing to get
 * the keys is the provider's fault (503), not the caller's (401).
 */
import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';
import { UnavailableError } from '@mandate/problems';
import { discoverJwksUrl } from './discoverJwksUrl.js';

/** Keys from `jwksUrl`, or from the JWKS URL the issuer's openid-configuration names. */
export function issuerKeys(issuer: string, jwksUrl: URL | undefined): JWTVerifyGetKey {
  let keySet: Promise<JWTVerifyGetKey> | undefined = jwksUrl && Promise.resolve(createRemoteJWKSet(jwksUrl));
  return async (header, token) => {
    const pending = (keySet ??= discoverJwksUrl(issuer).then((url) => createRemoteJWKSet(url)));
    let keys: JWTVerifyGetKey;
    try {
      keys = await pending;
    } catch (e) {
      // A failed discovery is tried again by the next request.
      if (keySet === pending) keySet = undefined;
      throw unavailable(e);
    }
    try {
      return await keys(header, token);
    } catch (e) {
      // The key set was fetched but no key fits the token: the token's fault.
      if (e instanceof errors.JWKSNoMatchingKey || e instanceof errors.JWKSMultipleMatchingKeys) throw e;
      throw unavailable(e);
    }
  };
}

function unavailable(cause: unknown): UnavailableError {
  return new UnavailableError('IDENTITY_PROVIDER_UNAVAILABLE', "the identity provider's signing keys could not be fetched; try again later", {}, { cause });
}
