// A governance admin's whole journey without JSON, in chromium against the real runtime: gabe
// creates the task type CREDIT_NOTE_APPROVAL from scratch with a new reason-code set, an SLA of
// six business hours on the EU calendar and a visibility rule that hides the margin from sales
// reps; he builds its decision form of four fields in the builder and its evidence field by
// field; he tries it on a sample as two people and sees the difference; gina reviews and approves
// it; it is published; an item of the new type is created through the API, a finance approver
// decides it in the generated form, and the audit shows the decision.
import { MandateClient } from '@mandate/client';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './support/accessibility.js';
import { startStudio, type Studio } from './support/studioHarness.js';

let studio: Studio;
let api: MandateClient;

beforeAll(async () => {
  studio = await startStudio();
  api = new MandateClient({ baseUrl: studio.url });
}, 240_000);

afterAll(async () => {
  await studio?.close();
});

const as = async (userId: string) => api.withToken((await api.devToken(userId)).token);

/** A page signed in as `userId` at the 1440 px the authoring screens are judged at. */
async function adminPage(userId: string): Promise<Page> {
  const page = await studio.page(userId);
  await page.setViewportSize({ width: 1440, height: 1000 });
  return page;
}

/** Ticks a switch, radio or checkbox by keyboard (the editor's sticky bar may cover it). */
async function tick(control: Locator, on = true) {
  await control.focus();
  if ((await control.isChecked()) !== on) await control.press('Space');
  expect(await control.isChecked()).toBe(on);
}

/** From the definitions home, "New definition" of a kind with a name; returns the draft's version. */
async function newDefinition(page: Page, kind: string, name: string, code: string): Promise<number> {
  await page.goto(`${studio.url}/studio/definitions`);
  await page.getByRole('button', { name: 'New definition' }).click();
  const dialog = page.getByRole('dialog', { name: 'New definition' });
  await dialog.getByRole('combobox', { name: 'What it is' }).click();
  await page.getByRole('option', { name: kind, exact: true }).click();
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  expect(await dialog.getByRole('textbox', { name: 'Code' }).inputValue()).toBe(code);
  await dialog.getByRole('button', { name: 'Create draft' }).click();
  await page.waitForURL(new RegExp(`/studio/definitions/[A-Za-z]+/${code}/\\d+$`));
  await page.getByRole('button', { name: 'Save draft' }).waitFor();
  return Number(page.url().split('/').pop());
}

/** Picks an option of a chips field: types it and takes the suggestion (or the typed value). */
async function chip(page: Page, field: Locator, value: string) {
  await field.click();
  await field.fill(value);
  const option = page.getByRole('option', { name: value, exact: true });
  if (await option.count()) await option.click();
  else await field.press('Enter');
}

/** Chooses an option of a select, native or not. */
async function choose(page: Page, select: Locator, label: string) {
  if ((await select.evaluate((el) => el.tagName)) === 'SELECT') {
    await select.selectOption({ label });
    return;
  }
  await select.click();
  await page.getByRole('option', { name: label, exact: true }).click();
}

/** Picks a definition version in a reference picker. */
async function reference(page: Page, label: string, option: RegExp) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option }).first().click();
}

async function saveAndSubmit(page: Page) {
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('status').filter({ hasText: /^Saved$/ }).waitFor();
  await page.getByText('No problems found in the last save.').waitFor();
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await page.locator('.status-badge', { hasText: /in review/i }).first().waitFor();
}

/** gina approves and publishes a version gabe submitted (the supporting definitions; the task type is reviewed on screen). */
async function approveAndPublish(kind: string, id: string, version: number) {
  const gina = await as('gina');
  const submitted = await gina.getDefinitionVersion(kind, id, version);
  await gina.approveDefinition(kind, id, version, 'Reviewed.', { contentHash: submitted.contentHash });
  await gina.publishDefinition(kind, id, version, {});
}

const versions: Record<string, number> = {};

describe(`a task type from scratch, without JSON (${process.env.DATABASE_URL ? 'postgresql' : 'pglite'})`, { timeout: 240_000 }, () => {
  it('gabe writes the reason-code set, the SLA and the visibility rule it needs, and gina publishes them', async () => {
    const page = await adminPage('gabe');

    versions.reasons = await newDefinition(page, 'Reason-code set', 'Credit note reasons', 'CREDIT_NOTE_REASONS');
    for (const [index, [code, label, appliesTo]] of [
      ['BILLING_ERROR', 'The invoice was wrong', 'APPROVE'],
      ['GOODWILL', 'Goodwill for a valued customer', 'APPROVE'],
      ['NOT_JUSTIFIED', 'The claim is not justified', 'REJECT'],
    ].entries()) {
      await page.getByRole('button', { name: 'Add reason code' }).click();
      await page.getByRole('textbox', { name: `Code of row ${index + 1}` }).fill(code!);
      await page.getByRole('textbox', { name: `Label of ${code}` }).fill(label!);
      await page.getByRole('textbox', { name: `Decisions ${code} applies to (comma separated)` }).fill(appliesTo!);
      await page.getByRole('combobox', { name: `Risk level of ${code}` }).selectOption('LOW');
    }
    await saveAndSubmit(page);

    versions.sla = await newDefinition(page, 'SLA policy', 'Credit note SLA', 'CREDIT_NOTE_SLA');
    await reference(page, 'Business calendar', /^EU_SALES_CALENDAR v\d+ published/);
    await page.getByRole('spinbutton', { name: 'Due in', exact: true }).fill('6');
    expect(await page.getByRole('combobox', { name: 'Unit of Due in' }).inputValue()).toMatch(/hours/);
    await page.getByRole('combobox', { name: 'Unit of Due in' }).selectOption({ label: 'business hours' });
    await chip(page, page.getByRole('combobox', { name: 'Escalation group' }), 'finance-approvers');
    await page.getByRole('combobox', { name: 'Time counted' }).selectOption({ label: 'Business time (working hours)' });
    await studio.screenshot(page, 'journey-sla');
    await saveAndSubmit(page);
    const sla = await (await as('gabe')).getDefinitionVersion('SlaPolicy', 'CREDIT_NOTE_SLA', versions.sla);
    expect(sla.content).toMatchObject({ calendar: expect.stringMatching(/^EU_SALES_CALENDAR@\d+$/), default: { dueIn: 'PT6H', escalationGroup: 'finance-approvers', basis: 'business' } });

    versions.visibility = await newDefinition(page, 'Visibility policy', 'Credit note visibility', 'CREDIT_NOTE_VISIBILITY');
    await page.getByRole('button', { name: 'Add protected field' }).click();
    await page.getByRole('textbox', { name: 'Evidence field' }).fill('evidence.marginImpactPercent');
    await page.getByRole('combobox', { name: 'Classification' }).selectOption({ label: 'Margin' });
    await chip(page, page.getByRole('combobox', { name: 'Visible to roles' }), 'FINANCE_APPROVER');
    await saveAndSubmit(page);

    await approveAndPublish('ReasonCodeSet', 'CREDIT_NOTE_REASONS', versions.reasons);
    await approveAndPublish('SlaPolicy', 'CREDIT_NOTE_SLA', versions.sla);
    await approveAndPublish('VisibilityPolicy', 'CREDIT_NOTE_VISIBILITY', versions.visibility);
  });

  it('gabe writes the task type: options, a four-field decision form in the builder, evidence, policies; tries it as two people; submits', async () => {
    const page = await adminPage('gabe');
    versions.task = await newDefinition(page, 'Task type', 'Credit note approval', 'CREDIT_NOTE_APPROVAL');

    await page.getByRole('textbox', { name: 'Description' }).fill('A customer asks for a credit note; finance decides whether it is issued.');
    await page.getByRole('combobox', { name: 'Category' }).selectOption({ label: 'Approval' });
    await page.getByRole('textbox', { name: 'Business object type' }).fill('CREDIT_NOTE');
    await chip(page, page.getByRole('combobox', { name: 'Candidate groups' }), 'finance-approvers');

    const options: [string, string, string][] = [
      ['APPROVE', 'Approve credit note', 'The credit note is issued to the customer.'],
      ['REJECT', 'Reject credit note', 'The customer is told the credit note is refused.'],
      ['REQUEST_CHANGES', 'Ask for changes', 'The request goes back to the account manager.'],
    ];
    for (const [code, label, consequence] of options) {
      await page.getByRole('button', { name: 'Add decision option' }).click();
      // The new option is the last row: its fields are the last of their names.
      const section = page.getByRole('region', { name: 'Decision options' });
      await section.getByRole('textbox', { name: 'Code', exact: true }).last().fill(code);
      await section.getByRole('textbox', { name: 'Label', exact: true }).last().fill(label);
      await section.getByRole('textbox', { name: 'Consequence', exact: true }).last().fill(consequence);
      if (code !== 'REQUEST_CHANGES') await tick(section.getByRole('checkbox', { name: 'Requires a reason code' }).last());
    }

    // The decision form: four fields in the builder, one of them only for Reject.
    const addField = async (type: string, label: string) => {
      await page.getByRole('button', { name: 'Add field' }).click();
      await page.getByRole('menuitem', { name: new RegExp(`^${type}`) }).click();
      const input = page.locator('[id$="-settings"]').getByRole('textbox', { name: 'Label', exact: true });
      await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
      await input.fill(label);
    };
    await addField('Amount of money', 'Credit amount');
    await tick(page.getByRole('switch', { name: 'Required' }));
    await addField('Long text', 'Why it is refused');
    await tick(page.getByRole('radio', { name: 'Only some decisions' }));
    const shownFor = page.getByRole('group', { name: 'Decisions Why it is refused is shown for' });
    await tick(shownFor.getByRole('checkbox', { name: 'Reject credit note' }));
    await tick(shownFor.getByRole('checkbox', { name: 'Approve credit note' }), false);
    await tick(shownFor.getByRole('checkbox', { name: 'Ask for changes' }), false);
    await addField('Date', 'Credit date');
    await addField('Acknowledgement', 'The customer was informed');
    const preview = page.getByRole('region', { name: "Preview: the case worker's form" });
    await preview.getByRole('button', { name: 'Reject credit note' }).click();
    await preview.getByText('Why it is refused').first().waitFor();
    await preview.getByRole('button', { name: 'Approve credit note' }).click();
    await expect.poll(() => preview.getByText('Why it is refused').count()).toBe(0);

    // The evidence, field by field.
    const evidence = page.getByRole('region', { name: 'Evidence', exact: true });
    for (const [name, type] of [['customerName', 'Text'], ['creditAmount', 'Number'], ['marginImpactPercent', 'Number']] as const) {
      await evidence.getByRole('button', { name: 'Add evidence field' }).last().click();
      await evidence.getByRole('textbox', { name: 'Field name' }).last().fill(name);
      await choose(page, evidence.getByRole('combobox', { name: 'Type' }).last(), type);
      await tick(evidence.getByRole('checkbox', { name: 'Always present' }).last());
    }

    await reference(page, 'Reason code set', /^CREDIT_NOTE_REASONS v\d+ published/);
    await reference(page, 'SLA policy', /^CREDIT_NOTE_SLA v\d+ published/);
    await reference(page, 'Priority model', /^CPQ_OMS_PRIORITY v\d+ published$/);
    await reference(page, 'Visibility policy', /^CREDIT_NOTE_VISIBILITY v\d+ published/);
    await reference(page, 'Action policy', /^APPROVAL_ACTIONS v\d+ published$/);
    await tick(page.getByRole('checkbox', { name: 'The requester may not decide' }));

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: /^Saved$/ }).waitFor();
    await page.getByText('No problems found in the last save.').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await studio.screenshot(page, 'journey-task-type');

    // Try it on a sample: the margin is hidden from the sales rep and shown to the finance approver.
    const panel = page.getByRole('region', { name: 'Try it' });
    await panel.getByRole('radio', { name: 'A sample item' }).check();
    await panel.getByRole('textbox', { name: /^customer ?name/i }).fill('Globex');
    await panel.getByRole('spinbutton', { name: /^credit ?amount/i }).fill('1200');
    await panel.getByRole('spinbutton', { name: /^margin ?impact ?percent/i }).fill('-2.5');
    const tryAs = async (user: string) => {
      await panel.getByRole('combobox', { name: 'As' }).click();
      await page.getByRole('option', { name: new RegExp(`^${user} `) }).click();
      await panel.getByRole('button', { name: 'Try it' }).click();
      await panel.getByText(new RegExp(`^As ${user} `)).waitFor();
    };
    const margin = panel.locator('tr', { has: page.getByRole('rowheader', { name: /^margin ?impact ?percent/i }) });
    await tryAs('rita');
    await expect.poll(async () => (await margin.locator('td').allTextContents())[0]).toBe('Hidden');
    await tryAs('fiona');
    await expect.poll(async () => (await margin.locator('td').allTextContents())[0]).toBe('Shown');
    await studio.screenshot(page, 'journey-try-it');

    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.locator('.status-badge', { hasText: /in review/i }).first().waitFor();
  });

  it('gina finds it awaiting her review, reads the change, approves and publishes it', async () => {
    const page = await adminPage('gina');
    await page.goto(`${studio.url}/studio/definitions?view=review`);
    await page.getByRole('link', { name: /CREDIT_NOTE_APPROVAL|Credit note approval/ }).first().click();
    await page.waitForURL(new RegExp(`/studio/definitions/TaskType/CREDIT_NOTE_APPROVAL/${versions.task}$`));
    await page.getByText('APPROVE').first().waitFor();
    await page.getByRole('textbox', { name: 'Review comment' }).fill('Clear options, margin stays with finance.');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText(/Approved by gina/).waitFor();
    await studio.screenshot(page, 'journey-review');
    await page.getByRole('button', { name: `Publish v${versions.task}` }).click();
    await page.locator('.status-badge', { hasText: /^(Current|Published)$/ }).first().waitFor();
  });

  it('an item of the new type is created through the API, decided by a finance approver in the generated form, and audited', async () => {
    const cpq = await as('cpq');
    const item = await cpq.createWorkItem({
      taskType: 'CREDIT_NOTE_APPROVAL',
      businessObject: { type: 'CREDIT_NOTE', id: 'CN-2026-0042', version: 1 },
      region: 'EMEA',
      evidence: { customerName: 'Globex', creditAmount: 1200, marginImpactPercent: -2.5 },
    });
    expect(item.taskTypeVersion).toBe(versions.task);

    const fiona = await studio.page('fiona');
    await fiona.goto(`${studio.url}/studio/items/${item.id}`);
    await fiona.getByRole('button', { name: 'Claim' }).click();
    await fiona.getByRole('status').filter({ hasText: 'You claimed the item.' }).waitFor();
    await fiona.getByRole('button', { name: 'Approve credit note' }).click();
    await fiona.getByRole('combobox', { name: /^Reason/ }).selectOption({ label: 'Goodwill for a valued customer' });
    await fiona.getByRole('spinbutton', { name: /^Credit amount/ }).fill('1200');
    await fiona.getByLabel(/^Credit date/).fill('2026-12-09');
    await fiona.getByLabel('The customer was informed').check();
    expect(await fiona.getByText('Why it is refused').count()).toBe(0);
    await fiona.getByRole('button', { name: 'Submit decision' }).click();
    await fiona.getByText(/Decision recorded/).waitFor();
    expect(await seriousAccessibilityViolations(fiona)).toEqual([]);
    await studio.screenshot(fiona, 'journey-decided');

    const decided = await cpq.getWorkItem(item.id);
    expect(decided.state).toBe('decided');
    const aude = await studio.page('aude');
    await aude.goto(`${studio.url}/studio/audit?workItemId=${item.id}`);
    await aude.locator('.audit-event', { hasText: /TaskDecisionSubmitted|Decision submitted/ }).first().waitFor();
    expect(await aude.locator('.audit-event').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/fiona/)]));
    await studio.screenshot(aude, 'journey-audit');
  });
});
