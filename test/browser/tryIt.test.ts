// "Try it" in the draft editor, in chromium against the real runtime: a governance admin tries a
// task type draft that drops the regional sales directors from its candidates on a sample quote,
// as the director (who loses the item under the draft) and as the sales rep (for whom nothing
// changes, and who never sees the margin), before proposing it.
import { MandateClient } from '@mandate/client';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './support/accessibility.js';
import { startStudio, type Studio } from './support/studioHarness.js';

let studio: Studio;

beforeAll(async () => {
  studio = await startStudio();
}, 240_000);

afterAll(async () => {
  await studio?.close();
});

const overflowsHorizontally = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe(`try a draft before proposing it (${process.env.DATABASE_URL ? 'postgresql' : 'pglite'})`, { timeout: 180_000 }, () => {
  it('shows what the draft changes for one sample item, per person, and marks exactly those rows', async () => {
    const api = new MandateClient({ baseUrl: studio.url });
    const gabe = api.withToken((await api.devToken('gabe')).token);
    const published = (await gabe.definitionVersions('TaskType', 'DISCOUNT_APPROVAL')).versions.filter((v) => v.status === 'published').at(-1)!;
    const draft = await gabe.createDraft('TaskType', 'DISCOUNT_APPROVAL', { from: published.version, changeNote: 'Only sales managers approve discounts' });
    await gabe.updateDraft('TaskType', 'DISCOUNT_APPROVAL', draft.version, { content: { ...draft.content, candidateGroups: ['sales-managers'] } });

    const page = await studio.page('gabe');
    await page.goto(`${studio.url}/studio/definitions/TaskType/DISCOUNT_APPROVAL/${draft.version}`);
    const panel = page.getByRole('region', { name: 'Try it' });
    await panel.waitFor();
    await panel.getByRole('radio', { name: 'A sample item' }).check();
    await panel.getByRole('textbox', { name: /^quote ?id/i }).fill('Q-TRY-1');
    await panel.getByRole('spinbutton', { name: /^quote ?revision/i }).fill('2');
    await panel.getByRole('spinbutton', { name: /^requested ?discount ?percent/i }).fill('20');
    await panel.getByRole('spinbutton', { name: /^standard ?limit ?percent/i }).fill('15');
    await panel.getByRole('spinbutton', { name: /^margin ?impact ?percent/i }).fill('-3.5');

    const tryAs = async (label: RegExp) => {
      await panel.getByRole('combobox', { name: 'As' }).click();
      await page.getByRole('option', { name: label }).click();
      await panel.getByRole('button', { name: 'Try it' }).click();
      await panel.getByText(new RegExp(`^As ${label.source.replace(/^\^/, '')}`)).waitFor();
    };

    // The director is a candidate under the published version, not under the draft.
    await tryAs(/^dana/);
    const summary = panel.getByTestId('simulation-summary');
    await expect.poll(() => summary.textContent()).toMatch(/^\d+ differences? for this person and item\.$/);
    const changedRows = panel.locator('tr[data-differs="true"]');
    const changed = await changedRows.allTextContents();
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.join('\n')).toMatch(/Claim/);
    const claim = panel.locator('tr', { has: page.getByRole('rowheader', { name: /^Claim/ }) });
    expect(await claim.locator('td').allTextContents()).toEqual([expect.stringMatching(/^Not allowed: /), 'Allowed']);
    // She sees the margin under both versions.
    const margin = panel.locator('tr', { has: page.getByRole('rowheader', { name: /^margin ?impact ?percent/i }) });
    expect(await margin.locator('td').allTextContents()).toEqual(['Shown', 'Shown']);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await studio.screenshot(page, 'try-it-1440');

    // The sales rep is no candidate under either, and the margin is hidden from her under both.
    await tryAs(/^rita/);
    await expect.poll(() => summary.textContent()).toBe('No difference for this person and item.');
    expect(await changedRows.count()).toBe(0);
    expect(await margin.locator('td').allTextContents()).toEqual(['Hidden', 'Hidden']);
    expect(await panel.textContent()).not.toContain('-3.5 ');

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflowsHorizontally(page)).toBe(false);
    await studio.screenshot(page, 'try-it-390');
  });
});
