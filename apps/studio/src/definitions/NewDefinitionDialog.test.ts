import { describe, expect, it } from 'vitest';
import { codeFromTitle, codeProblem } from './NewDefinitionDialog.js';

describe('a new definition\'s code', () => {
  it('is proposed from the name', () => {
    expect(codeFromTitle('Credit note approval')).toBe('CREDIT_NOTE_APPROVAL');
    expect(codeFromTitle('  Überprüfung: Gutschrift (EU)  ')).toBe('UBERPRUFUNG_GUTSCHRIFT_EU');
    expect(codeFromTitle('2nd review')).toBe('N2ND_REVIEW');
  });

  it('is checked as it is typed', () => {
    expect(codeProblem('CREDIT_NOTE_APPROVAL')).toBeUndefined();
    expect(codeProblem('')).toBe('code.empty');
    expect(codeProblem('CREDIT__NOTE')).toBe('code.shape');
    expect(codeProblem('_CREDIT')).toBe('code.shape');
    expect(codeProblem('credit')).toBe('code.shape');
    expect(codeProblem('A'.repeat(81))).toBe('code.long');
  });
});
