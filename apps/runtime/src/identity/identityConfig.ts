/**
 * Identity settings from the environment, checked in one place so that a bad setting stops the
 * start with every problem named, instead of surfacing later as 401s. Refused on purpose:
 * - the dev issuer: its tokens are signed with a key anyone running the dev start holds;
 * - HS* and `none`: a shared secret would let every holder mint tokens; jwt mode trusts only the
 *   identity provider's public keys;
 * - JWT settings next to dev mode: a half-configured production must not fall back to demo users;
 * - plain http for keys, except on loopback: whoever could tamper with the key set could mint tokens.
 * Tokens must carry `exp`, and live at most `MANDATE_JWT_MAX_LIFETIME_SECONDS` (a day by default):
 * a token that never expires stays a key to the runtime long after its holder left.
 */
import { DEV_ISSUER } from './devIdentity.js';
import { SYSTEM_ISSUER } from './systemPrincipal.js';

/** Where an attribute of the principal is read from: the segments of a claim path. */
export type ClaimPath = readonly string[];

/** Which claim each principal attribute comes from. */
export interface ClaimMapping {
  roles: ClaimPath;
  groups: ClaimPath;
  region: ClaimPath;
  name: ClaimPath;
  /** A claim, or the one tenant of a single-tenant deployment. */
  tenant: { claim: ClaimPath } | { static: string };
}

/** Production identity: bearer JWTs of one OIDC issuer, verified against its published keys. */
export interface JwtIdentityConfig {
  mode: 'jwt';
  issuer: string;
  /** The token's `aud` must contain one of these. */
  audience: string[];
  /** The issuer's key set; when absent it is discovered from the issuer's openid-configuration. */
  jwksUrl?: URL | undefined;
  algorithms: string[];
  clockToleranceSeconds: number;
  /** The longest lifetime accepted: `exp` minus `iat` (minus now when the token has no `iat`). */
  maxLifetimeSeconds: number;
  claims: ClaimMapping;
}

export type IdentityConfig = { mode: 'dev' } | JwtIdentityConfig;

/** The parsed configuration, or every problem found (each a sentence naming its variable). */
export type IdentityConfigResult = { ok: true; config: IdentityConfig } | { ok: false; errors: string[] };

/** Asymmetric JWS algorithms jose verifies with a public key from a key set. */
const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
const DEFAULT_ALGORITHMS = ['RS256', 'ES256'];
const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;
const MAX_CLOCK_TOLERANCE_SECONDS = 300;
/** A day: longer than the access tokens of common identity providers (5 minutes to 24 hours). */
const DEFAULT_MAX_LIFETIME_SECONDS = 86_400;
const MAX_MAX_LIFETIME_SECONDS = 7 * 86_400;

/** Variables that only mean something in jwt mode. */
const JWT_VARIABLES = [
  'MANDATE_JWT_ISSUER',
  'MANDATE_JWT_AUDIENCE',
  'MANDATE_JWKS_URL',
  'MANDATE_JWT_ALGORITHMS',
  'MANDATE_JWT_CLOCK_TOLERANCE_SECONDS',
  'MANDATE_JWT_MAX_LIFETIME_SECONDS',
  'MANDATE_CLAIM_ROLES',
  'MANDATE_CLAIM_GROUPS',
  'MANDATE_CLAIM_TENANT',
  'MANDATE_CLAIM_REGION',
  'MANDATE_CLAIM_NAME',
  'MANDATE_STATIC_TENANT',
];

/**
 * Reads the identity settings: jwt mode when `MANDATE_AUTH_MODE=jwt` or `MANDATE_JWT_ISSUER` is
 * set, dev mode otherwise. Empty values count as unset.
 */
export function identityConfigFromEnv(env: Record<string, string | undefined>): IdentityConfigResult {
  const value = (name: string) => env[name]?.trim() || undefined;
  const mode = value('MANDATE_AUTH_MODE');
  if (mode !== undefined && mode !== 'dev' && mode !== 'jwt') return { ok: false, errors: [`MANDATE_AUTH_MODE must be dev or jwt, not "${mode}"`] };
  if (mode === 'jwt' || (mode === undefined && value('MANDATE_JWT_ISSUER'))) return jwtConfig(value);

  const stray = JWT_VARIABLES.filter((name) => value(name));
  if (stray.length > 0) {
    return { ok: false, errors: [`${stray.join(', ')} ${stray.length > 1 ? 'are' : 'is'} set but the identity is in dev mode; set MANDATE_AUTH_MODE=jwt and MANDATE_JWT_ISSUER, or unset them`] };
  }
  return { ok: true, config: { mode: 'dev' } };
}

function jwtConfig(value: (name: string) => string | undefined): IdentityConfigResult {
  const errors: string[] = [];
  const list = (name: string) => value(name)?.split(',').map((s) => s.trim()).filter(Boolean);

  const issuer = value('MANDATE_JWT_ISSUER');
  if (!issuer) errors.push('MANDATE_JWT_ISSUER is required in jwt mode: the issuer (iss) of the tokens to trust');
  else if (issuer === DEV_ISSUER) errors.push(`MANDATE_JWT_ISSUER must not be the development issuer ${DEV_ISSUER}: its tokens are signed with a key of the dev start`);
  else if (issuer === SYSTEM_ISSUER) errors.push(`MANDATE_JWT_ISSUER must not be ${SYSTEM_ISSUER}: it names the runtime's own principal, which no token may act as`);

  const audience = list('MANDATE_JWT_AUDIENCE') ?? [];
  if (audience.length === 0) errors.push('MANDATE_JWT_AUDIENCE is required in jwt mode: the audience (aud) the identity provider issues tokens for this runtime with');

  const jwksUrl = value('MANDATE_JWKS_URL');
  const parsedJwksUrl = jwksUrl ? keyUrl('MANDATE_JWKS_URL', jwksUrl, errors) : undefined;
  if (!jwksUrl && issuer && issuer !== DEV_ISSUER) keyUrl('MANDATE_JWT_ISSUER (no MANDATE_JWKS_URL is set, so keys are discovered from it)', issuer, errors);

  const algorithms = list('MANDATE_JWT_ALGORITHMS') ?? DEFAULT_ALGORITHMS;
  for (const alg of algorithms) {
    if (/^HS\d+$/i.test(alg)) errors.push(`MANDATE_JWT_ALGORITHMS must not contain ${alg}: shared-secret algorithms let every holder of the secret mint tokens; use the identity provider's asymmetric keys`);
    else if (!ASYMMETRIC_ALGORITHMS.includes(alg)) errors.push(`MANDATE_JWT_ALGORITHMS: "${alg}" is not allowed; choose from ${ASYMMETRIC_ALGORITHMS.join(', ')}`);
  }
  if (algorithms.length === 0) errors.push('MANDATE_JWT_ALGORITHMS lists no algorithm');

  const tolerance = value('MANDATE_JWT_CLOCK_TOLERANCE_SECONDS') ?? String(DEFAULT_CLOCK_TOLERANCE_SECONDS);
  const clockToleranceSeconds = Number(tolerance);
  if (!/^\d+$/.test(tolerance) || clockToleranceSeconds > MAX_CLOCK_TOLERANCE_SECONDS) {
    errors.push(`MANDATE_JWT_CLOCK_TOLERANCE_SECONDS must be a whole number of seconds from 0 to ${MAX_CLOCK_TOLERANCE_SECONDS}, not "${tolerance}"`);
  }

  const lifetime = value('MANDATE_JWT_MAX_LIFETIME_SECONDS') ?? String(DEFAULT_MAX_LIFETIME_SECONDS);
  const maxLifetimeSeconds = Number(lifetime);
  if (!/^\d+$/.test(lifetime) || maxLifetimeSeconds < 60 || maxLifetimeSeconds > MAX_MAX_LIFETIME_SECONDS) {
    errors.push(`MANDATE_JWT_MAX_LIFETIME_SECONDS must be a whole number of seconds from 60 to ${MAX_MAX_LIFETIME_SECONDS}, not "${lifetime}"`);
  }

  const path = (name: string, fallback: string) => claimPath(name, value(name) ?? fallback, errors);
  const staticTenant = value('MANDATE_STATIC_TENANT');
  if (staticTenant && value('MANDATE_CLAIM_TENANT')) errors.push('MANDATE_STATIC_TENANT and MANDATE_CLAIM_TENANT are both set; a deployment takes the tenant from a claim or has one static tenant, not both');
  const claims: ClaimMapping = {
    roles: path('MANDATE_CLAIM_ROLES', 'roles'),
    groups: path('MANDATE_CLAIM_GROUPS', 'groups'),
    region: path('MANDATE_CLAIM_REGION', 'region'),
    name: path('MANDATE_CLAIM_NAME', 'name'),
    tenant: staticTenant ? { static: staticTenant } : { claim: path('MANDATE_CLAIM_TENANT', 'tenant') },
  };

  if (errors.length > 0 || !issuer) return { ok: false, errors };
  return { ok: true, config: { mode: 'jwt', issuer, audience, jwksUrl: parsedJwksUrl, algorithms, clockToleranceSeconds, maxLifetimeSeconds, claims } };
}

/** Keys are fetched over https only, or plain http on loopback (a local identity provider in development and tests). */
export function isSecureKeyUrl(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
}

function keyUrl(name: string, raw: string, errors: string[]): URL | undefined {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (url && isSecureKeyUrl(url)) return url;
  errors.push(`${name} must be an https URL (http only on localhost), not "${raw}"`);
  return undefined;
}

/**
 * A claim path: dot-separated segments into nested objects (`realm_access.roles`), except that a
 * URL-like name (`https://example.com/roles`, the namespaced custom claims of Auth0 and Okta) is
 * one top-level claim, dots and all.
 */
function claimPath(name: string, raw: string, errors: string[]): ClaimPath {
  if (/^https?:\/\//.test(raw)) return [raw];
  const segments = raw.split('.');
  if (segments.some((s) => s === '')) errors.push(`${name} is not a claim path: "${raw}" (use a claim name or a dotted path such as realm_access.roles)`);
  return segments;
}
