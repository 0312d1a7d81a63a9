/** The runtime itself as server state: its health (database, auth mode), asked before anyone signs in. */
import type { MandateClient } from '@mandate/client';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useSessionState } from '../session/SessionContext.js';

/** The query keys of the runtime. */
export const runtimeKeys = {
  health: () => ['runtime', 'health'] as const,
};

/** `GET /healthz`. */
export function healthQuery(anonymous: MandateClient) {
  return queryOptions({ queryKey: runtimeKeys.health(), queryFn: () => anonymous.health() });
}

/** The runtime's health, asked without a token. */
export function useHealth() {
  const { anonymous } = useSessionState();
  return useQuery(healthQuery(anonymous));
}
