// The API reference page in Debian's chromium against the real runtime: it renders every operation
// of /openapi.json from the runtime's own files, under its CSP, with no console error, no CSP
// violation and no request to another origin.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoRuntime, type DemoRuntime } from '@mandate/runtime/test-support/demoRuntime';
import { repoRoot } from '../support/paths.js';

const CHROMIUM = '/usr/bin/chromium';

let runtime: DemoRuntime;
let context: BrowserContext;
let userDataDir: string;

beforeAll(async () => {
  runtime = await startDemoRuntime({ studioDir: join(repoRoot, 'apps/studio/dist'), ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}) });
  userDataDir = mkdtempSync(join(tmpdir(), 'mandate-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await runtime?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

describe('the API reference page', () => {
  it('renders every operation of /openapi.json with no console error, CSP violation or foreign request', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    const foreign: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) errors.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('response', (res) => {
      if (res.status() >= 400) errors.push(`${res.status()} ${res.url()}`);
    });
    page.on('request', (req) => {
      if (!req.url().startsWith(runtime.url) && !req.url().startsWith('data:')) foreign.push(req.url());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
    });

    const doc = (await (await fetch(`${runtime.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method, path })));

    const response = await page.goto(`${runtime.url}/api/reference`);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { name: /Mandate runtime/ }).waitFor();
    const blocks = page.locator('.opblock');
    await expect.poll(() => blocks.count(), { timeout: 20_000 }).toBe(operations.length);
    const rendered = await page.locator('.opblock-summary').evaluateAll((nodes) =>
      nodes.map((node) => `${node.querySelector('.opblock-summary-method')?.textContent?.toLowerCase() ?? ''} ${node.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? ''}`),
    );
    expect(rendered.sort()).toEqual(operations.map((o) => `${o.method} ${o.path}`).sort());

    // One operation opened: its typed answer and its problem codes show.
    await page.locator('.opblock-summary', { hasText: '/work-items/{id}/decisions' }).first().click();
    await page.getByText('FOUR_EYES_VIOLATION').first().waitFor();
    await page.screenshot({ path: join(repoRoot, 'test/browser/artifacts/api-reference.png') }).catch(() => undefined);

    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
