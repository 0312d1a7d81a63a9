/**
 * Principal ids are compared as canonical ids, everywhere: four-eyes ("the requester may not
 * approve") is only as strong as the comparison behind it, and `"DANA"`, `" dana"` and
 * `"urn:…|dana"` must never be a different person from `dana`. One normalisation (Unicode NFKC,
 * then lower case) and one pattern, applied where an id enters: token subjects, `requestedBy`,
 * `assignee`, `delegateTo`, a business object's `ownerId`.
 */

/**
 * The pattern of a canonical principal id: lower-case letters, digits and `. _ @ + | -`, starting
 * and ending with a letter or digit, at most 255 characters. No whitespace, no `:` or `/` (so an
 * issuer-qualified form such as `urn:mandate:dev-identity|dana` is refused, not read as a new id).
 */
export const PRINCIPAL_ID_PATTERN = /^[a-z0-9](?:[a-z0-9._@+|-]{0,253}[a-z0-9])?$/;

/** The one normalisation of a principal id: NFKC (fullwidth and compatibility forms fold), then lower case. */
export function normalisePrincipalId(raw: string): string {
  return raw.normalize('NFKC').toLowerCase();
}

/**
 * The canonical form of a principal id, or undefined when the normalised text does not match
 * {@link PRINCIPAL_ID_PATTERN}.
 *
 * @example
 * canonicalPrincipalId('DANA'); // 'dana'
 * canonicalPrincipalId(' dana'); // undefined
 * canonicalPrincipalId('urn:mandate:dev-identity|dana'); // undefined
 */
export function canonicalPrincipalId(raw: string): string | undefined {
  const id = normalisePrincipalId(raw);
  return PRINCIPAL_ID_PATTERN.test(id) ? id : undefined;
}
