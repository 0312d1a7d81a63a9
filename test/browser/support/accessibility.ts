// axe-core over the page as it is now: the WCAG 2.x A and AA rules and axe's best practices, of which a test keeps the
// serious and critical violations at none. Minor and moderate findings are not failures here.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * The serious and critical axe violations of the page, one line each (`rule: help — selectors`),
 * so a failing `expect(...).toEqual([])` names what to fix.
 *
 * @example
 * expect(await seriousAccessibilityViolations(page)).toEqual([]);
 */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  // Legacy mode runs axe in the page itself instead of opening a helper page in the context.
  const results = await new AxeBuilder({ page }).setLegacyMode(true).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
