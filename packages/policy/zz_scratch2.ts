import { shippedPolicy, discountApproval, people } from './test-support/scenario.js';
import { operators, unknownOutcome } from './test-support/fallout.js';
import { allowedActions } from './src/allowedActions.js';
import { validateDecision } from './src/validateDecision.js';
import { visibleView } from './src/visibleView.js';
import { priority } from './src/priority.js';

const approval = shippedPolicy('DISCOUNT_APPROVAL@2');
const base = { decision: 'APPROVE', reasonCode: 'STRATEGIC_CUSTOMER_RETENTION', comment: 'ok', acknowledged: true, expectedBusinessObjectVersion: 12 };

// (a) cross-tenant approval
{
  const actor = { ...people.salesManager, id: 'u-globex-mgr', tenant: 'GLOBEX' };
  const ctx = discountApproval(actor);
  ctx.evidence = { ...ctx.evidence, requestedDiscountPercent: 10 };
  console.log('item tenant', ctx.item.tenant, 'bo tenant', ctx.businessObject.tenant, 'actor', actor.tenant, 'assignee', ctx.item.assignee);
  const claimCtx = { ...ctx, item: { ...ctx.item, state: 'available' as const, assignee: undefined } };
  console.log('(a) CLAIM', (await allowedActions(approval, claimCtx)).actions.find((a) => a.code === 'CLAIM')!.enabled);
  const v = await validateDecision(approval, ctx, base);
  console.log('(a) cross-tenant validate', v.ok, v.violations.map((x) => x.code));
}
// (b) form vs command reason code
{
  const ctx = discountApproval(people.financeApprover);
  const v = await validateDecision(approval, ctx, { ...base, form: { decision: 'APPROVE', reasonCode: 'PRICE_BOOK_EXCEPTION', comment: 'x' } });
  console.log('(b) form says PRICE_BOOK_EXCEPTION:', v.ok, 'requiresSecondApproval', v.requiresSecondApproval);
  const v2 = await validateDecision(approval, ctx, { ...base, reasonCode: 'PRICE_BOOK_EXCEPTION' });
  console.log('(b) command says PRICE_BOOK_EXCEPTION:', v2.ok, 'requiresSecondApproval', v2.requiresSecondApproval);
}
// (c) revision missing on BO snapshot
{
  const ctx = discountApproval(people.financeApprover);
  console.log('item rev', ctx.item.businessObjectRevision, 'bo rev', ctx.businessObject.revision);
  const { revision, ...bo } = ctx.businessObject as any;
  const v = await validateDecision(approval, { ...ctx, businessObject: bo }, base);
  console.log('(c) bo without revision', v.ok, v.violations.map((x) => x.code));
}
// (d) evidence root not an object
{
  const fallout = shippedPolicy('INVENTORY_RESERVATION_UNKNOWN_OUTCOME@2');
  const ctx = unknownOutcome(operators.operator, {});
  (ctx as any).evidence = 'FOUND';
  const acts = (await allowedActions(fallout, ctx)).actions;
  console.log('(d) evidence="FOUND": CONFIRM_RESERVED', acts.find((a) => a.code === 'CONFIRM_RESERVED')!.enabled, 'MARK_EXTERNAL_SUCCESS', acts.find((a) => a.code === 'MARK_EXTERNAL_SUCCESS')!.enabled);
  const v = await validateDecision(fallout, ctx, { decision: 'CONFIRM_RESERVED', reasonCode: 'RESERVATION_FOUND', acknowledged: true, expectedBusinessObjectVersion: 7 });
  console.log('(d) validate', v.ok, v.violations.map((x) => x.code), v.factIssues);
}
// (e) FULFILLMENT_FALLOUT v1 decisions without reconciliation evidence
{
  const ff = shippedPolicy('FULFILLMENT_FALLOUT@1');
  const ctx = unknownOutcome(operators.operator, { status: 'NOT_STARTED' }, 'FULFILLMENT_FALLOUT');
  const acts = (await allowedActions(ff, ctx)).actions;
  for (const c of ['CONFIRM_EXTERNAL_SUCCESS', 'RETRY_STEP', 'MARK_EXTERNAL_SUCCESS']) { const a = acts.find((x) => x.code === c)!; console.log('(e)', c, a.kind, a.enabled, a.disabledReason); }
  const rc = ff.pinned.reasonCodes.codes.filter((c) => c.appliesTo.includes('CONFIRM_EXTERNAL_SUCCESS')).map((c) => c.code);
  const v = await validateDecision(ff, ctx, { decision: 'CONFIRM_EXTERNAL_SUCCESS', reasonCode: rc[0], acknowledged: true, expectedBusinessObjectVersion: 7 });
  console.log('(e) validate CONFIRM_EXTERNAL_SUCCESS with reconciliation NOT_STARTED', rc[0], v.ok, v.violations.map((x) => x.code));
}
// (f) partner trace leak
{
  const ff = shippedPolicy('FULFILLMENT_FALLOUT@1');
  const partner = { id: 'u-partner', roles: ['PARTNER_AGENT'], groups: ['partner-agents'], tenant: 'ACME_US' };
  const ctx = unknownOutcome(partner as any, { status: 'COMPLETED', result: 'NOT_FOUND', responseSummary: 'SECRET-RECON' }, 'FULFILLMENT_FALLOUT');
  const view = await visibleView(ff, ctx);
  console.log('(f) view hides reconciliation:', !('reconciliation' in view.evidence), view.redactedPaths);
  const aa = JSON.stringify(await allowedActions(ff, ctx));
  console.log('(f) allowedActions trace contains reconciliation.result value:', /"path":"reconciliation.result"/.test(aa), aa.match(/"factValue":"(NOT_FOUND)"[^}]*reconciliation/)?.[0]);
}
// (g) restricted audience escape
{
  const ff = shippedPolicy('FULFILLMENT_FALLOUT@1');
  for (const roles of [[], ['PARTNER_AGENT', 'VIEWER']]) {
    const ctx = unknownOutcome({ id: 'u-p', roles, groups: [], tenant: 'ACME_US' } as any, { status: 'COMPLETED', result: 'NOT_FOUND' }, 'FULFILLMENT_FALLOUT');
    (ctx.evidence as any).lastResponseSummary = 'internal detail';
    const view = await visibleView(ff, ctx);
    console.log('(g) roles', JSON.stringify(roles), 'audience', view.audience, 'sees', Object.keys(view.evidence));
  }
}
