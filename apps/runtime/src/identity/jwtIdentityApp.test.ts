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

function jwtApp(db: Database, issuer: TestIssuer) {
  const config = identityConfigFromEnv({ MANDATE_AUTH_MODE: 'jwt', MANDATE_JWT_ISSUER: issuer.issuer, MANDATE_JWT_AUDIENCE: TEST_AUDIENCE, MANDATE_CLAIM_ROLES: 'realm_access.roles' });
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
});
