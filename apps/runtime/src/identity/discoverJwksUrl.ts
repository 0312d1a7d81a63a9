import { isSecureKeyUrl } from './identityConfig.js';

const TIMEOUT_MS = 5_000;

/**
 * The JWKS URL of an OIDC issuer, from `${issuer}/.well-known/openid-configuration` (OpenID
 * Connect Discovery 1.0). The document must name the same issuer, as the spec requires, so that a
 * misrouted or impersonated endpoint cannot hand over another provider's keys.
 */
export async function discoverJwksUrl(issuer: string): Promise<URL> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'application/json' } });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (document.issuer !== issuer) throw new Error(`${url} is the configuration of issuer ${JSON.stringify(document.issuer)}, not ${issuer}`);
  const jwksUri = typeof document.jwks_uri === 'string' && URL.canParse(document.jwks_uri) ? new URL(document.jwks_uri) : undefined;
  if (!jwksUri || !isSecureKeyUrl(jwksUri)) throw new Error(`${url} has no https jwks_uri: ${JSON.stringify(document.jwks_uri)}`);
  return jwksUri;
}
