import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The runtime serves the production build at `/`; in development Vite proxies the API to it.
const runtime = process.env.MANDATE_RUNTIME_URL ?? 'http://127.0.0.1:3000';
const apiPaths = ['/work-items', '/definitions', '/audit', '/auth', '/events', '/processes', '/healthz', '/openapi.json', '/me'];

export default defineConfig({
  plugins: [react()],
  // rjsf's validator nests its own copy of ajv beside the studio's (for Ajv2020): bundle one.
  resolve: { dedupe: ['ajv'] },
  build: { outDir: 'dist', sourcemap: true },
  server: { proxy: Object.fromEntries(apiPaths.map((p) => [p, runtime])) },
});
