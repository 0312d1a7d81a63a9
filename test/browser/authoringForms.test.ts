// The authoring forms in chromium against the real runtime: as gabe (governance admin), a new draft
// of every definition kind in its editor, at 1440 and 390 px. No console warning or error, every
// button named, no horizontal scroll, axe without serious or critical findings, with every folded
// section opened too; screenshots authoring-<kind>-1440 and -390.
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startStudio, type Studio } from './support/studioHarness.js';

/** One shipped definition per kind, the richest where there is a choice. */
const DEFINITIONS = {
  TaskType: 'DISCOUNT_APPROVAL',
  ReasonCodeSet: 'DISCOUNT_APPROVAL_REASONS',
  SlaPolicy: 'QUOTE_APPROVAL_SLA',
  BusinessCalendar: 'EU_SALES_CALENDAR',
  PriorityModel: 'CPQ_OMS_PRIORITY',
  VisibilityPolicy: 'FULFILLMENT_PARTNER_VISIBILITY',
  ActionPolicy: 'APPROVAL_ACTIONS',
  AuthorityPolicy: 'COMMERCIAL_AUTHORITY',
} as const;

let studio: Studio;

beforeAll(async () => {
  studio = await startStudio();
}, 240_000);

afterAll(async () => {
  await studio?.close();
});

/** A page signed in as gabe that records console warnings (the harness fails the test on errors). */
async function adminPage(): Promise<{ page: Page; warnings: string[] }> {
  const page = await studio.page();
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.goto(`${studio.url}/studio/login`);
  await page.getByRole('button', { name: /^Sign in as gabe\b/i }).click();
  await page.waitForURL(/\/studio\/definitions/);
  return { page, warnings };
}

/** The visible buttons without an accessible name (aria-label, aria-labelledby, text or title). */
async function unnamedButtons(page: Page): Promise<string[]> {
  return page.evaluate((): string[] => {
    const nameOf = (el: Element): string => {
      const label = el.getAttribute('aria-label');
      if (label?.trim()) return label;
      const by = el.getAttribute('aria-labelledby');
      if (by) {
        const text = by
          .split(/\s+/)
          .map((id) => (document.getElementById(id) as Element | null)?.textContent ?? '')
          .join(' ');
        if (text.trim()) return text;
      }
      if (el.textContent?.trim()) return el.textContent;
      return el.getAttribute('title') ?? '';
    };
    const buttons: Element[] = Array.from(document.querySelectorAll('button, [role="button"]') as ArrayLike<Element>);
    return buttons
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .filter((el) => !nameOf(el).trim())
      .map((el) => el.outerHTML.slice(0, 1200));
  });
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary ?? ''})`).join(', ')}`);
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Opens every folded list item and optional section, round by round (opening one shows the folds inside it). */
async function unfoldAll(page: Page): Promise<void> {
  for (let round = 0; round < 6; round++) {
    const opened = await page.evaluate((): number => {
      const folded: Element[] = Array.from(document.querySelectorAll('.themed-form :is(button, [role="button"])[aria-expanded="false"]') as ArrayLike<Element>);
      const visible = folded.filter((el) => (el as HTMLElement).offsetParent !== null);
      visible.forEach((el) => (el as HTMLElement).click());
      return visible.length;
    });
    if (opened === 0) return;
    await page.waitForTimeout(400);
  }
}

/** What sticks out on the right, for the failure message: the innermost elements wider than the viewport. */
async function protruding(page: Page): Promise<string> {
  return page.evaluate((): string => {
    const width = document.documentElement.clientWidth;
    const all: Element[] = Array.from(document.querySelectorAll('body *') as ArrayLike<Element>);
    const out = all.filter((el) => el.getBoundingClientRect().right > width + 1 && !Array.from(el.children as ArrayLike<Element>).some((c) => c.getBoundingClientRect().right > width + 1));
    return out
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).split(' ').slice(0, 3).join('.')} right=${Math.round(el.getBoundingClientRect().right)}`)
      .join('; ');
  });
}

describe('authoring forms', () => {
  for (const [kind, id] of Object.entries(DEFINITIONS)) {
    it(`${kind}: a new draft's editor is named, warning-free, fits 1440 and 390 px and passes axe`, async () => {
      const { page, warnings } = await adminPage();
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(`${studio.url}/studio/definitions/${kind}/${id}`);
      await page.getByRole('heading', { name: new RegExp(id) }).first().waitFor();
      await page.getByRole('button', { name: /^New draft from v\d+$/ }).click();
      await page.waitForURL(new RegExp(`/studio/definitions/${kind}/${id}/\\d+$`));
      await page.locator('.themed-form').waitFor();
      await page.getByRole('button', { name: 'Save draft' }).waitFor();
      // Let the pickers load their choices.
      await page.waitForLoadState('networkidle');

      const text = await page.locator('.themed-form').innerText();
      expect(text).not.toMatch(/Option \d|json-rules-engine|ISO[ -]?8601|JSON Schema|rjsf|-\d+\*/);
      expect(await page.locator('.themed-form .cond-editor .cond-editor').count()).toBe(0);
      expect((await unnamedButtons(page)).join('\n')).toBe('');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
      expect((await seriousViolations(page)).join('\n')).toBe('');
      await studio.screenshot(page, `authoring-${kind}-1440`);

      await unfoldAll(page);
      expect((await unnamedButtons(page)).join('\n')).toBe('');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
      expect((await seriousViolations(page)).join('\n')).toBe('');
      await studio.screenshot(page, `authoring-${kind}-1440-open`);

      await page.setViewportSize({ width: 390, height: 844 });
      await page.locator('.themed-form').waitFor();
      expect(await horizontalOverflow(page), await protruding(page)).toBeLessThanOrEqual(1);
      expect((await unnamedButtons(page)).join('\n')).toBe('');
      await studio.screenshot(page, `authoring-${kind}-390`);

      expect(warnings.join('\n')).toBe('');
    }, 120_000);
  }
});
