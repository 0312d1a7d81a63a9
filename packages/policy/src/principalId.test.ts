import { describe, expect, it } from 'vitest';
import { canonicalPrincipalId } from './principalId.js';

describe('canonicalPrincipalId', () => {
  it('folds case and compatibility forms to one id', () => {
    expect(canonicalPrincipalId('DANA')).toBe('dana');
    expect(canonicalPrincipalId('Ｄａｎａ')).toBe('dana');
    expect(canonicalPrincipalId('auth0|64ab12')).toBe('auth0|64ab12');
    expect(canonicalPrincipalId('f.jones@example.com')).toBe('f.jones@example.com');
  });

  it('refuses whitespace, issuer-qualified forms and empty or overlong ids', () => {
    for (const raw of [' dana', 'dana ', 'da na', 'urn:mandate:dev-identity|dana', 'https://idp/dana', '', '-dana', 'x'.repeat(256), 'dana\u200b']) {
      expect(canonicalPrincipalId(raw), JSON.stringify(raw)).toBeUndefined();
    }
    expect(canonicalPrincipalId('x'.repeat(255))).toBe('x'.repeat(255));
  });
});
