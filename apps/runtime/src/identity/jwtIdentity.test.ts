// The JWT identity against a real issuer on loopback: real RS256 keys, a real JWKS endpoint and
// openid-configuration, jose unmocked.
import { SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestIssuer, TEST_AUDIENCE, type TestIssuer } from '../../test-support/testIssuer.js';
import { DomainError } from '@mandate/problems';
import { identityConfigFromEnv } from './identityConfig.js';
import { createJwtIdentity } from './jwtIdentity.js';

let idp: TestIssuer;
beforeAll(async () => {
  idp = await startTestIssuer();
});
afterAll(() => idp.stop());
afterEach(() => {
  vi.useRealTimers();
});

/** The identity the environment would give, trusting `idp` unless `env` says otherwise. */
function identity(env: Record<string, string> = {}, issuer = idp) {
  const result = identityConfigFromEnv({ MANDATE_JWT_ISSUER: issuer.issuer, MANDATE_JWT_AUDIENCE: TEST_AUDIENCE, MANDATE_JWKS_URL: issuer.jwksUrl.href, ...env });
  if (!result.ok || result.config.mode !== 'jwt') throw new Error(JSON.stringify(result));
  return createJwtIdentity(result.config);
}

const dana = { sub: 'dana', name: 'Dana', roles: ['REGIONAL_SALES_DIRECTOR'], groups: ['regional-sales-directors'], tenant: 'ACME_EU', region: 'EMEA' };
const bearer = (token: string) => `Bearer ${token}`;
const now = () => Math.floor(Date.now() / 1000);

/** What verify refused with: the error kind, its code and details. */
async function refusal(verifying: Promise<unknown>) {
  const error = await verifying.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { kind: error.constructor.name, code: error.code, ...error.details };
}

describe('JWT identity', () => {
  it('maps a valid token to a principal: iss + sub, roles, groups, tenant, region and name from claims', async () => {
    expect(await identity().verify(bearer(await idp.token(dana)))).toEqual({
      id: 'dana',
      issuer: idp.issuer,
      name: 'Dana',
      roles: ['REGIONAL_SALES_DIRECTOR'],
      groups: ['regional-sales-directors'],
      tenant: 'ACME_EU',
      region: 'EMEA',
    });
  });

  it('defaults absent or null optional claims: name to the subject, no roles or groups, no region', async () => {
    expect(await identity().verify(bearer(await idp.token({ sub: 'svc-7', tenant: 'ACME_EU', roles: null, region: null })))).toEqual({
      id: 'svc-7',
      issuer: idp.issuer,
      name: 'svc-7',
      roles: [],
      groups: [],
      tenant: 'ACME_EU',
      region: undefined,
    });
  });

  it('follows the configured claim paths: nested (Keycloak realm_access.roles), URL-named, renamed', async () => {
    const keycloakLike = identity({
      MANDATE_CLAIM_ROLES: 'realm_access.roles',
      MANDATE_CLAIM_GROUPS: 'https://mandate.example.com/groups',
      MANDATE_CLAIM_TENANT: 'org_id',
      MANDATE_CLAIM_REGION: 'attributes.region',
      MANDATE_CLAIM_NAME: 'preferred_username',
    });
    const token = await idp.token({
      sub: 'f81d4fae-7dec',
      preferred_username: 'dana',
      realm_access: { roles: ['REGIONAL_SALES_DIRECTOR', 'offline_access'] },
      'https://mandate.example.com/groups': ['regional-sales-directors'],
      org_id: 'ACME_EU',
      attributes: { region: 'EMEA' },
      roles: ['IGNORED'],
      tenant: 'IGNORED',
    });
    expect(await keycloakLike.verify(bearer(token))).toEqual({
      id: 'f81d4fae-7dec',
      issuer: idp.issuer,
      name: 'dana',
      roles: ['REGIONAL_SALES_DIRECTOR', 'offline_access'],
      groups: ['regional-sales-directors'],
      tenant: 'ACME_EU',
      region: 'EMEA',
    });
  });

  it('gives every principal the static tenant of a single-tenant deployment, whatever the token claims', async () => {
    const single = identity({ MANDATE_STATIC_TENANT: 'ACME_EU' });
    expect((await single.verify(bearer(await idp.token({ sub: 'sam' })))).tenant).toBe('ACME_EU');
    expect((await single.verify(bearer(await idp.token({ sub: 'sam', tenant: 'ACME_APAC' })))).tenant).toBe('ACME_EU');
  });

  it('discovers the JWKS URL from the issuer when none is configured', async () => {
    expect((await identity({ MANDATE_JWKS_URL: '' }).verify(bearer(await idp.token(dana)))).id).toBe('dana');
  });

  it('accepts a token expired within the clock tolerance (30 s by default)', async () => {
    expect((await identity().verify(bearer(await idp.token({ ...dana, exp: now() - 10 })))).id).toBe('dana');
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['another scheme', 'Basic ZGFuYTpzZWNyZXQ='],
    ['Bearer without token', 'Bearer '],
    ['a token that is no JWS', 'Bearer not-a-jwt'],
    ['a token without scheme', 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln'],
  ])('asks for authentication on %s', async (_, header) => {
    expect(await refusal(identity().verify(header))).toEqual({ kind: 'UnauthenticatedError', code: 'AUTHENTICATION_REQUIRED' });
  });

  const otherKey = () => idp.unpublishedKey();
  it.each<[string, (i: TestIssuer) => Promise<string>, string, Record<string, string>?]>([
    ['another issuer', (i) => i.token({ ...dana, iss: 'https://evil.example.com' }), 'wrong_issuer'],
    ['no issuer', (i) => i.token({ ...dana, iss: undefined }), 'wrong_issuer'],
    ['another audience', (i) => i.token({ ...dana, aud: 'some-other-api' }), 'wrong_audience'],
    ['no audience', (i) => i.token({ ...dana, aud: undefined }), 'wrong_audience'],
    ['expired', (i) => i.token({ ...dana, exp: now() - 120 }), 'expired'],
    ['not yet valid', (i) => i.token({ ...dana, nbf: now() + 120 }), 'not_yet_valid'],
    ['HS256, signed with a secret', () => new SignJWT({ ...dana, iss: idp.issuer, aud: TEST_AUDIENCE }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode('a-shared-secret-of-32-bytes-long')), 'algorithm_not_allowed'],
    ['alg none', () => Promise.resolve(new UnsecuredJWT({ ...dana, iss: idp.issuer, aud: TEST_AUDIENCE }).setExpirationTime('1h').encode()), 'algorithm_not_allowed'],
    ['RS256 where only ES256 is allowed', (i) => i.token(dana), 'algorithm_not_allowed', { MANDATE_JWT_ALGORITHMS: 'ES256' }],
    ['signed by a key the issuer does not publish', async (i) => i.token(dana, await otherKey()), 'unknown_key'],
    ['a payload changed after signing', async (i) => {
      const [header, , signature] = (await i.token(dana)).split('.');
      return `${header}.${Buffer.from(JSON.stringify({ ...dana, roles: ['GOVERNANCE_ADMIN'], iss: i.issuer, aud: TEST_AUDIENCE, exp: now() + 60 })).toString('base64url')}.${signature}`;
    }, 'bad_signature'],
    ['whose header is no JSON', async (i) => {
      const [, payload, signature] = (await i.token(dana)).split('.');
      return `${Buffer.from('not json').toString('base64url')}.${payload}.${signature}`;
    }, 'malformed'],
  ])('refuses a token %s as INVALID_TOKEN', async (_, token, reason, env = {}) => {
    expect(await refusal(identity(env).verify(bearer(await token(idp))))).toEqual({ kind: 'UnauthenticatedError', code: 'INVALID_TOKEN', reason });
  });

  it.each<[string, JWTPayload, string]>([
    ['no subject', { ...dana, sub: undefined }, 'sub'],
    ['an empty subject', { ...dana, sub: '' }, 'sub'],
    ['a subject that is a number', { ...dana, sub: 42 as unknown as string }, 'sub'],
    ['a subject with surrounding whitespace', { ...dana, sub: ' dana' }, 'sub'],
    ['an issuer-qualified subject', { ...dana, sub: 'urn:mandate:dev-identity|dana' }, 'sub'],
    ['no tenant', { ...dana, tenant: undefined }, 'tenant'],
    ['a tenant that is a number', { ...dana, tenant: 7 }, 'tenant'],
    ['roles as one string', { ...dana, roles: 'REGIONAL_SALES_DIRECTOR' }, 'roles'],
    ['groups with a number among them', { ...dana, groups: ['sales-managers', 3] }, 'groups'],
    ['a region that is an object', { ...dana, region: { code: 'EMEA' } }, 'region'],
    ['a name that is a list', { ...dana, name: ['Dana'] }, 'name'],
  ])('refuses a token with %s as TOKEN_CLAIMS_INVALID', async (_, claims, claim) => {
    expect(await refusal(identity().verify(bearer(await idp.token(claims))))).toEqual({ kind: 'UnauthenticatedError', code: 'TOKEN_CLAIMS_INVALID', claim });
  });

  it('gives the subject in its canonical form (case and compatibility forms folded), the id four-eyes compares', async () => {
    expect((await identity().verify(bearer(await idp.token({ ...dana, sub: 'DANA' })))).id).toBe('dana');
    expect((await identity().verify(bearer(await idp.token({ ...dana, sub: 'Ｄａｎａ' })))).id).toBe('dana');
    expect((await identity().verify(bearer(await idp.token({ ...dana, sub: 'auth0|64AB12' })))).id).toBe('auth0|64ab12');
  });

  it('refuses a token whose nested tenant path leads nowhere, naming the path', async () => {
    const nested = identity({ MANDATE_CLAIM_TENANT: 'org.id' });
    expect(await refusal(nested.verify(bearer(await idp.token({ ...dana, org: 'ACME_EU' }))))).toEqual({ kind: 'UnauthenticatedError', code: 'TOKEN_CLAIMS_INVALID', claim: 'org.id' });
  });

  it('picks up a rotated key: a new kid in the JWKS verifies once the 30 s refetch cooldown has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const rotating = identity();
    const oldToken = await idp.token(dana);
    expect((await rotating.verify(bearer(oldToken))).id).toBe('dana');

    const newKey = await idp.rotate();
    // Within the cooldown the cached key set is kept: made-up kids cannot make us hammer the provider.
    expect(await refusal(rotating.verify(bearer(await idp.token(dana, newKey))))).toMatchObject({ code: 'INVALID_TOKEN', reason: 'unknown_key' });

    vi.setSystemTime(Date.now() + 31_000);
    expect((await rotating.verify(bearer(await idp.token(dana, newKey)))).id).toBe('dana');
    // Tokens of the old key stay valid while the provider still publishes it.
    expect((await rotating.verify(bearer(oldToken))).id).toBe('dana');
  });

  it('answers IDENTITY_PROVIDER_UNAVAILABLE (503) when the JWKS or the discovery endpoint is down', async () => {
    const down = await startTestIssuer();
    const token = await down.token(dana);
    await down.stop();
    const unavailable = { kind: 'UnavailableError', code: 'IDENTITY_PROVIDER_UNAVAILABLE' };
    expect(await refusal(identity({}, down).verify(bearer(token)))).toEqual(unavailable);
    expect(await refusal(identity({ MANDATE_JWKS_URL: '' }, down).verify(bearer(token)))).toEqual(unavailable);
    // A malformed token is refused before any key is needed.
    expect(await refusal(identity({}, down).verify('Bearer x'))).toMatchObject({ code: 'AUTHENTICATION_REQUIRED' });
  });
});
