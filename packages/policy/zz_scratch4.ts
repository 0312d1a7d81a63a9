import { shippedPolicy, discountApproval, people } from './test-support/scenario.js';
import { sla } from './src/sla/sla.js';
import { priority } from './src/priority.js';
import { allowedActions } from './src/allowedActions.js';
import { operators, unknownOutcome } from './test-support/fallout.js';
import { addBusinessMinutes, isWorkingInstant, prepareCalendar } from './src/sla/businessCalendar.js';
const p = shippedPolicy('DISCOUNT_APPROVAL@2');
const ctx = discountApproval(people.director);
ctx.item = { ...ctx.item, createdAt: '2026-07-02T08:00:00' , dueAt: '2026-07-02T16:00:00' };
ctx.now = '2026-07-02T15:30:00';
const s = await sla(p, ctx);
const pr = await priority(p, ctx);
console.log(process.env.TZ, s.dueAt, s.state, pr.priorityScore, pr.reasons.join(','));
// partner priority/sla trace
const ff = shippedPolicy('FULFILLMENT_FALLOUT@1');
const partner = { id: 'u-partner', roles: ['PARTNER_AGENT'], groups: ['partner-agents'], tenant: 'ACME_US' };
const c2 = unknownOutcome(partner as any, { status: 'COMPLETED', result: 'NOT_FOUND' }, 'FULFILLMENT_FALLOUT');
c2.businessObject = { ...c2.businessObject, totalAmount: 987654, customerTier: 'PLATINUM' };
const t = JSON.stringify(await priority(ff, c2));
console.log('partner priority trace has totalAmount:', t.includes('987654'));
// 24:00 end
const cal = prepareCalendar({ kind: 'BusinessCalendar', id: 'X', version: 1, status: 'draft', title: 'x', timeZone: 'Europe/Berlin', workingHours: [{ days: ['MON','TUE','WED','THU','FRI'], from: '16:00', to: '24:00' }] } as any);
const due = addBusinessMinutes(cal, Date.parse('2026-07-03T14:00:00Z'), 480);
console.log('24:00 case due', new Date(due).toISOString(), 'isWorkingInstant', isWorkingInstant(cal, due));
