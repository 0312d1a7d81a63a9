// The real app with the JWT identity: a JWKS-signed token reaches the work items, the dev token
// route does not exist, and identity failures arrive as problem+json with their status.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryDatabase, type Database } from '@mandate/store';
import { startTestIssuer, TEST_AUDIENCE, type TestIssuer } from '../../test-support/testIssuer.js';
import { createServer } from '../createServer.js';
import { loadDefinitions } from '../loadDefinitions.js';
import { identityConfigFromEnv } from './identityConfig.js';
import { createJwtIdentity } from './jwtIdentity.js';

const definitionsDir = join(dirname(fileURLToPath(import.meta.url)), '../../../../definitions');

function jwtApp(db: Database, issuer: TestIssuer, env: Record<string, string> = {}) {
  const config = identityConfigFromEnv({ MANDATE_AUTH_MODE: 'jwt', MANDATE_JWT_ISSUER: issuer.issuer, MANDATE_JWT_AUDIENCE: TEST_AUDIENCE, MANDATE_CLAIM_ROLES: 'realm_access.roles', ...env });
  if (!config.ok || config.config.mode !== 'jwt') throw new Error(JSON.stringify(config));
  return createServer({ db, registry: loadDefinitions(definitionsDir), identity: createJwtIdentity(config.config) });
}

describe('runtime with the JWT identity', () => {
  let idp: TestIssuer;
  let db: Database;
  beforeAll(async () => {
    idp = await startTestIssuer();
    db = await createMemoryDatabase();
  }, 60_000);
  afterAll(async () => {
    await idp.stop();
    await db.close();
  });

  const dana = { sub: 'dana', realm_access: { roles: ['REGIONAL_SALES_DIRECTOR'] }, groups: ['regional-sales-directors'], tenant: 'ACME_EU', region: 'EMEA' };

  it('serves work items to a JWKS-signed token, reports jwt auth, and has no dev token route', async () => {
    const app = jwtApp(db, idp);
    const list = await request(app).get('/work-items').set('Authorization', `Bearer ${await idp.token(dana)}`);
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body).toMatchObject({ items: [] });

    expect((await request(app).get('/healthz')).body).toMatchObject({ auth: 'jwt' });
    const devToken = await request(app).post('/auth/dev/token').send({ userId: 'dana' });
    expect(devToken.status).toBe(404);
  });

  it('refuses bad tokens with 401 and a missing identity provider with 503, as problem+json', async () => {
    const app = jwtApp(db, idp);
    const expired = await request(app)
      .get('/work-items')
      .set('Authorization', `Bearer ${await idp.token({ ...dana, exp: Math.floor(Date.now() / 1000) - 600 })}`);
    expect(expired.status).toBe(401);
    expect(expired.type).toBe('application/problem+json');
    expect(JSON.parse(expired.text)).toMatchObject({ code: 'INVALID_TOKEN', reason: 'expired' });

    const noTenant = await request(app).get('/work-items').set('Authorization', `Bearer ${await idp.token({ ...dana, tenant: undefined })}`);
    expect(noTenant.status).toBe(401);
    expect(JSON.parse(noTenant.text)).toMatchObject({ code: 'TOKEN_CLAIMS_INVALID', claim: 'tenant' });

    const down = await startTestIssuer();
    const token = await down.token(dana);
    await down.stop();
    const unavailable = await request(jwtApp(db, down)).get('/work-items').set('Authorization', `Bearer ${token}`);
    expect(unavailable.status).toBe(503);
    expect(JSON.parse(unavailable.text)).toMatchObject({ code: 'IDENTITY_PROVIDER_UNAVAILABLE', status: 503 });
  });

  it('refuses a token without exp, and one that lives longer than the cap, with 401; a token within the cap is served', async () => {
    const app = jwtApp(db, idp, { MANDATE_JWT_MAX_LIFETIME_SECONDS: '3600' });
    const now = Math.floor(Date.now() / 1000);
    const get = async (claims: Record<string, unknown>) => request(app).get('/work-items').set('Authorization', `Bearer ${await idp.token({ ...dana, ...claims })}`);
    const refused = async (claims: Record<string, unknown>, reason: string) => {
      const res = await get(claims);
      expect(res.status, res.text).toBe(401);
      expect(res.type).toBe('application/problem+json');
      expect(JSON.parse(res.text)).toMatchObject({ code: 'INVALID_TOKEN', reason });
    };
    await refused({ exp: undefined }, 'no_expiry');
    await refused({ exp: undefined, iat: undefined }, 'no_expiry');
    // Ten years, issued now; and a far expiry without iat (the lifetime then counts from now).
    await refused({ exp: now + 10 * 365 * 86400 }, 'lifetime_too_long');
    await refused({ iat: undefined, exp: now + 7200 }, 'lifetime_too_long');
    await refused({ iat: now + 86400, exp: now + 86400 + 600 }, 'lifetime_too_long');
    expect((await get({ exp: now + 3600 })).status).toBe(200);
    expect((await get({ iat: undefined, exp: now + 600 })).status).toBe(200);
    // The default cap is a day: a one-hour token passes, a week-long one does not.
    const byDefault = jwtApp(db, idp);
    expect((await request(byDefault).get('/work-items').set('Authorization', `Bearer ${await idp.token(dana)}`)).status).toBe(200);
    expect(JSON.parse((await request(byDefault).get('/work-items').set('Authorization', `Bearer ${await idp.token({ ...dana, exp: now + 7 * 86400 })}`)).text)).toMatchObject({ status: 401, reason: 'lifetime_too_long' });
  });
});
