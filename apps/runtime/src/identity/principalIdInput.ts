import { canonicalPrincipalId } from '@mandate/policy';
import { InputError } from '@mandate/problems';

/**
 * The canonical id of a principal named in a request (`requestedBy`, `assignee`, `delegateTo`, a
 * business object's `ownerId`); 400 `INVALID_PRINCIPAL_ID` when it is none. Four-eyes compares
 * canonical ids, so a spelling of someone else's id never slips past it.
 */
export function principalIdInput(value: string, field: string): string {
  const id = canonicalPrincipalId(value);
  if (id === undefined) {
    throw new InputError('INVALID_PRINCIPAL_ID', `${field} ${JSON.stringify(value.slice(0, 300))} is not a principal id: lower-case letters, digits and . _ @ + | -, starting and ending with a letter or digit, up to 255 characters`, { field });
  }
  return id;
}
