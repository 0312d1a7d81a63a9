/**
 * Serves the studio's production build (apps/studio/dist): hashed assets at `/`, the single-page
 * app for every `/studio/*` path, and `/` redirects to `/studio/`. Mounted after the API routes,
 * so an API path always wins. Without a build, `/studio/` says how to make one. Its pages and
 * assets carry the studio's Content-Security-Policy (`STUDIO_CONTENT_SECURITY_POLICY`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import { setStudioContentSecurityPolicy } from '../http/securityHeaders.js';

/** The studio routes for a build directory (it may not exist yet: it is checked per request). */
export function studioRoutes(distDir: string): Router {
  const router = Router();
  const indexHtml = join(distDir, 'index.html');
  router.get('/', (_req, res) => {
    res.redirect(302, '/studio/');
  });
  router.use(
    express.static(distDir, {
      index: false,
      redirect: false,
      setHeaders: (res, path) => {
        setStudioContentSecurityPolicy(res);
        // Vite hashes asset names: they never change; index.html must always be asked for again.
        res.setHeader('Cache-Control', path.includes(`${join(distDir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  router.get(['/studio', '/studio/{*rest}'], (_req, res) => {
    setStudioContentSecurityPolicy(res);
    if (!existsSync(indexHtml)) {
      res.status(503).type('text/plain').send(`The studio is not built yet: run \`npm run build -w apps/studio\` (or \`npm start\`, which builds it), then reload.\nLooked for ${indexHtml}.\n`);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });
  return router;
}
