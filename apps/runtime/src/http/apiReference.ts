/**
 * The API reference page at `GET /api/reference`: `/openapi.json` rendered by Swagger UI, whose
 * prebuilt bundle (`swagger-ui-dist`) is served from this runtime, never from a CDN. The page,
 * its script and its stylesheet carry {@link API_REFERENCE_CONTENT_SECURITY_POLICY}: scripts and
 * styles from this origin only, no inline script or style.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';

/** The reference page's CSP: its own files, its own API, `data:` images (Swagger UI's icons). */
export const API_REFERENCE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const here = join(dirname(fileURLToPath(import.meta.url)), 'apiReference');
const swaggerUi = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** The files the page loads, by the name it asks for. */
const ASSETS: Record<string, string> = {
  'swagger-ui-bundle.js': join(swaggerUi, 'swagger-ui-bundle.js'),
  'swagger-ui.css': join(swaggerUi, 'swagger-ui.css'),
  'init.js': join(here, 'init.js'),
};

/**
 * Mounted at `/api/reference`: the page (a route, in the OpenAPI document) and its assets under
 * `/api/reference/assets/` (files, not routes). The page links its assets relative to
 * `/api/reference`, so `/api/reference/` redirects there.
 */
export function apiReferenceRoutes(): Router {
  const router = Router();
  router.get('/', (req, res) => {
    if (req.originalUrl.split('?')[0]!.endsWith('/')) return res.redirect(301, '../reference');
    res.setHeader('Content-Security-Policy', API_REFERENCE_CONTENT_SECURITY_POLICY);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(here, 'index.html'));
  });
  router.use('/assets', (req, res, next) => {
    const file = ASSETS[req.path.slice(1)];
    if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    res.setHeader('Content-Security-Policy', API_REFERENCE_CONTENT_SECURITY_POLICY);
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.sendFile(file);
  });
  return router;
}
