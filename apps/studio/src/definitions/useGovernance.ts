import { useMemo } from 'react';
import { useSession } from '../session/SessionContext.js';
import { governanceApiOf } from './governanceApi.js';

/** The governance calls as the signed-in user, and whether that user may govern (write). */
export function useGovernance() {
  const { client, user } = useSession();
  const api = useMemo(() => governanceApiOf(client), [client]);
  return { api, user, isAdmin: user.roles.includes('GOVERNANCE_ADMIN') };
}
