/**
 * The approval warning shown before a decision: what the approval allows against the standard limit,
 * read from the evidence the actor may see. Undefined when the evidence has no such figures.
 */
export function approvalWarning(evidence: Record<string, unknown>): string | undefined {
  const requested = evidence.requestedDiscountPercent;
  const limit = evidence.standardLimitPercent;
  if (typeof requested !== 'number' || typeof limit !== 'number') return undefined;
  const delta = Math.round((requested - limit) * 100) / 100;
  if (delta <= 0) return `This approval allows a ${requested}% discount, within the standard limit of ${limit}%.`;
  return `This approval allows a ${requested}% discount. The standard limit is ${limit}%: exceeded by ${delta} percentage points.`;
}
