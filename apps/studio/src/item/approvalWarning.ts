import type { TFunction } from 'i18next';
import { formatNumber } from '../i18n/i18n.js';

/**
 * The approval warning shown before a decision: what the approval allows against the standard limit,
 * read from the evidence the actor may see, in the words of `t` (the `item` namespace), and whether
 * it exceeds the limit. Undefined when the evidence has no such figures.
 */
export function approvalWarning(evidence: Record<string, unknown>, t: TFunction): { text: string; exceeded: boolean } | undefined {
  const requested = evidence.requestedDiscountPercent;
  const limit = evidence.standardLimitPercent;
  if (typeof requested !== 'number' || typeof limit !== 'number') return undefined;
  const delta = Math.round((requested - limit) * 100) / 100;
  const percent = (value: number) => formatNumber(value / 100, { style: 'percent', maximumFractionDigits: 2 });
  if (delta <= 0) return { text: t('approval.within', { requested: percent(requested), limit: percent(limit) }), exceeded: false };
  return { text: t('approval.exceeded', { requested: percent(requested), limit: percent(limit), delta: formatNumber(delta) }), exceeded: true };
}
