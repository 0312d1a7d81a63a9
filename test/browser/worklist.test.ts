// The case worker's studio against the real runtime, in Debian's chromium: visibility, a
// director's approval with a reason code, four-eyes, and a stale approval that shows what changed.
import { MandateClient } from '@mandate/client';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './support/accessibility.js';
import { allowConsoleErrors, startStudio, type Studio } from './support/studioHarness.js';

let studio: Studio;

beforeAll(async () => {
  studio = await startStudio();
}, 240_000);

afterAll(async () => {
  await studio?.close();
});

/** Whether the page scrolls sideways (it must not, at 1280 px or at 390 px). */
const overflowsHorizontally = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** From the worklist's "All" queue, opens the item of a quote. */
async function openQuote(page: Page, quoteId: string): Promise<void> {
  await page.getByRole('tab', { name: /^All/ }).click();
  await page.locator('tbody tr', { hasText: quoteId }).first().getByRole('link', { name: 'Discount approval' }).click();
  await page.getByRole('heading', { name: 'Evidence' }).waitFor();
}

describe(`studio worklist (${process.env.DATABASE_URL ? 'postgresql' : 'pglite'})`, { timeout: 120_000 }, () => {
  it('hides the margin from the sales rep and shows it to the finance approver', async () => {
    const rita = await studio.page('rita');
    await rita.getByRole('tab', { name: /^All/ }).click();
    await rita.locator('table.worklist-table tbody tr').first().waitFor();
    expect(await seriousAccessibilityViolations(rita)).toEqual([]);
    await studio.screenshot(rita, 'worklist');
    await openQuote(rita, 'Q-2026-000918');
    const ritaEvidence = rita.locator('dl.evidence');
    await ritaEvidence.getByText('Requested discount percent').waitFor();
    expect(await ritaEvidence.locator('[data-field="marginImpactPercent"]').count()).toBe(0);
    expect(await rita.content()).not.toContain('-4.2');
    await rita.getByText(/4 fields are hidden from you by the visibility policy/).waitFor();
    expect(await seriousAccessibilityViolations(rita)).toEqual([]);
    await studio.screenshot(rita, 'evidence-sales-rep');

    const fiona = await studio.page('fiona');
    await openQuote(fiona, 'Q-2026-000918');
    const margin = fiona.locator('dl.evidence [data-field="marginImpactPercent"]');
    await expect.poll(() => margin.textContent()).toContain('Margin impact percent');
    await expect.poll(() => margin.textContent()).toContain('-4.2');
    expect(await seriousAccessibilityViolations(fiona)).toEqual([]);
    await studio.screenshot(fiona, 'evidence-finance-approver');
  });

  it('lets a regional sales director claim and approve a discount with a reason code', async () => {
    const dana = await studio.page('dana');
    await openQuote(dana, 'Q-2026-000921');
    await dana.getByRole('button', { name: 'Claim' }).click();
    await dana.getByRole('status').filter({ hasText: 'You claimed the item.' }).waitFor();
    await dana.getByRole('button', { name: 'Approve discount' }).click();
    await dana.getByRole('combobox', { name: /^Reason/ }).selectOption({ label: 'Strategic customer retention' });
    await dana.getByRole('textbox', { name: /^Comment/ }).fill('Multi-year expansion; retention matters more than 18%.');
    await dana.getByLabel('This approval allows a discount above your standard limit for this quote revision.').check();
    await dana.getByRole('button', { name: 'Submit decision' }).click();
    await dana.getByRole('status').filter({ hasText: 'Decision recorded: APPROVE (STRATEGIC_CUSTOMER_RETENTION).' }).waitFor();
    await expect.poll(() => dana.locator('.state').textContent()).toBe('decided');
    await expect.poll(() => dana.locator('ol.history').textContent()).toContain('Task decision submitted by dana');
    expect(await overflowsHorizontally(dana)).toBe(false);
    expect(await seriousAccessibilityViolations(dana)).toEqual([]);
    await studio.screenshot(dana, 'director-approves');
  });

  it('shows the quote owner Approve disabled with the four-eyes reason', async () => {
    const rita = await studio.page('rita');
    await openQuote(rita, 'Q-2026-000930');
    const approve = rita.getByRole('button', { name: 'Approve discount' });
    expect(await approve.isDisabled()).toBe(true);
    const reasons = rita.locator('#reason-decision-APPROVE');
    await expect.poll(() => reasons.textContent()).toContain('Four-eyes rule: you requested this or own the business object');
    // The reason is tied to the button for assistive technology.
    expect(await approve.getAttribute('aria-describedby')).toBe('reason-decision-APPROVE');
    expect(await seriousAccessibilityViolations(rita)).toEqual([]);
    await studio.screenshot(rita, 'four-eyes-disabled');
  });

  it('refuses a stale approval and shows what changed', async () => {
    const dana = await studio.page('dana');
    allowConsoleErrors(dana, /status of 409/);
    await openQuote(dana, 'Q-2026-000918');
    await dana.getByRole('button', { name: 'Claim' }).click();
    await dana.getByRole('status').filter({ hasText: 'You claimed the item.' }).waitFor();
    await dana.getByRole('button', { name: 'Approve discount' }).click();
    await dana.getByRole('combobox', { name: /^Reason/ }).selectOption({ label: 'Strategic customer retention' });
    await dana.getByRole('textbox', { name: /^Comment/ }).fill('Approved on revision 3.');
    await dana.getByLabel('This approval allows a discount above your standard limit for this quote revision.').check();

    // Meanwhile the quote is revised in its own domain: the quote service (CPQ) sends the event.
    const api = new MandateClient({ baseUrl: studio.url });
    const cpq = api.withToken((await api.devToken('cpq')).token);
    const revised = await cpq.postEvent({
      type: 'QuoteRevised',
      businessObject: { type: 'QUOTE', id: 'Q-2026-000918', version: 13, revision: 4, snapshot: { ownerId: 'rita', totalAmount: 420000, currency: 'EUR', customerTier: 'PLATINUM', regulatoryRisk: true } },
      evidence: { quoteId: 'Q-2026-000918', quoteRevision: 4, customerName: 'Acme Manufacturing', requestedDiscountPercent: 30, standardLimitPercent: 25, marginImpactPercent: -3.6, pricingResultId: 'price-802' },
    });
    expect(revised.obsoleted).toHaveLength(1);

    await dana.getByRole('button', { name: 'Submit decision' }).click();
    const conflict = dana.locator('section.conflict');
    await conflict.getByRole('heading', { name: /Not recorded: the item changed/ }).waitFor();
    const changes = conflict.locator('table.changes');
    await expect.poll(() => changes.locator('tr', { hasText: 'QUOTE version' }).textContent()).toContain('12');
    await expect.poll(() => changes.locator('tr', { hasText: 'QUOTE version' }).textContent()).toContain('13');
    await expect.poll(() => changes.locator('tr', { hasText: 'Status' }).textContent()).toContain('obsolete');
    await conflict.getByRole('link', { name: /version 13/ }).waitFor();
    expect(await seriousAccessibilityViolations(dana)).toEqual([]);
    await studio.screenshot(dana, 'stale-approval');
  });

  it('lets an operations lead claim a fallout item and run a recovery action from allowed-actions', async () => {
    const olga = await studio.page('olga');
    await olga.getByRole('tab', { name: /^All/ }).click();
    await olga.locator('tbody tr', { hasText: 'ORD-2026-004411' }).first().getByRole('link').first().click();
    await olga.getByRole('heading', { name: 'Evidence' }).waitFor();
    // Before the claim the recovery action is there but disabled, with its reason.
    const reconcile = olga.getByRole('button', { name: 'Run reconciliation query' });
    await reconcile.waitFor();
    expect(await reconcile.isDisabled()).toBe(true);
    await olga.getByRole('button', { name: 'Claim' }).click();
    await olga.getByRole('status').filter({ hasText: 'You claimed the item.' }).waitFor();
    await reconcile.click();
    const form = olga.getByRole('form', { name: 'Run reconciliation query' });
    await form.getByRole('textbox', { name: /^Comment/ }).fill('Asked INV-CORE for correlation id inv-req-119.');
    await form.getByRole('button', { name: 'Run reconciliation query' }).click();
    await olga.getByRole('status').filter({ hasText: 'Run reconciliation query: done' }).waitFor();
    await expect.poll(() => olga.locator('ol.history').textContent()).toContain('Recovery action taken by olga');
    expect(await seriousAccessibilityViolations(olga)).toEqual([]);
    await studio.screenshot(olga, 'recovery-action');
  });

  it('is usable at 390 px wide and with the keyboard alone', async () => {
    const sam = await studio.page();
    await sam.setViewportSize({ width: 390, height: 844 });
    await sam.goto(`${studio.url}/`);
    await sam.waitForURL(/\/studio\/login/);
    await sam.getByRole('button', { name: /^Sign in as sam\b/ }).waitFor();
    expect(await seriousAccessibilityViolations(sam)).toEqual([]);
    await studio.screenshot(sam, 'login-390px');
    // Sign in with the keyboard: focus the demo user's button and press Enter.
    await sam.getByRole('button', { name: /^Sign in as sam\b/ }).focus();
    await sam.keyboard.press('Enter');
    await sam.waitForURL(/\/studio\/worklist/);
    await sam.locator('table.worklist-table tbody tr').first().waitFor();
    expect(await overflowsHorizontally(sam)).toBe(false);
    expect(await seriousAccessibilityViolations(sam)).toEqual([]);
    await studio.screenshot(sam, 'worklist-390px');

    // Every stop of the Tab order, from the page heading through the queue tabs, filters and rows to the end of the
    // page, shows the theme's focus ring.
    await sam.getByRole('heading', { level: 1 }).focus();
    const stops: { label: string; ring: boolean }[] = [];
    for (let i = 0; i < 40; i++) {
      await sam.keyboard.press('Tab');
      const stop = await sam.evaluate(() => {
        const el = document.activeElement;
        if (!(el instanceof HTMLElement) || el === document.body) return undefined;
        // A text field or select draws the ring around its outlined box, not on the bare input.
        const style = getComputedStyle(el.closest('.MuiInputBase-root') ?? el);
        const label = `${el.tagName.toLowerCase()} ${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}`;
        return { label, ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
      });
      if (!stop) break;
      stops.push(stop);
    }
    expect(stops.filter((s) => !s.ring)).toEqual([]);
    expect(stops.map((s) => s.label)).toEqual(expect.arrayContaining([expect.stringMatching(/^a Available/), expect.stringMatching(/^select /), expect.stringMatching(/^a Discount approval/)]));

    await sam.locator('tbody tr', { hasText: 'Q-2026-000930' }).getByRole('link').focus();
    await sam.keyboard.press('Enter');
    await sam.getByRole('heading', { name: 'Evidence' }).waitFor();
    expect(await overflowsHorizontally(sam)).toBe(false);
    expect(await seriousAccessibilityViolations(sam)).toEqual([]);
    await studio.screenshot(sam, 'item-390px');
  });
});
