// The definitions home in chromium against the real runtime: gabe sees the definitions grouped by
// kind with their current versions, finds the definitions that read a fact, opens a version and
// follows its references; gina's inbox holds the version gabe submitted and not her own; the
// retire preview and the preview of moving open items show before anything is confirmed. Each
// screen passes axe and is looked at in 1440 and 390 px screenshots.
import AxeBuilder from '@axe-core/playwright';
import { MandateClient } from '@mandate/client';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudio, type Studio } from './support/studioHarness.js';

let studio: Studio;
const clients = new Map<string, MandateClient>();

/** The typed client as a demo user (a development token from the runtime). */
async function as(userId: string): Promise<MandateClient> {
  let client = clients.get(userId);
  if (!client) {
    const res = await fetch(`${studio.url}/auth/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
    const { token } = (await res.json()) as { token: string };
    client = new MandateClient({ baseUrl: studio.url, token });
    clients.set(userId, client);
  }
  return client;
}

/**
 * `seriousAccessibilityViolations` (support/accessibility.ts: the same rules, serious and critical)
 * without the read-only document (the generated definition form, `.document`): it belongs to the
 * forms, whose tests hold it to axe; this file holds the home, the inbox, the version page and its dialogs.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).setLegacyMode(true).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).exclude('.document').analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
/** The innermost elements that reach past the viewport's right edge, for the failure message. */
const widest = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !Array.from(e.children).some((c) => c.getBoundingClientRect().right > document.documentElement.clientWidth + 1))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${Array.from(e.classList).join('.')} ${Math.round(e.getBoundingClientRect().right)}px`),
  );

beforeAll(async () => {
  studio = await startStudio();
}, 240_000);

afterAll(async () => {
  await studio?.close();
});

describe('the definitions home', () => {
  it('gabe sees the definitions grouped by kind in words, each with its current version', async () => {
    const page = await studio.page('gabe');
    await page.goto(`${studio.url}/studio/definitions`);
    for (const heading of ['Task types', 'Reason-code sets', 'SLA policies', 'Priority models', 'Visibility policies', 'Action policies', 'Business calendars']) {
      await page.getByRole('heading', { level: 2, name: heading, exact: true }).waitFor();
    }
    const row = page.locator('.definition-row', { hasText: 'DISCOUNT_APPROVAL_REASONS' }).filter({ has: page.getByText('DISCOUNT_APPROVAL_REASONS', { exact: true }) });
    await row.getByRole('link', { name: 'v3 of DISCOUNT_APPROVAL_REASONS' }).waitFor();
    expect(await row.locator('.status-badge').first().textContent()).toBe('Current');
    // The older published versions are superseded, not "published".
    expect(await row.getByRole('link', { name: 'v2 · Superseded' }).count()).toBe(1);
    expect(await row.getByRole('link', { name: 'v1 · Superseded' }).count()).toBe(1);
    // The task type that uses it is a link.
    await row.getByRole('link', { name: 'DISCOUNT_APPROVAL v3' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1440, height: 900 });
    await studio.screenshot(page, 'definitions-home-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { level: 2, name: 'Task types', exact: true }).waitFor();
    expect(await overflow(page), (await widest(page)).join('\n')).toBeLessThanOrEqual(1);
    expect(await seriousViolations(page)).toEqual([]);
    await studio.screenshot(page, 'definitions-home-390');
  });

  it('gabe searches by a fact name and finds the definitions whose rules read it', async () => {
    const page = await studio.page('gabe');
    await page.goto(`${studio.url}/studio/definitions`);
    const search = page.getByRole('searchbox', { name: 'Search by id, title or fact' });
    await search.fill('totalAmount');
    await page.waitForURL(/q=totalAmount/);
    const priority = page.locator('.definition-row', { has: page.getByText('CPQ_OMS_PRIORITY', { exact: true }) });
    await priority.getByText('Reads businessObject.totalAmount').waitFor();
    // A calendar reads no fact: it is not shown.
    expect(await page.locator('.definition-row', { has: page.getByText('EU_SALES_CALENDAR', { exact: true }) }).count()).toBe(0);
    expect(await page.getByRole('heading', { level: 2, name: 'Business calendars' }).count()).toBe(0);
    // Every row shown reads it (or names it in its id or title).
    const rows = await page.locator('.definition-row').allTextContents();
    expect(rows.length).toBeGreaterThan(1);
    for (const text of rows) expect(text.toLowerCase()).toContain('totalamount');
  });

  it('gabe opens a version page: its standing in words and what it uses and is used by, as links he can follow by keyboard', async () => {
    const page = await studio.page('gabe');
    await page.goto(`${studio.url}/studio/definitions/TaskType/DISCOUNT_APPROVAL/3`);
    await page.getByRole('heading', { level: 1, name: 'DISCOUNT_APPROVAL v3' }).waitFor();
    await page.locator('.status-badge', { hasText: 'Current' }).first().waitFor();
    await page.getByText('New work items get this version.').waitFor();
    const usage = page.getByRole('region', { name: 'Where it is used' });
    const link = usage.getByRole('link', { name: 'DISCOUNT_APPROVAL_REASONS v3' });
    await link.waitFor();
    await usage.getByRole('link', { name: 'QUOTE_APPROVAL_SLA v2' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1440, height: 900 });
    await studio.screenshot(page, 'definition-version-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await link.waitFor();
    expect(await overflow(page), (await widest(page)).join('\n')).toBeLessThanOrEqual(1);
    await studio.screenshot(page, 'definition-version-390');

    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/studio\/definitions\/ReasonCodeSet\/DISCOUNT_APPROVAL_REASONS\/3$/);
    await page.getByRole('heading', { level: 1, name: 'DISCOUNT_APPROVAL_REASONS v3' }).waitFor();
    await page.getByRole('region', { name: 'Where it is used' }).getByRole('link', { name: 'DISCOUNT_APPROVAL v3' }).waitFor();
  });

  it('gina sees in "Awaiting my review" the version gabe submitted, and not her own (that is under "My drafts")', async () => {
    const gabe = await as('gabe');
    const gina = await as('gina');
    const hisDraft = await gabe.createDraft('SlaPolicy', 'QUOTE_RISK_REVIEW_SLA', { from: 1, changeNote: 'Escalate risk reviews sooner' });
    await gabe.submitDefinition('SlaPolicy', 'QUOTE_RISK_REVIEW_SLA', hisDraft.version);
    const herDraft = await gina.createDraft('SlaPolicy', 'ORDER_FALLOUT_SLA', { from: 1, changeNote: 'Fallout within a day' });
    await gina.submitDefinition('SlaPolicy', 'ORDER_FALLOUT_SLA', herDraft.version);

    const page = await studio.page('gina');
    await page.goto(`${studio.url}/studio/definitions`);
    await page.getByRole('tab', { name: /Awaiting my review/ }).click();
    await page.waitForURL(/view=review/);
    const panel = page.getByRole('tabpanel');
    const row = panel.getByRole('row', { name: /QUOTE_RISK_REVIEW_SLA/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('gabe');
    expect(await row.textContent()).toContain('Escalate risk reviews sooner');
    expect(await panel.getByRole('row', { name: /ORDER_FALLOUT_SLA/ }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1440, height: 900 });
    await studio.screenshot(page, 'review-inbox-1440');

    await page.getByRole('tab', { name: /My drafts/ }).click();
    await page.getByRole('tabpanel').getByRole('row', { name: /ORDER_FALLOUT_SLA/ }).waitFor();
    expect(await page.getByRole('tabpanel').getByRole('row', { name: /QUOTE_RISK_REVIEW_SLA/ }).count()).toBe(0);

    // The link opens the review.
    await page.getByRole('tab', { name: /Awaiting my review/ }).click();
    await page.getByRole('tabpanel').getByRole('row', { name: /QUOTE_RISK_REVIEW_SLA/ }).getByRole('link').click();
    await page.waitForURL(new RegExp(`/SlaPolicy/QUOTE_RISK_REVIEW_SLA/${hisDraft.version}$`));
    await page.getByRole('button', { name: 'Approve' }).waitFor();
  });

  it('retiring shows what it would do before it is confirmed: blockers for a version in use, pinned items and the next current version', async () => {
    const page = await studio.page('gabe');
    // In use by a published task type: the preview names it and the confirmation is disabled.
    await page.goto(`${studio.url}/studio/definitions/ReasonCodeSet/DISCOUNT_APPROVAL_REASONS/3`);
    await page.getByRole('button', { name: 'Retire v3…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Retire DISCOUNT_APPROVAL_REASONS v3?' });
    await dialog.getByText('It cannot be retired while these published versions use it').waitFor();
    await dialog.getByRole('link', { name: 'DISCOUNT_APPROVAL v3' }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Retire v3' }).isDisabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // The current task type: the preview says which version new items get instead; cancelling writes nothing.
    await page.goto(`${studio.url}/studio/definitions/TaskType/DISCOUNT_APPROVAL/3`);
    await page.getByRole('button', { name: 'Retire v3…' }).click();
    const current = page.getByRole('dialog', { name: 'Retire DISCOUNT_APPROVAL v3?' });
    await current.getByText('No new work item will get v3. Items already pinned to it keep it').waitFor();
    await current.getByText(/It is the current version: new DISCOUNT_APPROVAL items will get v2 instead/).waitFor();
    await current.getByText(/open items? stays? pinned to it/).waitFor();
    expect(await current.getByRole('button', { name: 'Retire v3' }).isEnabled()).toBe(true);
    await current.getByRole('button', { name: 'Cancel' }).click();
    const versions = await (await as('gabe')).definitionVersions('TaskType', 'DISCOUNT_APPROVAL');
    expect(versions.versions.find((v) => v.version === 3)?.status).toBe('published');
  });

  it('moving open items to a newer version shows the dry run per item before it is confirmed', async () => {
    const gabe = await as('gabe');
    const gina = await as('gina');
    const rita = await as('rita');
    // An open item at v3, then v4 is published: v3 is superseded and its items can move.
    await rita.createWorkItem({
      taskType: 'DISCOUNT_APPROVAL',
      businessObject: { type: 'QUOTE', id: 'Q-HOME-1', version: 12, revision: 3, snapshot: { ownerId: 'rita', totalAmount: 420000, currency: 'EUR', customerTier: 'PLATINUM', regulatoryRisk: true } },
      region: 'EMEA',
      productFamily: 'BROADBAND',
      evidence: { quoteId: 'Q-HOME-1', quoteRevision: 3, requestedDiscountPercent: 32, standardLimitPercent: 25, marginImpactPercent: -4.2 },
    });
    const draft = await gabe.createDraft('TaskType', 'DISCOUNT_APPROVAL', { from: 3, changeNote: 'Clearer title' });
    await gabe.updateDraft('TaskType', 'DISCOUNT_APPROVAL', draft.version, { content: { ...draft.content, title: 'Discount approval (clearer)' }, changeNote: 'Clearer title' });
    const submitted = await gabe.submitDefinition('TaskType', 'DISCOUNT_APPROVAL', draft.version);
    await gina.approveDefinition('TaskType', 'DISCOUNT_APPROVAL', draft.version, 'Reviewed.', { contentHash: submitted.contentHash });
    await gabe.publishDefinition('TaskType', 'DISCOUNT_APPROVAL', draft.version, {});

    const page = await studio.page('gabe');
    await page.goto(`${studio.url}/studio/definitions/TaskType/DISCOUNT_APPROVAL/3`);
    await page.locator('.status-badge', { hasText: 'Superseded' }).first().waitFor();
    const move = page.getByRole('region', { name: 'Move open items to another version' });
    await move.getByRole('button', { name: 'Preview moving items…' }).click();
    const dialog = page.getByRole('dialog', { name: `Move open DISCOUNT_APPROVAL items from v3 to v${draft.version}?` });
    await dialog.getByText(/open items? would move\./).waitFor();
    await dialog.getByRole('table').waitFor();
    await dialog.getByText(`Each moved item is decided under v${draft.version} from now on`).waitFor();
    const confirm = dialog.getByRole('button', { name: new RegExp(`^Move \\d+ items? to v${draft.version}$`) });
    expect(await confirm.isEnabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await studio.screenshot(page, 'definition-migration-preview');
    // Nothing moved yet.
    const before = await gabe.definitionReferences('TaskType', 'DISCOUNT_APPROVAL');
    const pinnedAt3 = before.versions.find((v) => v.version === 3)!.openItems.count;
    expect(pinnedAt3).toBeGreaterThan(0);

    await confirm.click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(new RegExp(`items? moved to v${draft.version}\\.`)).waitFor();
    const after = await gabe.definitionReferences('TaskType', 'DISCOUNT_APPROVAL');
    expect(after.versions.find((v) => v.version === 3)!.openItems.count).toBeLessThan(pinnedAt3);
    await page.getByText('No open work item is pinned to this version.').or(page.getByText(/open work items? (is|are) pinned to this version/)).first().waitFor();
  });
});
