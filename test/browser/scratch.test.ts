import { MandateClient } from '@mandate/client';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, it } from 'vitest';
import { startStudio, type Studio } from './support/studioHarness.js';

let studio: Studio;
beforeAll(async () => { studio = await startStudio(); }, 240_000);
afterAll(async () => { await studio?.close(); });

it('dumps', async () => {
  const api = new MandateClient({ baseUrl: studio.url });
  const gabe = api.withToken((await api.devToken('gabe')).token);
  const page = await studio.page();
  await page.goto(`${studio.url}/studio/login`);
  await page.getByRole('button', { name: /^Sign in as gabe\b/i }).click();
  await page.waitForURL(/\/studio\/definitions/);
  for (const [kind, id] of [['ReasonCodeSet', 'X_REASONS'], ['SlaPolicy', 'X_SLA'], ['VisibilityPolicy', 'X_VIS'], ['TaskType', 'X_TASK']] as const) {
    const d = await gabe.createDraft(kind, id, { content: { title: `x ${kind}` } });
    await page.goto(`${studio.url}/studio/definitions/${kind}/${id}/${d.version}`);
    await page.getByRole('button', { name: 'Save draft' }).waitFor();
    await page.waitForTimeout(1500);
    writeFileSync(`/tmp/aria-${kind}.txt`, await page.locator('body').ariaSnapshot());
  }
}, 180_000);
