import { principalIdInput } from '../identity/principalIdInput.js';
import type { CreateWorkItem } from './types.js';

/** The request with its principals in canonical form (400 INVALID_PRINCIPAL_ID for one that is none). */
export function withCanonicalPrincipals(input: CreateWorkItem): CreateWorkItem {
  return { ...input, ...(input.requestedBy !== undefined ? { requestedBy: principalIdInput(input.requestedBy, 'requestedBy') } : {}), businessObject: withCanonicalOwner(input.businessObject) };
}

/** The business object with its owner's id canonical: four-eyes forbids the owner by that id. */
export function withCanonicalOwner(bo: CreateWorkItem['businessObject']): CreateWorkItem['businessObject'] {
  const ownerId = bo.snapshot?.ownerId;
  if (typeof ownerId !== 'string') return bo;
  return { ...bo, snapshot: { ...bo.snapshot, ownerId: principalIdInput(ownerId, 'businessObject.snapshot.ownerId') } };
}
