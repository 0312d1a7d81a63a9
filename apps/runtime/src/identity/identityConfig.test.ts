import { describe, expect, it } from 'vitest';
import { identityConfigFromEnv } from './identityConfig.js';

const jwt = { MANDATE_JWT_ISSUER: 'https://login.example.com/realms/acme', MANDATE_JWT_AUDIENCE: 'mandate-runtime' };

const errorsOf = (env: Record<string, string>) => {
  const result = identityConfigFromEnv(env);
  return result.ok ? [] : result.errors;
};

describe('identityConfigFromEnv', () => {
  it('is dev mode without JWT settings, or with MANDATE_AUTH_MODE=dev', () => {
    expect(identityConfigFromEnv({})).toEqual({ ok: true, config: { mode: 'dev' } });
    expect(identityConfigFromEnv({ MANDATE_AUTH_MODE: 'dev', MANDATE_JWT_ISSUER: '  ' })).toEqual({ ok: true, config: { mode: 'dev' } });
  });

  it('is jwt mode once an issuer is set, with defaults for everything but the audience', () => {
    expect(identityConfigFromEnv(jwt)).toEqual({
      ok: true,
      config: {
        mode: 'jwt',
        issuer: jwt.MANDATE_JWT_ISSUER,
        audience: ['mandate-runtime'],
        jwksUrl: undefined,
        algorithms: ['RS256', 'ES256'],
        clockToleranceSeconds: 30,
        maxLifetimeSeconds: 86400,
        claims: { roles: ['roles'], groups: ['groups'], region: ['region'], name: ['name'], tenant: { claim: ['tenant'] } },
      },
    });
  });

  it('reads every setting: audiences and algorithms as lists, dotted claim paths, URL-named claims whole', () => {
    const result = identityConfigFromEnv({
      MANDATE_AUTH_MODE: 'jwt',
      ...jwt,
      MANDATE_JWT_AUDIENCE: 'mandate-runtime, api://mandate',
      MANDATE_JWKS_URL: 'https://login.example.com/realms/acme/protocol/openid-connect/certs',
      MANDATE_JWT_ALGORITHMS: 'PS256,ES384',
      MANDATE_JWT_CLOCK_TOLERANCE_SECONDS: '0',
      MANDATE_CLAIM_ROLES: 'realm_access.roles',
      MANDATE_CLAIM_GROUPS: 'https://mandate.example.com/groups',
      MANDATE_CLAIM_REGION: 'attributes.region',
      MANDATE_CLAIM_NAME: 'preferred_username',
      MANDATE_STATIC_TENANT: 'ACME_EU',
    });
    expect(result).toMatchObject({
      ok: true,
      config: {
        audience: ['mandate-runtime', 'api://mandate'],
        jwksUrl: new URL('https://login.example.com/realms/acme/protocol/openid-connect/certs'),
        algorithms: ['PS256', 'ES384'],
        clockToleranceSeconds: 0,
        claims: { roles: ['realm_access', 'roles'], groups: ['https://mandate.example.com/groups'], region: ['attributes', 'region'], name: ['preferred_username'], tenant: { static: 'ACME_EU' } },
      },
    });
  });

  it.each([
    ['the dev issuer', { ...jwt, MANDATE_JWT_ISSUER: 'urn:mandate:dev-identity', MANDATE_JWKS_URL: 'https://x.example/jwks' }, /must not be the development issuer/],
    ['the runtime issuer', { ...jwt, MANDATE_JWT_ISSUER: 'urn:mandate:system', MANDATE_JWKS_URL: 'https://x.example/jwks' }, /must not be urn:mandate:system/],
    ['HS256', { ...jwt, MANDATE_JWT_ALGORITHMS: 'RS256,HS256' }, /must not contain HS256: shared-secret/],
    ['alg none', { ...jwt, MANDATE_JWT_ALGORITHMS: 'none' }, /"none" is not allowed/],
    ['a missing audience', { MANDATE_JWT_ISSUER: jwt.MANDATE_JWT_ISSUER }, /MANDATE_JWT_AUDIENCE is required/],
    ['jwt mode without issuer', { MANDATE_AUTH_MODE: 'jwt', MANDATE_JWT_AUDIENCE: 'a', MANDATE_JWKS_URL: 'https://x.example/jwks' }, /MANDATE_JWT_ISSUER is required/],
    ['an unknown mode', { MANDATE_AUTH_MODE: 'oidc' }, /MANDATE_AUTH_MODE must be dev or jwt/],
    ['JWT settings in dev mode', { MANDATE_JWT_AUDIENCE: 'a', MANDATE_JWKS_URL: 'https://x.example/jwks' }, /MANDATE_JWT_AUDIENCE, MANDATE_JWKS_URL are set but the identity is in dev mode/],
    ['a JWKS URL over plain http', { ...jwt, MANDATE_JWKS_URL: 'http://login.example.com/certs' }, /MANDATE_JWKS_URL must be an https URL/],
    ['discovery from an issuer that is no URL', { ...jwt, MANDATE_JWT_ISSUER: 'urn:acme:idp' }, /MANDATE_JWT_ISSUER \(no MANDATE_JWKS_URL is set.*must be an https URL/],
    ['a static and a claimed tenant', { ...jwt, MANDATE_STATIC_TENANT: 'ACME_EU', MANDATE_CLAIM_TENANT: 'org_id' }, /both set/],
    ['a clock tolerance that is no number', { ...jwt, MANDATE_JWT_CLOCK_TOLERANCE_SECONDS: '30s' }, /whole number of seconds/],
    ['a clock tolerance over 5 minutes', { ...jwt, MANDATE_JWT_CLOCK_TOLERANCE_SECONDS: '3600' }, /whole number of seconds/],
    ['a maximum token lifetime over a week', { ...jwt, MANDATE_JWT_MAX_LIFETIME_SECONDS: '31536000' }, /MANDATE_JWT_MAX_LIFETIME_SECONDS must be a whole number of seconds from 60/],
    ['a maximum token lifetime under a minute', { ...jwt, MANDATE_JWT_MAX_LIFETIME_SECONDS: '5' }, /MANDATE_JWT_MAX_LIFETIME_SECONDS/],
    ['an empty claim path segment', { ...jwt, MANDATE_CLAIM_ROLES: 'realm_access..roles' }, /MANDATE_CLAIM_ROLES is not a claim path/],
  ])('refuses %s', (_, env, message) => {
    const errors = errorsOf(env);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it('names every problem at once', () => {
    expect(errorsOf({ MANDATE_AUTH_MODE: 'jwt', MANDATE_JWT_ALGORITHMS: 'HS512', MANDATE_JWKS_URL: 'ftp://x' })).toEqual([
      expect.stringMatching(/^MANDATE_JWT_ISSUER is required/),
      expect.stringMatching(/^MANDATE_JWT_AUDIENCE is required/),
      expect.stringMatching(/^MANDATE_JWKS_URL must be an https URL/),
      expect.stringMatching(/^MANDATE_JWT_ALGORITHMS must not contain HS512/),
    ]);
  });

  it('allows plain http to a loopback identity provider', () => {
    expect(identityConfigFromEnv({ ...jwt, MANDATE_JWKS_URL: 'http://127.0.0.1:8080/jwks' }).ok).toBe(true);
    expect(identityConfigFromEnv({ ...jwt, MANDATE_JWT_ISSUER: 'http://localhost:8080/realms/acme' }).ok).toBe(true);
  });
});
