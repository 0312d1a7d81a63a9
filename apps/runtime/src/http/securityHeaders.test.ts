// Security headers on every answer: API JSON and problems get a policy that runs nothing; the
// studio's pages get a CSP that loads its own bundle and nothing inline. Nothing may frame either.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryDatabase, type Database } from '@mandate/store';
import { createServer } from '../createServer.js';
import { createDevIdentity } from '../identity/devIdentity.js';
import { loadDefinitions } from '../loadDefinitions.js';

const definitionsDir = join(dirname(fileURLToPath(import.meta.url)), '../../../../definitions');

/** The CSP's directives by name. */
const directives = (csp: string | undefined) => new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));

describe('security headers', () => {
  let db: Database;
  let app: ReturnType<typeof createServer>;
  beforeAll(async () => {
    db = await createMemoryDatabase();
    const studioDir = mkdtempSync(join(tmpdir(), 'studio-'));
    mkdirSync(join(studioDir, 'assets'));
    writeFileSync(join(studioDir, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/index-abc.js"></script></head><body><div id="root"></div></body></html>');
    writeFileSync(join(studioDir, 'assets/index-abc.js'), 'console.log(1)');
    app = createServer({ db, registry: loadDefinitions(definitionsDir), identity: createDevIdentity(), studioDir });
  });
  afterAll(() => db.close());

  const common = (res: request.Response) => {
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(directives(res.headers['content-security-policy']).get('frame-ancestors')).toEqual(["'none'"]);
    expect(res.headers['x-powered-by']).toBeUndefined();
  };

  it('sends nosniff, no referrer, no framing and a CSP that runs nothing with API answers, problems included', async () => {
    for (const res of [await request(app).get('/healthz'), await request(app).get('/work-items'), await request(app).get('/no-such-route'), await request(app).get('/openapi.json')]) {
      common(res);
      const csp = directives(res.headers['content-security-policy']);
      expect(csp.get('default-src')).toEqual(["'none'"]);
      expect(csp.has('script-src')).toBe(false);
    }
  });

  it('serves the studio with a CSP for its own bundle: no inline script, no other origin, no framing', async () => {
    for (const path of ['/studio/', '/studio/work/items', '/assets/index-abc.js']) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(200);
      common(res);
      const csp = directives(res.headers['content-security-policy']);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
      expect(csp.get('script-src')?.[0]).toBe("'self'");
      // Only the empty stylesheet's hash beside 'self' (emotion's style elements): no 'unsafe-inline', no stylesheet with content.
      expect(csp.get('style-src')).toEqual(["'self'", "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"]);
      expect(csp.get('connect-src')).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'self'"]);
    }
  });
});
