// The decision-form builder, end to end in chromium against the real runtime: gabe opens a new
// draft of DISCOUNT_APPROVAL, builds four fields (an amount, a reason detail shown only for
// Reject, a date, an acknowledgement), moves one by keyboard and sees the case worker's form in
// the preview follow, saves, reloads and finds the same fields; no serious accessibility finding,
// at 1440 and 390 px.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { artifactsDir, startStudio, type Studio } from './support/studioHarness.js';

const ID = 'DISCOUNT_APPROVAL';

let studio: Studio;

beforeAll(async () => {
  studio = await startStudio();
}, 240_000);

afterAll(async () => {
  await studio?.close();
});

/**
 * Serious and critical axe findings in the builder (its fields, the preview, the outcome tables),
 * as `rule: target` lines. The rest of the task type's form is another screen's (and being rewritten).
 */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include('[aria-labelledby="form-builder-title"]').include('[aria-labelledby$="-outcome-title"]').analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** The builder's fields, in order, by label. */
async function builderFields(page: Page): Promise<string[]> {
  const headings = page.getByRole('list', { name: 'Fields of the decision form' }).getByRole('heading', { level: 3 });
  return (await headings.allTextContents()).map((t) => t.replace(/(Built in|Kept as authored)$/, '').trim());
}

/** The preview's inputs, in order, by their key. */
async function previewKeys(page: Page): Promise<string[]> {
  return page.locator('.form-preview').evaluate((root) => Array.from(new Set(Array.from(root.querySelectorAll('input[id^="decision_"], textarea[id^="decision_"], select[id^="decision_"]')).map((el) => el.id.replace(/^decision_/, '').replace(/-\d+$/, '')))));
}

/** Ticks a switch, radio or checkbox by keyboard (the draft editor's sticky bar may cover it). */
async function tick(control: Locator, on = true) {
  await control.focus();
  if ((await control.isChecked()) !== on) await control.press('Space');
  expect(await control.isChecked()).toBe(on);
}

async function addField(page: Page, type: string, label: string) {
  await page.getByRole('button', { name: 'Add field' }).click();
  await page.getByRole('menuitem', { name: new RegExp(`^${type}`) }).click();
  const input = page.locator('[id$="-settings"]').getByRole('textbox', { name: 'Label', exact: true });
  await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
  await input.fill(label);
}

describe('decision-form builder', () => {
  it('gabe builds four fields, moves one by keyboard, sees the preview follow, saves and finds them after a reload', async () => {
    const page = await studio.page('gabe');
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto(`${studio.url}/studio/definitions?kind=TaskType`);
    await page.locator('.definition-row', { has: page.getByText(ID, { exact: true }) }).getByRole('link').first().click();
    await page.getByRole('button', { name: /^New draft from v\d+$/ }).click();
    await page.waitForURL(new RegExp(`/studio/definitions/TaskType/${ID}/\\d+$`));
    await page.getByRole('heading', { name: 'Decision form' }).waitFor();

    // The stored form reads as its fields: the built-in three and the acknowledgement checkbox.
    const stored = await builderFields(page);
    expect(stored).toEqual(['Decision', 'Reason', 'Comment', 'I have reviewed the margin impact and the quote revision']);

    await addField(page, 'Amount of money', 'Credit amount');
    await tick(page.getByRole('switch', { name: 'Required' }));
    await addField(page, 'Long text', 'Reason detail');
    await tick(page.getByRole('radio', { name: 'Only some decisions' }));
    const shownFor = page.getByRole('group', { name: 'Decisions Reason detail is shown for' });
    await tick(shownFor.getByRole('checkbox', { name: 'Reject discount' }));
    await tick(shownFor.getByRole('checkbox', { name: 'Approve discount' }), false);
    await tick(page.getByRole('switch', { name: 'Required' }));
    await addField(page, 'Date', 'Effective date');
    await addField(page, 'Acknowledgement', 'The customer was told of the outcome');
    // The key follows the label; under Advanced it gets a shorter one.
    await page.getByRole('button', { name: 'Advanced' }).click();
    const key = page.getByRole('textbox', { name: 'Key' });
    expect(await key.inputValue()).toBe('theCustomerWasToldOfTheOutcome');
    await key.fill('customerInformed');
    expect(await builderFields(page)).toEqual([...stored, 'Credit amount', 'Reason detail', 'Effective date', 'The customer was told of the outcome']);
    expect(await page.getByText('Long text · required · only for Reject discount').count()).toBe(1);

    // The preview: the reason detail only for Reject.
    const preview = page.getByRole('region', { name: "Preview: the case worker's form" });
    expect(await previewKeys(page)).toEqual(['decision', 'reasonCode', 'comment', 'evidenceAcknowledgement', 'creditAmount', 'effectiveDate', 'customerInformed']);
    await preview.getByRole('button', { name: 'Reject discount' }).click();
    await expect.poll(() => previewKeys(page)).toContain('reasonDetail');
    expect(await preview.getByText('Credit amount (EUR)').count()).toBeGreaterThan(0);
    await preview.getByRole('button', { name: 'Approve discount' }).click();
    await expect.poll(() => previewKeys(page)).not.toContain('reasonDetail');
    await preview.getByRole('button', { name: 'Reject discount' }).click();
    await expect.poll(() => previewKeys(page)).toContain('reasonDetail');

    // By keyboard: lift the effective date by its handle, one place up, drop; then its move-up button.
    const handle = page.getByRole('button', { name: 'Drag Effective date to another place' });
    await handle.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => handle.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('ArrowUp');
    await page.getByText(/^Effective date is now at place 6 of 8\.$/).waitFor({ state: 'attached' });
    await page.keyboard.press('Space');
    await expect.poll(() => builderFields(page)).toEqual([...stored, 'Credit amount', 'Effective date', 'Reason detail', 'The customer was told of the outcome']);
    await page.getByRole('button', { name: 'Move Effective date up' }).focus();
    await page.keyboard.press('Enter');
    const moved = [...stored, 'Effective date', 'Credit amount', 'Reason detail', 'The customer was told of the outcome'];
    await expect.poll(() => builderFields(page)).toEqual(moved);
    await expect.poll(() => previewKeys(page)).toEqual(['decision', 'reasonCode', 'comment', 'evidenceAcknowledgement', 'effectiveDate', 'creditAmount', 'reasonDetail', 'customerInformed']);
    // The focus stayed on the button that was pressed.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move Effective date up');

    expect(await seriousViolations(page)).toEqual([]);
    await studio.screenshot(page, 'form-builder-1440');
    // The page is the whole task type; the builder alone, to look at.
    await page.locator('[aria-labelledby="form-builder-title"]').screenshot({ path: join(artifactsDir, `form-builder-1440-section.${studio.database}.png`) });

    // Approve also tells the process that a credit was issued: a yes/no process variable.
    // The stored decision options are folded rows: open Approve's.
    await page.getByRole('button', { name: 'Show decision option APPROVE' }).click();
    const approveOutcome = page.getByRole('region', { name: 'Process variables for “Approve discount”' });
    expect(await approveOutcome.getByRole('textbox', { name: 'Process variable' }).first().inputValue()).toBe('approvalStatus');
    await approveOutcome.getByRole('button', { name: 'Add variable for “Approve discount”' }).focus();
    await page.keyboard.press('Enter');
    await approveOutcome.getByRole('textbox', { name: 'Process variable' }).last().fill('creditIssued');
    await approveOutcome.getByRole('combobox', { name: 'Kind of value' }).last().focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name: 'Yes or no' }).click();
    expect(await approveOutcome.getByRole('combobox', { name: 'Value' }).last().textContent()).toBe('Yes');
    await approveOutcome.screenshot({ path: join(artifactsDir, `form-builder-outcome.${studio.database}.png`) });

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: /^Saved$/ }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Decision form' }).waitFor();
    expect(await builderFields(page)).toEqual(moved);
    await page.getByRole('button', { name: 'Show decision option APPROVE' }).click();
    const outcomeVariables = page.getByRole('region', { name: 'Process variables for “Approve discount”' }).getByRole('textbox', { name: 'Process variable' });
    // The store keeps an outcome's variables, not their order.
    expect((await Promise.all((await outcomeVariables.all()).map((v) => v.inputValue()))).sort()).toEqual(['approvalStatus', 'creditIssued']);
    await expect.poll(() => previewKeys(page)).toEqual(['decision', 'reasonCode', 'comment', 'evidenceAcknowledgement', 'effectiveDate', 'creditAmount', 'customerInformed']);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Decision form' }).waitFor();
    await studio.screenshot(page, 'form-builder-390');
    // The task type's other fields (the stock array templates) still widen the page at 390 px; held to
    // the phone's width, nothing of the builder, the preview or an outcome table needs more.
    const sections = page.locator('[aria-labelledby="form-builder-title"], [aria-labelledby$="-outcome-title"]');
    const overflowing = await sections.evaluateAll((roots) => {
      const width = document.documentElement.clientWidth - 32;
      return roots.flatMap((root) => {
        (root as HTMLElement).style.maxWidth = `${width}px`;
        const wide = Array.from(root.querySelectorAll('*')).filter((el) => el.getBoundingClientRect().width > width + 1);
        return [...(root.scrollWidth > root.clientWidth + 1 ? [`${root.id || root.tagName} scrolls sideways`] : []), ...wide.map((el) => `${el.tagName}.${String(el.className).slice(0, 60)}`)];
      });
    });
    expect(overflowing).toEqual([]);
    await page.locator('[aria-labelledby="form-builder-title"]').screenshot({ path: join(artifactsDir, `form-builder-390-section.${studio.database}.png`) });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('a published version shows its form read-only, beside the preview; the builder speaks German', async () => {
    const page = await studio.page('gabe');
    await page.goto(`${studio.url}/studio/definitions/TaskType/${ID}/3`);
    await page.getByRole('heading', { name: 'Decision form' }).waitFor();
    const fields = page.getByRole('list', { name: 'Fields of the decision form' });
    expect(await fields.getByRole('listitem').allTextContents()).toEqual([
      'Decision The decision itself',
      'Reason Reason from the reason-code set · required',
      'Comment Free text recorded with the decision',
      'I have reviewed the margin impact and the quote revision Yes or no',
    ]);
    expect(await page.locator('[aria-labelledby="form-builder-title"]').getByRole('button', { name: /^(Move|Edit|Remove|Add field)/ }).count()).toBe(0);
    await page.getByRole('region', { name: "Preview: the case worker's form" }).getByRole('button', { name: 'Reject discount' }).click();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('combobox', { name: 'Language' }).click();
    await page.getByRole('option', { name: 'Deutsch' }).click();
    try {
      await page.getByRole('heading', { name: 'Entscheidungsformular' }).waitFor();
      await page.getByText('Freitext, mit der Entscheidung festgehalten').waitFor();
      await page.getByRole('heading', { name: 'Vorschau: das Formular der Sachbearbeitung' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await page.getByRole('combobox', { name: 'Sprache' }).click();
      await page.getByRole('option', { name: 'English' }).click();
    }
  });
});
