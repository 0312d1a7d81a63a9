// The studio in Debian's chromium (never a downloaded browser) against the real runtime: the
// harness builds the studio when its build is missing or older than its sources, starts the demo
// runtime serving that build (PGlite, or PostgreSQL when DATABASE_URL is set), and hands out pages
// that fail the current test on any console error or uncaught page error.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { onTestFinished } from 'vitest';
import { startDemoRuntime } from '@mandate/runtime/test-support/demoRuntime';
import { repoRoot } from '../../support/paths.js';

/** A running studio: the runtime's URL, pages as demo users, screenshots, and shutdown. */
export interface Studio {
  /** `http://127.0.0.1:<port>`: the runtime, with the studio at `/studio/`. */
  url: string;
  /** `pglite` or `postgresql`. */
  database: string;
  /** A new page in a fresh browser context; with a user id, signed in through the login picker and on that user's home area (worklist, definitions or audit). */
  page(userId?: string): Promise<Page>;
  /** A full-page screenshot under test/browser/artifacts/; returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export const studioDir = join(repoRoot, 'apps/studio');
export const artifactsDir = join(repoRoot, 'test/browser/artifacts');
const CHROMIUM = '/usr/bin/chromium';

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

/** Whether apps/studio/dist is missing or older than the studio's (or the client's) sources. */
export function studioBuildIsStale(): boolean {
  const built = join(studioDir, 'dist/index.html');
  if (!existsSync(built)) return true;
  const sources = Math.max(
    newestMtime(join(studioDir, 'src')),
    newestMtime(join(studioDir, 'index.html')),
    newestMtime(join(studioDir, 'vite.config.ts')),
    newestMtime(join(repoRoot, 'packages/client/src')),
  );
  return statSync(built).mtimeMs < sources;
}

/** Builds the studio with vite when stale. Test files run in parallel workers: one builds, the others wait on a lock. */
export async function ensureStudioBuild(): Promise<void> {
  const lock = join(studioDir, '.build-lock');
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker builds; a lock older than two minutes is left over from a killed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      if (waited > 180_000) throw new Error(`timed out waiting for ${lock}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    if (!studioBuildIsStale()) return;
    const vite = join(repoRoot, 'node_modules/.bin/vite');
    // The production build, as `npm start` serves it: under vitest NODE_ENV is `test`, which would make vite pick the
    // packages' development builds (emotion's then writes each rule as <style> text, which the studio's CSP refuses).
    const result = spawnSync(vite, ['build', '--logLevel', 'warn'], { cwd: studioDir, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
    if (result.status !== 0) throw new Error(`vite build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

const allowed = new WeakMap<Page, RegExp[]>();

/**
 * Console errors the test expects (e.g. chromium's "Failed to load resource: ... 409" when the
 * test provokes a conflict). Everything else still fails the test.
 */
export function allowConsoleErrors(page: Page, ...patterns: RegExp[]): void {
  allowed.set(page, [...(allowed.get(page) ?? []), ...patterns]);
}

/** Starts the runtime and chromium. */
export async function startStudio(): Promise<Studio> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`);
  await ensureStudioBuild();
  const runtime = await startDemoRuntime({ studioDir: join(studioDir, 'dist'), ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}) });
  const userDataDir = mkdtempSync(join(tmpdir(), 'mandate-chromium-'));
  let browser: Browser | undefined;
  try {
    // A persistent context is the only way to give chromium our own fresh --user-data-dir.
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
    });
    browser = context.browser() ?? undefined;
    const errorsOf = new Map<Page, string[]>();

    return {
      url: runtime.url,
      database: runtime.database,
      async page(userId?: string) {
        // The session token lives in sessionStorage, which is per tab: each page is its own session.
        const page = await context.newPage();
        const errors: string[] = [];
        errorsOf.set(page, errors);
        page.on('console', (message) => {
          if (message.type() !== 'error') return;
          const text = `${message.text()} (${message.location().url})`;
          if (!(allowed.get(page) ?? []).some((pattern) => pattern.test(text))) errors.push(`console error: ${text}`);
        });
        page.on('pageerror', (error) => errors.push(`page error: ${error.stack ?? error.message}`));
        try {
          onTestFinished(() => {
            errorsOf.delete(page);
            if (errors.length) throw new Error(`the page logged errors:\n${errors.join('\n')}`);
          });
        } catch {
          // Outside a running test (a beforeAll): close() reports them instead.
        }
        if (userId) {
          await page.goto(`${runtime.url}/studio/login`);
          await page.getByRole('button', { name: new RegExp(`^Sign in as ${userId}\\b`, 'i') }).click();
          // Case workers land on the worklist, governance admins on definitions, auditors on audit.
          await page.waitForURL((url) => url.pathname.startsWith('/studio/') && url.pathname !== '/studio/login');
        }
        return page;
      },
      async screenshot(page, name) {
        mkdirSync(artifactsDir, { recursive: true });
        const path = join(artifactsDir, `${name}.${runtime.database}.png`);
        await page.screenshot({ path, fullPage: true });
        return path;
      },
      async close() {
        const leftover = [...errorsOf.values()].flat();
        await context.close();
        await browser?.close();
        await runtime.close();
        rmSync(userDataDir, { recursive: true, force: true });
        if (leftover.length) throw new Error(`pages logged errors:\n${leftover.join('\n')}`);
      },
    };
  } catch (error) {
    await browser?.close();
    await runtime.close();
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
}
