// The ceiling of a simulation's evidence: what the caller's own projection keeps, by name.
import { describe, expect, it } from 'vitest';
import { withhold } from './withhold.js';

describe('withhold', () => {
  it("cuts what the caller's projection lacks, naming each cut path, and keeps the rest", () => {
    const shown = { quoteId: 'Q-1', marginImpactPercent: -4.2, lines: [{ sku: 'A', costBasis: 610 }, { sku: 'B', costBasis: 700 }], notes: { internal: 'x', public: 'y' } };
    const allowed = { quoteId: 'Q-1', lines: [{ sku: 'A' }, { sku: 'B' }], notes: { public: 'y' } };
    const withheld: string[] = [];
    expect(withhold(shown, allowed, 'evidence', withheld)).toEqual({ quoteId: 'Q-1', lines: [{ sku: 'A' }, { sku: 'B' }], notes: { public: 'y' } });
    expect(withheld).toEqual(['evidence.marginImpactPercent', 'evidence.lines[0].costBasis', 'evidence.lines[1].costBasis', 'evidence.notes.internal']);
  });

  it('hides a whole array element the projection hid (null), and a member whose shape the projection does not share', () => {
    const withheld: string[] = [];
    expect(withhold({ lines: [{ sku: 'A' }, { sku: 'B' }], extra: { a: 1 } }, { lines: [{ sku: 'A' }, null], extra: 'flat' }, 'evidence', withheld)).toEqual({ lines: [{ sku: 'A' }, null] });
    expect(withheld).toEqual(['evidence.lines[1]', 'evidence.extra']);
  });

  it('keeps nothing the caller may not see even where the simulated side shows it and the caller sees a sibling', () => {
    const withheld: string[] = [];
    expect(withhold({ a: 1, b: 2 }, { a: 1 }, 'evidence', withheld)).toEqual({ a: 1 });
    expect(withhold({ a: 1 }, { a: 1, b: 2 }, 'evidence', [])).toEqual({ a: 1 });
    expect(withheld).toEqual(['evidence.b']);
  });
});
